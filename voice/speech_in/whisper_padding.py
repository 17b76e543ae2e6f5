"""Whisper with silence around each utterance.

A clip cut tight to the word (the 8 kHz digits of ``tests/data/realspeech/fsdd``, or a
microphone endpoint that trims a soft onset) often came out of Whisper and the silero VAD in
front of it as nothing or as a look-alike ("forward" for "four"); with half a second of silence
on each side it came out right. The figures (``benchmarks/bench_stt.py``, rows ``whisper`` and
``whisper-nopad``) are at ``PAD_SECONDS``. The padding is digital silence and costs next to
nothing: Whisper always encodes a 30-second window.
"""

from __future__ import annotations

from voice.audio.pcm import ENGINE_RATE, SAMPLE_WIDTH, to_engine_rate
from voice.speech_in.contract import Reading
from voice.speech_in.whisper_engine import WhisperRecognizer

PAD_SECONDS = 0.5
"""Silence added before and after an utterance (the one value tried). English, tiny.en,
commands right / non-command words taken as commands, unpadded -> padded: ``real-dev`` 131 ->
135 of 154 / 1 -> 2 of 67; ``real-held-out`` 35 -> 35 of 40 / 0 -> 0 of 25; espeak-ng 70 ->
71 of 72 / 0 -> 0 of 20. Four of the dev gains are 8 kHz digits heard as nothing before."""
PADDED_LANGUAGES = frozenset({"en"})
"""Languages fed padded: measured on English only. On espeak-ng Dutch with ``whisper-base``
every padding tried (0.1-0.5 s) turned "de derde stap" into "doe de stop" or worse."""


def pad_with_silence(pcm: bytes, seconds: float, rate: int = ENGINE_RATE) -> bytes:
    """``pcm`` with ``seconds`` of digital silence on each side."""
    quiet = b"\0" * (SAMPLE_WIDTH * round(rate * seconds))
    return quiet + pcm + quiet


class PaddedWhisperRecognizer(WhisperRecognizer):
    """``WhisperRecognizer`` fed each utterance with ``PAD_SECONDS`` of silence around it."""

    pad_seconds = PAD_SECONDS

    def read(self, pcm: bytes, rate: int) -> Reading:
        """See ``WhisperRecognizer.read``."""
        audio = pad_with_silence(to_engine_rate(pcm, rate), self.pad_seconds)
        return super().read(audio, ENGINE_RATE)
