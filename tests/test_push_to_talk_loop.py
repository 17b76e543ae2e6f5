"""Push to talk, as a person uses it: the real program in a terminal, the space key typed into it.

A pseudo-terminal is the program's terminal (tests/support/terminal.py); a private PulseAudio
loop_server's "room" sink monitor is its microphone, and espeak-ng commands are played into "room";
its voice goes to "speaker", whose monitor tells when it talks. Speech without a push must be
ignored, speech after a tap or during a hold answered, a press must cut the reply short, and
the terminal must have its own mode back however the program ends.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from tests.support.pulse import PulseServer
from tests.support.sink_monitor import SinkMonitor
from tests.support.terminal import TerminalApp, canonical
from tests.support.voice_loop import LOOP_MARKS, command_wav, play_command
from tests.support.waiting import join
from voice.session.push_keys import HINT, INTRO

pytestmark = LOOP_MARKS

REPEAT_DELAY = 0.5
REPEAT_EVERY = 0.04
"""A held key as a terminal sends it: one space, a pause, then a space every 40 ms."""


def start_app(loop_server: PulseServer, home: Path, *more: str) -> TerminalApp:
    env = loop_server.client_env(sink="speaker", source="room.monitor")
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
    env.pop("VOICE_GUIDE_MODEL", None)
    args = ("amazon-chat.en", "--fresh", "--jsonl", "-", "--stt", "pocketsphinx", *more)
    return TerminalApp(*args, "--push-to-talk", env=env)


class HeldKey:
    """Space held down: typed once, then repeated until ``release()``."""

    def __init__(self, app: TerminalApp) -> None:
        self._app = app
        self._released = threading.Event()
        self._thread = threading.Thread(target=self._run, name="held space", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self._app.type(b" ")
        if self._released.wait(REPEAT_DELAY):
            return
        while not self._released.wait(REPEAT_EVERY):
            self._app.type(b" ")

    def release(self) -> float:
        self._released.set()
        join(self._thread, 5, "the held key's thread")
        return time.monotonic()


def test_only_pushed_speech_is_answered_and_a_press_cuts_the_reply(
    loop_server: PulseServer, tmp_path: Path
) -> None:
    speaker = SinkMonitor(loop_server, "speaker")
    app = start_app(loop_server, tmp_path)
    wavs = tmp_path / "wav"
    try:
        assert app.wait_turn(0, timeout=60)["intent"] == "start"
        app.wait_for(INTRO, timeout=30)
        assert not canonical(app.mode()), "the keys are read one by one while it listens"
        assert speaker.wait_sound(0.0, timeout=30) is not None, app.screen

        # Speech with no push: the room is not listened to, the welcome goes on.
        ended = play_command(loop_server, command_wav("go to step three", wavs))
        time.sleep(3.0)
        assert [turn["turn"] for turn in app.turns()] == [0], app.turns()
        assert speaker.spans(ended), "the welcome stopped without a push"

        # A tap while the guide speaks cuts the reply short, then listens.
        pressed = app.type(b" ")
        time.sleep(2.5)
        assert speaker.spans(pressed - 1.0), "no welcome to cut"
        assert speaker.spans(pressed + 1.0) == [], "the welcome went on after the press"
        play_command(loop_server, command_wav("go to step three", wavs))
        turn = app.wait_turn(1, timeout=20)
        assert (turn["intent"], turn["step"], turn["source"]) == ("goto", 3, "pocketsphinx")

        # A hold listens through a pause; the release, not the pause, ends the utterance.
        held = HeldKey(app)
        time.sleep(0.5)  # the reply stops, its echo dies away (MicConfig.tail): then speak
        play_command(loop_server, command_wav("go to", wavs))
        time.sleep(1.0)
        play_command(loop_server, command_wav("step four", wavs))
        time.sleep(0.3)
        assert [turn["turn"] for turn in app.turns()] == [0, 1], "the pause ended the hold"
        held.release()
        turn = app.wait_turn(2, timeout=20)
        assert (turn["intent"], turn["step"]) == ("goto", 4), turn

        # Another key gets a hint; Ctrl-C silences the reply, then ends the session.
        app.type(b"x")
        app.wait_for(HINT, timeout=5)
        app.type(b"\x03")
        time.sleep(1.0)
        if app.process.poll() is None:
            app.type(b"\x03")
        assert app.wait_exit(timeout=30) == 130
        assert app.mode() == app.initial_mode
    finally:
        app.close()
        speaker.close()


def test_killed_the_terminal_gets_its_mode_back(loop_server: PulseServer, tmp_path: Path) -> None:
    app = start_app(loop_server, tmp_path, "--mute")
    try:
        app.wait_for(INTRO, timeout=60)
        assert not canonical(app.mode())
        os.kill(app.process.pid, signal.SIGTERM)
        assert app.wait_exit(timeout=30) == 128 + signal.SIGTERM
        assert app.mode() == app.initial_mode
    finally:
        app.close()


def test_a_lost_microphone_leaves_text_mode_a_normal_terminal(
    loop_server: PulseServer, tmp_path: Path
) -> None:
    app = start_app(loop_server, tmp_path, "--mute")
    try:
        app.wait_for(INTRO, timeout=60)
        loop_server.stop()
        app.wait_for("the microphone stopped delivering audio; using text mode", timeout=30)
        app.type(b"next\n")
        app.wait_for('"step": 1', timeout=30)
        app.type(b"stop\n")
        assert app.wait_exit(timeout=30) == 0
        assert app.mode() == app.initial_mode
    finally:
        app.close()
