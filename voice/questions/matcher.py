"""Free-form questions -> the FAQ entry or step that answers them, with a calibrated confidence.

The pipeline, one module per step: ``index`` (build a frozen index of the guide), ``expand``
(question words -> weighted guide terms), ``rank`` (targets by confidence) and ``decide``
(answer, ask back or out of scope), tuned by one ``MatcherConfig``. Each tip lends its words to
the target it is closest to, since a reply can only be an entry or a step.

Scoring is BM25 with ``k1 = 0`` and field weights (BM25F): a term counts once, weighted by its IDF
and by the field it is found in. Term frequency and length normalisation are left out on purpose:
in one-sentence questions and short answers a repeated word carries no extra meaning, and
``k1 = 0`` turns the score, divided by the question's own IDF mass, into "how much of what was
asked does this answer cover", a number in [0, 1] we can put thresholds on.

We write this scorer ourselves (about 60 lines) because the BM25 packages (rank_bm25, bm25s)
rank by raw, unbounded scores, scan every document per term (rank_bm25), and take neither
weighted query terms (a misheard word stands for several guide words) nor per-field weights.
"""

from __future__ import annotations

from typing import Protocol

from voice.guide.model import Guide
from voice.language.analysis import AMOUNT
from voice.questions.config import DEFAULT_CONFIG, MatcherConfig
from voice.questions.decide import QuestionMatch, decide
from voice.questions.expand import Slot, expand, foreign_count, kind_slots, with_particle_verbs
from voice.questions.index import QuestionIndex, attach, build_index, doc_terms
from voice.questions.rank import NAMED_PARTS, Ranked, agreeing_words, rank


class QuestionMatcher(Protocol):
    """Finds the answer to a question in one guide; ``None`` means out of scope."""

    def match(self, text: str, spoken: bool = False) -> QuestionMatch | None:
        """The answer to ``text``; ``spoken``: a recogniser's reading rather than typed text."""
        ...


class LexicalMatcher:
    """The default ``QuestionMatcher``: weighted term coverage over an inverted index."""

    def __init__(self, guide: Guide, config: MatcherConfig = DEFAULT_CONFIG) -> None:
        index = build_index(guide, config)
        links = [(tip, _closest(index, tip)) for tip in guide.tips]
        additions = [
            (number, doc_terms(index.analyzer, index.lexicon, tip), config.tip)
            for tip, number in links
            if number is not None
        ]
        self.index: QuestionIndex = attach(index, additions) if additions else index
        """The frozen index questions are matched against."""

    def match(self, text: str, spoken: bool = False) -> QuestionMatch | None:
        """The best answer for ``text``, or ``None`` when nothing covers enough of it; recognised
        (``spoken``) text needs the confidence of a question with a foreign word."""
        index = self.index
        slots, how = question_slots(index, text, spoken)
        if not any(_topical(slot) for slot in slots):
            return None
        ranked = _ranked(index, slots, how)
        agreeing = agreeing_words(index, ranked[0][1], slots) if ranked else 0
        return decide(index, ranked, foreign_count(slots), spoken, agreeing)


def _topical(slot: Slot) -> bool:
    """A word of the question, or a kind of answer that names its topic ("#amount:milk", what
    this guide needs, its summary): "when" or "why" alone ("when the", a recogniser's reading of
    noise) tells what is asked, not about what, so it never puts a question in scope."""
    return not slot.kind or ":" in slot.word or slot.word in NAMED_PARTS


def question_slots(index: QuestionIndex, text: str, spoken: bool = True) -> tuple[list[Slot], bool]:
    """The slots of a question, and whether it opens with a how-word (it prefers steps);
    ``spoken``: a recogniser's reading, whose everyday words may be mishearings."""
    analyzer = index.analyzer
    words = analyzer.words(text)
    words = analyzer.rephrase(
        with_particle_verbs(index, words, analyzer.particle_verbs(text, words))
    )
    how = bool(words) and words[0] in analyzer.how_words
    count = analyzer.asked_count(words)
    forms, words = analyzer.asked_forms(words)
    kinds, words = analyzer.cues(words, index.idf)
    kinds |= forms
    if count is not None and count in index.idf:  # "how much milk": the amount of milk
        kinds = (kinds - {AMOUNT}) | {count}
    said = analyzer.number_words(text)
    return expand(index, words, said, spoken) + kind_slots(index, kinds), how


def _ranked(index: QuestionIndex, slots: list[Slot], how: bool = False) -> list[Ranked]:
    total = sum(slot.idf for slot in slots)
    return rank(index, slots, total, how) if slots and total > 0 else []


def _closest(index: QuestionIndex, tip: str) -> int | None:
    """The target a tip is about, if any is close enough."""
    ranked = _ranked(index, expand(index, index.analyzer.words(tip)))
    return ranked[0][1] if ranked and ranked[0][0] >= index.config.tip_link else None


def build_matcher(guide: Guide, config: MatcherConfig = DEFAULT_CONFIG) -> QuestionMatcher:
    """Index a guide once; the matcher answers questions about it."""
    return LexicalMatcher(guide, config)


__all__ = ["LexicalMatcher", "MatcherConfig", "QuestionMatch", "QuestionMatcher", "build_matcher"]
