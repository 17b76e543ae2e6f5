"""Rooms to listen in: generated noise and where speech lies in a clip, for tests and benchmarks.

Shared by tests/test_vad.py and benchmarks/bench_endpoint.py so both put speech in the same
noise and judge it against the same span of speech.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]


def speech_span(samples: Floats, rate: int) -> tuple[int, int]:
    """First and last sample of the speech in a short clip: its 10 ms frames within 30 dB of the
    loudest and 10 dB over the quietest quarter (real clips carry their own room noise)."""
    size = rate // 100
    count = samples.size // size
    frames = samples[: count * size].reshape(count, size)
    level = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    peak = level.max()
    floor = max(peak - 30, float(np.percentile(level, 25)) + 10)
    loud = np.flatnonzero(level >= min(floor, peak - 6))
    return int(loud[0]) * size, (int(loud[-1]) + 1) * size


def shaped_noise(count: int, rate: int, rng: np.random.Generator, exponent: float) -> Floats:
    """Noise whose power falls as 1/f**exponent (1: pink, 2: brown), 20 Hz-8 kHz, RMS 1."""
    spectrum = np.fft.rfft(rng.normal(0, 1, count))
    freqs = np.fft.rfftfreq(count, 1 / rate)
    band = (freqs > 20) & (freqs < 8000)
    spectrum *= np.where(band, 1 / np.maximum(freqs, 20) ** (exponent / 2), 0)
    noise = np.fft.irfft(spectrum, count)
    return noise / np.sqrt(np.mean(noise**2))


def fan_noise(count: int, rate: int, rng: np.random.Generator) -> Floats:
    """A fan: mains hum harmonics over pink noise, modulated at a blade rate (23 Hz), RMS 1."""
    t = np.arange(count) / rate
    harmonics = enumerate((100, 150, 200, 300), 1)
    hum = sum(np.sin(2 * np.pi * f * t + rng.uniform(0, 6)) / k for k, f in harmonics)
    noise = 0.5 * hum + shaped_noise(count, rate, rng, 1.0) * (1 + 0.3 * np.sin(2 * np.pi * 23 * t))
    return np.asarray(noise / np.sqrt(np.mean(noise**2)), dtype=np.float64)


def to_pcm(samples: Floats) -> bytes:
    """Floats in [-1, 1) as 16-bit PCM, clipped."""
    return np.clip(np.round(samples * 32768), -32768, 32767).astype("<i2").tobytes()
