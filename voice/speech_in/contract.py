"""The speech-input contract: what a recogniser and an engine adapter promise.

This module imports nothing else from ``voice.speech_in`` so that every adapter can import it
without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from voice.errors import SpeechError
from voice.session.ports import Heard


class EngineUnavailableError(SpeechError):
    """The chosen recognition engine is not installed or failed to start."""


@dataclass(frozen=True)
class Reading:
    """One decode of an utterance by one engine pass."""

    text: str
    """Recognised words, lower case, single spaces; ``''`` for nothing or a rejected utterance."""
    confidence: float | None = None
    """Engine confidence in [0, 1]; ``None`` where the engine gives none for this pass."""


class Decoder(Protocol):
    """What an engine adapter implements: two decodes of 16 kHz mono int16 PCM."""

    name: str
    """Engine name for ``Heard.source`` and the event log: ``vosk`` or ``pocketsphinx``."""

    def decode_command(self, pcm: bytes) -> Reading:
        """Decode against the command grammar; ``''`` when the utterance is out of grammar."""
        ...

    def decode_free(self, pcm: bytes) -> Reading:
        """Decode with the full language model (questions, anything)."""
        ...

    def close(self) -> None:
        """Free the engine; safe to call twice."""
        ...


class Recognizer(Protocol):
    """One utterance of audio in, one ``Heard`` out. Listeners (WAV, microphone) hold one."""

    name: str
    """Engine name, as in ``Heard.source``."""

    def recognize(self, pcm: bytes, rate: int) -> Heard:
        """Recognise one utterance of 16-bit little-endian mono PCM at ``rate`` Hz.

        Returns ``Heard`` with ``text=''`` when the audio holds no command and no usable
        free-form reading (silence, noise, unrelated speech the engines reject).
        ``Heard.end_time`` is ``None``: the caller knows when the utterance ended.
        """
        ...

    def close(self) -> None:
        """Free the engine; safe to call twice."""
        ...
