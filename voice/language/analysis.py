"""Language-aware text handling for matching questions: words -> terms, in English and Dutch.

``TextAnalyzer`` knows a language: normalisation (shared with command parsing), number words,
stop words, Snowball stems, the synonym table and the kinds of answer a question asks for. The
words of one guide are ``voice.language.guide_lexicon.Lexicon``, built on it.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass

import snowballstemmer

from voice.language.commands import normalise
from voice.language.cues import STEP_NOUNS
from voice.language.form_lists import PRONOMINAL, SEPARABLE
from voice.language.particle_verbs import ParticleVerb, clauses, particle_verbs
from voice.language.question_kinds import (
    ASKS,
    GOAL_MARKS,
    KIND,
    MARKS,
    NEEDS,
    OPENING,
    REPLACES,
    REQUESTS,
    asks_needs,
    find,
    marked,
    phrases,
    replaced,
)
from voice.language.vocabulary import CARDINALS
from voice.language.word_forms import base_forms
from voice.language.word_lists import (
    ANSWER_CUES,
    ANSWER_MARKS,
    CUE_WORDS,
    HEDGES,
    HOW_WORDS,
    LANGUAGE_NAMES,
    QUESTION_FORMS,
    REPEATS,
    SNOWBALL,
    SOUND_RULES,
    STOP_WORDS,
    SYNONYMS,
    TENS,
    UNIT_ARTICLES,
)

_APOSTROPHES = re.compile(r"['`]")
_NON_WORD = re.compile(r"[^\w]+")
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLES = re.compile(r"(.)\1+")
DURATION = KIND + "duration"
AMOUNT = KIND + "amount"
COUNTED_SPAN = 2
"""Words after a number that may be what it counts: "250 grams (of) flour", stop words left out."""


@dataclass(frozen=True)
class Token:
    """One meaningful word of a text: what was said, and the term it is indexed under."""

    surface: str
    """The normalised word as it appears in the text."""
    term: str
    """Stem, or ``=canonical`` when the word belongs to a synonym group."""


class TextAnalyzer:
    """Turns text of one language into terms; caches stems, so keep one per guide."""

    def __init__(self, lang: str) -> None:
        self.lang = lang.split("-")[0].lower()
        algorithm = SNOWBALL.get(self.lang) or LANGUAGE_NAMES.get(self.lang)
        self._stemmer = snowballstemmer.stemmer(algorithm) if algorithm else None
        self._stems: dict[str, str] = {}
        self.stop_words = frozenset(normalise(STOP_WORDS.get(self.lang, "")).split())
        self.how_words = frozenset(HOW_WORDS.get(self.lang, ()))
        """Words that open a question about how to do something."""
        self._numbers = _number_words(self.lang)
        self._sounds = tuple((re.compile(rule), to) for rule, to in SOUND_RULES.get(self.lang, ()))
        self._synonyms = self._synonym_table()
        self.longest_synonym = max((len(key) for key in self._synonyms), default=1)
        self._phrase_starts = frozenset(key[0] for key in self._synonyms if len(key) > 1)
        self._cues = {tuple(key.split()): KIND + kind for key, kind in _cues(self.lang)}
        self._cue_words = frozenset(CUE_WORDS.get(self.lang, ()))
        self._asks = phrases(ASKS, self.lang)
        self._requests = phrases(REQUESTS, self.lang)
        self._kind_marks = phrases(MARKS, self.lang)
        self._goal_marks = phrases(GOAL_MARKS, self.lang)
        self._replaces = phrases(REPLACES, self.lang)
        self._form_starts = frozenset(
            key[0] for key in (*self._kind_marks, *self._goal_marks, *self._replaces)
        )
        self._forms = {
            tuple(normalise(key).split()): normalise(to).split()
            for key, to in QUESTION_FORMS.get(self.lang, {}).items()
        }
        self._articles = frozenset(UNIT_ARTICLES.get(self.lang, ()))
        self._repeats = frozenset(REPEATS.get(self.lang, ()))
        self._hedges = HEDGES.get(self.lang, frozenset())
        self._steps = STEP_NOUNS.get(self.lang, frozenset())
        self._particle_words = frozenset(
            front + particle
            for particle in SEPARABLE.get(self.lang, ())
            for front in ("", *PRONOMINAL.get(self.lang, ()))
        )
        self._marks = {
            word: KIND + kind
            for kind, words in ANSWER_MARKS.get(self.lang, {}).items()
            for word in words.split()
        }

    def base_forms(self, word: str) -> tuple[str, ...]:
        """The word and the forms a dictionary might list it under (``word_forms``)."""
        return base_forms(self.lang, word)

    def answer_kinds(self, words: Sequence[str]) -> set[str]:
        """The kinds of answer a guide text gives, as terms: "#duration" when it names one,
        "#amount" when it holds a number."""
        marks = self._marks
        if not any(word in marks or word.isdigit() for word in words):
            return set()  # most texts: no number, no unit
        amounts = [self._is_amount(word) for word in words]
        kinds = {AMOUNT} if any(amounts) else set()
        for i, word in enumerate(words):  # "20 minutes", "half an hour"; not "once a month"
            if self._marks.get(word) == DURATION and (
                any(amounts[max(0, i - 2) : i]) or self._one_unit(words, i)
            ):
                kinds.add(DURATION)
        return kinds

    def form_kinds(self, words: Sequence[str]) -> set[str]:
        """The kinds of answer a guide text gives by its words: a reason ("because"), a time
        ("as soon as"), what one needs ("need"), and what it does without ("without eggs" ->
        "#instead:egg"); see ``question_kinds``."""
        if self._form_starts.isdisjoint(words):
            return set()  # most texts: no reason, time, need or replacement word
        return (
            marked(words, self._kind_marks)
            | marked(words, self._goal_marks)
            | replaced(words, self._replaces, self._is_thing, self.term)
        )

    def asked_forms(self, words: Sequence[str]) -> tuple[set[str], list[str]]:
        """The kinds of answer a question asks for by its form ("why", "what do I need",
        "instead of eggs", "any tips"), and its words without the words of "why", "when", "what
        do I need" and "the short version", which say nothing about the topic ("instead" stays:
        no dev question gained when it went)."""
        kinds = replaced(words, self._replaces, self._is_thing, self.term, span=1)
        cue_at: set[int] = set()
        for key, kind in self._asks.items():
            for i in find(words, key):
                if i > OPENING or (words[i + len(key) : i + len(key) + 1] == ["to"]):
                    continue  # "what happens when ...", "what do I need to do"
                kinds.add(kind)
                cue_at.update(range(i, i + len(key)))
        for key, kind in self._requests.items():  # "the short version", anywhere
            for i in find(words, key):
                kinds.add(kind)
                cue_at.update(range(i, i + len(key)))
        needs_at = set() if NEEDS in kinds else asks_needs(words, self.lang)
        if needs_at:  # "what kitchen things do I need"
            kinds.add(NEEDS)
            cue_at |= needs_at
        return kinds, [word for i, word in enumerate(words) if i not in cue_at]

    def _is_amount(self, word: str) -> bool:
        """A number, or a word that says how much ("half", "dozen")."""
        return word.isdigit() or self._marks.get(word) == AMOUNT

    def _is_thing(self, word: str) -> bool:
        return word not in self.stop_words and not word.isdigit()

    def counted(self, words: Sequence[str]) -> set[str]:
        """What a guide text counts, as terms: "250 grams of flour" -> "#amount:flour" (and
        "#amount:gram"), the answer to "how much flour"."""
        if not any(self._is_amount(word) for word in words):
            return set()
        kept = [word for word in words if word not in self.stop_words]
        found: set[str] = set()
        for i, word in enumerate(kept):
            if self._is_amount(word):
                found.update(
                    f"{AMOUNT}:{self.term(thing)}"
                    for thing in kept[i + 1 : i + 1 + COUNTED_SPAN]
                    if not thing.isdigit()
                )
        return found

    def asked_count(self, words: Sequence[str]) -> str | None:
        """The term of what a question asks the amount of ("how much milk" -> "#amount:milk"),
        or ``None`` when it asks for no amount or names nothing after the cue."""
        for key, kind in self._cues.items():
            if kind != AMOUNT:
                continue
            for i in find(words, key):
                rest = [w for w in words[i + len(key) :] if w not in self.stop_words]
                return f"{AMOUNT}:{self.term(rest[0])}" if rest else None
        return None

    def _one_unit(self, words: Sequence[str], i: int) -> bool:
        """An article before the unit at ``i`` ("about a minute"), unless a repeat comes
        before it ("once a month": how often, not how long)."""
        return (
            i > 0
            and words[i - 1] in self._articles
            and (i < 2 or words[i - 2] not in self._repeats)
        )

    def rephrase(self, words: Sequence[str]) -> list[str]:
        """A question's words with other ways of asking said the way guides write them
        ("how many times" -> "how often", see ``QUESTION_FORMS``), without hedges
        ("actually", ``HEDGES``)."""
        words = [word for word in words if word not in self._hedges]
        out: list[str] = []
        i = 0
        while i < len(words):
            for key, to in self._forms.items():
                if tuple(words[i : i + len(key)]) == key:
                    out += to
                    i += len(key)
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def cues(self, words: Sequence[str], known: Container[str] = ()) -> tuple[set[str], list[str]]:
        """The kinds of answer a question asks for ("how long" -> "#duration"), and its words
        without the cue, which say nothing about the topic; words such as "take" or "duurt"
        that only repeat the cue go too, unless the guide uses them (``known``: its words or
        terms, so that "takes" in the guide keeps "take" in the question)."""
        kinds: set[str] = set()
        cue_at: set[int] = set()
        for key, kind in self._cues.items():
            for i in find(words, key):
                kinds.add(kind)
                cue_at.update(range(i, i + len(key)))
        if DURATION in kinds:
            cue_at.update(
                i
                for i, word in enumerate(words)
                if word in self._cue_words and word not in known and self.term(word) not in known
            )
        return kinds, [word for i, word in enumerate(words) if i not in cue_at]

    def words(self, text: str) -> list[str]:
        """Normalised words with number words turned into digits ("twenty four" -> "24")."""
        words: list[str] = []
        for word in _normalise(text).split():
            value = self._numbers.get(word)
            if value is None or word in self.stop_words:
                words.append(word)
            elif value < 10 and words and _is_tens(words[-1]):
                words[-1] = str(int(words[-1]) + value)
            else:
                words.append(str(value))
        return words

    def number_words(self, text: str) -> dict[str, str]:
        """The numbers of ``words`` said as one word, digits -> word ("zeven" -> "7": "zeven"):
        such a word may be another word too (Dutch "zeven" is also "to sieve"), for the
        matcher to read it as when the guide has no such number. Not after a word that numbers
        steps ("stap zeven"): there it is a number."""
        found = {}
        before = ""
        for word in _normalise(text).split():
            value = self._numbers.get(word)
            if value is not None and word not in self.stop_words and before not in self._steps:
                found[str(value)] = word
            before = word
        return found

    def particle_verbs(self, text: str, words: Sequence[str]) -> list[ParticleVerb]:
        """Separable verbs whose particle ends a clause of ``text`` ("draai hem om" ->
        "omdraai"); ``words``, the text's words, tell fast that most texts have none."""
        if self._particle_words.isdisjoint(words):
            return []
        return [
            verb
            for clause in clauses(text)
            for verb in particle_verbs(self.lang, self.words(clause), self.stop_words)
        ]

    def stem(self, word: str) -> str:
        """Snowball stem, cached: the stemmer is the slowest step of indexing."""
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stemmer.stemWord(word) if self._stemmer else word
            self._stems[word] = stem
        return stem

    def tokens(self, words: Sequence[str]) -> list[Token]:
        """Drop stop words, stem, and fold synonym phrases (longest first) into one token."""
        kept = [word for word in words if word not in self.stop_words]
        return [
            Token(kept[i] if size == 1 else " ".join(kept[i : i + size]), term)
            for i, size, term in self._spans(kept)
        ]

    def terms(self, words: Sequence[str]) -> list[str]:
        """The terms of ``tokens`` alone: the fast path for indexing big guides."""
        return [
            term
            for _, _, term in self._spans([word for word in words if word not in self.stop_words])
        ]

    def _spans(self, kept: Sequence[str]) -> Iterator[tuple[int, int, str]]:
        """(start, length, term) of each token in words without stop words."""
        cache = self._stems
        stems = [cache.get(word) or self.stem(word) for word in kept]
        i = 0
        while i < len(kept):
            if stems[i] in self._phrase_starts:
                size, canonical = self._phrase_at(stems, i)
                yield i, size, canonical or stems[i]
                i += size
            else:
                yield i, 1, self._synonyms.get((stems[i],), stems[i])
                i += 1

    def _phrase_at(self, stems: Sequence[str], i: int) -> tuple[int, str | None]:
        """Length and canonical of the longest synonym phrase starting at ``stems[i]``."""
        for size in range(min(self.longest_synonym, len(stems) - i), 1, -1):
            canonical = self._synonyms.get(tuple(stems[i : i + size]))
            if canonical is not None:
                return size, canonical
        return 1, self._synonyms.get((stems[i],))

    def sound_key(self, word: str) -> str:
        """A rough spelling of how a word sounds: "sjat" and "chat" share one in Dutch."""
        for rule, to in self._sounds:
            word = rule.sub(to, word)
        return _DOUBLES.sub(r"\1", _VOWELS.sub("a", word))

    def term(self, word: str) -> str:
        """The term of one word on its own (stem, or its synonym group)."""
        stem = self.stem(word)
        return self._synonyms.get((stem,), stem)

    def synonym_words(self) -> set[str]:
        """Every single word of the synonym table, as possible parts of compounds."""
        return {
            word
            for key in SYNONYMS.get(self.lang, ())
            for phrase in key
            for word in normalise(phrase).split()
        }

    def _synonym_table(self) -> dict[tuple[str, ...], str]:
        table: dict[tuple[str, ...], str] = {}
        for group in SYNONYMS.get(self.lang, ()):
            canonical = "=" + normalise(group[0]).replace(" ", "_")
            for phrase in group:
                words = self.words(phrase)
                key = tuple(self.stem(w) for w in words if w not in self.stop_words)
                if key:
                    table.setdefault(key, canonical)
        return table


