"""Audio helpers: audio files of any format, rate and channels; resampling; levels. At the end,
every format the CLI takes is made from real espeak-ng speech and recognised by pocketsphinx."""

from __future__ import annotations

import json
import shutil
import subprocess
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.support.needs import need_package
from tests.support.synth import have_espeak, speak
from tests.test_resume import run_cli
from voice.audio.pcm import (
    AudioFormatError,
    Clip,
    read_audio,
    read_wav,
    resample,
    rms,
    skip_leading_silence,
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


def test_a_reply_starting_with_a_stop_consonant_loses_only_its_silent_closure(
    tmp_path: Path,
) -> None:
    """espeak-ng's "Paused." opens with ~50 ms of digital silence; "Okay." with none."""
    if not have_espeak():
        pytest.skip("espeak-ng missing")
    paused, okay = (read_wav(speak(text, "en-us", 175, tmp_path)) for text in ("Paused.", "Okay."))
    trimmed = skip_leading_silence(paused.pcm)
    assert 0.03 < (len(paused.pcm) - len(trimmed)) / 2 / paused.rate < 0.08
    assert (
        paused.pcm.endswith(trimmed)
        and abs(int.from_bytes(trimmed[:2], "little", signed=True)) > 32
    )
    assert skip_leading_silence(okay.pcm) == okay.pcm
    assert skip_leading_silence(b"\0\0" * 100) == b"\0\0" * 100  # nothing to play from: kept


def test_zero_frames_is_an_error_but_silence_is_audio(tmp_path: Path) -> None:
    empty, silent = tmp_path / "empty.wav", tmp_path / "silent.flac"
    soundfile.write(empty, np.zeros((0, 1)), 16000, subtype="PCM_16")
    soundfile.write(silent, np.zeros(8000), 16000)
    with pytest.raises(AudioFormatError, match=r"empty\.wav: empty audio file"):
        read_audio(empty)
    assert read_audio(silent) == Clip(b"\0\0" * 8000, 16000)


def test_a_directory_is_named(tmp_path: Path) -> None:
    with pytest.raises(AudioFormatError, match="is a directory"):
        read_audio(tmp_path)


# --- every format, from real speech, through the CLI -----------------------------------------


def _sox(*effects: str) -> Callable[[Path, Path], Path]:
    """A converter writing ``target`` with sox's output options (rate, channels, bits)."""

    def convert(source: Path, target: Path) -> Path:
        subprocess.run(["sox", str(source), *effects, str(target)], check=True, timeout=60)
        return target

    return convert


def _soundfile(subtype: str, channels: int = 1) -> Callable[[Path, Path], Path]:
    """A converter writing ``target`` with libsndfile (format from its suffix)."""

    def convert(source: Path, target: Path) -> Path:
        samples, rate = soundfile.read(source, dtype="float64")
        soundfile.write(target, np.stack([samples] * channels, axis=1), rate, subtype=subtype)
        return target

    return convert


FORMATS: dict[str, tuple[str, Callable[[Path, Path], Path]]] = {
    "wav-8k-s16": ("next", _sox("-r", "8000", "-b", "16")),
    "wav-11k-u8": ("repeat", _sox("-r", "11025", "-b", "8", "-e", "unsigned-integer")),
    "wav-44k-s24-stereo": ("go back", _sox("-r", "44100", "-b", "24", "-c", "2")),
    "wav-48k-s32": ("next", _sox("-r", "48000", "-b", "32", "-e", "signed-integer")),
    "wav-float-4ch": ("tips", _soundfile("FLOAT", channels=4)),
    "flac-stereo": ("where am i", _soundfile("PCM_24", channels=2)),
    "ogg-vorbis": ("previous step", _soundfile("VORBIS")),
    "wav-double": ("stop", _soundfile("DOUBLE")),
}
"""Format -> (what is said, how the espeak-ng WAV is converted); the suffix is the name's first
part. ``stop`` comes last: it ends the session. (8 kHz *and* 8 bits was tried: pocketsphinx
heard 'next' as 'do if'; either alone is fine.)"""


@pytest.fixture(scope="module")
def every_format(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path]]:
    if not have_espeak() or shutil.which("sox") is None:
        pytest.skip("espeak-ng and sox are needed (apt install espeak-ng sox)")
    into = tmp_path_factory.mktemp("formats")
    made = []
    for name, (text, convert) in FORMATS.items():
        source = speak(text, "en-us", 150, into)
        made.append((text, convert(source, into / f"{name}.{name.split('-')[0]}")))
    return made


def test_every_format_reads_as_the_same_speech(every_format: list[tuple[str, Path]]) -> None:
    for _, path in every_format:
        clip = read_audio(path)
        assert 0.3 < clip.seconds < 3.0 and rms(clip.pcm) > 0.01, (path.name, clip.seconds)


@pytest.mark.slow
def test_every_format_is_recognised_through_the_cli(every_format: list[tuple[str, Path]]) -> None:
    need_package("pocketsphinx")
    files = [str(path) for _, path in every_format]
    args = ("--fresh", "--mute", "--jsonl", "-", "--stt", "pocketsphinx", "--audio-in", *files)
    result = run_cli(*args, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    turns = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    heard = [turn["heard"] for turn in turns[1:]]
    assert heard == [text for text, _ in every_format], result.stderr[-2000:]
