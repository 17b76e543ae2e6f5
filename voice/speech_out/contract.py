"""What a speech synthesiser gives the speaker: audio one sentence at a time.

Why sentence by sentence (as piper's ``synthesize()`` does): the first sentence can be played
while the next is being synthesised, so a long reply is heard after one sentence's synthesis,
not the whole text's. This module is the contract only; it imports nothing else from
``voice.speech_out`` so every engine adapter and the speaker can depend on it without cycles.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from voice.errors import SpeechError


class SynthesisError(SpeechError):
    """The TTS engine cannot start, or failed again after a restart."""


@dataclass(frozen=True)
class VoiceSettings:
    """How a reply is to be spoken; the speaker snapshots it per reply."""

    voice: str | None = None
    """The engine's voice id; ``None`` keeps the engine's default voice."""
    rate: int | None = None
    """Words per minute; ``None`` keeps the engine's default rate."""


@dataclass(frozen=True)
class AudioChunk:
    """The audio of one sentence."""

    sentence: str
    """The text this chunk speaks."""
    pcm: bytes
    """Mono signed 16-bit little-endian samples."""
    rate: int
    """Samples per second."""


class Synthesizer(Protocol):
    """Text in, audio out, one sentence at a time; raises ``SynthesisError`` when it fails."""

    @property
    def sample_rate(self) -> int:
        """Rate of every chunk it yields, known before the first (players start early)."""
        ...

    @property
    def default_rate(self) -> int:
        """The engine's speaking rate in words per minute when ``VoiceSettings.rate`` is None."""
        ...

    def synthesize(self, text: str, settings: VoiceSettings) -> Iterator[AudioChunk]:
        """One chunk per sentence, in order; each sentence is synthesised only when asked for."""
        ...

    def close(self) -> None:
        """Release the engine; safe to call twice."""
        ...
