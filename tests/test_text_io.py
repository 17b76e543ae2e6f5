"""Text mode at a real terminal (a pseudo-terminal): prompt, wrapped replies, kept history."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from pathlib import Path

from tests.support.waiting import wait_exit
from tests.test_cli import ROOT, command


def _read_until(fd: int, marker: bytes, timeout: float = 30.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
    return seen


def _session_at_a_terminal(state: Path, typed: list[bytes]) -> bytes:
    """Run voice-guide --text on a pty, type each line after a prompt, then Ctrl-D."""
    main, child = pty.openpty()
    env = {**os.environ, "VOICE_GUIDE_STATE_DIR": str(state), "COLUMNS": "60"}
    process = subprocess.Popen(
        [*command(), "--text", "--mute", "--fresh"],
        stdin=child,
        stdout=child,
        stderr=child,
        cwd=ROOT,
        env=env,
    )
    os.close(child)
    screen = _read_until(main, b"> ")
    for line in typed:
        os.write(main, line)
        screen += _read_until(main, b"> ")
    os.write(main, b"\x04")
    wait_exit(process, 30, "voice-guide at a terminal after Ctrl-D")
    screen += _read_until(main, b"\n", timeout=1)
    os.close(main)
    return screen


def test_terminal_session_wraps_replies_and_keeps_history(tmp_path: Path) -> None:
    screen = _session_at_a_terminal(tmp_path, [b"go to step four\r"])
    assert b"Step 4 of 5" in screen
    assert all(len(line) <= 60 for line in screen.decode().splitlines())
    history = (tmp_path / "history").read_text()
    assert "go to step four" in history
    again = _session_at_a_terminal(tmp_path, [b"\x1b[A\r"])  # arrow up: the last command
    assert b"Step 4 of 5" in again
