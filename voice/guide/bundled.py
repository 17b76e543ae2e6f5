"""The guides that ship with voice-guide, found by name (``amazon-chat.nl``) or used by default."""

from __future__ import annotations

from pathlib import Path

BUNDLED_DIR = Path(__file__).resolve().parents[2] / "scripts"
"""The bundled guides (the package is installed in editable mode from the repository)."""
DEFAULT_GUIDE = BUNDLED_DIR / "amazon-chat.en.yaml"


def resolve_guide(name: str | None) -> Path:
    """A path, or the name of a bundled guide ('amazon-chat.nl'); the English guide by default."""
    if name is None:
        return DEFAULT_GUIDE
    path = Path(name)
    if path.exists() or path.suffix in (".yaml", ".yml"):
        return path
    bundled = BUNDLED_DIR / f"{name}.yaml"
    return bundled if bundled.exists() else path


def bundled_guides() -> list[Path]:
    """Every bundled guide script file, sorted by name."""
    return sorted(BUNDLED_DIR.glob("*.yaml"))
