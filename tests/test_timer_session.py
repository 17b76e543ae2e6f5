"""Timers in a real session: the CLI in a subprocess, the real clock, input kept open."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.support.live_cli import LiveCli

GUIDE = """\
id: timed
title: Timed guide
language: en
intro: Steps that wait.
time: 10 minutes
needs:
  - name: eggs
    amount: 2
steps:
  - title: Start
    text: Get ready.
  - title: Boil and soak
    text: Put the eggs in. Leave them.
    time: 2 seconds
  - title: Cool
    text: Cool them down.
    time: {cool}
  - title: Eat
    text: Eat them.
"""
TOLERANCE = 0.2


def guide_file(tmp_path: Path, cool: str = "3 seconds") -> Path:
    path = tmp_path / "timed.en.yaml"
    path.write_text(GUIDE.format(cool=cool), encoding="utf-8")
    return path


def test_a_2_second_timer_fires_on_time_while_the_person_goes_on(tmp_path: Path) -> None:
    cli = LiveCli(str(guide_file(tmp_path)))
    try:
        cli.say("2")
        cli.wait_for("This takes about two seconds")
        cli.say("start the timer")
        _, started = cli.wait_for("Timer set for two seconds: step 2, Boil and soak.")
        cli.say("next")  # the guide reads the next step while the timer runs
        cli.wait_for("Step 3 of 4: Cool.")
        line, ended = cli.wait_for("is done", timeout=10)
        assert line.strip() == "The timer for step 2, Boil and soak, is done."
        assert 2.0 - TOLERANCE <= ended - started <= 2.0 + TOLERANCE
        cli.say("where am I")  # still at the step the person went on to
        cli.wait_for("You are at step 3 of 4")
    finally:
        code, err = cli.close()
    assert code == 0 and "Traceback" not in err


def test_two_timers_at_once_each_named_after_its_step(tmp_path: Path) -> None:
    cli = LiveCli(str(guide_file(tmp_path)), "--jsonl", "-")
    try:
        cli.say("2")
        cli.say("start the timer")
        cli.say("next")
        cli.say("start the timer")
        _, started = cli.wait_for("Timer set for three seconds")
        cli.say("how much time is left")
        line, _ = cli.wait_for('"intent": "timer_left"')
        say = json.loads(line)["say"]
        assert say.startswith("The timer for step 2, Boil and soak, has ")
        assert "The timer for step 3, Cool, has " in say
        first, _ = cli.wait_for('"intent": "timer_done"', timeout=10)
        second, ended = cli.wait_for('"intent": "timer_done"', timeout=10)
        assert json.loads(first)["say"] == "The timer for step 2, Boil and soak, is done."
        assert json.loads(second)["say"] == "The timer for step 3, Cool, is done."
        assert json.loads(second)["heard"] is None
        assert ended - started <= 3.0 + TOLERANCE
    finally:
        code, err = cli.close()
    assert code == 0 and "Traceback" not in err


def test_timers_survive_kill_9_and_a_restart(tmp_path: Path, private_state_dir: Path) -> None:
    path = guide_file(tmp_path, cool="4 seconds")
    cli = LiveCli(str(path), "--save-position")
    cli.say("2")
    cli.say("start the timer")
    cli.say("next")
    cli.say("start the timer")
    cli.wait_for("Timer set for four seconds: step 3, Cool.")
    saved = json.loads((private_state_dir / "timed.en.json").read_text(encoding="utf-8"))
    assert [timer["step"] for timer in saved["timers"]] == [2, 3]
    cli.kill()
    assert cli.proc.returncode == -signal.SIGKILL
    time.sleep(2.2)  # the 2-second timer ends while the guide is not running
    again = LiveCli(str(path), "--save-position")
    try:
        opening, _ = again.wait_for("while you were away")
        assert opening.startswith(
            "The timer for step 2, Boil and soak, ended while you were away. "
            "The timer for step 3, Cool, is still running: "
        )
        assert "You were at step 3 of 4" in opening
        line, _ = again.wait_for("is done", timeout=10)
        assert line.strip() == "The timer for step 3, Cool, is done."
    finally:
        code, err = again.close()
    assert code == 0 and "Traceback" not in err


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_bundled_eggs_guide_reads_needs_and_time(lang: str) -> None:
    question = {"en": "what do I need", "nl": "wat heb ik nodig"}[lang]
    cli = LiveCli(f"soft-boiled-eggs.{lang}")
    try:
        cli.say(question)
        line, _ = cli.wait_for({"en": "You need:", "nl": "U hebt nodig:"}[lang])
        assert "eggs" in line or "eieren" in line
    finally:
        code, err = cli.close()
    assert code == 0 and "Traceback" not in err


def test_ctrl_c_while_a_timer_runs_gives_the_terminal_back(tmp_path: Path) -> None:
    """The line being read on the listening thread must not leave the terminal without echo."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real CLI on a pseudo-terminal
        os.execv(sys.executable, [sys.executable, "-m", "voice", "--text", "--mute",
                                  str(guide_file(tmp_path))])  # fmt: skip
    seen = read_until(fd, b"to begin", 30)
    os.write(fd, b"2\n")
    os.write(fd, b"set a timer for 30 seconds\n")
    seen += read_until(fd, b"Timer set", 30)
    deadline = time.monotonic() + 10
    while termios.tcgetattr(fd)[3] & termios.ECHO and time.monotonic() < deadline:
        time.sleep(0.05)  # until readline, on the listening thread, reads the next line
    assert not termios.tcgetattr(fd)[3] & termios.ECHO
    os.write(fd, b"\x03")
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 130, seen
    assert termios.tcgetattr(fd)[3] & termios.ECHO
    os.close(fd)


def read_until(fd: int, marker: bytes, timeout: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            seen += os.read(fd, 4096)
    assert marker in seen, seen
    return seen
