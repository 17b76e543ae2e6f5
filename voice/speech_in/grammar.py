"""The command grammar: every phrase a recogniser may return from its constrained pass.

Built from the guide's language vocabulary (built-in command phrases plus the script's own
``commands:``), the FAQ questions and their other phrasings, and the ways of naming a step
("step three", "go to step three", "the third step", "three"). Recognisers constrained to this
set return far fewer wrong words than free dictation, and reject what lies outside it.

Phrases keep apostrophes ("what's") because engine dictionaries spell words that way; the text
a recogniser returns goes through ``voice.language.normalise`` later anyway.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from voice.guide.model import Guide
from voice.guide.needs_and_times import intents_without_use
from voice.language.commands import Vocabulary, guide_vocabulary, parse_command
from voice.language.intents import Intent
from voice.language.vocabulary import CARDINALS, ORDINALS, PHRASES

_NOT_WORD = re.compile(r"[^\w' ]+")
_SPACES = re.compile(r"\s+")

STEP_TEMPLATES: dict[str, tuple[str, ...]] = {
    "en": ("{n}", "step {n}", "go to step {n}", "step number {n}", "the {o} step", "{o} step"),
    "nl": ("{n}", "stap {n}", "ga naar stap {n}", "stap nummer {n}", "de {o} stap", "{o} stap"),
}
"""How a step is named, per language; ``{n}`` is the cardinal, ``{o}`` the ordinal word."""


@dataclass(frozen=True)
class CommandGrammar:
    """The phrases of one guide's constrained recognition pass."""

    language: str
    """Primary language subtag, as ``Guide.lang``."""
    phrases: tuple[str, ...]
    """Lower-case phrases of words and apostrophes, unique, in first-seen order."""

    @property
    def words(self) -> frozenset[str]:
        """Every word used, for checking against an engine's dictionary."""
        return frozenset(word for phrase in self.phrases for word in phrase.split())

    def restricted(self, known: Callable[[str], bool]) -> CommandGrammar:
        """Only the phrases whose every word ``known`` accepts (an engine cannot decode others)."""
        kept = tuple(p for p in self.phrases if all(known(word) for word in p.split()))
        return CommandGrammar(self.language, kept)


def grammar_text(text: str) -> str:
    """Lower case, punctuation dropped except apostrophes, single spaces."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = _NOT_WORD.sub(" ", text.replace("-", " "))
    return _SPACES.sub(" ", text).strip(" '")


def command_grammar(guide: Guide, vocab: Vocabulary | None = None) -> CommandGrammar:
    """The grammar for ``guide``: commands, FAQ phrasings and step names, in that order.

    ``vocab`` is the guide's vocabulary when the caller has built it already."""
    vocab = vocab if vocab is not None else guide_vocabulary(guide)
    unused = intents_without_use(guide)
    commands = (
        p for intent in vocab.phrases if intent not in unused for p in vocab.phrases[intent]
    )
    faq = (text for entry in guide.faq for text in (entry.question, *entry.also))
    steps = step_phrases(guide.lang, len(guide.steps))
    return CommandGrammar(guide.lang, _unique(grammar_text(p) for p in (*commands, *faq, *steps)))


SPOKEN_PER_INTENT = 4
"""Built-in phrases per intent in the *spoken* grammar (``spoken_grammar``); the lists in
``voice.language.vocabulary`` put the most-said phrases first.

Measured with pocketsphinx on the 72 espeak-ng commands (n-best re-pick, coverage cut-off 0.6;
``benchmarks/bench_stt.py`` reproduces the default): the full 217-phrase grammar 86%; 3 per
intent 90%, 4: 96%, 5: 89%, 6: 89% (one utterance is 1.4 points, so the peak is partly luck;
the trend is not). Fewer phrases leave fewer look-alikes: "tips" was heard as
"too fast", "stop" as "stop the [guide]". Adding the ordinal step names ("the third step") cost
6 points and the FAQ's other phrasings 4 ("tips" heard as "the chat [was cut off]"), so the
spoken grammar holds only FAQ questions and numbered steps; the free-form pass and the question
matcher still catch the other phrasings, and text mode keeps every phrase."""


SPOKEN_STEP_TEMPLATES = 4
"""The first four ``STEP_TEMPLATES`` (the cardinal forms: "three", "step three", "go to step
three", "step number three") go into the spoken grammar; see ``SPOKEN_PER_INTENT``."""


def spoken_grammar(guide: Guide, per_intent: int = SPOKEN_PER_INTENT) -> CommandGrammar:
    """The grammar a small-vocabulary engine listens with: the first ``per_intent`` built-in
    phrases of each intent, every phrase of the script's own ``commands:``, the FAQ questions
    (not their other phrasings) and numbered step names. Smaller than ``command_grammar``
    because each extra phrase is one more thing a short command can be mistaken for."""
    builtin = PHRASES.get(guide.lang.split("-")[0].lower(), {})
    unused = intents_without_use(guide)
    commands = (
        p for i, phrases in builtin.items() if i not in unused for p in phrases[:per_intent]
    )
    own = (p for phrases in guide.commands.values() for p in phrases)
    faq = (entry.question for entry in guide.faq)
    templates = STEP_TEMPLATES.get(guide.lang, ())[:SPOKEN_STEP_TEMPLATES]
    steps = step_phrases(guide.lang, len(guide.steps), templates)
    return CommandGrammar(
        guide.lang, _unique(grammar_text(p) for p in (*commands, *own, *faq, *steps))
    )


def step_phrases(
    lang: str, count: int, templates: tuple[str, ...] | None = None
) -> tuple[str, ...]:
    """'step one' ... for steps 1..count, in the language's words (digits past twenty).

    ``templates`` defaults to all of the language's ``STEP_TEMPLATES``."""
    cardinals, ordinals = CARDINALS.get(lang, ()), ORDINALS.get(lang, ())
    phrases: list[str] = []
    for number in range(1, count + 1):
        cardinal = cardinals[number] if number < len(cardinals) else None
        ordinal = ordinals[number] if number < len(ordinals) else None
        for template in STEP_TEMPLATES.get(lang, ()) if templates is None else templates:
            if cardinal is None or ("{o}" in template and ordinal is None):
                continue
            phrases.append(template.format(n=cardinal, o=ordinal))
    return tuple(phrases)


def _unique(phrases: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p for p in phrases if p))


def command_checker(guide: Guide, vocab: Vocabulary | None = None) -> Callable[[str], bool]:
    """``text -> bool``: whether the dialog engine would take ``text`` as a command (with the
    guide's vocabulary ``vocab`` when the caller has built it already)."""
    vocab = vocab if vocab is not None else guide_vocabulary(guide)
    return lambda text: is_command_text(text, vocab)


def is_command_text(text: str, vocab: Vocabulary) -> bool:
    """A command (goto included), not ``unknown``: the same parse the dialog engine runs."""
    return parse_command(text, vocab).intent is not Intent.UNKNOWN
