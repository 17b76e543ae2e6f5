"""Turning an utterance into a command: normalisation, vocabularies, number words.

An utterance is a command only when *all* of it is a command phrase (after fillers such as
"okay" and "please" are dropped). Anything longer — "what happens next if the chat drops" — is
left to the question matcher. This whole-utterance rule is what keeps commands from stealing
questions, and it makes matching a dictionary look-up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from voice.language.intents import Command, Intent
from voice.language.vocabulary import CARDINALS, FILLERS, ORDINALS, PHRASES, STEP_NOUN, STEP_WORDS

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
    """Filler-free token tuple -> intent: the look-up behind ``parse_command``."""


def vocabulary(lang: str, extra: Mapping[str, Sequence[str]] | None = None) -> Vocabulary:
    """Build the vocabulary for a language tag, adding a script's own ``commands:`` phrases.

    A language without built-in phrases still works from the script's phrases and digits.
    """
    lang = lang.split("-")[0].lower()
    phrases: dict[Intent, tuple[str, ...]] = dict(PHRASES.get(lang, {}))
    for name, added in (extra or {}).items():
        intent = Intent(name)
        phrases[intent] = (*phrases.get(intent, ()), *added)
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
    return Vocabulary(
        lang, phrases, fillers, _number_words(lang), step_words, STEP_NOUN.get(lang, "step"), table
    )


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


def parse_command(text: str, vocab: Vocabulary) -> Command:
    """The command an utterance is, or ``Intent.UNKNOWN`` when it is not wholly a command."""
    key = _key(text, vocab.fillers)
    if not key:
        return Command(Intent.UNKNOWN)
    intent = vocab.table.get(key)
    if intent is not None:
        return Command(intent)
    step = _step_number(key, vocab)
    return Command(Intent.GOTO, step) if step is not None else Command(Intent.UNKNOWN)


def _step_number(words: tuple[str, ...], vocab: Vocabulary) -> int | None:
    """'go to step three', 'the third step', 'stap 3', '3': one number plus step words only."""
    numbers = [n for n in (parse_number(word, vocab) for word in words) if n is not None]
    if len(numbers) != 1:
        return None
    rest = [word for word in words if parse_number(word, vocab) is None]
    return numbers[0] if all(word in vocab.step_words for word in rest) else None


def parse_number(word: str, vocab: Vocabulary) -> int | None:
    """A single normalised word as a number: '3', 'three', 'third', '3rd', 'derde', '3e'."""
    if word.isdigit():
        return int(word)
    ordinal = _ORDINAL_DIGITS.match(word)
    if ordinal:
        return int(ordinal.group(1))
    return vocab.numbers.get(word)


def number_words(value: int, lang: str) -> str:
    """How a step number is said, for grammars: 'three' / 'drie', or the digits past twenty."""
    words = CARDINALS.get(lang.split("-")[0].lower(), ())
    return words[value] if 0 <= value < len(words) else str(value)
