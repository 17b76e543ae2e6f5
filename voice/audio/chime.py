"""The timer chime: a short generated tone, so no sound file has to ship with the program."""

from __future__ import annotations

import numpy as np

CHIME_HZ = (880.0, 1320.0)
"""Two notes a fifth apart: heard as a signal, not as speech."""
NOTE_SECONDS = 0.12
VOLUME = 0.3
"""Fraction of full scale: clearly heard next to speech, never startling."""


def chime_pcm(rate: int) -> bytes:
    """16-bit mono PCM at ``rate``: two short notes with soft edges (no clicks)."""
    count = int(rate * NOTE_SECONDS)
    times = np.arange(count) / rate
    fade = np.minimum(1.0, np.minimum(times, times[::-1]) / 0.01)
    notes = [np.sin(2 * np.pi * hz * times) * fade for hz in CHIME_HZ]
    samples = np.concatenate(notes) * VOLUME * 32767
    return samples.astype("<i2").tobytes()
