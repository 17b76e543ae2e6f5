"""Push to talk: when the microphone counts, told from the times the space key was pressed.

A terminal gives no key-release events, only the key's autorepeat while it is held: one press,
a pause of 250-700 ms (the repeat delay), then a press every 30-100 ms until the key is let go.
So presses closer together than ``repeat_gap`` form one *run*, and a push is read from its runs:

- a **tap** (a run of one press) opens a push that listens until the endpointer hears the pause
  after the utterance (``PushState.OPEN``); a **second tap** cuts it short at that tap;
- a **hold** (a run of repeats) keeps the push open through any pause (``PushState.HELD``); the
  end of the repeats (the release) ends it at the last repeat. Tap-then-hold ends at the release.

Either way a push ends after ``max_push`` seconds (a forgotten tap, a stuck key), and the
repeats of a push that has ended do not open another one: only a fresh press does. A run is
known to be over only ``repeat_gap`` after its last press, so a second tap takes effect that
late; the audio is cut at the tap itself all the same, because every question here is asked
about a *time* (the time a microphone chunk arrived), not about the present.

``pressed`` and ``status`` are pure (times in, state out); ``PushGate`` holds the state for the
key-reading thread and the listening thread. ``PushedAudio`` stands in front of the endpointer:
audio outside a push never reaches it (a noisy room is not listened to at all); a push that the
keys end is closed with a moment of digital silence, so the endpointer hands over what it holds;
the utterances of a hold are joined into one. A press while the guide speaks stops the reply
(the CLI does that); until it has stopped and its echo died away (the microphone's ``muted``
chunks) the push hears nothing, so a loudspeaker's last words are not taken for the person's.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from dataclasses import dataclass, replace
from enum import Enum

from voice.audio.microphone import Chunk, Endpointer, Utterance


@dataclass(frozen=True)
class PushConfig:
    """How key presses are read as pushes."""

    repeat_gap: float = 0.2
    """Presses closer than this are one key held down (autorepeat runs at 10-40 per second)."""
    max_push: float = 15.0
    """The longest push; a forgotten tap or a stuck key must not listen for ever."""
    lead: float = 0.2
    """Audio kept from just before the press: people start speaking as they press."""


class PushState(str, Enum):
    """What the microphone's audio at a given time is to the listener."""

    IDLE = "idle"
    """No push: the audio is not listened to at all."""
    OPEN = "open"
    """Tapped: listen until the endpointer hears the closing pause."""
    HELD = "held"
    """The key is held: listen through pauses, until the release."""
    ENDED = "ended"
    """The keys ended the push (second tap, release) or it ran too long: audio up to ``end``."""


@dataclass(frozen=True)
class Push:
    """One push, from the press that opened it."""

    start: float
    """Time of the press that opened it."""
    last: float
    """Time of its latest press."""
    run_presses: int = 1
    """Presses in the latest run (more than one: the key is, or was, held)."""
    runs: int = 1
    """Runs of presses so far (more than one: pressed again after the opening tap)."""


@dataclass(frozen=True)
class Status:
    """The push's state at one moment."""

    state: PushState
    end: float = math.inf
    """With ``ENDED``: audio after this time is not part of the push."""


@dataclass(frozen=True)
class Keys:
    """Everything the gate knows: the latest press and the push it belongs to."""

    last_press: float = -math.inf
    """Time of the latest press of the key, in a push or not."""
    push: Push | None = None
    """The push being listened to; ``None`` once the listener has finished it."""


def pressed(keys: Keys, now: float, config: PushConfig) -> Keys:
    """The keys after a press at ``now``."""
    repeat = now - keys.last_press <= config.repeat_gap
    push = keys.push
    if push is None or status(push, now, config).state is PushState.ENDED:
        # The repeats of a push that has ended (a key held past the limit, or still held after
        # its utterance was taken) open nothing; a fresh press opens the next push.
        if not repeat:
            return Keys(now, Push(now, now))
        return Keys(now, None if push is None else replace(push, last=now))
    if repeat:
        return Keys(now, replace(push, last=now, run_presses=push.run_presses + 1))
    return Keys(now, replace(push, last=now, run_presses=1, runs=push.runs + 1))


def status(push: Push | None, at: float, config: PushConfig) -> Status:
    """What audio arriving at time ``at`` is to the listener (see the module doc)."""
    if push is None or at < push.start:
        return Status(PushState.IDLE)
    limit = push.start + config.max_push
    released = at - push.last > config.repeat_gap
    ended_by_keys = released and (push.run_presses > 1 or push.runs > 1)
    if ended_by_keys or at >= limit:
        return Status(PushState.ENDED, min(push.last if ended_by_keys else limit, limit))
    held = push.run_presses > 1
    return Status(PushState.HELD if held else PushState.OPEN)


