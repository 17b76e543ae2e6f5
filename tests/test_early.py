"""Early (speculative) recognition: real espeak-ng speech, the real endpointer, real pocketsphinx.

The recogniser is wrapped (``Logged``) only to log what it was asked and whether two decodes ever
overlapped; it decodes for real. Through a microphone: tests/test_microphone.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.support.logged import Logged
from tests.support.needs import need_package
from tests.support.synth import speak
from voice.audio.microphone import Chunk, Endpointer, MicConfig, Utterance
from voice.audio.pcm import read_wav
from voice.guide.bundled import DEFAULT_GUIDE
from voice.guide.loader import load_guide
from voice.speech_in.contract import Recognizer
from voice.speech_in.early import EarlyRecognizer
from voice.speech_in.selection import EngineChoice, open_recognizer

RATE = 22_050
CHUNK = RATE * 20 // 1000

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing")


@pytest.fixture(scope="module")
def pocketsphinx() -> Iterator[Recognizer]:
    need_package("pocketsphinx")
    recognizer = open_recognizer(EngineChoice("pocketsphinx", "en"), load_guide(DEFAULT_GUIDE))
    yield recognizer
    recognizer.close()


def spoken(tmp_path: Path, text: str) -> bytes:
    """espeak-ng's ``text`` without the ~0.3 s of silence it ends with."""
    clip = read_wav(speak(text, "en-us", 160, tmp_path))
    assert clip.rate == RATE
    loud = np.flatnonzero(np.abs(np.frombuffer(clip.pcm, "<i2")) > 300)
    return clip.pcm[: (int(loud[-1]) + 1) * 2]


def silence(seconds: float) -> bytes:
    return bytes(int(seconds * RATE) * 2)


def cut(pcm: bytes) -> tuple[list[Utterance], Utterance]:
    """What the endpointer announces as pending in ``pcm``, and the one utterance it ends."""
    endpointer, pending, ended = Endpointer(MicConfig(), RATE), [], []
    for i in range(0, len(pcm) - CHUNK * 2 + 1, CHUNK * 2):
        utterance = endpointer.feed(Chunk(pcm[i : i + CHUNK * 2], i / 2 / RATE))
        early = endpointer.pending()
        ended += [utterance] if utterance else []
        pending += [early] if early else []
    assert len(ended) == 1
    return pending, ended[0]


def test_the_early_result_is_used_when_the_pause_completes(
    pocketsphinx: Recognizer, tmp_path: Path
) -> None:
    pending, utterance = cut(silence(0.3) + spoken(tmp_path, "go to step three") + silence(1.0))
    logged = Logged(pocketsphinx)
    early = EarlyRecognizer(logged, RATE)
    try:
        early.start(pending[-1])
        heard = early.recognize(utterance)
    finally:
        early.close()
    assert logged.decoded == [utterance.pcm]  # decoded once: the early decode was the one
    assert heard == pocketsphinx.recognize(utterance.pcm, RATE)
    assert heard.text == "go to step three"


def test_the_early_result_is_dropped_when_speech_resumes(
    pocketsphinx: Recognizer, tmp_path: Path
) -> None:
    go, three = spoken(tmp_path, "go to"), spoken(tmp_path, "step three")
    pending, utterance = cut(silence(0.3) + go + silence(0.2) + three + silence(1.0))
    logged = Logged(pocketsphinx)
    early = EarlyRecognizer(logged, RATE)
    try:
        early.start(pending[0])  # the pause after "go to" began...
        heard = early.recognize(utterance)  # ...and "step three" followed
    finally:
        early.close()
    assert logged.decoded == [pending[0].pcm, utterance.pcm]
    assert heard.text == "go to step three"


def test_one_decode_at_a_time_and_close_waits_for_it(
    pocketsphinx: Recognizer, tmp_path: Path
) -> None:
    """Starts in a row (speech resuming again and again): never two decodes at once."""
    pending, utterance = cut(silence(0.3) + spoken(tmp_path, "next") + silence(1.0))
    logged = Logged(pocketsphinx)
    early = EarlyRecognizer(logged, RATE)
    for _ in range(5):
        early.start(pending[0])
    early.close()
    assert logged.most_at_once == 1 and logged.running == 0
    assert 1 <= len(logged.decoded) <= 5  # those still queued at the next start are cancelled
    assert logged.decoded[-1] == utterance.pcm
