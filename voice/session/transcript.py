"""``--transcript FILE``: the conversation written down as it happens, for the person to keep.

Unlike the ``--jsonl`` event log (for tools and tests), a transcript is for people: wall-clock
times, who said what. The file's extension picks the form: ``.jsonl`` / ``.ndjson`` give JSON
Lines, anything else Markdown. Each turn is flushed at once, so a crash loses nothing said before
it; a second session appends to the same file under its own heading.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import IO

from voice.dialog.engine import State
from voice.errors import BadInputError
from voice.guide.model import Guide
from voice.session.loop import TurnRecord

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
Clock = Callable[[], datetime]


class TranscriptError(BadInputError):
    """The transcript file cannot be opened or written."""


def local_now() -> datetime:
    """The wall clock with the local time zone, as transcripts show it."""
    return datetime.now().astimezone()


def is_jsonl(path: Path) -> bool:
    return path.suffix.lower() in JSONL_SUFFIXES


class TranscriptSink:
    """A ``TurnSink`` writing each turn (heard, said, time) to the transcript file."""

    def __init__(self, path: Path, guide: Guide, clock: Clock = local_now) -> None:
        self.path = path
        self._jsonl = is_jsonl(path)
        self._clock = clock
        try:
            self._stream: IO[str] = open(path, "a", encoding="utf-8")  # noqa: SIM115
        except OSError as err:
            raise TranscriptError(
                f"{path}: cannot write the transcript: {err.strerror or err}"
            ) from err
        if not self._jsonl:
            self._write(markdown_heading(guide, clock()))

    def record(self, turn: TurnRecord, state: State) -> None:
        when = self._clock()
        text = jsonl_line(turn, when) if self._jsonl else markdown_turn(turn, when)
        self._write(text)

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError) as err:  # ValueError: written after close
            raise TranscriptError(f"{self.path}: cannot write the transcript: {err}") from err

    def close(self) -> None:
        self._stream.close()


def markdown_heading(guide: Guide, when: datetime) -> str:
    """The heading of one session in a Markdown transcript."""
    return (
        f"\n# {guide.title}\n\nTranscript started {when:%Y-%m-%d %H:%M:%S %z}, "
        f"guide file `{guide.source}`.\n\n"
    )


def markdown_turn(turn: TurnRecord, when: datetime) -> str:
    """One turn in Markdown: what was heard (with its source), then what was said."""
    clock = f"{when:%H:%M:%S}"
    lines = []
    if turn.heard is not None:
        source = f" ({turn.source})" if turn.source and turn.source != "text" else ""
        lines.append(f"**{clock} You{source}:** {_inline(turn.heard)}\n\n")
    if turn.say:
        lines.append(f"**{clock} Guide:** {_inline(turn.say)}\n\n")
    return "".join(lines)


def _inline(text: str) -> str:
    """One paragraph, with the characters that would start Markdown markup escaped."""
    text = " ".join(text.split())
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def jsonl_line(turn: TurnRecord, when: datetime) -> str:
    """One turn as a JSON object on its own line."""
    data = {
        "time": when.isoformat(timespec="milliseconds"),
        "turn": turn.turn,
        "heard": turn.heard,
        "source": turn.source,
        "said": turn.say,
        "intent": turn.intent,
        "step": turn.step,
    }
    return json.dumps(data, ensure_ascii=False) + "\n"
