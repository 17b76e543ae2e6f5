"""The real CLI in a subprocess with a pipe for stdin that stays open, read line by line.

Piped input reaching its end ends a session, so tests of what happens while a person is silent
(timers) write to the pipe as they go and close it only at the end. A thread reads stdout and
notes when each line arrived (``select`` on the pipe would miss lines already buffered).
"""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent.parent


class LiveCli:
    """``voice-guide --text ...`` with stdin, stdout and stderr as pipes."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "voice", "--text", *args],
            cwd=REPO,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._lines: queue.Queue[tuple[str, float] | None] = queue.Queue()
        assert self.proc.stdout is not None
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._lines.put((line, time.monotonic()))
        self._lines.put(None)

    def say(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def wait_for(self, text: str, timeout: float = 30.0) -> tuple[str, float]:
        """The first line holding ``text`` and the ``time.monotonic()`` it arrived at."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                item = self._lines.get(timeout=left)
            except queue.Empty:
                break
            if item is None:
                break  # the program ended
            if text in item[0]:
                return item
        raise AssertionError(f"no line with {text!r} within {timeout} s")

    def close(self, timeout: float = 30.0) -> tuple[int, str]:
        """End the input, wait for the program; (exit status, stderr)."""
        assert self.proc.stdin is not None and self.proc.stderr is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=timeout)
        return self.proc.returncode, self.proc.stderr.read()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=30)
