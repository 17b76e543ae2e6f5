"""The small protocols between the pure core and the adapters at the edge (terminal, audio, files).

The dialog engine never sees these: the session loop takes utterances from a ``Listener``, passes
their text to the engine, and hands the reply to a ``Speaker`` and to the ``TurnSink``s.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class Heard:
    """One utterance, typed or recognised."""

    text: str
    """What was typed, or the recogniser's best reading ('' for silence or rejected noise)."""
    source: str = "text"
    """Which adapter produced it: ``text``, ``vosk``, ``pocketsphinx``, ``wav``..."""
    confidence: float | None = None
    """Recogniser confidence in [0, 1] where the engine gives one."""
    end_time: float | None = None
    """``time.monotonic()`` when the utterance ended, for latency measurements."""

    @property
    def spoken(self) -> bool:
        """Whether a recogniser produced the text (anything but typed text)."""
        return self.source != "text"


class Listener(Protocol):
    """Where utterances come from: keyboard, microphone, WAV files."""

    def listen(self) -> Heard | None:
        """Block until the next utterance; ``None`` means the input has ended for good."""
        ...

    def close(self) -> None:
        """Release devices; safe to call twice."""
        ...


class Speaker(Protocol):
    """Where replies are spoken. ``say`` returns at once; speech goes on in the background."""

    def say(self, text: str) -> Path | None:
        """Start speaking ``text``, stopping what is being said; returns the WAV if captured."""
        ...

    def stop(self) -> None:
        """Stop speaking now, or at the next sentence boundary at the latest."""
        ...

    def wait(self, timeout: float | None = None) -> bool:
        """Block until speech has finished; ``False`` if the timeout ran out first."""
        ...

    @property
    def speaking(self) -> bool:
        """True while audio is being produced (listeners ignore the microphone meanwhile)."""
        ...

    def adjust_rate(self, factor: float) -> None:
        """Multiply the speaking rate, for 'slower' / 'faster'."""
        ...

    def finish_sentence(self) -> None:
        """Stop after the sentence being spoken (a timer announcement waits for it)."""
        ...

    def chime(self) -> None:
        """Play a short tone, without stopping speech: a timer has ended."""
        ...

    def close(self) -> None:
        """Release the audio engine; safe to call twice."""
        ...


class SilentSpeaker:
    """The null speaker: ``--mute``, piped text runs, and the stand-in when there is no TTS
    engine or sound device."""

    def say(self, text: str) -> Path | None:
        return None

    def stop(self) -> None:
        pass

    def wait(self, timeout: float | None = None) -> bool:
        return True

    @property
    def speaking(self) -> bool:
        return False

    def adjust_rate(self, factor: float) -> None:
        pass

    def finish_sentence(self) -> None:
        pass

    def chime(self) -> None:
        pass

    def close(self) -> None:
        pass
