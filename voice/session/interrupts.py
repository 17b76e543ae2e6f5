"""Ctrl-C, ``kill`` and a closed terminal end a session the same clean way.

SIGTERM and SIGHUP are turned into the exception Ctrl-C raises (``KeyboardInterrupt``), so one
``except`` clause in the CLI closes devices, flushes logs and exits without a traceback. The
position needs nothing here: it is saved after every turn, which is also why ``kill -9`` (which
no program can catch) loses nothing.

Ctrl-C while the guide is speaking only silences it (the way a person would interrupt): the
``hush`` callback decides, and the session goes on; Ctrl-C at a quiet moment ends the session.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType

HANDLED = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""Signals that end a session cleanly (Windows has no SIGHUP)."""


class Interrupted(KeyboardInterrupt):
    """A signal asked the program to end; ``signum`` gives the exit status 128 + signum."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def exit_status(err: KeyboardInterrupt) -> int:
    """The shell's convention: 128 + the signal number (130 for Ctrl-C)."""
    return 128 + getattr(err, "signum", signal.SIGINT)


def _end(signum: int) -> None:
    # A second signal while the session closes must not interrupt the cleanup itself.
    for number in HANDLED:
        signal.signal(number, signal.SIG_IGN)
    raise Interrupted(signum)


@contextlib.contextmanager
def signals_as_interrupts(hush: Callable[[], bool] | None = None) -> Iterator[None]:
    """Within the block, SIGINT/SIGTERM/SIGHUP raise ``Interrupted``; the old handlers after.

    ``hush`` is asked first on SIGINT: when it returns True (it silenced the speech) the signal
    is spent. It runs inside the signal handler, so it must not take locks the main thread may
    hold (start a thread for that). Outside the main thread nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGINT and hush is not None and hush():
            return
        _end(signum)

    previous = {number: signal.getsignal(number) for number in HANDLED}
    for number in HANDLED:
        signal.signal(number, handler)
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
