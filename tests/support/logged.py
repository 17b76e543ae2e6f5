"""A real recogniser with a log: what it was asked to decode, and whether two decodes overlapped.

Not a fake: every call goes to the engine. Tests of early recognition (tests/test_early.py,
tests/test_microphone.py) read the log to tell an early result that was used (one decode of the
utterance) from one that was dropped (a decode of the shorter audio, then one of the whole).
"""

from __future__ import annotations

import threading
import time

from voice.session.ports import Heard
from voice.speech_in.contract import Recognizer


class Logged:
    """A real recogniser that notes each utterance it decodes and the most run at once."""

    def __init__(self, inner: Recognizer) -> None:
        self.inner = inner
        self.name = inner.name
        self.decoded: list[bytes] = []
        self.most_at_once = 0
        self.running = 0
        self._lock = threading.Lock()

    def recognize(self, pcm: bytes, rate: int) -> Heard:
        with self._lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            time.sleep(0.05)  # a slower engine: overlapping calls would be caught
            return self.inner.recognize(pcm, rate)
        finally:
            with self._lock:
                self.running -= 1
                self.decoded.append(pcm)

    def close(self) -> None:
        self.inner.close()
