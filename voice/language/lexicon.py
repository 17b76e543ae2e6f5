"""What the command parser knows about a language: normalisation, the vocabulary, number words.

A ``Vocabulary`` is built once per guide (``guide_vocabulary``) from the built-in data
(``voice.language.vocabulary`` phrases, ``voice.language.cues`` patterns) and the guide's own
``commands:``; the parser (``voice.language.commands``) only reads it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from voice.language.cues import (
    CUES,
    GREETING_COMPANIONS,
    GREETINGS,
    LIGHT,
    MORE_PHRASES,
    NEGATIONS,
    QUESTION_ENDINGS,
    SOFT,
    STEP_NOUNS,
    THANKS,
    TOWARDS,
    WEIGHT,
)
from voice.language.intents import Intent
from voice.language.vocabulary import (
    CARDINALS,
    FILLERS,
    ORDINALS,
    PHRASES,
    STEP_NOUN,
    STEP_WORDS,
)

_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^\w]+")
_ORDINAL_DIGITS = re.compile(r"^(\d+)(st|nd|rd|th|e|ste|de)$")


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces, accents and punctuation removed.

    Apostrophes are dropped rather than split on, so "what's" and "whats" are the same word.
    Composed scripts such as Hangul survive (decomposed, stripped of marks, recomposed).
    """
    text = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", text.lower()))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = unicodedata.normalize("NFC", text)
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


@dataclass(frozen=True)
class Cue:
    """One pattern of evidence for an intent: its words in order, gaps allowed."""

    words: tuple[str, ...]
    intent: Intent
    weight: int = WEIGHT
    """Points per covered word (``voice.language.cues.WEIGHT`` unless the cue says otherwise)."""


@dataclass(frozen=True)
class Vocabulary:
    """Everything needed to recognise commands in one language."""

    lang: str
    phrases: Mapping[Intent, tuple[str, ...]]
    """Command phrases per intent as people say them (built-in plus the script's own)."""
    fillers: frozenset[str]
    """Normalised words ignored when matching."""
    numbers: Mapping[str, int]
    """Normalised number words and ordinals -> value (digits are always understood)."""
    step_words: frozenset[str]
    """Words that may surround a number in 'go to step N'."""
    step_noun: str
    """The word for 'step', used when grammars spell out 'step N'."""
    table: Mapping[tuple[str, ...], Intent]
    """Filler-free token tuple -> intent: the exact look-up tried before weighing evidence."""
    cues: Mapping[str, tuple[Cue, ...]] = field(default_factory=dict)
    """Cues by their first word (phrases and ``voice.language.cues.CUES``)."""
    known: frozenset[str] = frozenset()
    """Words that are no sign of a question: one-word cues, soft, filler and step words (the
    words of a longer cue only where it matches)."""
    ordinals: frozenset[str] = frozenset()
    """Number words that are ordinals ("third", "derde")."""
    negations: frozenset[str] = frozenset()
    """Words that undo a command they are not part of ("don't stop")."""
    thanks: frozenset[str] = frozenset()
    """Words of a short acknowledgement ("thanks", "bedankt")."""
    greetings: frozenset[str] = frozenset()
    """Words of a greeting ("hello", "goedemorgen")."""
    greeting_companions: frozenset[str] = frozenset()
    """Words said with a greeting ("good morning"), no greeting alone."""
    step_nouns: frozenset[str] = frozenset()
    """Words next to which a number names a step ("step", "stap")."""
    towards: frozenset[str] = frozenset()
    """Words after which a number is a step to go to, not a count ("to", "naar")."""
    question_endings: frozenset[str] = frozenset()
    """Question words that, said last, ask about a command instead of giving it."""
    fallback: Vocabulary | None = None
    """English, tried when this language finds words it does not know: for a language with no
    vocabulary of its own, and for English commands said to a Dutch guide."""

    @property
    def own(self) -> bool:
        """Whether the language has built-in phrases or the guide its own ``commands:``."""
        return bool(self.phrases)


def vocabulary(lang: str, extra: Mapping[str, Sequence[str]] | None = None) -> Vocabulary:
    """Build the vocabulary for a language tag, adding a script's own ``commands:`` phrases.

    A language without built-in phrases still works from the script's phrases and digits; with
    no phrases at all it falls back on English.
    """
    lang = lang.split("-")[0].lower()
    phrases = _phrases(lang, extra or {})
    fillers = frozenset(normalise(word) for word in FILLERS.get(lang, frozenset()))
    table: dict[tuple[str, ...], Intent] = {}
    for intent, texts in phrases.items():
        for text in texts:
            key = _key(text, fillers)
            if key and intent is not Intent.GOTO:
                table.setdefault(key, intent)
    # A 'goto' phrase needs its number ("gehe zu Schritt 3"), so its words become step words.
    goto_words = {word for text in phrases.get(Intent.GOTO, ()) for word in _key(text, fillers)}
    step_words = frozenset(STEP_WORDS.get(lang, ())) | goto_words
    cues = _cues(lang, phrases)
    known = _known(lang, cues, fillers | step_words)
    fallback = vocabulary("en") if lang != "en" and (lang in PHRASES or not phrases) else None
    return Vocabulary(
        lang,
        phrases,
        fillers,
        _number_words(lang),
        step_words,
        STEP_NOUN.get(lang, "step"),
        table,
        _index(cues),
        known,
        frozenset(ORDINALS.get(lang, ())),
        NEGATIONS.get(lang, frozenset()),
        THANKS.get(lang, frozenset()),
        GREETINGS.get(lang, frozenset()),
        GREETING_COMPANIONS.get(lang, frozenset()),
        STEP_NOUNS.get(lang, frozenset()),
        TOWARDS.get(lang, frozenset()),
        QUESTION_ENDINGS.get(lang, frozenset()),
        fallback,
    )


