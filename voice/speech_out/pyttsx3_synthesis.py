"""The ``Synthesizer`` over pyttsx3: the reply cut into sentences, each one a request to the
watchdogged child process (``voice.speech_out.pyttsx3_worker``).

The child's restart on a hang, a crash or an empty WAV happens inside ``TtsWorker.synthesize``;
this adapter only streams: it asks for a sentence when the speaker asks for the next chunk, so
the first sentence is playing while the second is being synthesised.
"""

from __future__ import annotations

from collections.abc import Iterator

from voice.language.sentences import split_sentences
from voice.speech_out.contract import AudioChunk, VoiceSettings
from voice.speech_out.pyttsx3_worker import TtsWorker
from voice.speech_out.voices import VoiceInfo


class Pyttsx3Synthesizer:
    """pyttsx3 (espeak-ng on Linux) as a ``Synthesizer``; owns its worker process."""

    def __init__(self, worker: TtsWorker) -> None:
        self.worker = worker
        """The child process behind it (tests kill it to check the restart)."""

    @classmethod
    def start(cls, driver: str | None = None) -> Pyttsx3Synthesizer:
        """Start the child process; ``SynthesisError`` if pyttsx3 or its driver is missing."""
        return cls(TtsWorker(driver))

    @property
    def voices(self) -> tuple[VoiceInfo, ...]:
        """The installed voices, for ``pick_voice``."""
        return self.worker.info.voices

    @property
    def sample_rate(self) -> int:
        """Rate of the PCM the engine writes (espeak-ng: 22050 Hz)."""
        return self.worker.info.rate

    @property
    def default_rate(self) -> int:
        """The driver's speaking rate in words per minute."""
        return self.worker.info.default_rate

    def synthesize(self, text: str, settings: VoiceSettings) -> Iterator[AudioChunk]:
        """One chunk per sentence, each synthesised when the caller asks for it."""
        for sentence in split_sentences(text):
            clip = self.worker.synthesize(sentence, settings.voice, settings.rate)
            yield AudioChunk(sentence, clip.pcm, clip.rate)

    def close(self) -> None:
        """End the child process and remove its scratch files; safe to call twice."""
        self.worker.close()
