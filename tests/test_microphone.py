"""Endpointing and device listing, on real espeak-ng speech cut into 20 ms chunks as a mic would.

The half-duplex and barge-in behaviour with a real device and a real recogniser is tested in
tests/test_acoustic_loop.py (PulseAudio null sinks).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from voice.audio import read_wav, resample
from voice.microphone import Chunk, Endpointer, MicConfig, MicDevice, Utterance, mics_lines

RATE = 44_100
CHUNK = RATE * 20 // 1000

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing")


def speech(tmp_path: Path, text: str) -> bytes:
    """``text`` spoken by espeak-ng, at the 44.1 kHz a typical microphone delivers."""
    wav = tmp_path / "say.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), text], check=True, timeout=30)
    clip = read_wav(wav)
    return resample(clip.pcm, clip.rate, RATE)


def silence(seconds: float, noise: float = 0.0) -> bytes:
    rng = np.random.default_rng(1)
    samples = rng.normal(0, noise, int(seconds * RATE)) if noise else np.zeros(int(seconds * RATE))
    return (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()


def run(endpointer: Endpointer, pcm: bytes) -> list[tuple[Utterance, float]]:
    """Feed ``pcm`` chunk by chunk with a clock of its own; (utterance, time it was returned)."""
    found = []
    step = CHUNK * 2
    for i in range(0, len(pcm) - step + 1, step):
        now = (i + step) / 2 / RATE
        utterance = endpointer.feed(Chunk(pcm[i : i + step], now))
        if utterance is not None:
            found.append((utterance, now))
    return found


def test_one_command_is_cut_out_after_the_closing_pause(tmp_path: Path) -> None:
    said = speech(tmp_path, "next step")
    config = MicConfig()
    found = run(Endpointer(config, RATE), silence(0.5) + said + silence(1.0))
    assert len(found) == 1
    utterance, returned = found[0]
    spoken_end = 0.5 + len(said) / 2 / RATE
    assert utterance.start == pytest.approx(0.5, abs=0.1)
    assert utterance.end <= spoken_end + 0.03
    assert returned - utterance.end == pytest.approx(config.pause_threshold, abs=0.03)
    assert len(utterance.pcm) / 2 / RATE < len(said) / 2 / RATE + 0.5


def test_two_commands_with_a_gap_are_two_utterances(tmp_path: Path) -> None:
    first, second = speech(tmp_path, "repeat"), speech(tmp_path, "go to step three")
    found = run(Endpointer(MicConfig(), RATE), first + silence(0.7) + second + silence(0.5))
    assert len(found) == 2


def test_clicks_are_not_utterances() -> None:
    click = (np.ones(int(0.04 * RATE)) * 0.5 * 32767).astype("<i2").tobytes()
    assert run(Endpointer(MicConfig(), RATE), silence(0.3) + click + silence(0.6)) == []


def test_threshold_calibrated_on_noise_ignores_it_but_hears_speech(tmp_path: Path) -> None:
    endpointer = Endpointer(MicConfig(), RATE)
    endpointer.calibrate(silence(0.4, noise=0.03))
    assert endpointer.threshold > 0.05
    noisy = silence(1.0, noise=0.03)
    assert run(endpointer, noisy) == []
    said = np.frombuffer(speech(tmp_path, "stop"), "<i2").astype(np.int32)
    noise = np.frombuffer(silence(len(said) / RATE, noise=0.03), "<i2")[: len(said)]
    mixed = np.clip(said + noise, -32768, 32767).astype("<i2").tobytes()
    assert len(run(endpointer, mixed + noisy)) == 1


def test_overlong_speech_is_cut_at_the_limit(tmp_path: Path) -> None:
    said = speech(tmp_path, "this is a long sentence " * 6)
    config = MicConfig(max_utterance=2.0)
    found = run(Endpointer(config, RATE), said)
    assert found
    first, _ = found[0]
    assert first.end - first.start == pytest.approx(2.0, abs=0.1)


def test_reset_drops_a_half_heard_utterance(tmp_path: Path) -> None:
    said = speech(tmp_path, "previous step")
    endpointer = Endpointer(MicConfig(), RATE)
    half = len(said) // 2 - len(said) // 2 % 2
    assert run(endpointer, said[:half]) == []
    endpointer.reset()
    found = run(endpointer, silence(0.5))
    assert found == []


def test_mics_lines_mark_the_default_and_say_when_there_is_none() -> None:
    lines = mics_lines([MicDevice(0, "pulse", 44100), MicDevice(1, "default", 48000, True)])
    assert lines == ["  0  pulse  (44100 Hz)", "  1  default  (48000 Hz)  [default]"]
    assert "text mode" in mics_lines([])[0]
