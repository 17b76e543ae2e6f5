"""Never lose the person's place: the position in each guide, saved after every turn.

One small JSON file per guide id and language in the user's state dir, replaced atomically (temp
file, fsync, rename), so a crash or ``kill -9`` at any moment leaves either the old or the new
position, never a torn file. Inside, a place is keyed by the guide's content too (the steps'
fingerprint): the latest place at the top, the places of other versions of the same id under
``others``. So an edited copy of a guide, or a different guide that happens to share its id,
does not take over the original's place: it is matched to the latest place as a *changed* guide
(and the person is told), and the original finds its own place again when it is opened.
Deciding *where* to resume in a guide that changed since is pure
(``opening``); only ``PositionStore`` touches files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from voice.dialog.engine import State
from voice.dialog.timers import Timer
from voice.errors import UnavailableError
from voice.guide.model import Guide
from voice.session.loop import TurnRecord

STATE_DIR_ENV = "VOICE_GUIDE_STATE_DIR"
"""Environment variable overriding where positions are kept (tests, portable installs)."""
FORMAT_VERSION = 1
MAX_OTHERS = 8
"""Places kept for other versions (contents) of the same guide id, most recent first."""
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class ResumeError(UnavailableError):
    """The position file cannot be written (read-only or full disk); the session goes on."""


@dataclass(frozen=True)
class Position:
    """Where a person was in one guide, as saved on disk."""

    step: int
    """1-based step number."""
    tip: int
    """Number of the tip read last; 0 when none."""
    title: str
    """Title of that step, to find it again when steps were added or removed."""
    total: int
    """Number of steps the guide had."""
    fingerprint: str
    """Hash of all step titles and texts: tells whether the guide changed since."""
    timers: tuple[Timer, ...] = ()
    """Timers running when the position was saved, deadlines in wall-clock seconds."""


@dataclass(frozen=True)
class Opening:
    """How a session starts: the engine's first state, and whether the guide changed."""

    state: State
    changed: bool = False
    """The guide's steps differ from when the position was saved."""


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    """The directory for saved positions: ``$VOICE_GUIDE_STATE_DIR`` or the platform's state dir."""
    env = os.environ if env is None else env
    if env.get(STATE_DIR_ENV):
        return Path(env[STATE_DIR_ENV])
    import platformdirs  # imported late: only sessions that resume need it

    return Path(platformdirs.user_state_dir("voice-guide", appauthor=False))


