"""Bounded waits for tests: every wait on a process, a pipe or a blocking call ends in time.

Why: a wait without a limit turns one missed event (a "stop" the recogniser did not hear, a CLI
that never prints its prompt) into a CI job that hangs until it is killed, with no word about
what it waited for. These helpers fail the test instead, saying what did not happen and, for a
process, what it wrote to stderr; a process that overran is killed so it cannot outlive the test.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

STDERR_TAIL = 2000
"""Characters of a stuck process's stderr quoted in the failure."""


def finish(
    process: subprocess.Popen[str], timeout: float, what: str
) -> tuple[str | None, str | None]:
    """``process.communicate()`` within ``timeout`` s; else kill it and fail saying ``what``."""
    try:
        return process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate(timeout=10)
        raise AssertionError(
            f"{what}: still running after {timeout} s, killed; stderr:\n{_tail(err)}"
        ) from None


def wait_exit(process: subprocess.Popen[Any], timeout: float, what: str) -> int:
    """``process.wait()`` within ``timeout`` s (its exit status); else kill it and fail."""
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
        raise AssertionError(f"{what}: still running after {timeout} s, killed") from None


def within(
    timeout: float, what: str, call: Callable[[], T], unblock: Callable[[], object] | None = None
) -> T:
    """``call()``'s result (or its exception) if it returns within ``timeout`` s; else fail.

    For blocking calls that take no timeout themselves (a listener's ``listen()``, a pipe's
    ``readline()``). ``call`` runs on a daemon thread; on a timeout ``unblock`` (closing the
    device, killing the process) is called so that thread ends too.
    """
    result: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as err:  # handed to the test's thread below
            error.append(err)

    worker = threading.Thread(target=run, name=f"within: {what}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        if unblock is not None:
            unblock()
        raise AssertionError(f"{what}: nothing within {timeout} s")
    if error:
        raise error[0]
    return result[0]


def join(thread: threading.Thread, timeout: float, what: str) -> None:
    """``thread.join()`` within ``timeout`` s; else fail saying ``what`` did not finish."""
    thread.join(timeout)
    if thread.is_alive():
        raise AssertionError(f"{what}: not finished after {timeout} s")


def _tail(text: str | None) -> str:
    return (text or "")[-STDERR_TAIL:]
