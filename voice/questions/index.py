"""Build the index of what a guide can answer: a frozen value the other steps only read.

Targets come from every part of the guide: FAQ entries (question, ``also`` phrasings, answer),
steps (title, text), each tip, and each sentence of the introduction, the closing words, the
summary and the conclusion, so that an answer hidden in a paragraph is read as that one sentence.
Each term of a target keeps the weight of the best field it occurs in (BM25F with ``k1 = 0``: a
term counts once, weighted by its IDF and its field). ``attach`` adds terms to built targets.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from voice.guide.model import Guide
from voice.language.analysis import TextAnalyzer
from voice.language.guide_lexicon import Lexicon
from voice.language.question_kinds import KIND, NEEDS, REASON, SUMMARY, TIP
from voice.language.sentences import split_sentences
from voice.language.word_data import compound_parts, non_nouns, related_words, word_zipf
from voice.questions.config import MatcherConfig

MIN_HEAD = 5
"""Shorter guide words do not make a compound's head by their stem: "klap" is no "klapstoel"."""
COMPOUNDING = frozenset({"nl", "de"})
"""Languages that write compounds as one word, so that a compound's head may take another
form of a guide word ("ontkalkings-" of "ontkalken")."""
MIN_FORM = 4
"""Shorter guide words are not looked up by base form: too many short words look alike."""
Posting = tuple[int, float]
"""(target index, field weight) of one term in one target."""


class Part(str, Enum):
    """The part of the guide an answer comes from, in the order answers are preferred."""

    FAQ = "faq"
    STEP = "step"
    NEEDS = "needs"
    TIP = "tip"
    INTRO = "intro"
    FINISH = "finish"
    SUMMARY = "summary"
    CONCLUSION = "conclusion"


TEXT_PARTS = (Part.INTRO, Part.FINISH, Part.SUMMARY, Part.CONCLUSION)
"""Parts read as prose, answered one sentence at a time."""


@dataclass(frozen=True)
class Target:
    """One thing that can answer: a FAQ entry, a step, a tip or a sentence of the guide."""

    faq_id: str | None
    """FAQ entry id, or ``None`` for any other part."""
    step: int | None
    """1-based step number, or ``None`` for any other part."""
    question: str
    """The text to offer when asking back (FAQ question, step title, or the sentence)."""
    terms: Mapping[str, float]
    """Term -> weight of the best field it occurs in."""
    phrases: tuple[frozenset[str], ...]
    """Terms of each question-like field (FAQ question, ``also`` phrasings, step title)."""
    part: Part = Part.FAQ
    number: int | None = None
    """1-based tip number for a tip, else ``None``."""
    text: str = ""
    """What to read for a tip or a sentence (FAQ entries and steps are read by the engine)."""
    factor: float = 1.0
    """Confidence multiplier of its part: FAQ entries and steps first, then tips, then prose."""


@dataclass(frozen=True)
class QuestionIndex:
    """An inverted index over the targets of one guide, with the analysers that made it."""

    analyzer: TextAnalyzer
    """Words -> terms in the guide's language (its stem cache is the one mutable part)."""
    lexicon: Lexicon
    """The guide's words, to repair, split and join words of a question."""
    targets: tuple[Target, ...]
    postings: Mapping[str, Sequence[Posting]]
    """Term -> the targets it occurs in."""
    idf: Mapping[str, float]
    """Term -> BM25 IDF over the targets."""
    rare_idf: float
    """IDF of a term found in one target only: the unit of evidence."""
    unknown_idf: float
    """IDF given to a word the guide does not know."""
    config: MatcherConfig
    zipf: Mapping[str, float]
    """How common everyday words of the language are (``word_data.word_zipf``)."""
    non_nouns: frozenset[str]
    """Everyday words that are never nouns or names (``word_data.non_nouns``)."""
    related: Mapping[str, tuple[str, ...]]
    """Related words of the language (``word_data.related_words``)."""
    forms: Mapping[str, frozenset[str]]
    """Base form -> terms of the guide words with that form ("druk" -> the term of
    "ingedrukt"), where a word of a question meets a form of the guide the stemmer missed."""
    listed_by: Mapping[str, tuple[str, ...]]
    """Word -> terms of the guide words whose related words list it (``_listed_by``)."""


