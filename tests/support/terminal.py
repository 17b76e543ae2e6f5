"""The real CLI in a pseudo-terminal: keys typed into it, its screen read back, its mode checked.

Push to talk reads single keys from a terminal, so its tests need one: the program runs with a
pty's slave as stdin, stdout and stderr and as its controlling terminal (so Ctrl-C typed into
the pty reaches it as SIGINT, the way a person's does). The test keeps the slave open to read
the terminal's mode (``termios.tcgetattr``) during the session and after the program has ended;
a thread reads everything the program writes from the master side, with arrival times.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import struct
import subprocess
import sys
import termios
import threading
import time
from typing import Any

from tests.support.live_cli import REPO

READ_POLL = 0.05


def _take_terminal() -> None:
    """In the child, after ``setsid``: make stdin (the pty) the controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class TerminalApp:
    """``python -m voice ARGS`` on a fresh pty; ``close()`` ends it and closes the pty."""

    def __init__(self, *args: str, env: dict[str, str]) -> None:
        self.master, self.slave = os.openpty()
        os.set_blocking(self.master, False)
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        self.initial_mode = termios.tcgetattr(self.slave)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "voice", *args],
            cwd=REPO, env=env, stdin=self.slave, stdout=self.slave, stderr=self.slave,
            start_new_session=True, preexec_fn=_take_terminal,
        )  # fmt: skip
        self._lock = threading.Lock()
        self._screen: list[tuple[float, str]] = []
        self._done = threading.Event()
        self._reader = threading.Thread(target=self._read, name="pty reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while not self._done.is_set():
            ready, _, _ = select.select([self.master], [], [], READ_POLL)
            if not ready:
                continue
            try:
                data = os.read(self.master, 4096)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:  # EIO: no process has the slave open any more
                return
            with self._lock:
                self._screen.append((time.monotonic(), data.decode("utf-8", "replace")))

    @property
    def screen(self) -> str:
        """Everything the program wrote so far (line ends as the terminal made them)."""
        with self._lock:
            return "".join(text for _, text in self._screen)

    def type(self, keys: bytes) -> float:
        """Type ``keys`` into the terminal; the time they were typed."""
        os.write(self.master, keys)
        return time.monotonic()

    def wait_for(self, text: str, timeout: float, since: int = 0) -> int:
        """Wait until ``text`` is on the screen after character ``since``; its end offset.
        Fails with the screen when it does not come in time."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.screen.find(text, since)
            if found >= 0:
                return found + len(text)
            if self.process.poll() is not None:
                time.sleep(READ_POLL * 2)  # what it wrote last is still in the pty
                found = self.screen.find(text, since)
                if found >= 0:
                    return found + len(text)
                break
            time.sleep(READ_POLL)
        raise AssertionError(f"{text!r} not on the screen within {timeout} s:\n{self.screen}")

    def turns(self) -> list[dict[str, Any]]:
        """The ``--jsonl -`` records on the screen so far."""
        lines = self.screen.replace("\r", "").splitlines()
        return [json.loads(line) for line in lines if line.startswith('{"turn"')]

    def wait_turn(self, number: int, timeout: float) -> dict[str, Any]:
        """The record of turn ``number`` once it is on the screen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [turn for turn in self.turns() if turn["turn"] == number]
            if found:
                return found[0]
            time.sleep(READ_POLL)
        raise AssertionError(f"no turn {number} within {timeout} s; screen:\n{self.screen}")

    def mode(self) -> list[Any]:
        """The terminal's termios attributes now."""
        return termios.tcgetattr(self.slave)

    def wait_exit(self, timeout: float) -> int:
        """The exit status; kills the program and fails when it runs on after ``timeout`` s."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
            raise AssertionError(
                f"still running after {timeout} s, killed; screen:\n{self.screen}"
            ) from None

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self._done.set()
        self._reader.join(timeout=5)
        for fd in (self.master, self.slave):
            os.close(fd)


def canonical(mode: list[Any]) -> bool:
    """Whether a terminal mode reads whole lines and echoes them (the shell's usual mode)."""
    flags = mode[3]
    return bool(flags & termios.ICANON) and bool(flags & termios.ECHO)
