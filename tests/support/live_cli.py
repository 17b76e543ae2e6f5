"""The real CLI in a subprocess with a pipe for stdin that stays open, read line by line.

Piped input reaching its end ends a session, so tests of what happens while a person is silent
(timers) write to the pipe as they go and close it only at the end.
"""

from __future__ import annotations

import select
import subprocess
import sys
import time
from pathlib import Path

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

    def say(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def wait_for(self, text: str, timeout: float = 30.0) -> tuple[str, float]:
        """The first line holding ``text`` and the ``time.monotonic()`` it was read at."""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.05)
            line = self.proc.stdout.readline() if ready else ""
            if text in line:
                return line, time.monotonic()
            if ready and not line:
                break  # the program ended
        raise AssertionError(f"no line with {text!r} within {timeout} s")

    def close(self, timeout: float = 30.0) -> tuple[int, str]:
        """End the input, wait for the program; (exit status, stderr)."""
        assert self.proc.stdin is not None and self.proc.stderr is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=timeout)
        return self.proc.returncode, self.proc.stderr.read()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.communicate(timeout=30)
