"""Whisper with silence around each utterance.

Whisper and the silero VAD in front of it were trained on speech with some quiet around it. A
clip cut tight to the word (the 8 kHz digits of ``tests/data/realspeech/fsdd``, or a microphone
endpoint that trims a soft onset) came out as nothing or as a look-alike: on the ``real-dev``
clips (``benchmarks/bench_stt.py``) see ``PAD_SECONDS``. The padding is digital silence: it costs
nothing, since Whisper always encodes a 30-second window.
"""

from __future__ import annotations

from voice.audio.pcm import ENGINE_RATE, SAMPLE_WIDTH, to_engine_rate
from voice.speech_in.contract import Reading
from voice.speech_in.whisper_engine import WhisperRecognizer

PAD_SECONDS = 0.5
"""Silence added before and after an utterance; see ``PaddedWhisperRecognizer``."""


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
