"""Needs, durations and timers in the dialog: what to read for 'what do I need' and 'how long',
and timers as deadlines in the state, with the session's clock as an input.
"""

from __future__ import annotations

from dataclasses import replace

from voice.dialog.core import EngineCore
from voice.dialog.state import Reply, State
from voice.dialog.timers import (
    TimerAction,
    TimerEvent,
    away_text,
    done_text,
    how_long_text,
    needs_text,
    next_deadline,
    split_due,
    step_time_text,
    timer_turn,
)
from voice.language.intents import Command, Intent
from voice.language.sentences import split_sentences


class Timing(EngineCore):
    """The timer half of the engine: the clock comes in as ``now``, timers go out as actions."""

    def _with_away_timers(self, opening: Reply, saved: State) -> Reply:
        ended, running = split_due(saved.timers, saved.now)
        away = away_text(ended, running, saved.now, self.guide.lang, self._msg)
        actions = tuple(TimerAction(TimerEvent.DONE, timer) for timer in ended)
        state = replace(opening.state, timers=running)
        return Reply(f"{away} {opening.say}", opening.intent, state, opening.faq, actions)

    def tick(self, state: State, now: float) -> Reply | None:
        """The turn in which timers that ended by ``now`` are announced; ``None`` if none did."""
        due, running = split_due(state.timers, now)
        if not due:
            return None
        actions = tuple(TimerAction(TimerEvent.DONE, timer) for timer in due)
        state = replace(state, timers=running, now=now)
        say = done_text(due, self._msg)
        return Reply(say, Intent.TIMER_DONE, state, actions=actions)

    @staticmethod
    def next_deadline(state: State) -> float | None:
        """When the session must call ``tick`` next, on its clock; ``None`` without timers."""
        return next_deadline(state.timers)

    def _needs(self, state: State, command: Command) -> Reply:
        say = needs_text(self.guide, command.intent is Intent.TOOLS, self._msg)
        return self._reply(say, command.intent, state, remember=False)

    def _how_long(self, state: State, command: Command) -> Reply:
        if command.intent is Intent.STEP_TIME:
            say = step_time_text(self.guide, state.step, self._msg)
        else:
            say = how_long_text(self.guide, self._msg)
        return self._reply(say, command.intent, state, remember=False)

    def _timer(self, state: State, command: Command) -> Reply:
        turn = timer_turn(self.guide, state.step, state.timers, command, state.now, self._msg)
        state = replace(state, timers=turn.timers)
        return Reply(turn.say, command.intent, state, actions=turn.actions)

    def _unlisted(self, intent: Intent) -> bool:
        """Whether ``intent`` asks for needs or times that this guide does not list."""
        if intent in (Intent.NEEDS, Intent.TOOLS):
            return not self.guide.needs
        if intent in (Intent.HOW_LONG, Intent.STEP_TIME):
            timed = any(step.time is not None for step in self.guide.steps)
            return self.guide.time is None and not timed
        return False

    def _said_in_text(self, state: State, intent: Intent) -> Reply | None:
        """The first sentence of the introduction or closing words that names what one needs or
        how long it takes, read as such; ``None`` when the guide says nothing of the kind."""
        words = FACT_WORDS.get(self.guide.lang, {}).get(intent, ())
        for key, text in (("from_intro", self.guide.intro), ("from_finish", self.guide.finish)):
            for sentence in split_sentences(text or ""):
                if any(word in sentence.casefold().split() for word in words):
                    return self._reply(self._msg(key, text=sentence), intent, state)
        return None


FACT_WORDS: dict[str, dict[Intent, tuple[str, ...]]] = {
    "en": {Intent.NEEDS: ("need", "needs"), Intent.HOW_LONG: ("minutes", "hours", "takes")},
    "nl": {Intent.NEEDS: ("nodig",), Intent.HOW_LONG: ("minuten", "uur", "duurt")},
}
"""Words by which a sentence of a guide's own text says what one needs or how long it takes."""
