"""What the dialog engine remembers between turns and what one turn returns: frozen values,
replaced each turn, never mutated (so a saved position is just a ``State``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from voice.dialog.timers import (
    Timer,
    TimerAction,
)
from voice.language.intents import Intent


@dataclass(frozen=True)
class Pending:
    """An answer the engine asked back about ("Did you mean ...?"), waiting for yes or no."""

    faq_id: str | None
    step: int | None
    say: str = ""
    """The reply when a tip or a sentence of the guide answers; empty for FAQ entries and steps."""
    other: Pending | None = None
    """The second answer of "Do you mean X, or Y?"; ``None`` when only one was offered."""
    asked: str = field(default="", compare=False)
    """The question asked back, said again on 'repeat'."""


@dataclass(frozen=True)
class State:
    """Everything the engine remembers between turns; replaced, never mutated."""

    step: int = 0
    """Current step, 1-based; 0 while still at the introduction."""
    tip: int = 0
    """Number of the tip read last; 0 when none has been read."""
    last_say: str = ""
    """The last reply with content, for 'repeat'."""
    misses: int = 0
    """Consecutive utterances not understood."""
    paused: bool = False
    pending: Pending | None = None
    finished: bool = False
    """True after the closing words: 'next' no longer moves."""
    ended: bool = False
    """True once the person said stop."""
    resuming: bool = False
    """At a saved position offered back ('continue' or 'start over'), not yet read out."""
    listed: int = 0
    """Questions of the FAQ list read so far, for 'more'; 0 when no list is being read."""
    choosing: tuple[str, ...] = ()
    """Names of the guides the person was asked to choose from ("which one?")."""
    switch_to: str | None = None
    """The guide the person asked to open: the session ends and the CLI opens that one."""
    timers: tuple[Timer, ...] = ()
    """Running timers, each with its deadline on the session's clock."""
    now: float = 0.0
    """The session's clock at this turn (an input: the engine reads no clock)."""


@dataclass(frozen=True)
class Reply:
    """What to say after one utterance, and the state that follows."""

    say: str
    intent: Intent
    state: State
    faq: str | None = None
    """FAQ id answered, else ``None``; on a ``clarify`` turn the candidate FAQ ids, joined by
    ``|`` when two are offered (event-log field)."""
    actions: tuple[TimerAction, ...] = ()
    """Timers started, cancelled or done in this turn, for the session to carry out."""
    why: tuple[str, ...] = ()
    """The parser's evidence for the intent (``--explain``); empty for the opening."""

    @property
    def step(self) -> int | None:
        """Current step number after the turn, ``None`` at the introduction (event-log field)."""
        return self.state.step or None

    @property
    def switch_to(self) -> str | None:
        """The name of the guide to open instead of this one, if the person asked for one."""
        return self.state.switch_to
