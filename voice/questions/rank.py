"""Rank the targets for an expanded question by a calibrated confidence.

Coverage is "how much of what was asked does this target cover": the IDF mass of the slots a
target contains, times field weight and similarity, divided by the question's own IDF mass, so a
number in [0, 1]. The confidence then discounts that coverage unless the person said most of the
target's own question or title, or brought several rare words of its text. A tip or a
sentence of prose ranks by a confidence its part discounts (prose mentions much in passing),
and keeps that discount unless it holds every word asked.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Container

from voice.language.question_kinds import NEEDS, SUMMARY
from voice.questions.expand import Slot
from voice.questions.index import QuestionIndex

NAMED_PARTS = (NEEDS, SUMMARY)
"""Kinds of answer that name a part of the guide: the needs, the summary."""
Ranked = tuple[float, int]
"""(confidence, target index)."""


def rank(index: QuestionIndex, slots: list[Slot], total: float, how: bool = False) -> list[Ranked]:
    """(confidence, target index) of the best candidates, best first; ``how`` says the question
    opens with a how-word, which prefers steps among equals."""
    coverage: dict[int, float] = defaultdict(float)
    said: dict[str, float] = {}
    postings = index.postings
    for slot in slots:
        for term, similarity in slot.options:
            said[term] = max(similarity, said.get(term, 0.0))
        if len(slot.options) == 1:  # the usual case, kept fast for big guides
            term, similarity = slot.options[0]
            factor = slot.idf * similarity
            for number, weight in postings.get(term, ()):
                coverage[number] += factor * weight
        else:
            for number, value in _best_option(index, slot).items():
                coverage[number] += slot.idf * value
    top = heapq.nlargest(index.config.candidates, coverage, key=coverage.__getitem__)
    scored = [(_confidence(index, coverage[n], total, n, said), n) for n in top]
    order = sorted(
        scored,
        key=lambda item: (
            -round(_rank_score(index, item[0], item[1], how, slots), 2),
            _tie_rank(index, item[1], how),
        ),
    )
    return [(score * _part_factor(index, n, slots), n) for score, n in order]


def _best_option(index: QuestionIndex, slot: Slot) -> dict[int, float]:
    """Per target, the best of a repaired word's options (each counts once)."""
    best: dict[int, float] = {}
    for term, similarity in slot.options:
        for number, weight in index.postings.get(term, ()):
            best[number] = max(similarity * weight, best.get(number, 0.0))
    return best


def _rank_score(
    index: QuestionIndex, score: float, number: int, how: bool, slots: list[Slot]
) -> float:
    """The confidence a target ranks by: discounted by its part (entries and steps come
    first) unless the question names that part ("the short version"), and with a lead for a
    step when the question opens with a how-word: "how do I start a chat" asks for a
    procedure, not the FAQ entry that mentions starting a new chat."""
    target = index.targets[number]
    lead = index.config.how_step if how and target.step is not None else 0.0
    factor = 1.0 if _names_part(target.terms, slots) else target.factor
    return score * factor * (1 + lead)


def _tie_rank(index: QuestionIndex, number: int, how: bool) -> int:
    """Among equals (to two decimals) "how do I ..." prefers a step, a procedure; other
    questions prefer a FAQ entry."""
    is_step = index.targets[number].step is not None
    return number - len(index.targets) if is_step == how else number


def _confidence(
    index: QuestionIndex, covered: float, total: float, number: int, said: dict[str, float]
) -> float:
    """Share of the question covered, discounted unless the target's own question was said
    or the question brings enough evidence (several rare words) of its own."""
    phrase_cover = max(
        (_phrase_cover(index, phrase, said) for phrase in index.targets[number].phrases),
        default=0.0,
    )
    config = index.config
    evidence = min(1.0, covered / (config.evidence * index.rare_idf))
    share = config.floor + (1 - config.floor) * max(phrase_cover, evidence)
    return covered / total * share


def _part_factor(index: QuestionIndex, number: int, slots: list[Slot]) -> float:
    """The confidence multiplier of the target's part (a tip or a sentence of prose weighs
    less than a FAQ entry or a step, as prose mentions much in passing), unless the target
    holds every word of a question of two words or more, or the one kind of answer a question
    asks for alone ("what do I need"), or the question names the target's part ("the short
    version": the summary): then the match is no passing mention ("how long does it take" and
    "Preparation takes about ten minutes")."""
    target = index.targets[number]
    if target.factor >= 1.0 or (len(slots) < 2 and not slots[0].kind):
        return target.factor
    if all(slot.held(target.terms) for slot in slots) or _names_part(target.terms, slots):
        return index.config.complete_factor
    return target.factor


def _names_part(terms: Container[str], slots: list[Slot]) -> bool:
    """Whether the question asks for the part these terms are ("the short version")."""
    return any(slot.word in NAMED_PARTS and slot.held(terms) for slot in slots)


def agreeing_words(index: QuestionIndex, number: int, slots: list[Slot]) -> int:
    """How many words of the question the target holds, and kinds of answer it gives ("how do I
    stop them cracking" and "so they do not crack": the crack, and a way to avoid it): a kind
    met is as little a chance as a word met."""
    terms = index.targets[number].terms
    return sum(slot.held(terms) for slot in slots)


def _phrase_cover(index: QuestionIndex, phrase: frozenset[str], said: dict[str, float]) -> float:
    idf = index.idf
    mass = sum(idf[term] for term in phrase)
    hit = sum(idf[term] * said.get(term, 0.0) for term in phrase)
    return hit / mass if mass > 0 else 0.0
