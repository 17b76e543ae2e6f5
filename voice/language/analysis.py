"""Language-aware text handling for matching questions: words -> terms, in English and Dutch.

Two layers. ``TextAnalyzer`` knows a language: normalisation (shared with command parsing),
number words, stop words, Snowball stems and the synonym table. ``Lexicon`` also knows the words of
one guide, which is what makes recognition errors repairable: a word the guide does not contain is
split ("contactknop" -> "contact knop"), joined with its neighbour ("trans script" ->
"transcript") or replaced by the guide words it sounds or looks like ("cat" -> "chat"), scored
by rapidfuzz.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass

import snowballstemmer
from rapidfuzz import fuzz, process

from voice.language.commands import normalise
from voice.language.vocabulary import CARDINALS
from voice.language.word_forms import base_forms
from voice.language.word_lists import (
    ANSWER_CUES,
    ANSWER_MARKS,
    CUE_WORDS,
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

FUZZY_CUTOFF = 75.0
"""Least rapidfuzz similarity (0-100) for a guide word to stand in for an unknown word."""
MIN_FUZZY_LENGTH = 3
"""Shorter words are never repaired: at two letters everything looks like everything."""
LINKS = ("", "s", "e", "en")
MIN_COMPOUND = 7
"""Shorter words are not split into everyday words: "often" is no "of" + "ten"."""
MIN_PART = 4
"""Least length of an everyday word as part of a compound."""
SOUND_CUTOFF = 90.0
"""Least similarity of sound-alike keys: keys are short and coarse, so nearly equal only."""
SOUND_SKIP = 0.85
"""Spelling similarity from which the sound-alike search is skipped: it would add nothing."""
SOUND_PENALTY = 0.9
"""Sound-alike similarity counts a bit less than spelling similarity."""
_APOSTROPHES = re.compile(r"['`]")
_NON_WORD = re.compile(r"[^\w]+")
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLES = re.compile(r"(.)\1+")
KIND = "#"
"""Prefix of the term of a kind of answer ("#duration"): no stem or synonym starts with it."""
DURATION = KIND + "duration"
AMOUNT = KIND + "amount"
"""Dutch linking sounds between the parts of a compound (klant-en-service, bestel-s-...)."""


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
        self._forms = {
            tuple(normalise(key).split()): normalise(to).split()
            for key, to in QUESTION_FORMS.get(self.lang, {}).items()
        }
        self._articles = frozenset(UNIT_ARTICLES.get(self.lang, ()))
        self._repeats = frozenset(REPEATS.get(self.lang, ()))
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
        amounts = [word.isdigit() or marks.get(word) == AMOUNT for word in words]
        kinds = {AMOUNT} if any(amounts) else set()
        for i, word in enumerate(words):  # "20 minutes", "half an hour"; not "once a month"
            if self._marks.get(word) == DURATION and (
                any(amounts[max(0, i - 2) : i]) or self._one_unit(words, i)
            ):
                kinds.add(DURATION)
        return kinds

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
        ("how many times" -> "how often", see ``QUESTION_FORMS``)."""
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
            for i in range(len(words) - len(key) + 1):
                if tuple(words[i : i + len(key)]) == key:
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


