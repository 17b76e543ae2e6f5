"""Text fallback mode's input: the keyboard with line editing and history, or piped lines."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO

from voice.session.ports import Heard

HISTORY_LENGTH = 500


class TextListener:
    """Reads one utterance per line; an interactive terminal gets readline editing and history."""

    def __init__(
        self, stream: IO[str] | None = None, prompt: str = "> ", history: Path | None = None
    ) -> None:
        self._stream = stream or sys.stdin
        self._interactive = self._stream.isatty()
        self._prompt = prompt
        self._history = history
        if self._interactive:
            self._load_history()

    def listen(self) -> Heard | None:
        while True:
            line = self._read()
            if line is None:
                return None
            if line.strip():
                return Heard(line.strip(), source="text")

    def _read(self) -> str | None:
        if self._interactive:
            try:
                return input(self._prompt)
            except EOFError:
                return None
        line = self._stream.readline()
        return line if line else None

    def _load_history(self) -> None:
        try:
            import readline
        except ImportError:  # Windows without pyreadline: plain input() still works
            return
        readline.set_history_length(HISTORY_LENGTH)
        if self._history is not None and self._history.exists():
            with contextlib.suppress(OSError):
                readline.read_history_file(self._history)

    def close(self) -> None:
        if not self._interactive or self._history is None:
            return
        try:
            import readline

            self._history.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(self._history)
        except (ImportError, OSError):
            return
