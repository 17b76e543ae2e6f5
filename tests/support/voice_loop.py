"""Drive the real ``voice-guide`` CLI through PulseAudio null sinks: the acoustic loop.

Shared by tests/test_acoustic_loop.py and benchmarks/bench_loop.py. The app runs as a subprocess
in voice mode; its microphone is ``PULSE_SOURCE`` (a sink's monitor), its voice goes to
``PULSE_SINK``. Commands are espeak-ng WAVs played into the "room" sink; ``SinkMonitor``s time
the sound on both sinks and keep it, so what the app said can be recognised back.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.pulse import PulseServer
from tests.support.sink_monitor import SinkMonitor
from tests.support.synth import speak
from voice.guide.model import Guide
from voice.speech_in.grammar import CommandGrammar
from voice.speech_in.pocketsphinx_engine import PocketsphinxDecoder

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


class StepReader:
    """Tells which step a reply announces by recognising its opening words, "Step 3 of 5", against
    a grammar of the possible openings: a closed-set choice that espeak-ng speech through
    pocketsphinx gets right, where a free-form transcript of the whole step is mostly noise."""

    def __init__(self, guide: Guide) -> None:
        total = NUMBERS[len(guide.steps) - 1]
        openings = tuple(f"step {NUMBERS[n]} of {total}" for n in range(len(guide.steps)))
        self._decoder = PocketsphinxDecoder(CommandGrammar("en", openings))

    def step(self, monitor: SinkMonitor, since: float) -> tuple[int | None, str]:
        """The step number the next reply on ``monitor`` after ``since`` opens with."""
        start = monitor.wait_sound(since, timeout=15)
        if start is None:
            return None, "(no sound)"
        time.sleep(max(0.0, start + 2.5 - time.monotonic()))  # "Step N of M" and its pause
        first = next((s for s in monitor.spans(start, gap=0.15) if s.end - s.start > 0.4), None)
        if first is None:
            return None, "(no opening words)"
        text = ""
        # The opening as one span; under load the player can stutter inside it and split it
        # (a short "Step" apart from "three of five"), so windows from the first sound are tried
        # too, against the same closed grammar.
        windows = ((first.start, first.end), (start, first.end), (start, start + 1.6))
        for begin, end in (*windows, (start, start + 2.0)):
            text = self._decoder.decode_command(monitor.audio(begin, end)).text
            if len(text.split()) > 1:
                break
        words = text.split()
        return (NUMBERS.index(words[1]) + 1 if len(words) > 1 else None), text

    def close(self) -> None:
        self._decoder.close()


def start_loop(server: PulseServer, leak: bool, home: Path) -> tuple[VoiceApp, SinkMonitor]:
    """The app plus a monitor on the sink it speaks into ("room" when it leaks, else "speaker")."""
    sink = "room" if leak else "speaker"
    monitor = SinkMonitor(server, sink)
    app = VoiceApp(server, sink=sink, source="room.monitor", home=home)
    return app, monitor
