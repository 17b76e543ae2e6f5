"""The guides that ship with voice-guide, found by name (``amazon-chat.nl``) or used by default.

They are package data (``voice.guide.bundled_guides``, mapped from the repository's ``scripts/``
folder in pyproject.toml) and found with ``importlib.resources``, so a wheel, an sdist and an
editable install all find them the same way; nothing here knows where the repository is.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from voice.errors import GuideError, Location

BUNDLED_PACKAGE = "voice.guide.bundled_guides"
"""The data package holding the bundled guide script files."""
SUFFIXES = (".yaml", ".yml")
"""What a guide script file's name ends with; a name without one may be a bundled guide."""
DEFAULT_NAME = "amazon-chat.en"
"""The guide used when none is named."""


class UnknownGuideError(GuideError):
    """A name that is neither a guide script file nor an available guide: bad input, exit 2."""


def bundled_dir() -> Path:
    """The folder of the bundled guides. pip always installs unpacked (wheel, sdist, editable),
    so the package's resources are files on disk and a ``Path`` serves every reader."""
    return Path(str(resources.files(BUNDLED_PACKAGE)))


def bundled_guides() -> list[Path]:
    """Every bundled guide script file, sorted by name."""
    return sorted(p for p in bundled_dir().iterdir() if p.suffix in SUFFIXES)


def bundled_names() -> list[str]:
    """The names ``voice-guide NAME`` takes for the bundled guides: the file name without
    ``.yaml``."""
    return [path.stem for path in bundled_guides()]


DEFAULT_GUIDE = bundled_dir() / f"{DEFAULT_NAME}.yaml"


def looks_like_file(name: str) -> bool:
    """A name the person meant as a file: it exists, or it ends in ``.yaml``/``.yml``."""
    return Path(name).exists() or Path(name).suffix in SUFFIXES


def resolve_guide(name: str | None) -> Path:
    """A path, or the name of a bundled guide ('amazon-chat.nl'); the English guide by default.

    Raises ``UnknownGuideError`` (one line listing the bundled names) for anything else, so a
    typo is told apart from a missing file.
    """
    if name is None:
        return DEFAULT_GUIDE
    if looks_like_file(name):
        return Path(name)
    bundled = {path.stem: path for path in bundled_guides()}
    if name in bundled:
        return bundled[name]
    raise unknown_guide(name, list(bundled))


def unknown_guide(name: str, available: list[str]) -> UnknownGuideError:
    """The one-line error for a name that is no file and no available guide."""
    return UnknownGuideError(
        [
            (
                Location(name),
                "no such guide script file or guide name; available guides: "
                f"{', '.join(available) or 'none'} (see voice-guide guides)",
            )
        ]
    )
