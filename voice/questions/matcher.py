"""Free-form questions -> the FAQ entry or step that answers them, with a calibrated confidence.

Targets are FAQ entries (question, ``also`` phrasings, answer) and steps (title, text); each tip
lends its words to the target it is closest to, since a reply can only be an entry or a step.

Scoring is BM25 with ``k1 = 0`` and field weights (BM25F): a term counts once, weighted by its IDF
and by the field it is found in (question or title 1.0, answer or step text 0.7, tip 0.5). Term
frequency and length normalisation are left out on purpose: in one-sentence questions and short
answers a repeated word carries no extra meaning, and ``k1 = 0`` turns the score, divided by the
question's own IDF mass, into "how much of what was asked does this answer cover", a number in
[0, 1] we can put thresholds on. Words the guide does not know count as rare words, so a question
about something else stays low. The confidence then discounts that coverage unless the person
said most of the target's own question or title, or brought several rare words of its text.
Thresholds were set on the development set in ``tests/data`` (see ``benchmarks/bench_questions``).

We write this scorer ourselves (about 60 lines) because the BM25 packages (rank_bm25, bm25s)
rank by raw, unbounded scores, scan every document per term (rank_bm25), and take neither
weighted query terms (a misheard word stands for several guide words) nor per-field weights.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from voice.guide.model import Guide
from voice.language.analysis import Lexicon, TextAnalyzer

PHRASE = 1.0
"""Weight of a FAQ question, an ``also`` phrasing or a step title."""
BODY = 0.7
"""Weight of a FAQ answer or a step text: they mention much that they do not answer."""
TIP = 0.5
"""Weight of a tip, attached to the FAQ entry or step it is closest to."""
TIP_LINK = 0.3
"""Least confidence for a tip to be attached to an answer; tips below it are left out."""
UNKNOWN = 1.0
"""IDF of a word the guide does not know, as a share of the rarest known term's IDF."""
FLOOR = 0.5
"""Share of the question coverage that counts even when little of the target's question was said."""
EVIDENCE = 3.0
"""Matched IDF mass, in rare-word units, that counts as fully said without the target's question."""
SURE = 0.65
"""Confidence from which the engine answers without asking back."""
MAYBE = 0.44
"""Confidence below which a question is out of scope."""
MARGIN = 0.1
"""Lead over the runner-up needed to be sure; closer calls are asked back."""
CANDIDATES = 8
"""Targets ranked by coverage that get the full confidence computed."""


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


@dataclass
class _Target:
    """One thing that can answer: a FAQ entry or a step, with its indexed terms."""

    faq_id: str | None
    step: int | None
    question: str
    terms: dict[str, float] = field(default_factory=dict)
    """Term -> weight of the best field it occurs in."""
    phrases: list[frozenset[str]] = field(default_factory=list)
    """Terms of each question-like field (FAQ question, ``also`` phrasings, step title)."""

    def add(self, terms: Iterable[str], weight: float) -> None:
        for term in terms:
            self.terms[term] = max(weight, self.terms.get(term, 0.0))


@dataclass(frozen=True)
class _Slot:
    """One meaningful word of a question: the terms it may stand for, with similarity."""

    word: str
    """The word as said; a word said twice is one slot."""
    options: tuple[tuple[str, float], ...]
    idf: float


