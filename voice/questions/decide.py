"""Decide what to do with a ranking: answer, ask back, or say the question is out of scope."""

from __future__ import annotations

from dataclasses import dataclass

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


def decide(index: QuestionIndex, ranked: list[Ranked]) -> QuestionMatch | None:
    """The best target when it is confident enough, sure when it also leads clearly."""
    config = index.config
    if not ranked or ranked[0][0] < config.maybe:
        return None
    score, number = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    target = index.targets[number]
    sure = score >= config.sure and score - runner_up >= config.margin
    return QuestionMatch(
        target.faq_id,
        target.step,
        round(score, 3),
        sure,
        target.question,
        None if target.part in (Part.FAQ, Part.STEP) else target.part,
        target.number,
        target.text,
    )
