"""Push to talk's key: the space bar, read from the terminal one key at a time.

While the microphone listener runs, the terminal is in cbreak mode: keys arrive one by one as
they are pressed, unechoed, and Ctrl-C still sends SIGINT, so stopping and interrupting work
as in every other mode. A thread waits for keys and hands each space to ``press(time)`` (the
``voice.audio.push_to_talk`` gate, which tells taps from a held key's autorepeat); when that
opens a push, "(listening)" is shown and ``on_push`` runs (the CLI stops the reply being
spoken). Other keys do nothing but show a short hint, at most every ``HINT_EVERY`` seconds:
typed commands would need a line editor of their own here (and space is taken), and a stray key
must not become a command; ``--text`` is the way to type.

The terminal's mode is saved first and put back by ``close()``, which the session calls on every
way out (the guide's end, "stop", Ctrl-C, kill, an error, a lost microphone before text mode
takes over); after Ctrl-Z and ``fg`` the thread puts cbreak back (the shell resets the mode).
The keys are only read from the first ``listen()`` on, so a session that never starts listening
never touches the terminal.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any

from voice.errors import OptionError, SpeechError
from voice.session.ports import Heard, Listener

KEY = b" "
"""The push-to-talk key."""
HINT_EVERY = 5.0
"""Seconds between two hints about the key, however many other keys are pressed."""
POLL = 0.1
"""Longest the key thread waits before it checks whether it should end."""

INTRO = (
    "Push to talk: tap space and speak (it listens until you pause), or hold space while you speak."
)
"""Said once, when listening starts."""
HINT = "(push to talk: tap or hold space to speak, tap again to cut it short; Ctrl-C ends)"
"""Shown when another key is pressed."""
LISTENING = "(listening)"
"""Shown when a press opens a push: the press was taken, speak now."""


def require_terminal(stream: IO[str]) -> None:
    """Raise ``OptionError`` when ``stream`` is no terminal to read the key from: without the
    key, push to talk would either hear nothing or hear the whole room, and the person asked for
    neither."""
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if not interactive:
        raise OptionError("--push-to-talk needs a terminal to read the space key from")
    try:
        import termios  # noqa: F401  (POSIX only)
    except ImportError as err:
        raise OptionError("--push-to-talk needs a POSIX terminal (termios)") from err


class SpaceKey:
    """The terminal in cbreak mode and a thread reading its keys, from ``start`` to ``close``."""

    def __init__(
        self,
        press: Callable[[float], bool],
        on_push: Callable[[], object],
        notes: IO[str],
        stream: IO[str] | None = None,
    ) -> None:
        self._press = press
        self._on_push = on_push
        self._notes = notes
        self._fd = (stream or sys.stdin).fileno()
        self._saved: Any = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_hint = -HINT_EVERY

    def start(self) -> None:
        """Read keys from now on; ``SpeechError`` when the terminal cannot be put in cbreak."""
        import termios  # POSIX only; require_terminal has checked it is there
        import tty

        try:
            self._saved = termios.tcgetattr(self._fd)
            tty.setcbreak(self._fd, termios.TCSANOW)
        except (termios.error, OSError) as err:
            raise SpeechError(f"cannot read the space key from the terminal: {err}") from err
        self._thread = threading.Thread(target=self._run, name="push-to-talk-key", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self._fd], [], [], POLL)
                data = os.read(self._fd, 64) if ready else self._keep_cbreak()
            except OSError:  # the terminal went away; SIGHUP ends the session
                return
            if ready and not data:
                return
            self._keys(data, time.monotonic())

    def _keep_cbreak(self) -> bytes:
        """Put cbreak back if the terminal lost it: after Ctrl-Z and ``fg`` the shell has given
        the terminal its own line mode, and a space would wait for Enter. No keys: ``b''``."""
        import termios
        import tty

        with contextlib.suppress(termios.error):
            if termios.tcgetattr(self._fd)[3] & termios.ICANON:
                tty.setcbreak(self._fd, termios.TCSANOW)
        return b""

    def _keys(self, data: bytes, now: float) -> None:
        for key in data:
            if key == KEY[0]:
                if self._press(now):
                    self._on_push()
                    self._note(LISTENING)
            elif now - self._last_hint >= HINT_EVERY:
                self._last_hint = now
                self._note(HINT)

    def _note(self, text: str) -> None:
        self._notes.write(f"{text}\n")
        self._notes.flush()

    def close(self) -> None:
        """Stop reading and give the terminal its mode back; safe to call twice."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2 * POLL + 1)
            self._thread = None
        if self._saved is not None:
            import termios

            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)
            self._saved = None


class PushToTalkListener:
    """A microphone listener driven by the space key: the key is read (and the way it works is
    said, once) from the first ``listen``; ``close`` ends both, terminal first."""

    def __init__(self, listener: Listener, keys: SpaceKey, say: IO[str]) -> None:
        self._listener = listener
        self._keys = keys
        self._say = say
        self._started = False

    def listen(self) -> Heard | None:
        if not self._started:
            self._started = True
            self._keys.start()
            self._say.write(f"{INTRO}\n")
            self._say.flush()
        return self._listener.listen()

    def close(self) -> None:
        try:
            self._keys.close()
        finally:
            self._listener.close()
