"""Listen to a PulseAudio sink's monitor live: levels with arrival times, and the audio itself.

The acoustic loop test and ``benchmarks/bench_loop.py`` need to know *when* sound happened on a
sink (the last sample of the command played into "room", the first sample of the reply on
"speaker"), not only what a finished recording holds. ``SinkMonitor`` reads ``parec`` raw PCM in
10 ms blocks on a thread and stamps each block with ``time.monotonic()`` as it arrives; two
monitors on the same server have the same path latency, so differences between them are true.
"""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass

import numpy as np

from tests.support.pulse import PulseServer

RATE = 16_000
BLOCK = RATE // 100  # 10 ms
LOUD = 0.01
"""RMS above which a block counts as sound (espeak speech is ~0.05-0.2, digital silence 0)."""


@dataclass(frozen=True)
class Span:
    """A stretch of sound on the sink."""

    start: float
    """Arrival time (monotonic) of its first loud block."""
    end: float
    """Arrival time of its last loud block."""


class SinkMonitor:
    """A live ``parec`` of ``<sink>.monitor``; ``close()`` ends it."""

    def __init__(self, server: PulseServer, sink: str) -> None:
        self._process = subprocess.Popen(
            ["parec", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1",
             "--latency-msec=10", "--device", f"{sink}.monitor"],
            env=server.client_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self._lock = threading.Lock()
        self._times: list[float] = []
        self._levels: list[float] = []
        self._pcm: list[bytes] = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        self.wait_blocks(20, timeout=10.0)

    def _read(self) -> None:
        stream = self._process.stdout
        while stream is not None:
            data = stream.read(BLOCK * 2)
            if len(data) < BLOCK * 2:
                return
            samples = np.frombuffer(data, "<i2").astype(np.float64) / 32768.0
            with self._lock:
                self._times.append(time.monotonic())
                self._levels.append(float(np.sqrt(np.mean(samples**2))))
                self._pcm.append(data)

    def wait_blocks(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while len(self._times) < count:
            if time.monotonic() > deadline:
                raise TimeoutError("the sink monitor delivers no audio")
            time.sleep(0.01)

    def spans(self, since: float = 0.0, gap: float = 0.5) -> list[Span]:
        """Sound after ``since``, stretches closer than ``gap`` seconds merged."""
        with self._lock:
            loud = [t for t, level in zip(self._times, self._levels, strict=True) if level > LOUD]
        spans: list[Span] = []
        for t in (t for t in loud if t >= since):
            if spans and t - spans[-1].end <= gap:
                spans[-1] = Span(spans[-1].start, t)
            else:
                spans.append(Span(t, t))
        return spans

    def wait_quiet(self, since: float, quiet: float = 0.8, timeout: float = 60.0) -> Span | None:
        """Wait until there has been sound after ``since`` followed by ``quiet`` s of silence."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            spans = self.spans(since, gap=quiet)
            if spans and time.monotonic() - spans[-1].end >= quiet:
                return Span(spans[0].start, spans[-1].end)
            time.sleep(0.05)
        return None

    def wait_sound(self, since: float, timeout: float = 10.0) -> float | None:
        """Arrival time of the first loud block after ``since``, waiting up to ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            spans = self.spans(since)
            if spans:
                return spans[0].start
            time.sleep(0.01)
        return None

    def audio(self, start: float, end: float) -> bytes:
        """16 kHz mono PCM of the blocks that arrived between ``start`` and ``end``."""
        with self._lock:
            return b"".join(
                pcm for t, pcm in zip(self._times, self._pcm, strict=True) if start <= t <= end
            )

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=5)
        self._thread.join(timeout=2)
