"""Recognising an utterance while its closing pause still runs: speculative decoding.

Why: the endpointer calls an utterance over after ``pause_threshold`` (0.3 s) of silence, and
recognition used to start only then, so pocketsphinx's ~30 ms or Whisper's ~340 ms came on top of
the pause. The audio to be recognised is fixed earlier, once the silence covers the trailing audio
the endpointer keeps (0.1 s into the pause, ``Endpointer.pending``): recognition starts there, on a
worker thread, and is mostly done when the pause is. If the pause completes, the endpointer cuts
the very same utterance (equal bytes and times) and the early result is used; if speech resumes,
the utterance that finally ends is a longer one and the early result is dropped unread.

Threads: one worker runs every recognition, early or not, so the recogniser (not thread-safe) is
never used by two threads, and at most one decode takes a core (2 cores: the other is for the
microphone, the voice and the rest). A dropped recognition that is running goes on to its end
(engines cannot be interrupted) and the next one waits for it; one still queued is cancelled.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from voice.audio.microphone import Utterance
from voice.session.ports import Heard
from voice.speech_in.contract import Recognizer


class EarlyRecognizer:
    """A ``Recognizer`` run on one worker thread, started early on an utterance that may end."""

    def __init__(self, recognizer: Recognizer, rate: int) -> None:
        self._recognizer = recognizer
        self._rate = rate
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="voice-guide-stt")
        self._early: tuple[Utterance, Future[Heard]] | None = None

    def start(self, utterance: Utterance) -> None:
        """Begin recognising ``utterance``: its closing pause has begun."""
        self.drop()
        self._early = (utterance, self._submit(utterance))

    def drop(self) -> None:
        """Forget the early recognition (its result will not be used)."""
        if self._early is not None:
            self._early[1].cancel()
            self._early = None

    def recognize(self, utterance: Utterance) -> Heard:
        """What ``utterance`` says: the early result if it was started on this very utterance."""
        early, self._early = self._early, None
        if early is not None and early[0] == utterance:
            return early[1].result()
        if early is not None:
            early[1].cancel()
        return self._submit(utterance).result()

    def _submit(self, utterance: Utterance) -> Future[Heard]:
        return self._worker.submit(self._recognizer.recognize, utterance.pcm, self._rate)

    def close(self) -> None:
        """Wait for a running recognition (the recogniser may be closed after this)."""
        self.drop()
        self._worker.shutdown(wait=True, cancel_futures=True)
