"""The guides one can open by name: the bundled ones plus the person's own guides folder.

The folder is ``--guides DIR``, else ``$VOICE_GUIDE_GUIDES_DIR``, else ``guides/`` in the
platform's user data dir; ``voice-guide import --save`` writes there. A guide there shadows a
bundled one of the same name, so a person can keep an edited copy.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import platformdirs

from voice.errors import GuideError
from voice.guide.bundled import SUFFIXES, bundled_guides, looks_like_file, unknown_guide
from voice.guide.loader import load_guide
from voice.guide.model import Guide

GUIDES_DIR_ENV = "VOICE_GUIDE_GUIDES_DIR"
"""Environment variable naming the person's guides folder (tests, portable installs)."""


class Origin(str, Enum):
    """Where a guide in the library comes from."""

    USER = "user"
    BUNDLED = "bundled"


@dataclass(frozen=True)
class LibraryEntry:
    """One guide that can be opened by name."""

    name: str
    """What ``voice-guide NAME`` takes: the file name without ``.yaml`` (``amazon-chat.nl``)."""
    path: Path
    origin: Origin
    guide: Guide


@dataclass(frozen=True)
class Library:
    """Every guide available by name, the person's first; files that did not load apart."""

    entries: tuple[LibraryEntry, ...]
    problems: tuple[GuideError, ...] = ()
    """Guide script files in the folders that did not load (named by ``voice-guide guides``)."""

    def find(self, name: str) -> LibraryEntry | None:
        """The entry called ``name``; the person's own before a bundled one."""
        return next((entry for entry in self.entries if entry.name == name), None)

    def names(self) -> list[str]:
        """Every name once, in listing order."""
        return list(dict.fromkeys(entry.name for entry in self.entries))

    def resolve(self, name: str) -> Path:
        """A file path as given, or the path of the guide called ``name``; ``UnknownGuideError``
        (one line listing the names there are) for anything else."""
        if looks_like_file(name):
            return Path(name)
        entry = self.find(name)
        if entry is None:
            raise unknown_guide(name, self.names())
        return entry.path


def resolve_name(name: str, user_dir: Path) -> Path:
    """``Library.resolve`` without reading every guide when ``name`` is a file path."""
    return Path(name) if looks_like_file(name) else load_library(user_dir).resolve(name)


def user_guides_dir(override: str | None = None, env: Mapping[str, str] | None = None) -> Path:
    """``--guides DIR``, else ``$VOICE_GUIDE_GUIDES_DIR``, else the user data dir's ``guides``."""
    env = os.environ if env is None else env
    if override:
        return Path(override)
    if env.get(GUIDES_DIR_ENV):
        return Path(env[GUIDES_DIR_ENV])
    return Path(platformdirs.user_data_dir("voice-guide", appauthor=False)) / "guides"


def guide_files(folder: Path) -> list[Path]:
    """The guide script files directly in ``folder``, sorted; none if it does not exist."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    except OSError:  # no folder yet (nothing saved), or unreadable: no user guides
        return []


def load_library(user_dir: Path) -> Library:
    """The person's guides, then the bundled ones; a file that does not load is kept aside."""
    entries: list[LibraryEntry] = []
    problems: list[GuideError] = []
    sources = [(path, Origin.USER) for path in guide_files(user_dir)]
    sources += [(path, Origin.BUNDLED) for path in bundled_guides()]
    for path, origin in sources:
        try:
            entries.append(LibraryEntry(path.stem, path, origin, load_guide(path)))
        except GuideError as err:
            problems.append(err)
    return Library(tuple(entries), tuple(problems))
