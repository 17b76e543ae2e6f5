"""Audio helpers: WAV reading of any rate/channels, resampling, levels."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from voice.audio.pcm import (
    AudioFormatError,
    Clip,
    read_wav,
    resample,
    rms,
    speech_seconds,
    to_engine_rate,
    write_wav,
)


def tone(rate: int, seconds: float = 1.0, freq: float = 440.0, amp: float = 0.5) -> bytes:
    t = np.arange(int(rate * seconds)) / rate
    return (np.sin(2 * np.pi * freq * t) * amp * 32767).astype("<i2").tobytes()


@pytest.mark.parametrize("rate", [8000, 22050, 44100, 48000])
def test_resample_keeps_duration_and_pitch(rate: int) -> None:
    out = np.frombuffer(to_engine_rate(tone(rate), rate), "<i2").astype(float)
    assert len(out) == 16000
    peak = np.argmax(np.abs(np.fft.rfft(out)))
    assert abs(peak - 440) <= 2


def test_downsampling_removes_what_cannot_be_represented() -> None:
    out = resample(tone(48000, freq=12000), 48000, 16000)
    assert rms(out) < 0.01


def test_stereo_wav_is_mixed_to_mono(tmp_path: Path) -> None:
    left = np.frombuffer(tone(22050), "<i2")
    frames = np.stack([left, np.zeros_like(left)], axis=1).astype("<i2").tobytes()
    path = tmp_path / "stereo.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        wav.writeframes(frames)
    clip = read_wav(path)
    assert clip.rate == 22050 and abs(clip.seconds - 1.0) < 0.01
    assert abs(rms(clip.pcm) - rms(left.tobytes()) / 2) < 0.01


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "x.wav"
    write_wav(path, Clip(tone(16000), 16000))
    assert read_wav(path).pcm == tone(16000)


def test_bad_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(AudioFormatError, match="no such file"):
        read_wav(tmp_path / "missing.wav")
    junk = tmp_path / "junk.wav"
    junk.write_bytes(b"not a wav")
    with pytest.raises(AudioFormatError, match=r"junk\.wav: not a PCM WAV"):
        read_wav(junk)


def test_levels_and_speech_span() -> None:
    assert rms(b"\0\0" * 100) == 0.0
    silence = b"\0\0" * 8000
    assert abs(speech_seconds(silence + tone(16000, 0.5) + silence) - 0.5) < 0.03
