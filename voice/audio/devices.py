"""Audio input devices as PortAudio sees them, listed for ``voice-guide mics`` and ``--mic N``.

Kept apart from ``voice.audio.microphone`` (capture, endpointing) because listing needs no
recogniser and
no guide; both share the PortAudio quirks handled here (a missing PyAudio, start-up noise on fd 2).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from voice.errors import SpeechError

MIC_PACKAGES_MISSING = (
    "microphone input needs PyAudio and SpeechRecognition (pip install 'voice-guide[speech]')"
)
"""Why there is no microphone when the ``speech`` extra is not installed, with the command that
adds it: PyAudio needs a C compiler on Linux, so it is not a core dependency."""


@dataclass(frozen=True)
class MicDevice:
    """An input device as PortAudio lists it."""

    index: int
    """What ``--mic`` takes."""
    name: str
    rate: int
    """Default sample rate; audio is resampled to the engine's 16 kHz."""
    default: bool = False


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """PortAudio probes ALSA, JACK and OSS at start and prints pages of noise on fd 2."""
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def require_mic_packages() -> None:
    """``SpeechError`` (with the install command) unless PyAudio and SpeechRecognition are both
    installed; checked without importing them, before the slow recogniser is built for nothing."""
    if not all(importlib.util.find_spec(name) for name in ("pyaudio", "speech_recognition")):
        raise SpeechError(MIC_PACKAGES_MISSING)


def load_pyaudio() -> Any:
    """The ``pyaudio`` module; ``SpeechError`` naming the install command when it is missing."""
    try:
        import pyaudio
    except ImportError as err:
        raise SpeechError(MIC_PACKAGES_MISSING) from err
    return pyaudio


def list_microphones() -> list[MicDevice]:
    """Every device that can record, with the default marked."""
    pyaudio = load_pyaudio()
    with quiet_stderr():
        audio = pyaudio.PyAudio()
    try:
        default = _default_index(audio)
        infos = [audio.get_device_info_by_index(i) for i in range(audio.get_device_count())]
    finally:
        audio.terminate()
    return [
        MicDevice(
            int(i["index"]), str(i["name"]), int(i["defaultSampleRate"]), i["index"] == default
        )
        for i in infos
        if int(i.get("maxInputChannels", 0)) > 0
    ]


def _default_index(audio: Any) -> int | None:
    try:
        return int(audio.get_default_input_device_info()["index"])
    except OSError:
        return None


def mics_lines(devices: list[MicDevice]) -> list[str]:
    """The lines of ``voice-guide mics``."""
    if not devices:
        return ["no microphone found (voice-guide will use text mode)"]
    return [
        f"{d.index:>3}  {d.name}  ({d.rate} Hz){'  [default]' if d.default else ''}"
        for d in devices
    ]
