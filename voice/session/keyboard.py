"""Text fallback mode's input: the keyboard with line editing and history, or piped lines."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO, Any

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
        self._terminal = _terminal_mode(self._stream) if self._interactive else None
        """The terminal's mode at the start, put back on close: a line being read on another
        thread (while a timer runs) leaves readline's raw mode behind when the session ends."""
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
        _set_terminal_mode(self._stream, self._terminal)
        if not self._interactive or self._history is None:
            return
        try:
            import readline

            self._history.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(self._history)
        except (ImportError, OSError):
            return


def _terminal_mode(stream: IO[str]) -> Any:
    """The terminal's termios attributes; ``None`` where there are none (Windows, no tty)."""
    try:
        import termios
    except ImportError:
        return None
    try:
        return termios.tcgetattr(stream.fileno())
    except (termios.error, OSError, ValueError):
        return None


def _set_terminal_mode(stream: IO[str], mode: Any) -> None:
    if mode is None:
        return
    import termios  # there is a mode, so there is termios

    with contextlib.suppress(termios.error, OSError, ValueError):
        termios.tcsetattr(stream.fileno(), termios.TCSADRAIN, mode)