def fingerprint(guide: Guide) -> str:
    """Stable hash of the steps (not tips or FAQ: only steps decide what a position means)."""
    data = json.dumps([[step.title, step.text] for step in guide.steps], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def position_of(guide: Guide, state: State) -> Position | None:
    """The position to save for a state; ``None`` when there is nothing to come back to."""
    if state.step < 1 or state.step > len(guide.steps) or state.finished:
        return None
    return Position(
        step=state.step,
        tip=state.tip,
        title=guide.steps[state.step - 1].title,
        total=len(guide.steps),
        fingerprint=fingerprint(guide),
        timers=state.timers,
    )


def opening(saved: Position | None, guide: Guide) -> Opening:
    """Where to start: the saved step, the same step found by title, or the beginning."""
    if saved is None:
        return Opening(State())
    changed = saved.fingerprint != fingerprint(guide)
    step = _find_step(saved, guide) if changed else saved.step
    if not 1 <= step <= len(guide.steps):
        return Opening(State(), changed=True)
    tip = min(max(saved.tip, 0), len(guide.tips))
    state = State(step=step, tip=tip, resuming=True, timers=saved.timers)
    return Opening(state, changed=changed)


def _find_step(saved: Position, guide: Guide) -> int:
    """Same index if the title is still there, else the nearest step with that title, else 0."""
    titles = [_same(step.title) for step in guide.steps]
    wanted = _same(saved.title)
    if 1 <= saved.step <= len(titles) and titles[saved.step - 1] == wanted:
        return saved.step
    matches = [number for number, title in enumerate(titles, start=1) if title == wanted]
    return min(matches, key=lambda number: abs(number - saved.step), default=0)


def _same(title: str) -> str:
    return " ".join(title.casefold().split())


class PositionStore:
    """Saved positions, one file per guide id and language tag in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._known: dict[Path, list[Position]] = {}
        """Every place per file as last read or written: a save every turn need not re-read."""

    def path_for(self, guide: Guide) -> Path:
        name = _UNSAFE.sub("_", f"{guide.id or 'guide'}.{guide.language or 'und'}")
        return self.directory / f"{name}.json"

    def load(self, guide: Guide) -> Position | None:
        """The place saved for this content of the guide, else the latest one for its id (which
        ``opening`` then treats as a changed guide); ``None`` if none or unreadable."""
        places = self._places(guide)
        mine = fingerprint(guide)
        return next((p for p in places if p.fingerprint == mine), places[0] if places else None)

    def _places(self, guide: Guide) -> list[Position]:
        """Every saved place of this id and language, latest first; ``[]`` for a bad file."""
        try:
            data = json.loads(self.path_for(guide).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        latest = _position(data)
        if latest is None:
            return []
        others = data.get("others") if isinstance(data.get("others"), list) else []
        parsed = (_position({"version": FORMAT_VERSION, **o}) for o in others if type(o) is dict)
        return [latest, *(p for p in parsed if p is not None)]

    def save(self, guide: Guide, position: Position) -> None:
        """Make ``position`` the latest place, keeping other contents' places; atomically.
        Raises ``ResumeError`` if it cannot."""
        path = self.path_for(guide)
        if path not in self._known:
            self._known[path] = self._places(guide)
        others = [p for p in self._known[path] if p.fingerprint != position.fingerprint]
        self._write(guide, [position, *others])

    def forget(self, guide: Guide) -> None:
        """Remove this content's place (the guide was finished); the file goes with the last."""
        mine = fingerprint(guide)
        places = self._places(guide)
        rest = [p for p in places if p.fingerprint != mine]
        if rest and len(rest) < len(places):
            self._write(guide, rest)
        elif not rest:
            self._known.pop(self.path_for(guide), None)
            with contextlib.suppress(FileNotFoundError):
                self.path_for(guide).unlink()

    def _write(self, guide: Guide, places: list[Position]) -> None:
        latest, *others = places
        data: dict[str, Any] = {
            "version": FORMAT_VERSION,
            "guide": guide.id,
            "language": guide.language,
            **asdict(latest),
        }
        if others:
            data["others"] = [asdict(p) for p in others[:MAX_OTHERS]]
        self._known[self.path_for(guide)] = [latest, *others[:MAX_OTHERS]]
        try:
            _write_atomically(self.path_for(guide), json.dumps(data, ensure_ascii=False) + "\n")
        except OSError as err:
            raise ResumeError(
                f"{self.directory}: cannot save the position: {err.strerror or err}"
            ) from err


def _position(data: Any) -> Position | None:
    """A position from parsed JSON, or ``None`` for anything malformed (never an exception)."""
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        return None
    try:
        position = Position(
            step=data["step"],
            tip=data["tip"],
            title=data["title"],
            total=data["total"],
            fingerprint=data["fingerprint"],
            timers=_timers(data.get("timers", [])),
        )
    except (KeyError, TypeError, ValueError):
        return None
    numbers_ok = all(type(n) is int for n in (position.step, position.tip, position.total))
    texts_ok = isinstance(position.title, str) and isinstance(position.fingerprint, str)
    return position if numbers_ok and texts_ok else None


def _timers(data: Any) -> tuple[Timer, ...]:
    """Saved timers; a malformed entry raises ``TypeError``/``ValueError`` (file ignored)."""
    return tuple(_timer(item) for item in data)


def _timer(item: Any) -> Timer:
    number, step, seconds = int(item["number"]), int(item["step"]), int(item["seconds"])
    return Timer(number, step, str(item["name"]), seconds, float(item["deadline"]))


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open directories, nor needs to."""
    if sys.platform == "win32":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ResumeSink:
    """A ``TurnSink`` that saves the position after every turn that changed it."""

    def __init__(self, store: PositionStore, guide: Guide, warn: IO[str]) -> None:
        self._store = store
        self._guide = guide
        self._warn = warn
        self._last: Position | str | None = None
        self._failed = False

    def record(self, turn: TurnRecord, state: State) -> None:
        position = position_of(self._guide, state)
        key = position or (FINISHED if state.finished else None)
        if self._failed or key == self._last:
            return
        self._last = key
        try:
            if position is not None:
                self._store.save(self._guide, position)
            elif state.finished:
                self._store.forget(self._guide)
        except (ResumeError, OSError) as err:
            self._failed = True  # one warning, then the session goes on without saving
            self._warn.write(f"voice-guide: {err}\n")

    def close(self) -> None:
        pass


FINISHED = "finished"
"""Marker for 'the guide was finished and its position forgotten' in ``ResumeSink``."""
