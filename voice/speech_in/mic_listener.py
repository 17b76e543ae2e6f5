"""The session's voice input: the microphone, endpointed utterances, a recogniser, and barge-in."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from voice.audio.devices import require_mic_packages
from voice.audio.microphone import Chunk, Endpointer, MicConfig, MicStream, Talking, Utterance
from voice.audio.push_to_talk import PushedAudio, PushGate
from voice.errors import SpeechError
from voice.guide.model import Guide
from voice.language.commands import Vocabulary, guide_vocabulary, parse_command
from voice.language.intents import Intent
from voice.session.ports import Heard
from voice.speech_in.contract import Recognizer
from voice.speech_in.early import EarlyRecognizer
from voice.speech_in.selection import SpeechOptions, announce, open_recognizer, select_engine


class MicListener:
    """``voice.ports.Listener`` over the microphone and a ``Recognizer``; with a ``push`` gate,
    only the audio of each push of the key is listened to (``voice.audio.push_to_talk``)."""

    def __init__(
        self,
        recognizer: Recognizer,
        talking: Talking | None = None,
        barge_in: Callable[[str], bool] = lambda text: False,
        config: MicConfig | None = None,
        push: PushGate | None = None,
    ) -> None:
        self.config = config or MicConfig()
        self.recognizer = recognizer
        self.barge_in = barge_in
        self._stream = MicStream(self.config, talking)
        self._endpointer = Endpointer(self.config, self._stream.rate)
        self._pushed = PushedAudio(push, self._endpointer) if push is not None else None
        self._early = EarlyRecognizer(recognizer, self._stream.rate)
        self._muted = False
        self._calibrate()

    def _calibrate(self) -> None:
        chunks: list[Chunk] = []
        deadline = time.monotonic() + 5.0  # some devices take a second or two to start
        needed = self.config.calibrate_seconds * self._stream.rate * 2
        while sum(len(c.pcm) for c in chunks) < needed:
            chunk = self._stream.read(timeout=max(0.1, deadline - time.monotonic()))
            if chunk is None:
                raise SpeechError("the microphone stopped delivering audio")
            chunks.append(chunk)
        self._endpointer.calibrate(b"".join(c.pcm for c in chunks), chunks)

    def listen(self) -> Heard | None:
        """The next utterance meant for the guide (see the module doc for half duplex)."""
        while True:
            chunk = self._stream.read()
            if chunk is None:  # unplugged: a failure, so the session falls back to text mode
                raise SpeechError("the microphone stopped delivering audio")
            if chunk.muted != self._muted:
                self._muted = chunk.muted
                self._endpointer.restart()
            feed = self._endpointer.feed if self._pushed is None else self._pushed.feed
            utterance = feed(chunk)
            heard = self._recognise(utterance, chunk.muted) if utterance else None
            if heard is not None:
                return heard
            self._speculate(chunk.muted)

    def _speculate(self, muted: bool) -> None:
        """Start recognising while the closing pause runs (``voice.speech_in.early``). Not while
        it talks: what the microphone hears then is mostly its own voice, and early decodes of
        its fragments would take the CPU that voice needs; barge-in waits for the pause."""
        pending = None if muted else self._endpointer.pending()
        if pending is not None:
            self._early.start(pending)

    def _recognise(self, utterance: Utterance, muted: bool) -> Heard | None:
        if muted and utterance.end - utterance.start > self.config.barge_in_max:
            return None
        heard = self._early.recognize(utterance)
        if not heard.text or (muted and not self.barge_in(heard.text)):
            return None
        return Heard(heard.text, heard.source, heard.confidence, end_time=utterance.end)

    def close(self) -> None:
        self._stream.close()
        self._early.close()
        self.recognizer.close()


BARGE_IN = frozenset({Intent.STOP, Intent.PAUSE})
"""What may interrupt the assistant mid-sentence: stopping it, nothing else."""


def barge_in_checker(guide: Guide, vocab: Vocabulary | None = None) -> Callable[[str], bool]:
    """``text -> bool``: whether ``text`` is a stop/pause phrase of the guide's language (with
    the guide's vocabulary ``vocab`` when the caller has built it already)."""
    vocab = vocab if vocab is not None else guide_vocabulary(guide)
    return lambda text: parse_command(text, vocab).intent in BARGE_IN


def open_mic_listener(
    recognizer: Recognizer,
    speaker: Talking | None,
    guide: Guide,
    mic: MicConfig | None = None,
    vocab: Vocabulary | None = None,
    push: PushGate | None = None,
) -> MicListener:
    """The session's voice input: raises ``SpeechError`` (one line) when there is no microphone.
    ``mic``: the device and the detector; ``push``: listen only while the key is pushed."""
    barge_in = barge_in_checker(guide, vocab)
    try:
        return MicListener(recognizer, speaker, barge_in, mic or MicConfig(), push)
    except SpeechError:
        recognizer.close()
        raise


def build_mic_listener(
    options: SpeechOptions,
    guide: Guide,
    speaker: Talking | None,
    mic: MicConfig,
    vocab: Vocabulary | None = None,
    push: PushGate | None = None,
) -> MicListener:
    """The CLI's voice input: recogniser for the guide + microphone. Raises what
    ``select_engine`` and ``open_recognizer`` raise, or ``SpeechError`` when there is no
    microphone. ``vocab`` is the guide's vocabulary, built once by the caller and shared with
    the dialog engine; ``push``: listen only while the key is pushed."""
    require_mic_packages()
    vocab = vocab if vocab is not None else guide_vocabulary(guide)
    choice = select_engine(options, guide.lang, os.environ)
    recognizer = open_recognizer(choice, guide, vocab=vocab)
    listener = open_mic_listener(recognizer, speaker, guide, mic, vocab, push)
    announce(choice)
    return listener
