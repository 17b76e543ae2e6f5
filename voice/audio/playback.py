"""Playing PCM on the sound device through a player process that can be killed at once.

Why a process (``pacat`` for PulseAudio/PipeWire, else ``aplay`` for ALSA) and not pyttsx3's own
playback: the espeak driver plays each utterance with a blocking ``aplay`` call after the whole
text is synthesised, which is slow to first sound and cannot be interrupted. A player process
fed through a pipe starts as soon as the first sentence is ready, stops the instant it is
killed, and if the device hangs the write deadline notices and kills it: a hung sound device
never hangs the session.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from voice.errors import SpeechError

LATENCY_MS = 40
"""Device buffer asked for: small, so the first sentence is heard at once and stop is instant."""
WRITE_SLACK = 2.0
"""Seconds a device may fall behind real time before it counts as hung."""
_POLL = 0.02


class PlaybackError(SpeechError):
    """No sound device, or the player failed or hung."""


class PlaybackStalled(PlaybackError):
    """The player is alive but fell ``WRITE_SLACK`` behind: a hung device, or one starved of
    CPU for a moment on a busy machine; only the second stall in a row tells them apart."""


@dataclass(frozen=True)
class PlayerCommand:
    """How to start a player for raw mono 16-bit PCM at a given rate."""

    name: str
    """``pacat`` or ``aplay``: what the notice and the tests show."""
    build: Callable[[int], list[str]]
    """Sample rate -> command line reading raw PCM on stdin."""


def _pacat(rate: int) -> list[str]:
    return ["pacat", "--playback", "--raw", "--format=s16le", f"--rate={rate}", "--channels=1",
            f"--latency-msec={LATENCY_MS}", "--client-name=voice-guide",
            "--stream-name=reply"]  # fmt: skip


def _aplay(rate: int) -> list[str]:
    return ["aplay", "-q", "-t", "raw", "-f", "S16_LE", f"-r{rate}", "-c1",
            f"--buffer-time={LATENCY_MS * 2000}", "-"]  # fmt: skip


PACAT = PlayerCommand("pacat", _pacat)
APLAY = PlayerCommand("aplay", _aplay)


def choose_player(pulse_running: bool, alsa_plays: bool) -> PlayerCommand | None:
    """PulseAudio/PipeWire first (it mixes with other programs), then raw ALSA, else nothing."""
    if pulse_running:
        return PACAT
    return APLAY if alsa_plays else None


def probe_player() -> tuple[PlayerCommand | None, str]:
    """The player that works here and a reason when none does (runs ``pactl`` / ``aplay`` once)."""
    pulse = shutil.which("pacat") is not None and _succeeds(["pactl", "info"], b"")
    alsa = (
        not pulse
        and shutil.which("aplay") is not None
        and _succeeds(
            ["aplay", "-q", "-t", "raw", "-f", "S16_LE", "-r22050", "-c1", "-"], bytes(441)
        )
    )
    player = choose_player(pulse, alsa)
    return player, "" if player else "no audio output device (no PulseAudio server, ALSA failed)"


def _succeeds(command: Sequence[str], data: bytes) -> bool:
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


class Playback:
    """One reply's audio going to the device; feed sentences, then ``finish()`` or ``kill()``."""

    def __init__(self, player: PlayerCommand, rate: int, cancelled: threading.Event) -> None:
        self.rate = rate
        self._cancelled = cancelled
        try:
            self._process = subprocess.Popen(
                player.build(rate), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )  # fmt: skip
        except OSError as err:
            raise PlaybackError(f"cannot start {player.name}: {err}") from err
        self._name = player.name
        self._fd = self._process.stdin.fileno() if self._process.stdin else -1
        os.set_blocking(self._fd, False)
        self._started = time.monotonic()
        self._progress = self._started
        self._fed = 0.0

    def feed(self, pcm: bytes) -> None:
        """Queue audio; returns early (silently) once cancelled, raises if the device hangs."""
        view = memoryview(pcm)
        self._progress = time.monotonic()
        while view and not self._cancelled.is_set():
            written = self._write_some(view)
            if written:
                # Counted as it goes: a long sentence is written at the player's real-time pace.
                view = view[written:]
                self._fed += written / 2 / self.rate
                self._progress = time.monotonic()
            elif time.monotonic() > self._expected_end + WRITE_SLACK:
                self.kill()
                raise PlaybackStalled(f"{self._name} stopped taking audio (device hung?)")

    @property
    def _expected_end(self) -> float:
        """When what was fed should have been heard, allowing for pauses between sentences."""
        return max(self._started + self._fed, self._progress)

    def _write_some(self, view: memoryview) -> int:
        _, writable, _ = select.select([], [self._fd], [], _POLL)
        if not writable:
            return 0
        try:
            return os.write(self._fd, view[:65536])
        except BlockingIOError:
            return 0
        except OSError as err:  # broken pipe: the player exited, or was killed by stop()
            if self._cancelled.is_set():
                return len(view)
            raise PlaybackError(f"{self._name} failed: {self._error_text()}") from err

    def finish(self) -> None:
        """Wait until everything fed has been heard (or cancelled); raises if the player failed."""
        if self._process.stdin:
            with contextlib.suppress(OSError):  # the player is gone; its exit status says why
                self._process.stdin.close()
        deadline = self._expected_end + WRITE_SLACK + 1.0
        while self._process.poll() is None:
            if self._cancelled.is_set() or time.monotonic() > deadline:
                self.kill()
                return
            time.sleep(_POLL)
        if self._process.returncode != 0 and not self._cancelled.is_set():
            raise PlaybackError(f"{self._name} failed: {self._error_text()}")

    def kill(self) -> None:
        """Silence now: buffered audio in the player is dropped with it (any thread may call)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=5)

    def close(self) -> None:
        """Kill if still playing and release the pipe; only the thread that feeds calls this."""
        self.kill()
        if self._process.stdin and not self._process.stdin.closed:
            with contextlib.suppress(OSError):
                self._process.stdin.close()
        if self._process.stderr:
            self._process.stderr.close()

    def _error_text(self) -> str:
        if self._process.poll() is None:
            self.kill()
        raw = self._process.stderr.read() if self._process.stderr else b""
        text = raw.decode(errors="replace").strip().splitlines()
        return text[-1] if text else f"exit status {self._process.returncode}"
