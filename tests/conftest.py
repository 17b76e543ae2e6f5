"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pulse import PulseServer, PulseUnavailable


@pytest.fixture
def pulse_server() -> Iterator[PulseServer]:
    """A private PulseAudio daemon with null sinks ``room`` and ``speaker`` (see tests/pulse.py)."""
    try:
        server = PulseServer.start(sinks=("room", "speaker"))
    except PulseUnavailable as err:
        pytest.skip(f"no private PulseAudio server: {err}")
    with server:
        yield server
