"""Decide what to do with a ranking: answer, ask back, or say the question is out of scope.

A clear, confident winner is answered. A confident winner whose runner-up is close and also in
scope is a call between two: the engine asks "Do you mean X, or Y?". Anything else above the
out-of-scope line is asked back alone ("Did you mean X?").
"""

from __future__ import annotations

from dataclasses import dataclass

from voice.questions.config import MatcherConfig
from voice.questions.index import Part, QuestionIndex
from voice.questions.rank import Ranked


@dataclass(frozen=True)
class QuestionMatch:
    """The best answer found for a question, with how sure we are of it."""

    faq_id: str | None
    """FAQ entry that answers, or ``None`` when a step answers best."""
    step: int | None
    """1-based step number when a step answers best, else ``None``."""
    score: float
    """Calibrated confidence in [0, 1]."""
    sure: bool
    """True: answer directly; False: the engine asks back "Did you mean: <question>?"."""
    question: str
    """The text to offer when asking back (FAQ question, step title, or the sentence)."""
    part: Part | None = None
    """The part of the guide that answers when it is neither a FAQ entry nor a step."""
    number: int | None = None
    """1-based tip number when a tip answers, else ``None``."""
    text: str = ""
    """What to read when a tip or a sentence answers; empty for FAQ entries and steps."""
    other: QuestionMatch | None = None
    """A close runner-up when the call is between two (then ``sure`` is False)."""


def decide(
    index: QuestionIndex,
    ranked: list[Ranked],
    foreign: int,
    spoken: bool = False,
    agreeing: int = 0,
) -> QuestionMatch | None:
    """The best target when it is confident enough, sure when it also leads clearly. A question
    with a ``foreign`` word (rare, unknown to the guide; ``foreign`` counts them) needs more
    confidence to be in scope, and more for each further one, and so does a ``spoken`` one,
    whose words the recogniser may have taken from the guide. A typed question of guide words
    needs less when ``agreeing`` (two or more) of its words meet in the best target."""
    least = _least(index.config, foreign, spoken, agreeing)
    if not ranked or ranked[0][0] < least:
        return None
    config = index.config
    score, number = ranked[0]
    runner_up, second = ranked[1] if len(ranked) > 1 else (0.0, number)
    sure = score >= config.sure and score - runner_up >= config.margin
    close = not sure and runner_up >= config.maybe and score - runner_up < config.margin
    other = _match(index, second, runner_up, False) if close else None
    return _match(index, number, score, sure, other)


def _least(config: MatcherConfig, foreign: int, spoken: bool, agreeing: int) -> float:
    """The out-of-scope line of a question."""
    if foreign or spoken:
        return config.maybe + config.more_foreign * max(0, foreign - 1)
    if agreeing >= 2:  # words that meet in one target: the question is about it
        return config.maybe_known - config.agree
    return config.maybe_known


def _match(
    index: QuestionIndex, number: int, score: float, sure: bool, other: QuestionMatch | None = None
) -> QuestionMatch:
    target = index.targets[number]
    return QuestionMatch(
        target.faq_id,
        target.step,
        round(score, 3),
        sure,
        target.question,
        None if target.part in (Part.FAQ, Part.STEP) else target.part,
        target.number,
        target.text,
        other,
    )
