"""Free-form questions -> the FAQ entry or step that answers them (first simple version).

A better lexical matcher (stemming, BM25, fuzzy tolerance, calibrated bands) replaces this soon;
the API below stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz, process

from .guide import Guide

SURE = 80.0
"""rapidfuzz score (0-100) from which we answer without asking back."""
MAYBE = 60.0
"""rapidfuzz score below which the question is out of scope."""


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
    """The text to offer when asking back (FAQ question, or the step title)."""


class QuestionMatcher(Protocol):
    """Finds the answer to a question in one guide; ``None`` means out of scope."""

    def match(self, text: str) -> QuestionMatch | None: ...


@dataclass(frozen=True)
class _Target:
    faq_id: str | None
    step: int | None
    question: str


class _FuzzyMatcher:
    def __init__(self, phrases: list[str], targets: list[_Target]) -> None:
        self._phrases = phrases
        self._targets = targets

    def match(self, text: str) -> QuestionMatch | None:
        found = process.extractOne(text.lower(), self._phrases, scorer=fuzz.token_set_ratio)
        if found is None or found[1] < MAYBE:
            return None
        target = self._targets[found[2]]
        return QuestionMatch(
            target.faq_id, target.step, found[1] / 100, found[1] >= SURE, target.question
        )


def build_matcher(guide: Guide) -> QuestionMatcher:
    """Index the guide's FAQ questions, their other phrasings and the step titles."""
    phrases: list[str] = []
    targets: list[_Target] = []
    for entry in guide.faq:
        for phrase in (entry.question, *entry.also):
            phrases.append(phrase.lower())
            targets.append(_Target(entry.id, None, entry.question))
    for number, step in enumerate(guide.steps, start=1):
        phrases.append(step.title.lower())
        targets.append(_Target(None, number, step.title))
    return _FuzzyMatcher(phrases, targets)
