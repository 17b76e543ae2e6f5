"""Signals end a session cleanly; Ctrl-C while speaking only silences the speech."""

from __future__ import annotations

import os
import signal
import time

import pytest

from voice.session.interrupts import Interrupted, exit_status, signals_as_interrupts


def _deliver(signum: int) -> None:
    os.kill(os.getpid(), signum)
    time.sleep(0.05)  # the handler runs at the next bytecode boundary


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_signal_raises_interrupted_with_the_shell_status(signum: int) -> None:
    with pytest.raises(Interrupted) as caught, signals_as_interrupts():
        _deliver(signum)
    assert exit_status(caught.value) == 128 + signum


def test_ctrl_c_while_speaking_is_spent_on_silencing() -> None:
    hushed: list[bool] = []

    def hush() -> bool:
        hushed.append(True)
        return True

    with signals_as_interrupts(hush=hush):
        _deliver(signal.SIGINT)
    assert hushed == [True]


def test_ctrl_c_when_quiet_ends_and_sigterm_never_asks() -> None:
    asked: list[int] = []

    def quiet() -> bool:
        asked.append(1)
        return False

    with pytest.raises(Interrupted), signals_as_interrupts(hush=quiet):
        _deliver(signal.SIGINT)
    with pytest.raises(Interrupted), signals_as_interrupts(hush=lambda: True):
        _deliver(signal.SIGTERM)
    assert asked == [1]


def test_old_handlers_come_back() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with signals_as_interrupts():
        pass
    assert signal.getsignal(signal.SIGTERM) is before
