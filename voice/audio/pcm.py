"""PCM audio helpers: audio files of any format, rate and channel count to what recognisers take.

Engines want 16 kHz mono 16-bit little-endian PCM. Microphones and audio files come at 8, 22.05,
44.1 or 48 kHz, mono or multichannel, as 16/24/32-bit integers or floats, in WAV, FLAC or OGG;
libsndfile (through soundfile) decodes every one of them, and the resampling is done here with
numpy (an FFT low-pass, see ``resample``). The pure functions take and return bytes; only
``read_audio`` touches a file.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt
import soundfile

from voice.errors import BadInputError

ENGINE_RATE = 16_000
"""Sample rate every recogniser in voice-guide is fed, in Hz."""
SAMPLE_WIDTH = 2
"""Bytes per sample: 16-bit signed little-endian."""
SILENCE_FLOOR = 32
"""A sample this small (-60 dBFS) is silence: below any room's noise and any speaker's hiss."""
FORMATS = "WAV, FLAC or OGG"
"""The formats messages name; libsndfile reads more (AIFF, MP3...), these are the ones we test."""


class AudioFormatError(BadInputError):
    """An audio file the person gave is missing, unreadable, corrupt, or holds no samples."""


@dataclass(frozen=True)
class Clip:
    """A piece of mono 16-bit PCM audio with its rate."""

    pcm: bytes
    """Little-endian signed 16-bit samples, one channel."""
    rate: int
    """Samples per second."""

    @property
    def seconds(self) -> float:
        """Duration, for real-time factors."""
        return len(self.pcm) / SAMPLE_WIDTH / self.rate


def read_audio(path: Path) -> Clip:
    """Read an audio file (any rate, channels and sample format) as mono int16 at its own rate.

    Raises ``AudioFormatError`` naming the file when it is missing, unreadable, not audio, or
    has zero frames. Silence is audio: an all-zero file is read, and heard as nothing.
    """
    try:
        with open(path, "rb") as stream:
            samples, rate = _decode(stream, path)
    except FileNotFoundError:
        raise AudioFormatError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise AudioFormatError(f"{path}: is a directory, not an audio file") from None
    except OSError as err:
        raise AudioFormatError(f"{path}: cannot read: {err.strerror or err}") from err
    if samples.shape[0] == 0:
        raise AudioFormatError(f"{path}: empty audio file (no samples)")
    return Clip(_to_int16(samples.mean(axis=1)), rate)


read_wav = read_audio
"""The name from when only WAV files were read; tests and benchmarks still use it."""


def _decode(stream: BinaryIO, path: Path) -> tuple[npt.NDArray[np.float64], int]:
    """Frames x channels in [-1, 1], and the rate; libsndfile's errors become one line."""
    try:
        samples, rate = soundfile.read(stream, dtype="float64", always_2d=True)
    except (soundfile.SoundFileError, RuntimeError, ValueError) as err:  # corrupt or not audio
        raise AudioFormatError(f"{path}: not a PCM {FORMATS} audio file, or corrupt") from err
    return samples, int(rate)


def _to_int16(samples: npt.NDArray[np.float64]) -> bytes:
    return np.clip(np.round(samples * 32768.0), -32768, 32767).astype("<i2").tobytes()


def pcm_to_float(pcm: bytes) -> npt.NDArray[np.float64]:
    """16-bit PCM bytes as floats in [-1, 1)."""
    return np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], "<i2").astype(np.float64) / 32768.0


def resample(pcm: bytes, rate: int, target: int) -> bytes:
    """Resample mono int16 PCM by zero-padding or truncating its spectrum.

    The FFT method is an ideal low-pass, so going down from 22.05 or 44.1 kHz leaves no aliasing
    (a short FIR filter plus linear interpolation measurably hurt pocketsphinx accuracy). One
    utterance is a few seconds, so a single FFT costs well under a millisecond.
    """
    if rate <= 0 or target <= 0:
        raise ValueError(f"sample rates must be positive, got {rate} -> {target}")
    samples = pcm_to_float(pcm)
    if rate == target or samples.size == 0:
        return pcm[: samples.size * 2]
    count = max(1, round(samples.size * target / rate))
    spectrum = np.fft.rfft(samples)
    kept = np.zeros(count // 2 + 1, dtype=complex)
    size = min(kept.size, spectrum.size)
    kept[:size] = spectrum[:size]
    return _to_int16(np.fft.irfft(kept, count) * (count / samples.size))


def to_engine_rate(pcm: bytes, rate: int) -> bytes:
    """``pcm`` at ``ENGINE_RATE``, the rate the recognisers are built for."""
    return resample(pcm, rate, ENGINE_RATE)


def rms(pcm: bytes) -> float:
    """Root mean square level in [0, 1]: 0 for digital silence, ~0.1 for normal speech."""
    samples = pcm_to_float(pcm)
    return float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0


def skip_leading_silence(pcm: bytes, floor: int = SILENCE_FLOOR) -> bytes:
    """``pcm`` from its first sample louder than ``floor``; unchanged when none is.

    Why: espeak-ng begins a sentence that opens with a stop consonant ("Paused.": 49 ms)
    with its closure, digital silence that nobody can hear at the start of a reply
    but that delays its first sound by as much.
    """
    loud = np.flatnonzero(np.abs(np.frombuffer(pcm[: len(pcm) // 2 * 2], "<i2")) > floor)
    return pcm[int(loud[0]) * SAMPLE_WIDTH :] if loud.size else pcm


def write_wav(path: Path, clip: Clip) -> None:
    """Write mono 16-bit PCM as a WAV file. The file is opened first, so a directory that cannot
    be written raises a plain ``OSError`` and leaves no half-built writer behind."""
    with open(path, "wb") as stream, wave.open(stream, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_WIDTH)
        wav.setframerate(clip.rate)
        wav.writeframes(clip.pcm)


def speech_seconds(pcm: bytes, rate: int = ENGINE_RATE, floor_db: float = 35.0) -> float:
    """Seconds from the first to the last 10 ms frame within ``floor_db`` of the loudest frame.

    A crude but robust span of speech: recognisers compare it with how long the words they
    found last, to tell a short command from a long sentence squeezed into a command.
    """
    samples = pcm_to_float(pcm)
    size = max(1, rate // 100)
    count = samples.size // size
    if count == 0:
        return 0.0
    frames = samples[: count * size].reshape(count, size)
    level = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    loud = np.flatnonzero(level >= max(level.max() - floor_db, -60.0))
    return 0.0 if loud.size == 0 else float(loud[-1] - loud[0] + 1) / 100.0
