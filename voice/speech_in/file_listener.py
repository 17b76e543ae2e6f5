"""``--audio-in FILE...``: each WAV file is one utterance, recognised in order by a real engine.

This is how scripted runs and benchmarks drive the recognisers without a microphone; the event
log then shows what was heard exactly as the engine recognised it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from voice.audio.pcm import read_wav
from voice.guide.model import Guide
from voice.session.ports import Heard, Listener
from voice.speech_in.contract import Recognizer
from voice.speech_in.selection import (
    NoEngine,
    SpeechOptions,
    describe,
    open_recognizer,
    select_engine,
)


class WavListener:
    """A ``voice.ports.Listener`` yielding one ``Heard`` per WAV file, then ``None``."""

    def __init__(self, files: Sequence[Path], recognizer: Recognizer) -> None:
        self._files = list(files)
        self._recognizer = recognizer
        self._closed = False

    def listen(self) -> Heard | None:
        """Recognise the next file; ``end_time`` is when its audio was fully available."""
        if self._closed or not self._files:
            return None
        clip = read_wav(self._files.pop(0))
        end_time = time.monotonic()
        heard = self._recognizer.recognize(clip.pcm, clip.rate)
        return Heard(heard.text, heard.source, heard.confidence, end_time)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._recognizer.close()


def make_recognizer(
    options: SpeechOptions, guide: Guide, env: Mapping[str, str]
) -> Recognizer | NoEngine:
    """The recogniser ``options`` ask for, or why there is none (the CLI says it, text mode).

    Raises ``ModelError`` for a bad ``--model`` / ``$VOICE_GUIDE_MODEL`` and ``SpeechError`` when
    an engine is installed but fails to start.
    """
    choice = select_engine(options, guide.lang, env)
    if isinstance(choice, NoEngine):
        return choice
    print(f"voice-guide: {describe(choice)}", file=sys.stderr)
    return open_recognizer(choice, guide)


def make_listener(
    options: SpeechOptions, guide: Guide, env: Mapping[str, str]
) -> Listener | NoEngine:
    """A ``WavListener`` for ``options.audio_in``; ``NoEngine`` when no recogniser can run.

    The files are checked before the (slow) model load so a typo fails at once.
    """
    for path in options.audio_in:
        read_wav(path)
    recognizer = make_recognizer(options, guide, env)
    if isinstance(recognizer, NoEngine):
        return recognizer
    return WavListener(options.audio_in, recognizer)