def build_index(guide: Guide, config: MatcherConfig) -> QuestionIndex:
    """Index the FAQ entries and steps of a guide (tips come later, through ``attach``)."""
    analyzer = TextAnalyzer(guide.lang)
    texts = [e.question for e in guide.faq] + [a for e in guide.faq for a in e.also]
    texts += [e.answer for e in guide.faq] + [s.title for s in guide.steps]
    texts += [s.text for s in guide.steps] + list(guide.tips)
    texts += [text for _, texts_of_part in _prose(guide) for text in texts_of_part]
    words = {text: analyzer.words(text) for text in texts}
    known = {w for ws in words.values() for w in ws}
    lexicon = Lexicon(analyzer, known, _general(analyzer, known), compound_parts(analyzer.lang))
    terms = _TermCache(analyzer, lexicon, words)
    targets = [*_faq_targets(guide, terms, config), *_step_targets(guide, terms, config)]
    targets += _needs_targets(guide, terms, config)
    targets += _text_targets(guide, terms, config)
    return _freeze(analyzer, lexicon, targets, _postings(targets), config)


class _StemHeads:
    """Everyday words, and in a compounding language the other forms of the guide's words:
    "ontkalkingsprogramma" splits into "ontkalking" + "programma" when the guide says
    "ontkalken", so that "hoe lang duurt het ontkalken" meets the step."""

    def __init__(self, analyzer: TextAnalyzer, known: set[str], general: Container[str]) -> None:
        self.analyzer, self.known, self.general = analyzer, known, general
        self.stems = frozenset(analyzer.stem(w) for w in known if len(w) >= MIN_HEAD)

    def __contains__(self, word: object) -> bool:
        if word in self.general:
            return True
        if not isinstance(word, str) or len(word) < MIN_HEAD or word in self.known:
            return False
        return self.analyzer.stem(word) in self.stems


def _general(analyzer: TextAnalyzer, known: set[str]) -> Container[str]:
    general = word_zipf(analyzer.lang)
    if analyzer.lang not in COMPOUNDING:
        return general
    return _StemHeads(analyzer, known, general)


class _TermCache:
    """Terms of guide texts, reusing the words analysed once for the lexicon."""

    def __init__(self, analyzer: TextAnalyzer, lexicon: Lexicon, words: dict[str, list[str]]):
        self.analyzer, self.lexicon, self.words = analyzer, lexicon, words

    def __call__(self, text: str) -> set[str]:
        return doc_terms(self.analyzer, self.lexicon, text, self.words.get(text))

    def whole_verbs(self, text: str) -> set[str]:
        """Terms of the separable verbs of a text said whole (``doc_terms``), which are in
        no way the text was worded."""
        words = self.words.get(text)
        return whole_verbs(self.analyzer, text, words) - set(
            self.analyzer.terms(words if words is not None else self.analyzer.words(text))
        )


def doc_terms(
    analyzer: TextAnalyzer, lexicon: Lexicon, text: str, words: list[str] | None = None
) -> set[str]:
    """Terms of a guide text; compounds count as themselves and as their parts, a separable verb
    split over a clause also as the whole verb ("keer ... om": "omkeren"), and the kinds of
    answer it gives (a duration, an amount) count as terms too."""
    if words is None:
        words = analyzer.words(text)
    kinds = analyzer.answer_kinds(words)
    counted = analyzer.counted(words) if kinds else set()
    forms = analyzer.form_kinds(words)
    terms = set(analyzer.terms(lexicon.with_parts(words)))
    return terms | whole_verbs(analyzer, text, words) | kinds | counted | forms


def whole_verbs(analyzer: TextAnalyzer, text: str, words: list[str] | None = None) -> set[str]:
    """Terms of the separable verbs split over a clause of a guide text, said whole ("keer de
    pannenkoek om": "omkeer", the term of "omkeren")."""
    if words is None:
        words = analyzer.words(text)
    return set(analyzer.terms([verb.joined for verb in analyzer.particle_verbs(text, words)]))