def _cues(lang: str) -> list[tuple[str, str]]:
    return [(normalise(key), kind) for key, kind in ANSWER_CUES.get(lang, {}).items()]


def _is_tens(word: str) -> bool:
    """20, 30, ... 90: what "four" adds to in "twenty four"."""
    return word.isdigit() and len(word) == 2 and word.endswith("0") and word[0] >= "2"


def _normalise(text: str) -> str:
    """``language.normalise``, with a fast path for plain ASCII (most guide text) that gives
    the same result: NFKD, mark stripping and NFC change nothing there."""
    if not text.isascii():
        return normalise(text)
    words = _NON_WORD.sub(" ", _APOSTROPHES.sub("", text.lower())).replace("_", " ")
    return " ".join(words.split())


def _number_words(lang: str) -> dict[str, int]:
    """Cardinal words 0-99 -> value, including Dutch one-word forms such as "vierentwintig"."""
    units = CARDINALS.get(lang, ())
    numbers = {word: value for value, word in enumerate(units)}
    for tens_digit, tens in enumerate(TENS.get(lang, ())):
        if not tens:
            continue
        numbers[tens] = tens_digit * 10
        if lang == "nl":
            for unit in range(1, 10):
                numbers[f"{units[unit]}en{tens}"] = tens_digit * 10 + unit
    return numbers