class LexicalMatcher:
    """The default ``QuestionMatcher``: weighted term coverage over an inverted index."""

    def __init__(self, guide: Guide) -> None:
        self._analyzer = TextAnalyzer(guide.lang)
        texts = [e.question for e in guide.faq] + [a for e in guide.faq for a in e.also]
        texts += [e.answer for e in guide.faq] + [s.title for s in guide.steps]
        texts += [s.text for s in guide.steps] + list(guide.tips)
        self._words = {text: self._analyzer.words(text) for text in texts}
        self._lexicon = Lexicon(self._analyzer, {w for ws in self._words.values() for w in ws})
        self._targets = self._index_targets(guide)
        self._reindex()
        links = [(tip, self._closest(tip)) for tip in guide.tips]
        for tip, index in links:
            if index is not None:
                self._attach(index, self._doc_terms(tip), TIP)
        self._words.clear()

    def match(self, text: str) -> QuestionMatch | None:
        """The best answer for ``text``, or ``None`` when nothing covers enough of it."""
        words = self._analyzer.words(text)
        slots = self._slots(words)
        total = sum(slot.idf for slot in slots)
        if not slots or total <= 0:
            return None
        ranked = self._rank(slots, total, words[0] in self._analyzer.how_words)
        if not ranked or ranked[0][0] < MAYBE:
            return None
        score, index = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        target = self._targets[index]
        sure = score >= SURE and score - runner_up >= MARGIN
        return QuestionMatch(target.faq_id, target.step, round(score, 3), sure, target.question)

    def _index_targets(self, guide: Guide) -> list[_Target]:
        targets: list[_Target] = []
        for entry in guide.faq:
            target = _Target(entry.id, None, entry.question)
            for phrase in (entry.question, *entry.also):
                self._add_phrase(target, phrase)
            target.add(self._doc_terms(entry.answer), BODY)
            targets.append(target)
        for number, step in enumerate(guide.steps, start=1):
            target = _Target(None, number, step.title)
            self._add_phrase(target, step.title)
            target.add(self._doc_terms(step.text), BODY)
            targets.append(target)
        return targets

    def _add_phrase(self, target: _Target, text: str) -> None:
        terms = self._doc_terms(text)
        target.add(terms, PHRASE)
        if terms:
            target.phrases.append(frozenset(terms))

    def _doc_terms(self, text: str) -> set[str]:
        """Terms of a guide text; compounds count as themselves and as their parts."""
        words = self._words.get(text)
        if words is None:
            words = self._analyzer.words(text)
        words = self._lexicon.with_parts(words)
        return set(self._analyzer.terms(words))

    def _reindex(self) -> None:
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, target in enumerate(self._targets):
            for term, weight in target.terms.items():
                self._postings[term].append((index, weight))
        count = len(self._targets)
        self._idf = {term: _idf(count, len(hits)) for term, hits in self._postings.items()}
        self._rare_idf = _idf(count, 1)
        self._unknown_idf = UNKNOWN * self._rare_idf

    def _closest(self, tip: str) -> int | None:
        """The target a tip is about, if any is close enough."""
        slots = self._slots(self._analyzer.words(tip))
        total = sum(slot.idf for slot in slots)
        ranked = self._rank(slots, total) if total > 0 else []
        return ranked[0][1] if ranked and ranked[0][0] >= TIP_LINK else None

    def _attach(self, index: int, terms: Iterable[str], weight: float) -> None:
        """Add terms to one indexed target, updating postings and IDF of those terms only."""
        target = self._targets[index]
        for term in terms:
            old = target.terms.get(term, 0.0)
            if old >= weight:
                continue
            target.terms[term] = weight
            hits = self._postings[term]
            hits[:] = [hit for hit in hits if hit[0] != index] + [(index, weight)]
            self._idf[term] = _idf(len(self._targets), len(hits))

    def _slots(self, words: list[str]) -> list[_Slot]:
        """The question as weighted term options; unknown words get their look-alikes."""
        expanded: list[str] = []
        for word in self._lexicon.join(words):
            parts = self._lexicon.split(word)
            known = word in self._lexicon.known
            expanded.extend(([word] if known or not parts else []) + (parts or []))
        slots: list[_Slot] = []
        for token in self._analyzer.tokens(expanded):
            if token.term in self._idf:
                slots.append(_Slot(token.surface, ((token.term, 1.0),), self._idf[token.term]))
            else:
                slots.append(self._repair(token.surface))
        return list(dict.fromkeys(slots))  # a word said twice is no more evidence

    def _repair(self, word: str) -> _Slot:
        options: dict[str, float] = {}
        for candidate, similarity in self._lexicon.near(word):
            term = self._analyzer.term(candidate)
            if term in self._idf:
                options[term] = max(similarity, options.get(term, 0.0))
        if not options:
            return _Slot(word, (), self._unknown_idf)
        idf = max(self._idf[term] for term in options)
        return _Slot(word, tuple(options.items()), idf)

    def _rank(self, slots: list[_Slot], total: float, how: bool = False) -> list[tuple[float, int]]:
        """(confidence, target index) of the best candidates, best first."""
        coverage: dict[int, float] = defaultdict(float)
        said: dict[str, float] = {}
        for slot in slots:
            for term, similarity in slot.options:
                said[term] = max(similarity, said.get(term, 0.0))
            if len(slot.options) == 1:  # the usual case, kept fast for big guides
                term, similarity = slot.options[0]
                factor = slot.idf * similarity
                for index, weight in self._postings.get(term, ()):
                    coverage[index] += factor * weight
            else:
                for index, value in self._best_option(slot).items():
                    coverage[index] += slot.idf * value
        top = heapq.nlargest(CANDIDATES, coverage, key=coverage.__getitem__)
        ranked = [(self._confidence(coverage[index], total, index, said), index) for index in top]
        return sorted(ranked, key=lambda item: (-round(item[0], 2), self._tie_rank(item[1], how)))

    def _best_option(self, slot: _Slot) -> dict[int, float]:
        """Per target, the best of a repaired word's options (each counts once)."""
        best: dict[int, float] = {}
        for term, similarity in slot.options:
            for index, weight in self._postings.get(term, ()):
                best[index] = max(similarity * weight, best.get(index, 0.0))
        return best

    def _tie_rank(self, index: int, how: bool) -> int:
        """Among equals (to two decimals) "how do I ..." prefers a step, a procedure; other
        questions prefer a FAQ entry."""
        is_step = self._targets[index].step is not None
        return index - len(self._targets) if is_step == how else index

    def _confidence(
        self, covered: float, total: float, index: int, said: dict[str, float]
    ) -> float:
        """Share of the question covered, discounted unless the target's own question was said
        or the question brings enough evidence (several rare words) of its own."""
        phrase_cover = max(
            (self._phrase_cover(phrase, said) for phrase in self._targets[index].phrases),
            default=0.0,
        )
        evidence = min(1.0, covered / (EVIDENCE * self._rare_idf))
        return covered / total * (FLOOR + (1 - FLOOR) * max(phrase_cover, evidence))

    def _phrase_cover(self, phrase: frozenset[str], said: dict[str, float]) -> float:
        mass = sum(self._idf[term] for term in phrase)
        hit = sum(self._idf[term] * said.get(term, 0.0) for term in phrase)
        return hit / mass if mass > 0 else 0.0


def _idf(count: int, hits: int) -> float:
    """BM25's IDF, the variant that stays positive for terms in most targets."""
    return math.log(1 + (count - hits + 0.5) / (hits + 0.5))


def build_matcher(guide: Guide) -> QuestionMatcher:
    """Index a guide once; the matcher answers questions about it."""
    return LexicalMatcher(guide)
