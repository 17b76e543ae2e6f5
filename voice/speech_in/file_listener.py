"""``--audio-in FILE...``: each audio file is one utterance, recognised in order by a real engine.

This is how scripted runs and benchmarks drive the recognisers without a microphone; the event
log then shows what was heard exactly as the engine recognised it. Every file is read before the
(slow) model load, so a typo or a corrupt file ends the run at once, naming the file.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from voice.audio.pcm import Clip, read_audio
from voice.guide.model import Guide
from voice.language.commands import Vocabulary
from voice.session.ports import Heard
from voice.speech_in.contract import Recognizer
from voice.speech_in.selection import SpeechOptions, announce, open_recognizer, select_engine


class WavListener:
    """A ``voice.ports.Listener`` yielding one ``Heard`` per audio clip, then ``None``."""

    def __init__(self, clips: Sequence[Clip], recognizer: Recognizer) -> None:
        self._clips = list(clips)
        self._recognizer = recognizer
        self._closed = False

    def listen(self) -> Heard | None:
        """Recognise the next clip; ``end_time`` is when its audio was fully available."""
        if self._closed or not self._clips:
            return None
        clip = self._clips.pop(0)
        end_time = time.monotonic()
        heard = self._recognizer.recognize(clip.pcm, clip.rate)
        return Heard(heard.text, heard.source, heard.confidence, end_time)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._recognizer.close()


def read_clips(paths: Sequence[Path]) -> list[Clip]:
    """Every ``--audio-in`` file as a clip; ``AudioFormatError`` (bad input) naming the first that
    is missing, unreadable, not audio or empty."""
    return [read_audio(path) for path in paths]


def make_listener(
    options: SpeechOptions, guide: Guide, env: Mapping[str, str], vocab: Vocabulary | None = None
) -> WavListener:
    """A ``WavListener`` for ``options.audio_in``.

    Raises ``AudioFormatError`` (bad input) before loading any model when a file cannot be used,
    then what ``select_engine`` / ``open_recognizer`` raise when no engine can run.
    """
    clips = read_clips(options.audio_in)
    choice = select_engine(options, guide.lang, env)
    listener = WavListener(clips, open_recognizer(choice, guide, vocab=vocab))
    announce(choice)
    return listener
