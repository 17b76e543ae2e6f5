"""The timer chime is generated, short, and soft at its edges."""

from __future__ import annotations

import numpy as np

from voice.audio.chime import NOTE_SECONDS, chime_pcm


def test_chime_is_two_short_notes_without_clicks() -> None:
    pcm = np.frombuffer(chime_pcm(22050), dtype="<i2")
    assert len(pcm) == 2 * int(22050 * NOTE_SECONDS)
    assert 0.2 * 32767 < np.abs(pcm).max() <= 0.3 * 32767 + 1
    assert abs(int(pcm[0])) < 200 and abs(int(pcm[-1])) < 200  # faded in and out