class _Draft:
    """A target while it is being built."""

    def __init__(
        self, faq_id: str | None, step: int | None, question: str, part: Part = Part.FAQ
    ) -> None:
        self.faq_id, self.step, self.question, self.part = faq_id, step, question, part
        self.number: int | None = None
        self.factor = 1.0
        self.terms: dict[str, float] = {}
        self.phrases: list[frozenset[str]] = []

    def add(self, terms: Iterable[str], weight: float) -> None:
        for term in terms:
            self.terms[term] = max(weight, self.terms.get(term, 0.0))

    def add_phrase(self, terms: set[str], weight: float, unsaid: Container[str] = ()) -> None:
        """Terms of a question-like field; ``unsaid`` ones (a verb said whole that the field
        says split) count in the target but not as words of the phrase to be said."""
        self.add(terms, weight)
        said = frozenset(t for t in terms if not t.startswith(KIND) and t not in unsaid)
        if said:  # a kind of answer is no word of the phrase that a person could say
            self.phrases.append(said)

    def add_request(self, kind: str, weight: float) -> None:
        """A kind of answer that names this target ("the short version": the summary): asking
        for it is saying the target's own question."""
        self.add((kind,), weight)
        self.phrases.append(frozenset((kind,)))

    def freeze(self) -> Target:
        return Target(
            self.faq_id,
            self.step,
            self.question,
            self.terms,
            tuple(self.phrases),
            self.part,
            self.number,
            self.question if self.part not in (Part.FAQ, Part.STEP) else "",
            self.factor,
        )


def _faq_targets(guide: Guide, terms: _TermCache, config: MatcherConfig) -> list[Target]:
    targets = []
    for entry in guide.faq:
        draft = _Draft(entry.id, None, entry.question)
        for phrase in (entry.question, *entry.also):
            draft.add_phrase(terms(phrase), config.phrase, terms.whole_verbs(phrase))
        draft.add(terms(entry.answer), config.body)
        targets.append(draft.freeze())
    return targets


def _step_targets(guide: Guide, terms: _TermCache, config: MatcherConfig) -> list[Target]:
    targets = []
    for number, step in enumerate(guide.steps, start=1):
        draft = _Draft(None, number, step.title, Part.STEP)
        draft.add_phrase(terms(step.title), config.phrase, terms.whole_verbs(step.title))
        draft.add(terms(step.text), config.body)
        targets.append(draft.freeze())
    return targets


def _needs_targets(guide: Guide, terms: _TermCache, config: MatcherConfig) -> list[Target]:
    """The guide's list of needs as one target, the answer to "what do I need": the guide's own
    word on it, so it ranks with FAQ entries and steps, before a sentence that says "need" in
    passing."""
    if not guide.needs:
        return []
    listing = ", ".join(need.spoken for need in guide.needs)
    draft = _Draft(None, None, listing, Part.NEEDS)
    draft.add_phrase(terms(listing), config.text)
    draft.add_request(NEEDS, config.text)
    return [draft.freeze()]


def _text_targets(guide: Guide, terms: _TermCache, config: MatcherConfig) -> list[Target]:
    """A target per tip, and per sentence of the introduction, closing words, summary and
    conclusion: the answer to "how long does it take" is one sentence of the introduction."""
    targets = []
    for number, tip in enumerate(guide.tips, start=1):
        draft = _Draft(None, None, tip, Part.TIP)
        draft.number, draft.factor = number, config.tip_factor
        draft.add_phrase(terms(tip), config.text, terms.whole_verbs(tip))
        draft.add((TIP,), config.text)
        targets.append(draft.freeze())
    for part, texts in _prose(guide):
        for text in texts:
            for sentence in split_sentences(text):
                draft = _Draft(None, None, sentence, part)
                draft.factor = config.prose_factor
                draft.add_phrase(terms(sentence), config.text, terms.whole_verbs(sentence))
                if part is Part.INTRO:  # an introduction says why the guide is worth doing
                    draft.add((REASON,), config.text)
                if part is Part.SUMMARY:  # the guide's own short version
                    draft.add_request(SUMMARY, config.text)
                targets.append(draft.freeze())
    return targets


def _prose(guide: Guide) -> list[tuple[Part, Sequence[str]]]:
    return [
        (Part.INTRO, (guide.intro,)),
        (Part.FINISH, (guide.finish,)),
        (Part.SUMMARY, guide.summary),
        (Part.CONCLUSION, (guide.conclusion,)),
    ]


