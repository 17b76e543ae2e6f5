"""Timers and the guide's facts about time and supplies, as the dialog engine answers them. Pure.

The engine never looks at a clock: each turn brings the time (``now``, seconds on the session's
clock), a timer is a deadline on that clock kept in the state, and what happens to timers leaves
the engine as ``TimerAction``s for the session to carry out (wake up at the deadline, chime).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from voice.guide.model import Guide, Need
from voice.language.durations import say_duration
from voice.language.intents import Command, Intent

Msg = Callable[..., str]
"""The engine's message formatter: ``msg("key", name=value)``."""


@dataclass(frozen=True)
class Timer:
    """A running timer, named after the step it was set at."""

    number: int
    """1, 2, ... in the order set; tells timers of the same step apart."""
    step: int
    """Step it was set at; 0 at the introduction."""
    name: str
    """How the guide calls it: "step 3, Boil and soak" (or its length, set before step 1)."""
    seconds: int
    deadline: float
    """When it ends, on the clock the session passes in as ``now``."""


class TimerEvent(str, Enum):
    """What happened to a timer in a turn."""

    STARTED = "started"
    CANCELLED = "cancelled"
    DONE = "done"


@dataclass(frozen=True)
class TimerAction:
    """A timer change for the session to carry out: schedule a wake-up, chime when done."""

    event: TimerEvent
    timer: Timer


@dataclass(frozen=True)
class TimerTurn:
    """The engine's answer to a timer command: what to say and the timers that follow."""

    say: str
    timers: tuple[Timer, ...]
    actions: tuple[TimerAction, ...] = ()


def next_deadline(timers: Sequence[Timer]) -> float | None:
    """When the session must wake up next; ``None`` with no timer running."""
    return min((timer.deadline for timer in timers), default=None)


def split_due(timers: Sequence[Timer], now: float) -> tuple[list[Timer], tuple[Timer, ...]]:
    """(timers that have ended by ``now``, timers still running)."""
    due = [timer for timer in timers if timer.deadline <= now]
    return due, tuple(timer for timer in timers if timer.deadline > now)


def say_left(timer: Timer, now: float, lang: str) -> str:
    """Time left, said as people round it: seconds under two minutes, whole minutes above."""
    left = max(1, math.ceil(timer.deadline - now))
    return say_duration(left if left < 120 else round(left / 60) * 60, lang)


def _named(name: str) -> str:
    """'step 3, Boil and soak' gets its closing comma inside a sentence."""
    return f"{name}," if "," in name else name


def timer_turn(
    guide: Guide, step: int, timers: tuple[Timer, ...], command: Command, now: float, msg: Msg
) -> TimerTurn:
    """Start, check or cancel timers, for ``timer_set`` / ``timer_start`` / ``timer_left`` /
    ``timer_cancel``."""
    if command.intent is Intent.TIMER_LEFT:
        return _left(timers, now, guide.lang, msg)
    if command.intent is Intent.TIMER_CANCEL:
        return _cancel(step, timers, msg)
    seconds = command.seconds
    step_time = guide.steps[step - 1].time if step else None
    if seconds is None and step_time is None:
        key = (
            "timer_how_long" if command.intent is Intent.TIMER_SET or not step else "timer_no_time"
        )
        return TimerTurn(msg(key), timers)
    if seconds is None and step_time is not None:
        running = next(
            (t for t in timers if t.step == step and t.seconds == step_time.seconds), None
        )
        if running is not None:
            left = say_left(running, now, guide.lang)
            return TimerTurn(msg("timer_running", name=_named(running.name), left=left), timers)
        seconds = step_time.seconds
    return _start(guide, step, timers, seconds or 1, now, msg)


