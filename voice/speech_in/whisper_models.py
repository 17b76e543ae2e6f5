"""Whisper (CTranslate2) models: the catalogue of official conversions, fetching, finding them.

A faster-whisper model is a folder of four files (``model.bin``, ``config.json``,
``tokenizer.json``, ``vocabulary.txt``). The catalogue (``data/whisper-models.json``) names the
official SYSTRAN conversions pinned to a revision, each file with its URL, size and sha256, so a
fetch is verified file by file with the same resumable ``download`` the vosk models use.
Installed models live beside the vosk ones: ``<root>/whisper-tiny.en/`` with the marker file
``voice-guide-model.json`` (``engine: whisper``). The engine only ever loads a model by path:
nothing here or in the adapter asks a model hub for anything at run time.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voice.errors import ModelError
from voice.speech_in.download import Expected, download
from voice.speech_in.model_discovery import MARKER, MODEL_ENV, ModelNotFoundError

WHISPER_FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")
"""What a faster-whisper model folder holds; ``model.bin`` and the tokenizer are required."""
MULTILINGUAL = "multi"
"""Catalogue ``lang`` of a model that hears every Whisper language."""
DEFAULT_MODELS: Mapping[str, str] = {"en": "whisper-tiny.en"}
"""The model ``run.sh`` and the hints offer per language; other languages get the multilingual."""
MULTILINGUAL_DEFAULT = "whisper-base"
BASE_URL = "https://huggingface.co"
"""Official files: ``<base>/<repo>/resolve/<revision>/<file>`` (fetched on request only)."""


@dataclass(frozen=True)
class ModelFile:
    """One file of a catalogued model."""

    path: str
    """File name inside the model folder."""
    expected: Expected
    """Published size and sha256 (from the repository's LFS pointer or its pinned bytes)."""


@dataclass(frozen=True)
class WhisperEntry:
    """One downloadable Whisper model, pinned to a revision of its official repository."""

    name: str
    """Folder and fetch name, e.g. ``whisper-tiny.en``."""
    lang: str
    """``en`` for an English-only model, ``multi`` for a multilingual one."""
    repo: str
    """Official repository, e.g. ``Systran/faster-whisper-tiny.en``."""
    revision: str
    """Commit the files are pinned to."""
    files: tuple[ModelFile, ...]
    size_text: str = ""

    def url(self, file: ModelFile, base_url: str | None = None) -> str:
        """Where one file is fetched from (``base_url`` replaces the official host, for mirrors)."""
        if base_url:
            return f"{base_url.rstrip('/')}/{self.name}/{file.path}"
        return f"{BASE_URL}/{self.repo}/resolve/{self.revision}/{file.path}"

    def hears(self, language: str) -> bool:
        return self.lang in (language, MULTILINGUAL)


def parse_whisper_catalogue(data: Any, source: str) -> list[WhisperEntry]:
    """Entries of ``whisper-models.json``; a malformed entry is an error (we ship the file)."""
    if not isinstance(data, list):
        raise ModelError(f"{source}: expected a JSON list of models")
    try:
        return [_whisper_entry(item) for item in data]
    except (KeyError, TypeError, ValueError) as err:
        raise ModelError(f"{source}: malformed model entry ({err})") from err


def _whisper_entry(item: dict[str, Any]) -> WhisperEntry:
    files = tuple(
        ModelFile(f["path"], Expected(size=int(f["size"]), sha256=str(f["sha256"]).lower()))
        for f in item["files"]
    )
    return WhisperEntry(
        str(item["name"]),
        str(item["lang"]),
        str(item["repo"]),
        str(item["revision"]),
        files,
        str(item.get("size_text", "")),
    )


def whisper_catalogue() -> list[WhisperEntry]:
    """The bundled catalogue of official Whisper conversions."""
    path = Path(__file__).parents[1] / "data" / "whisper-models.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return parse_whisper_catalogue(data, "voice/data/whisper-models.json")


def whisper_entry(name: str) -> WhisperEntry | None:
    """The catalogued model called ``name`` (``whisper-tiny.en``), or ``None``."""
    return next((e for e in whisper_catalogue() if e.name == name), None)


def default_whisper_name(language: str) -> str:
    """The model to suggest for a guide in ``language``."""
    return DEFAULT_MODELS.get(language, MULTILINGUAL_DEFAULT)


def is_whisper_model(path: Path) -> bool:
    """A faster-whisper model folder: CTranslate2 weights plus the tokenizer beside them."""
    return (path / "model.bin").is_file() and (path / "tokenizer.json").is_file()


def whisper_language(path: Path) -> str:
    """``en`` for an English-only model, else ``multi``: from the marker, config or the name.

    English-only Whisper models have a vocabulary of 51864 tokens, multilingual ones 51865 or
    more; the conversions' ``config.json`` lists no languages, so the folder name (``*.en``) and
    the marker are what tell."""
    try:
        marked = json.loads((path / MARKER).read_text(encoding="utf-8")).get("lang")
    except (OSError, ValueError, AttributeError):
        marked = None
    if marked:
        return str(marked)
    return "en" if path.name.endswith(".en") else _lang_from_vocabulary(path)


def _lang_from_vocabulary(path: Path) -> str:
    try:
        with (path / "vocabulary.txt").open(encoding="utf-8") as handle:
            tokens = sum(1 for _ in handle)
    except OSError:
        return MULTILINGUAL
    return "en" if tokens < 51865 else MULTILINGUAL


def find_whisper_model(
    language: str, explicit: Path | None, env: Mapping[str, str], roots: Sequence[Path]
) -> Path | None:
    """The Whisper model for ``language``: ``--model`` / ``$VOICE_GUIDE_MODEL`` when it is one,
    else the catalogued models in each root, the language's own model first.

    An explicit path that is not a Whisper model returns ``None`` (it may be a vosk model); one
    that is but cannot hear the guide's language raises ``ModelNotFoundError``.
    """
    for given, origin in ((explicit, "--model"), (_env_path(env), MODEL_ENV)):
        if given is not None:
            return _checked(given, origin, language)
    for root in roots:
        for name in _preferred_names(language):
            if is_whisper_model(root / name):
                return root / name
    return None


def _env_path(env: Mapping[str, str]) -> Path | None:
    value = env.get(MODEL_ENV, "").strip()
    return Path(value).expanduser() if value else None


def _checked(path: Path, origin: str, language: str) -> Path | None:
    if not is_whisper_model(path):
        return None
    actual = whisper_language(path)
    if actual not in (language, MULTILINGUAL):
        raise ModelNotFoundError(
            f"{origin} {path}: Whisper model for '{actual}' only, the guide is '{language}'"
        )
    return path


def _preferred_names(language: str) -> list[str]:
    entries = [e for e in whisper_catalogue() if e.hears(language)]
    own = [e.name for e in entries if e.lang == language]
    return [*own, *(e.name for e in entries if e.lang != language)]


def fetch_whisper(entry: WhisperEntry, root: Path, base_url: str | None, attempts: int) -> Path:
    """Download and verify every file of ``entry``, then move the folder into ``root`` whole."""
    part_dir = root / ".downloads" / entry.name
    for file in entry.files:
        download(
            entry.url(file, base_url),
            part_dir / f"{file.path}.part",
            file.expected,
            f"{entry.name}/{file.path}",
            attempts,
        )
    return _install(entry, part_dir, root)


def fetch_named(name: str, root: Path, attempts: int = 3) -> Path:
    """``voice-guide models fetch whisper-tiny.en``: the catalogued model called ``name``."""
    entry = whisper_entry(name)
    if entry is None:
        known = ", ".join(e.name for e in whisper_catalogue())
        raise ModelError(f"no Whisper model called '{name}' (known: {known})")
    return fetch_whisper(entry, root, whisper_base_url(), attempts)


def _install(entry: WhisperEntry, part_dir: Path, root: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=root))
    target = root / entry.name
    try:
        model = staging / "model"
        model.mkdir()
        for file in entry.files:
            (part_dir / f"{file.path}.part").rename(model / file.path)
        marker = {"name": entry.name, "lang": entry.lang, "engine": "whisper", "source": entry.repo}
        (model / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        if target.exists():
            target.rename(staging / "old")
        model.rename(target)
    except OSError as err:
        raise ModelError(f"cannot move the model into {target}: {err}") from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(part_dir, ignore_errors=True)
    return target


def whisper_base_url() -> str | None:
    """``$VOICE_GUIDE_WHISPER_BASE_URL``: a mirror laid out as ``<base>/<name>/<file>``."""
    return os.environ.get("VOICE_GUIDE_WHISPER_BASE_URL") or None


def whisper_listing(roots: Sequence[Path]) -> list[str]:
    """Lines for ``voice-guide models list``: installed Whisper models, then fetchable ones."""
    lines = ["whisper models installed:"]
    here = [root / e.name for root in roots for e in whisper_catalogue()]
    found = [p for p in here if is_whisper_model(p)]
    lines += [f"  {whisper_language(p):<6} {p.name:<34} {p}" for p in found] or ["  (none)"]
    lines.append("whisper models known (voice-guide models fetch NAME):")
    names = {p.name for p in found}
    for entry in whisper_catalogue():
        mark = "  installed" if entry.name in names else ""
        lines.append(f"  {entry.lang:<6} {entry.name:<34} {entry.size_text}{mark}")
    return lines
