"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.needs import need_package
from tests.support.pulse import PulseServer, PulseUnavailable


@pytest.fixture(autouse=True)
def private_state_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Saved positions go to a fresh directory per test (inherited by CLI subprocesses), so no
    test resumes where another one stopped, and the user's own state dir is never touched."""
    directory = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("VOICE_GUIDE_STATE_DIR", str(directory))
    return directory


@pytest.fixture(autouse=True)
def private_guides_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The person's guides folder is an empty one per test: their own guides never change what
    a test sees (tests/test_library.py puts guides in its own)."""
    directory = tmp_path_factory.mktemp("guides")
    monkeypatch.setenv("VOICE_GUIDE_GUIDES_DIR", str(directory))
    return directory


@pytest.fixture
def pulse_server() -> Iterator[PulseServer]:
    """A private PulseAudio daemon with null sinks ``room`` and ``speaker``
    (see tests/support/pulse.py)."""
    try:
        server = PulseServer.start(sinks=("room", "speaker"))
    except PulseUnavailable as err:
        pytest.skip(f"no private PulseAudio server: {err}")
    with server:
        yield server


@pytest.fixture
def loop_server(pulse_server: PulseServer) -> PulseServer:
    """``pulse_server`` for a test that runs the app in voice mode, whose packages are the
    project's: a missing one fails the test rather than skipping it."""
    for module in ("pyaudio", "speech_recognition", "pocketsphinx", "pyttsx3"):
        need_package(module)
    return pulse_server
