"""Voice-activity detection and the endpointer on real voices in noisy rooms and said softly.

Real human clips from tests/data/realspeech/ at a microphone's 44.1 kHz, cut into 20 ms chunks,
with generated room noise. The energy rule (``Detector.ENERGY``) is run on the same audio where
it is the case that made us change: a fan switched on after calibration held the turn open, and
a soft speaker under the energy floor was not heard.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.support.rooms import shaped_noise, speech_span, to_pcm
from voice.audio.microphone import Chunk, Endpointer, MicConfig, Utterance
from voice.audio.pcm import pcm_to_float, read_wav, resample
from voice.audio.vad import Detector, SileroDetector, WebRtcDetector, open_detector

RATE = 44_100
CHUNK = RATE // 50
REAL = Path(__file__).parent / "data" / "realspeech"
CLIPS = (
    "speech_commands/go/2f813234_nohash_1.wav",
    "speech_commands/stop/1eddce1d_nohash_3.wav",
    "felixchenfy_back/audio_05-09-11-23-40-25864pyyfx_.wav",
)
"""Three speakers, one of them non-native."""
LEVEL = 0.05
"""-26 dBFS of speech, a person at arm's length from a laptop microphone."""


def real_clip(name: str) -> np.ndarray:
    """The clip at ``RATE``, scaled so its loud part is at ``LEVEL`` RMS."""
    clip = read_wav(REAL / name)
    samples = pcm_to_float(resample(clip.pcm, clip.rate, RATE))
    loud = samples[np.abs(samples) > 0.1 * np.abs(samples).max()]
    return samples * LEVEL / np.sqrt(np.mean(loud**2))


def brown_noise(seconds: float, rms: float, seed: int = 3) -> np.ndarray:
    """Brown noise (power falling 6 dB an octave, like a fan or traffic) at ``rms``."""
    rng = np.random.default_rng(seed)
    return shaped_noise(int(seconds * RATE), RATE, rng, 2.0) * rms


def run(endpointer: Endpointer, pcm: bytes, at: float) -> list[tuple[Utterance, float]]:
    """Feed ``pcm`` chunk by chunk, its first sample at ``at`` s; (utterance, time returned)."""
    found, step = [], CHUNK * 2
    for i in range(0, len(pcm) - step + 1, step):
        now = at + (i + step) / 2 / RATE
        utterance = endpointer.feed(Chunk(pcm[i : i + step], now))
        if utterance is not None:
            found.append((utterance, now))
    return found


def in_room(speech: np.ndarray, noise: np.ndarray, lead: float = 1.0) -> tuple[bytes, float, float]:
    """``speech`` said ``lead`` seconds into ``noise``: the stream, when speaking starts and ends
    (the clips are 1 s with the word somewhere inside)."""
    mixed = noise.copy()
    at = int(lead * RATE)
    mixed[at : at + speech.size] += speech
    first, last = speech_span(speech, RATE)
    return to_pcm(mixed), (at + first) / RATE, (at + last) / RATE


def listened(vad: Detector, pcm: bytes) -> list[tuple[Utterance, float]]:
    """Utterances of an endpointer calibrated on the first 0.4 s, as the listener does."""
    endpointer = Endpointer(MicConfig(vad=vad), RATE)
    calibration = int(0.4 * RATE) * 2
    endpointer.calibrate(pcm[:calibration])
    return run(endpointer, pcm[calibration:], 0.4)


@pytest.mark.parametrize("detector", [SileroDetector, WebRtcDetector])
def test_detectors_hear_a_real_voice_and_not_the_silence_around_it(detector: type) -> None:
    speech = real_clip(CLIPS[0])
    pcm, _, _ = in_room(speech, brown_noise(3.0, 0.0005))
    vad = detector()
    voiced = [vad.is_speech(pcm[i : i + CHUNK * 2], RATE) for i in range(0, len(pcm), CHUNK * 2)]
    assert not any(voiced[:45])  # the first 0.9 s: the microphone's floor only
    assert sum(voiced[50:100]) >= 5  # "go" is about 0.3 s long
    assert not any(voiced[110:])


def test_the_default_is_silero_with_the_energy_rule_for_the_end() -> None:
    assert MicConfig().vad is Detector.SILERO_ENERGY  # see MicConfig.vad for why
    assert isinstance(open_detector(Detector.SILERO_ENERGY), SileroDetector)
    assert isinstance(open_detector(Detector.SILERO), SileroDetector)
    assert open_detector(Detector.ENERGY) is None


SILEROS = (Detector.SILERO, Detector.SILERO_ENERGY)


@pytest.mark.parametrize("vad", SILEROS)
@pytest.mark.parametrize("name", CLIPS)
def test_a_real_voice_in_brown_noise_at_5_db_snr_is_one_utterance_ended_promptly(
    name: str, vad: Detector
) -> None:
    pcm, _, end = in_room(real_clip(name), brown_noise(4.0, LEVEL / 10 ** (5 / 20)))
    found = listened(vad, pcm)
    assert len(found) == 1
    utterance, returned = found[0]
    assert returned - end < MicConfig().pause_threshold + 0.5
    assert len(utterance.pcm) / 2 / RATE < 2.0


@pytest.mark.parametrize("vad", SILEROS)
@pytest.mark.parametrize("name", CLIPS)
def test_a_soft_speaker_25_db_down_is_heard_whole(name: str, vad: Detector) -> None:
    speech = real_clip(name) * 10 ** (-25 / 20)
    pcm, start, end = in_room(speech, brown_noise(4.0, 10 ** (-70 / 20)))
    assert listened(Detector.ENERGY, pcm) == []  # under the energy floor: never heard
    found = listened(vad, pcm)
    assert len(found) == 1
    utterance, returned = found[0]
    heard_from = utterance.end + 0.1 - len(utterance.pcm) / 2 / RATE
    assert heard_from <= start and utterance.end + 0.1 >= end - 0.05
    assert returned - end < MicConfig().pause_threshold + 0.5


@pytest.mark.parametrize("vad", SILEROS)
def test_a_fan_switched_on_after_calibration_does_not_hold_the_turn_open(vad: Detector) -> None:
    fan = brown_noise(8.0, LEVEL / 10 ** (10 / 20))
    fan[: 2 * RATE] = np.random.default_rng(5).normal(0, 10 ** (-70 / 20), 2 * RATE)
    pcm, _, end = in_room(real_clip(CLIPS[1]), fan, lead=3.0)
    held_by_energy = listened(Detector.ENERGY, pcm)
    assert not held_by_energy or held_by_energy[0][1] - end > 1.5  # the old rule: held open
    found = listened(vad, pcm)
    assert len(found) == 1
    assert found[0][1] - end < MicConfig().pause_threshold + 0.5