def _phrases(lang: str, extra: Mapping[str, Sequence[str]]) -> dict[Intent, tuple[str, ...]]:
    phrases: dict[Intent, tuple[str, ...]] = dict(PHRASES.get(lang, {}))
    phrases.update(MORE_PHRASES.get(lang, {}))
    for name, added in extra.items():
        intent = Intent(name)
        phrases[intent] = (*phrases.get(intent, ()), *added)
    return phrases


def _cues(lang: str, phrases: Mapping[Intent, tuple[str, ...]]) -> list[Cue]:
    """The built-in cues, then every phrase as a cue of its own length."""
    cues: list[Cue] = []
    for intent, text in CUES.get(lang, {}).items():
        for item in text.split(","):
            words, _, weight = item.partition("=")
            points = int(weight) if weight else _weight(intent)
            cues.append(Cue(tuple(normalise(words).split()), intent, points))
    built_in = {(cue.words, cue.intent) for cue in cues}
    for intent, texts in phrases.items():
        for text in texts if intent not in _NOT_CUES else ():
            phrase = tuple(normalise(text).split())
            if (phrase, intent) not in built_in:  # a built-in cue's own weight stands
                cues.append(Cue(phrase, intent, _weight(intent)))
    return [cue for cue in cues if cue.words]


_NOT_CUES = frozenset({Intent.GOTO, Intent.THANKS, Intent.GREETING})
"""A goto phrase needs its number; thanks and a greeting are what is left when no cue matched
('thank you, next' and 'hello, next' are 'next')."""


def _weight(intent: Intent) -> int:
    return 1 if intent in LIGHT else WEIGHT


def _index(cues: list[Cue]) -> dict[str, tuple[Cue, ...]]:
    index: dict[str, list[Cue]] = {}
    for cue in dict.fromkeys(cues):
        index.setdefault(cue.words[0], []).append(cue)
    return {word: tuple(found) for word, found in index.items()}


def _known(lang: str, cues: list[Cue], words: frozenset[str]) -> frozenset[str]:
    """Words that are no sign of a question anywhere. A word of a longer cue only counts where
    the cue matches: "time" in "one more time", not in "what time is it"."""
    cue_words = {cue.words[0] for cue in cues if len(cue.words) == 1}
    extra = SOFT.get(lang, frozenset()) | NEGATIONS.get(lang, frozenset())
    greeting = GREETINGS.get(lang, frozenset()) | GREETING_COMPANIONS.get(lang, frozenset())
    return frozenset(cue_words) | words | extra | THANKS.get(lang, frozenset()) | greeting


class HasCommands(Protocol):
    """What a vocabulary is built from: a guide's language and its own ``commands:``."""

    @property
    def lang(self) -> str: ...

    @property
    def commands(self) -> Mapping[str, Sequence[str]]: ...


def guide_vocabulary(guide: HasCommands) -> Vocabulary:
    """The one vocabulary of a guide: build it once and hand it to the dialog engine, the
    recogniser's command check and the barge-in check, so all three agree on what a command is."""
    return vocabulary(guide.lang, guide.commands)


def _number_words(lang: str) -> dict[str, int]:
    words = {word: value for value, word in enumerate(CARDINALS.get(lang, ())) if value}
    words.update({word: value for value, word in enumerate(ORDINALS.get(lang, ())) if value})
    return words


def _key(text: str, fillers: frozenset[str]) -> tuple[str, ...]:
    return tuple(word for word in normalise(text).split() if word not in fillers)


def parse_number(word: str, vocab: Vocabulary) -> int | None:
    """A single normalised word as a number: '3', 'three', 'third', '3rd', 'derde', '3e'."""
    if word.isdecimal():  # not isdigit: '⓵' is a digit that int() refuses
        return int(word)
    ordinal = _ORDINAL_DIGITS.match(word)
    if ordinal:
        return int(ordinal.group(1))
    return vocab.numbers.get(word)


def number_words(value: int, lang: str) -> str:
    """How a step number is said, for grammars: 'three' / 'drie', or the digits past twenty."""
    words = CARDINALS.get(lang.split("-")[0].lower(), ())
    return words[value] if 0 <= value < len(words) else str(value)