def _start(
    guide: Guide, step: int, timers: tuple[Timer, ...], seconds: int, now: float, msg: Msg
) -> TimerTurn:
    length = say_duration(seconds, guide.lang)
    title = guide.steps[step - 1].title.strip().rstrip(".") if step else ""
    name = msg("timer_name", number=step, title=title) if step else length
    number = max((timer.number for timer in timers), default=0) + 1
    timer = Timer(number, step, name, seconds, now + seconds)
    say = msg("timer_started", time=length, name=name)
    return TimerTurn(say, (*timers, timer), (TimerAction(TimerEvent.STARTED, timer),))


def _left(timers: tuple[Timer, ...], now: float, lang: str, msg: Msg) -> TimerTurn:
    if not timers:
        return TimerTurn(msg("timer_none"), timers)
    ordered = sorted(timers, key=lambda timer: timer.deadline)
    parts = [msg("timer_left", name=_named(t.name), left=say_left(t, now, lang)) for t in ordered]
    return TimerTurn(" ".join(parts), timers)


def _cancel(step: int, timers: tuple[Timer, ...], msg: Msg) -> TimerTurn:
    """The timer of this step (the latest set), else the one that would end first."""
    if not timers:
        return TimerTurn(msg("timer_none"), timers)
    here = [timer for timer in timers if timer.step == step]
    gone = here[-1] if here else min(timers, key=lambda timer: timer.deadline)
    rest = tuple(timer for timer in timers if timer is not gone)
    action = TimerAction(TimerEvent.CANCELLED, gone)
    return TimerTurn(msg("timer_cancelled", name=_named(gone.name)), rest, (action,))


def done_text(due: Sequence[Timer], msg: Msg) -> str:
    """ "The timer for step 3, Boil and soak, is done." for each timer that ended."""
    return " ".join(msg("timer_done", name=_named(timer.name)) for timer in due)


def away_text(ended: Sequence[Timer], running: Sequence[Timer], now: float, lang: str,
              msg: Msg) -> str:  # fmt: skip
    """On a restart: which timers ended while the guide was not running, which still run."""
    parts = [msg("timer_ended_away", name=_named(timer.name)) for timer in ended]
    parts += [
        msg("timer_still_running", name=_named(t.name), left=say_left(t, now, lang))
        for t in running
    ]
    return " ".join(parts)


# --- what you need, how long it takes --------------------------------------------------------


def needs_text(guide: Guide, tools_only: bool, msg: Msg) -> str:
    """'You need: 4 eggs, a saucepan and a spoon.'; only the tools for 'what tools do I need'."""
    if not guide.needs:
        return msg("needs_none")
    if not tools_only:
        return msg("needs", items=_listing(guide.needs, msg))
    tools = tuple(need for need in guide.needs if need.tool)
    if not tools:
        return msg("tools_none", needs=msg("needs", items=_listing(guide.needs, msg)))
    return msg("tools", items=_listing(tools, msg))


def _listing(needs: Sequence[Need], msg: Msg) -> str:
    names = [need.spoken for need in needs]
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {msg('and')} {names[-1]}"


def how_long_text(guide: Guide, msg: Msg) -> str:
    """The guide's total time; else the sum of its timed steps, said as such; else that it has
    none."""
    if guide.time is not None:
        return msg("how_long", time=say_duration(guide.time.seconds, guide.lang))
    timed = sum(step.time.seconds for step in guide.steps if step.time is not None)
    if timed:
        return msg("how_long_steps", time=say_duration(timed, guide.lang))
    return msg("how_long_none")


def step_time_text(guide: Guide, step: int, msg: Msg) -> str:
    """How long the current step takes ('how long does this step take')."""
    if not step:
        return msg("step_time_intro", how_long=how_long_text(guide, msg))
    time = guide.steps[step - 1].time
    if time is None:
        return msg("step_time_none", number=step)
    return msg("step_time", number=step, time=say_duration(time.seconds, guide.lang))


def step_takes(guide: Guide, step: int, msg: Msg) -> str:
    """The sentence added when a timed step is read: 'This takes about ten minutes. ...'."""
    time = guide.steps[step - 1].time
    if time is None:
        return ""
    return " " + msg("step_takes", time=say_duration(time.seconds, guide.lang))