class PushGate:
    """The keys, shared between the thread that reads the key and the one that listens."""

    def __init__(self, config: PushConfig | None = None) -> None:
        self.config = config or PushConfig()
        self._keys = Keys()
        self._lock = threading.Lock()

    def press(self, now: float) -> bool:
        """Note a press of the key at ``now``; True when it opened a push (the caller stops the
        reply being spoken, as any new command does)."""
        with self._lock:
            self._keys = pressed(self._keys, now, self.config)
            push = self._keys.push
            return push is not None and push.start == now and push.runs == push.run_presses == 1

    def look(self, at: float) -> tuple[Push | None, Status]:
        """The current push and its state at time ``at``, read together."""
        with self._lock:
            push = self._keys.push
            return push, status(push, at, self.config)

    def finish(self, push: Push) -> None:
        """The listener is done with ``push`` (its utterance was taken, or it ended); a push that
        has replaced it meanwhile is left alone."""
        with self._lock:
            current = self._keys.push
            if current is not None and current.start == push.start:
                self._keys = replace(self._keys, push=None)


CLOSING_MARGIN = 1.0
"""Silence fed beyond the closing pause to end a push: a voice-activity detector goes on
hearing speech for a while after it stops (Silero ~0.1 s); the feeding stops at the cut."""


class PushedAudio:
    """The endpointer's input in push-to-talk mode: microphone chunks in (``feed``, in order),
    the utterance of each push out."""

    def __init__(self, gate: PushGate, endpointer: Endpointer) -> None:
        self._gate = gate
        self._endpointer = endpointer
        self._recent: deque[Chunk] = deque()
        """Audio from before any push, as much as ``lead``: the first sound of a push."""
        self._current: Push | None = None
        """The push whose audio the endpointer is being fed."""
        self._segments: list[Utterance] = []
        """Utterances of a hold so far (pauses inside it end them; the release ends the push)."""

    def feed(self, chunk: Chunk) -> Utterance | None:
        """The utterance a push gave once it is over; ``None`` meanwhile and outside pushes."""
        push, now = self._gate.look(chunk.time)
        inside = now.state is not PushState.IDLE and chunk.time <= now.end
        same = push is not None and self._current is not None and push.start == self._current.start
        if self._current is not None and not (inside and same):
            closed = self._close(chunk)
            self._keep(chunk)
            return closed
        if not inside or push is None:
            if push is not None and now.state is PushState.ENDED:
                self._gate.finish(push)  # over before any of its audio was read
            self._keep(chunk)
            return None
        if chunk.muted:  # the reply the press is cutting short, still in the room
            return None
        if self._current is None:
            self._current = push
            for before in self._recent:
                self._endpointer.feed(before)  # nothing can end within the lead: no pause yet
            self._recent.clear()
        return self._take(self._endpointer.feed(chunk), now.state)

    def _take(self, utterance: Utterance | None, state: PushState) -> Utterance | None:
        if utterance is None:
            return None
        if state is PushState.HELD:
            self._segments.append(utterance)
            return None
        return self._finish(utterance)

    def _close(self, last: Chunk) -> Utterance | None:
        """End the push the keys ended: silence makes the endpointer hand over what it holds.
        That silence must not count as the room's noise, so the noise floor is kept."""
        ambient = self._endpointer.ambient
        silence = Chunk(bytes(len(last.pcm)), last.time)
        closing = self._endpointer.config.pause_threshold + CLOSING_MARGIN
        utterance = None
        for _ in range(max(1, round(closing * 1000 / self._endpointer.config.chunk_ms)) + 1):
            utterance = self._endpointer.feed(silence)
            if utterance is not None:
                break
        self._endpointer.reset()
        self._endpointer.ambient = ambient
        return self._finish(utterance)

    def _finish(self, last: Utterance | None) -> Utterance | None:
        """The push's utterance (a hold's parts joined) and the gate told it is over."""
        parts = [*self._segments, *([last] if last is not None else [])]
        if self._current is not None:
            self._gate.finish(self._current)
        self._current = None
        self._segments = []
        if not parts:
            return None
        pcm = b"".join(part.pcm for part in parts)
        return Utterance(pcm, parts[0].start, parts[-1].end)

    def _keep(self, chunk: Chunk) -> None:
        if chunk.muted:  # the guide's voice is no one's first syllable
            self._recent.clear()
            return
        self._recent.append(chunk)
        while self._recent and self._recent[0].time < chunk.time - self._gate.config.lead:
            self._recent.popleft()
