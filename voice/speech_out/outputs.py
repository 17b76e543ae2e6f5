"""Where a reply's audio goes: the sound device and the ``--audio-out`` WAV files.

Each output owns its failures: the first one is reported once (through the ``report`` callback
given to it) and turns that output off, while the other output goes on. A dead sound device
mutes playback but WAV files keep being written; an unwritable WAV directory stops the files
but not the voice. A player that stalls is forgiven once (that reply is cut, the next one gets a
new player): on a busy machine a device can be starved for a moment without being hung.
``open_outputs`` words the notice, since what is left decides it.

Threads: the speaker's thread feeds the outputs; callers' threads ask ``alive``/``name``, reserve
WAV paths and ``kill`` the sound. Each output keeps its changing state behind its own lock and
calls ``report`` with no lock held. The locks are re-entrant because a Ctrl-C handler (in the
main thread) asks ``speaking`` and calls ``stop`` while the main thread may be inside them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from voice.audio.playback import Playback, PlaybackError, PlaybackStalled, PlayerCommand
from voice.audio.wav_out import AudioOutError, WavDirectory, write_wav

Report = Callable[[str], None]
"""Takes one line saying why an output stopped working."""

STALLS_TO_GIVE_UP = 2
"""Replies in a row whose player stalled before the sound device counts as lost: one stall is
cut short and the next reply tries a new player, since a busy machine can starve the player
for a moment; a device that hangs again is hung."""


class SoundOutput:
    """Replies to the sound device, one killable player process per reply.

    Invariant: ``_player`` (``None`` once muted or lost) and ``_playback`` (the reply now
    playing) are read and written only under ``_lock``. ``begin``/``feed``/``finish``/``end``
    are called by the speaker's thread alone; ``kill``, ``name`` and ``alive`` by any thread.
    """

    def __init__(
        self, player: PlayerCommand | None, rate: int, report: Report, note: Report | None = None
    ) -> None:
        self._player = player
        self._rate = rate
        self._report = report
        self._note = note or report
        """Takes one line on a problem the output survives (a stalled reply)."""
        self._lock = threading.RLock()
        self._playback: Playback | None = None
        self._stalls = 0
        self._cut = False
        """The reply now playing stalled: the rest of it is dropped."""

    @property
    def name(self) -> str | None:
        """The player in use (``pacat``, ``aplay``); ``None`` when muted or after a failure."""
        with self._lock:
            return self._player.name if self._player else None

    @property
    def alive(self) -> bool:
        """Whether replies still go to the sound device."""
        return self.name is not None

    def begin(self, cancelled: threading.Event) -> None:
        """Start the player now, so it is ready by the time the first sentence is."""
        with self._lock:
            player = self._player
        if player is None or cancelled.is_set():
            return
        try:
            playback = Playback(player, self._rate, cancelled)
        except PlaybackError as err:
            self._lose(err)
            return
        with self._lock:
            self._playback = playback
        if cancelled.is_set():  # stopped before ``kill`` could see this player
            playback.kill()

    def feed(self, pcm: bytes) -> None:
        """Queue one sentence's audio; returns at once when the reply was stopped."""
        playback = self._current()
        if playback is not None:
            self._guard(lambda: playback.feed(pcm))

    def finish(self) -> None:
        """Wait until the reply has been heard (or stopped)."""
        playback = self._current()
        if playback is not None and self._guard(playback.finish):
            with self._lock:
                self._stalls = 0

    def end(self) -> None:
        """After every reply, however it ended: release its player."""
        with self._lock:
            playback, self._playback, self._cut = self._playback, None, False
        if playback is not None:
            playback.close()

    def kill(self) -> None:
        """Silence now (any thread)."""
        with self._lock:
            if self._playback is not None:
                self._playback.kill()

    def _current(self) -> Playback | None:
        with self._lock:
            return self._playback if self._player and not self._cut else None

    def _guard(self, action: Callable[[], None]) -> bool:
        """Run a player action; ``False`` when it failed (and was dealt with)."""
        try:
            action()
        except PlaybackStalled as err:
            self._stalled(err)
        except PlaybackError as err:
            self._lose(err)
        else:
            return True
        return False

    def _stalled(self, err: PlaybackStalled) -> None:
        with self._lock:
            self._stalls += 1
            again = self._stalls < STALLS_TO_GIVE_UP
            self._cut = again
        if again:
            self._note(f"sound output stalled ({err}); the next reply tries again")
        else:
            self._lose(err)

    def _lose(self, err: PlaybackError) -> None:
        with self._lock:
            self._player = None
        self._report(f"sound output failed ({err})")


class WavOutput:
    """Every reply also as a numbered WAV file (``--audio-out``).

    Invariant: ``_directory`` (``None`` without ``--audio-out`` or after a failed write) is read
    and written only under ``_lock``: ``reserve`` runs in the caller's thread (``say`` returns
    the path), ``write`` in the speaker's.
    """

    def __init__(self, directory: WavDirectory | None, report: Report) -> None:
        self._directory = directory
        self._report = report
        self._lock = threading.RLock()

    @property
    def alive(self) -> bool:
        """Whether replies are still written to files."""
        with self._lock:
            return self._directory is not None

    def reserve(self) -> Path | None:
        """The file the next reply goes to; ``None`` when no files are written."""
        with self._lock:
            return self._directory.next_path() if self._directory else None

    def write(self, path: Path, pcm: bytes, rate: int) -> None:
        """Write one whole reply; the first failure is reported and ends the files."""
        if not self.alive:
            return
        try:
            write_wav(path, pcm, rate)
        except AudioOutError as err:
            with self._lock:
                self._directory = None
            self._report(str(err))


@dataclass(frozen=True)
class Outputs:
    """Both outputs of a speaker; either may be off from the start."""

    sound: SoundOutput
    """The sound device (off with ``--mute`` or without a player)."""
    files: WavOutput
    """The WAV files (off without ``--audio-out``)."""


def open_outputs(
    player: PlayerCommand | None, directory: WavDirectory | None, rate: int, report: Report
) -> Outputs:
    """Both outputs, each reporting its failure with what still works after it."""

    def files_lost(why: str) -> None:
        report(f"{why}; replies are no longer written to files")

    files = WavOutput(directory, files_lost)

    def sound_lost(why: str) -> None:
        rest = "writing WAV files only" if files.alive else "replies are printed only"
        report(f"{why}; {rest}")

    return Outputs(SoundOutput(player, rate, sound_lost, report), files)
