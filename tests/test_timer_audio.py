"""A timer that ends while a step is read aloud: the sentence is finished, then the chime, then
the announcement. Real espeak-ng, a real PulseAudio null sink, the real keyboard adapter on a
pipe; only the order and timing of what is heard is checked."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.support.pulse import PulseServer
from voice.audio.pcm import read_wav
from voice.dialog.engine import DialogEngine, State
from voice.guide.loader import parse_guide
from voice.session.keyboard import TextListener
from voice.session.loop import Session, TurnRecord
from voice.speech_out.pyttsx3_worker import SynthesisError, TtsWorker
from voice.speech_out.speaker import SpeechOptions, TtsSpeaker, make_speaker

pytestmark = pytest.mark.audio

SENTENCE = "This sentence of the step is read slowly and it takes a few seconds to say."
GUIDE = f"""\
id: long-step
title: Long step
language: en
intro: One long step.
steps:
  - title: Wait
    text: {" ".join([SENTENCE] * 6)}
    time: 2 seconds
"""


class Recorder:
    """A turn sink that notes when each turn was emitted."""

    def __init__(self) -> None:
        self.turns: list[tuple[float, TurnRecord]] = []

    def record(self, turn: TurnRecord, state: State) -> None:
        self.turns.append((time.monotonic(), turn))

    def close(self) -> None:
        pass


@pytest.fixture
def speaker(pulse_server: PulseServer) -> Iterator[tuple[PulseServer, TtsSpeaker]]:
    try:
        TtsWorker().close()
    except SynthesisError as err:
        pytest.skip(f"no TTS engine (apt install espeak-ng): {err}")
    with pulse_server.activated(sink="speaker"):
        choice = make_speaker(SpeechOptions(language="en"))
        assert isinstance(choice.speaker, TtsSpeaker) and choice.speaker.player == "pacat"
        yield pulse_server, choice.speaker
        choice.speaker.close()


def tone_energy(samples: np.ndarray, rate: int, hz: float) -> float:
    spectrum = np.abs(np.fft.rfft(samples))
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    band = (freqs > hz - 15) & (freqs < hz + 15)
    return float(spectrum[band].mean() / (spectrum.mean() + 1e-9))


def test_timer_waits_for_the_sentence_then_chimes(
    speaker: tuple[PulseServer, TtsSpeaker], tmp_path: Path
) -> None:
    server, tts = speaker
    read, write = os.pipe()
    recorder = Recorder()
    engine = DialogEngine(parse_guide(GUIDE, "long.yaml"))
    with os.fdopen(read, "r") as stream, os.fdopen(write, "w") as typed:
        session = Session(engine, TextListener(stream), tts, [recorder])
        runner = threading.Thread(target=session.run, daemon=True)
        recording = server.start_recording("speaker")
        runner.start()
        typed.write("next\nstart the timer\nrepeat\n")
        typed.flush()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
            turn.intent == "timer_done" for _, turn in recorder.turns
        ):
            time.sleep(0.05)
        assert tts.wait(30)
        path = recording.stop()
        typed.write("stop\n")
        typed.flush()
        runner.join(timeout=30)
    started = next(t for t, turn in recorder.turns if turn.intent == "timer_start")
    done = next(t for t, turn in recorder.turns if turn.intent == "timer_done")
    assert 2.0 <= done - started < 2.0 + 6.0  # at most one sentence (~5 s) after the deadline
    clip = read_wav(path)
    samples = np.frombuffer(clip.pcm, dtype="<i2").astype(float)
    assert tone_energy(samples, clip.rate, 880.0) > 3.0  # the chime was heard
    assert not runner.is_alive()