class Lexicon:
    """The words of one guide, used to repair words of a question that the guide does not know."""

    def __init__(
        self, analyzer: TextAnalyzer, words: Iterable[str], general: Container[str] = ()
    ) -> None:
        self.analyzer = analyzer
        self.known = frozenset(words)
        """Normalised words of the guide."""
        self._parts = self.known | analyzer.synonym_words()
        self._general = general
        """Everyday words of the language: parts of a compound of the guide that it does not
        use alone ("kalkaanslag" -> "kalk aanslag"), so that a question can say them."""
        candidates = sorted(
            word
            for word in self.known
            if len(word) >= MIN_FUZZY_LENGTH
            and word not in analyzer.stop_words
            and not word.isdigit()
        )
        self._by_initial = _by_initial((word, word) for word in candidates)
        """Candidates by first letter: a recogniser rarely mishears the first sound, and a
        bucket is what keeps look-ups fast in a guide with thousands of words."""
        self._by_sound: dict[str, list[tuple[str, str]]] | None = None
        """(sound key, word) by first letter of the key, made on first use."""
        self._candidates = candidates
        self._splits: dict[str, list[str] | None] = {}

    def split(self, word: str) -> list[str] | None:
        """Parts of a compound whose parts are words of the guide, longest head first; for a
        long word that is no everyday word itself, everyday words of 4 letters or more count as
        parts too."""
        if word not in self._splits:
            parts = self._split(word, 2, self._parts)
            if parts is None and len(word) >= MIN_COMPOUND and word not in self._general:
                parts = self._split(word, 2, _Either(self._parts, self._general))
            self._splits[word] = parts
        return self._splits[word]

    def with_parts(self, words: Iterable[str]) -> list[str]:
        """Each word followed by its compound parts, if any: how guide texts are indexed."""
        out: list[str] = []
        splits = self._splits
        for word in words:
            out.append(word)
            parts = splits[word] if word in splits else self.split(word)
            if parts:
                out.extend(parts)
        return out

    def _split(self, word: str, depth: int, parts: Container[str]) -> list[str] | None:
        for cut in range(len(word) - 3, 2, -1):
            head, tail = word[:cut], word[cut:]
            if head not in parts:
                continue
            for link in LINKS:
                if not tail.startswith(link) or len(tail) - len(link) < 3:
                    continue
                rest = tail[len(link) :]
                if rest in parts:
                    return [head, rest]
                deeper = self._split(rest, depth - 1, parts) if depth > 1 else None
                if deeper:
                    return [head, *deeper]
        return None

    def join(self, words: Sequence[str]) -> list[str]:
        """Glue words a recogniser split ("dis connected", "represent a tive") when the whole is
        a guide or synonym word and not every piece is a guide word."""
        out: list[str] = []
        i = 0
        while i < len(words):
            for size in (3, 2):
                piece = words[i : i + size]
                whole = self._glue(piece) if len(piece) == size else None
                if whole is not None:
                    out.append(whole)
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def _glue(self, piece: Sequence[str]) -> str | None:
        """The word the pieces make, also when a sound at the seam was heard twice
        ("trans script" -> "transcript")."""
        if all(part in self.known for part in piece):
            return None
        whole = "".join(piece)
        if whole in self._parts:
            return whole
        merged = piece[0]
        for part in piece[1:]:
            merged += part[1:] if merged[-1:] == part[:1] else part
        return merged if merged in self._parts else None

    def near(self, word: str, limit: int = 3) -> list[tuple[str, float]]:
        """Guide words that look like ``word``, with similarity in [0, 1], best first."""
        if len(word) < MIN_FUZZY_LENGTH or word.isdigit():
            return []
        best = _closest(word, self._by_initial, FUZZY_CUTOFF, limit, 1.0)
        if max(best.values(), default=0.0) >= SOUND_SKIP:
            return sorted(best.items(), key=lambda item: -item[1])
        if self._by_sound is None:
            self._by_sound = _by_initial(
                (self.analyzer.sound_key(word), word) for word in self._candidates
            )
        heard = _closest(
            self.analyzer.sound_key(word), self._by_sound, SOUND_CUTOFF, limit, SOUND_PENALTY
        )
        for candidate, similarity in heard.items():
            best[candidate] = max(best.get(candidate, 0.0), similarity)
        return sorted(best.items(), key=lambda item: -item[1])[:limit]


class _Either:
    """Words of the guide, or everyday words of at least ``MIN_PART`` letters."""

    def __init__(self, known: Container[str], general: Container[str]) -> None:
        self.known, self.general = known, general

    def __contains__(self, word: object) -> bool:
        if word in self.known:
            return True
        return isinstance(word, str) and len(word) >= MIN_PART and word in self.general


def _by_initial(pairs: Iterable[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """(compared form, word) pairs grouped by the first letter of the compared form."""
    buckets: dict[str, list[tuple[str, str]]] = {}
    for form, word in pairs:
        buckets.setdefault(form[:1], []).append((form, word))
    return buckets


def _closest(
    form: str, buckets: dict[str, list[tuple[str, str]]], cutoff: float, limit: int, weight: float
) -> dict[str, float]:
    """Words whose compared form is most like ``form``, as word -> weighted similarity."""
    bucket = buckets.get(form[:1], [])
    found = process.extract(
        form, [f for f, _ in bucket], scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit
    )
    return {bucket[index][1]: weight * score / 100 for _, score, index in found}