def _postings(targets: Sequence[Target]) -> dict[str, list[Posting]]:
    postings: dict[str, list[Posting]] = defaultdict(list)
    for index, target in enumerate(targets):
        for term, weight in target.terms.items():
            postings[term].append((index, weight))
    return postings


def _freeze(
    analyzer: TextAnalyzer,
    lexicon: Lexicon,
    targets: Sequence[Target],
    postings: dict[str, list[Posting]],
    config: MatcherConfig,
    idf: dict[str, float] | None = None,
    forms: Mapping[str, frozenset[str]] | None = None,
    listed_by: Mapping[str, tuple[str, ...]] | None = None,
) -> QuestionIndex:
    count = len(targets)
    if idf is None:
        idf = {term: bm25_idf(count, len(hits)) for term, hits in postings.items()}
    rare = bm25_idf(count, 1)
    lang = analyzer.lang
    return QuestionIndex(
        analyzer,
        lexicon,
        tuple(targets),
        postings,
        idf,
        rare,
        config.unknown * rare,
        config,
        word_zipf(lang),
        non_nouns(lang),
        related_words(lang),
        _forms(analyzer, lexicon, idf) if forms is None else forms,
        _listed_by(analyzer, lexicon, idf) if listed_by is None else listed_by,
    )


def _forms(
    analyzer: TextAnalyzer, lexicon: Lexicon, idf: Mapping[str, float]
) -> dict[str, frozenset[str]]:
    """Base form -> guide terms. A short guide word ("ei") is only its own form: its base forms
    would look like too many words, but a question word that reduces to it exactly ("eitje")
    is that word. A guide compound is a form of its head too ("steelpan" of "pan")."""
    forms: dict[str, set[str]] = defaultdict(set)
    zipf = word_zipf(analyzer.lang)
    for word in lexicon.known:
        term = analyzer.term(word)
        if term in idf and word not in analyzer.stop_words and not word.isdigit():
            for form in analyzer.base_forms(word) if len(word) >= MIN_FORM else (word,):
                forms[form].add(term)
            head = lexicon.head(word, zipf)
            if head is not None:  # "pan" meets the guide's "steelpan"
                forms[head].add(term)
    return {form: frozenset(terms) for form, terms in forms.items()}


def _listed_by(
    analyzer: TextAnalyzer, lexicon: Lexicon, idf: Mapping[str, float]
) -> dict[str, tuple[str, ...]]:
    """Relations are mutual, but each word's list is cut to its closest words: "simmer" lists
    "boil", not "boil" "simmer", so a question's "boil" meets the guide's "simmer" backwards."""
    related, listed = related_words(analyzer.lang), defaultdict(set)
    for word in lexicon.known - analyzer.stop_words:
        if (term := analyzer.term(word)) in idf:
            for near in related.get(word, ()):
                listed[near].add(term)
    return {near: tuple(sorted(terms)) for near, terms in listed.items()}


def attach(
    index: QuestionIndex, additions: Iterable[tuple[int, Iterable[str], float]]
) -> QuestionIndex:
    """A new index with (target, terms, weight) added; IDF is updated for those terms only,
    one at a time, so the order of ``additions`` is the order of the updates."""
    targets = list(index.targets)
    postings = {term: list(hits) for term, hits in index.postings.items()}
    idf = dict(index.idf)
    for number, terms, weight in additions:
        target = targets[number]
        own = dict(target.terms)
        for term in terms:
            if own.get(term, 0.0) >= weight:
                continue
            own[term] = weight
            hits = postings.setdefault(term, [])
            hits[:] = [hit for hit in hits if hit[0] != number] + [(number, weight)]
            idf[term] = bm25_idf(len(targets), len(hits))
        targets[number] = replace(target, terms=own)
    lexicon = index.lexicon  # the same words: their forms stay
    return _freeze(
        index.analyzer, lexicon, targets, postings, index.config, idf, index.forms, index.listed_by
    )


def bm25_idf(count: int, hits: int) -> float:
    """BM25's IDF, the variant that stays positive for terms in most targets."""
    return math.log(1 + (count - hits + 0.5) / (hits + 0.5))
