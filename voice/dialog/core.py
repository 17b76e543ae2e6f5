"""The core every part of the dialog engine builds on: the guide, its vocabulary and question
index, the messages, and how a reply is put together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from voice.dialog.guide_choice import (
    GuideRef,
)
from voice.dialog.messages import messages_for
from voice.dialog.state import Reply, State
from voice.dialog.timers import (
    step_takes,
)
from voice.guide.model import Guide
from voice.language.commands import Vocabulary, guide_vocabulary
from voice.language.intents import Intent
from voice.questions.matcher import QuestionMatcher, build_matcher

MAX_LISTED_QUESTIONS = 8

"""Questions read out by 'what can I ask' at a time ('more' reads the next ones); a long list
read aloud helps nobody."""

MISSES_BEFORE_HELP = 2

"""Consecutive misunderstandings from which on the reply includes the full help: the first
gets a short hint, a repeated one the list of commands."""


def _sentence(text: str) -> str:
    """Titles end in a full stop when read aloud, so the voice pauses after them."""
    text = text.strip()
    return text if not text or text[-1] in ".!?:;" else text + "."


class EngineCore:
    """What every part of the engine shares: the guide, its vocabulary and question index, the
    message table, and the small helpers that build replies. The parts (asking back, switching
    guides, timers) are mixins over this core, so ``DialogEngine`` stays one object with one
    state while each concern lives in its own module."""

    def __init__(
        self,
        guide: Guide,
        matcher: QuestionMatcher | None = None,
        transcript: str | None = None,
        guides: Sequence[GuideRef] = (),
        vocab: Vocabulary | None = None,
    ) -> None:
        self.guide = guide
        self.guides = tuple(guides)  # the others one may switch to ('open the router guide')
        self.transcript = transcript  # said by the 'transcript' command; None: none is kept
        self.vocab = vocab if vocab is not None else guide_vocabulary(guide)
        """The guide's one vocabulary (``guide_vocabulary``), shared with the speech input."""
        self.matcher = matcher if matcher is not None else build_matcher(guide)
        self.text: Mapping[str, str] = messages_for(guide.lang)

    def _msg(self, key: str, **values: object) -> str:
        return self.text[key].format(**values)

    def _reply(
        self, say: str, intent: Intent, state: State, faq: str | None = None, remember: bool = True
    ) -> Reply:
        if remember:
            state = replace(state, last_say=say)
        return Reply(say, intent, state, faq)

    @property
    def total(self) -> int:
        return len(self.guide.steps)

    def _step_text(self, number: int) -> str:
        step = self.guide.steps[number - 1]
        text = self._msg(
            "step", number=number, total=self.total, title=_sentence(step.title), text=step.text
        )
        return text + step_takes(self.guide, number, self._msg)

    def _go(self, state: State, number: int, intent: Intent) -> Reply:
        state = replace(state, step=number, finished=False, resuming=False)
        return self._reply(self._step_text(number), intent, state)

    def _not_understood(self, state: State, utterance: str) -> Reply:
        """Short while paused (likely background talk); a pointer to help; full help when it
        persists."""
        if state.paused:
            return self._reply(self._msg("paused_unknown"), Intent.UNKNOWN, state, remember=False)
        misses = state.misses + 1
        state = replace(state, misses=misses)
        looks_like_question = len(utterance.split()) >= 4
        if looks_like_question:
            say = self._msg("dont_know")
        elif misses >= MISSES_BEFORE_HELP:
            say = self._msg("unknown_again", help=self._msg("help", example=min(3, self.total)))
        else:
            say = self._msg("unknown")
        return self._reply(say, Intent.UNKNOWN, state, remember=False)
