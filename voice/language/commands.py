"""Turning an utterance into a command by weighing the evidence in all of it.

The parser reads every word once and sorts it: a word of a *cue* (a short pattern for one intent,
``voice.language.cues``), a number, a negation, a *soft* word (pronouns, politeness, fillers), or a
word that no command uses. One word of the last kind ("chat", "button") makes the utterance a
question, handed to the question matcher: that is how "what happens next if the chat drops" stays
a question while "okay, what's the next step then?" is a command. Otherwise the intent whose cues
cover the most words wins; a tie, or a negation outside the winning cue ("don't stop"), leaves it
unknown, but *looking like* a command, so it never gets an FAQ answer. Numbers become slots: a step
to go to ("step three", "the third step") or a count for a relative move ("go back two steps").

Pure and fast: an exact phrase is one dictionary look-up, the rest a pass over the words. The
evidence is kept, so ``--explain`` can say why an utterance got its intent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from voice.language.cues import MAX_GAP, PRONOUN_NUMBERS
from voice.language.intents import Command, Intent
from voice.language.lexicon import Cue
from voice.language.lexicon import HasCommands as HasCommands
from voice.language.lexicon import Vocabulary as Vocabulary
from voice.language.lexicon import guide_vocabulary as guide_vocabulary
from voice.language.lexicon import normalise as normalise
from voice.language.lexicon import number_words as number_words
from voice.language.lexicon import parse_number as parse_number
from voice.language.lexicon import vocabulary as vocabulary

UNKNOWN = Command(Intent.UNKNOWN)
RELATIVE = frozenset({Intent.NEXT, Intent.PREVIOUS})
"""Intents whose number is a count of steps ("skip two") rather than a step to go to."""
NEGATABLE_BY_DESIGN = frozenset({Intent.NO})
"""'no, not that': a negation supports these instead of cancelling them."""


@dataclass(frozen=True)
class Parse:
    """What an utterance is, and why."""

    command: Command
    evidence: tuple[str, ...]
    """Human-readable reasons, in the order they were weighed (for ``--explain``)."""
    command_like: bool
    """No word that no command uses: even when unknown, this is no question for the FAQ."""


def parse_command(text: str, vocab: Vocabulary) -> Command:
    """The command an utterance is, or ``Intent.UNKNOWN``."""
    return parse(text, vocab).command


def parse(text: str, vocab: Vocabulary) -> Parse:
    """The command an utterance is, with the evidence; see the module docstring."""
    words = tuple(normalise(text).split())
    if not words:
        return Parse(UNKNOWN, ("nothing said",), False)
    key = tuple(word for word in words if word not in vocab.fillers)
    intent = vocab.table.get(key)
    if intent is not None:
        return Parse(Command(intent), (f"phrase '{' '.join(key)}'",), True)
    found = _weigh(words, key, vocab)
    if found.command_like or vocab.fallback is None:
        return found
    other = parse(text, vocab.fallback)
    if other.command.intent is Intent.UNKNOWN:
        return found
    return Parse(other.command, (f"{vocab.fallback.lang} fallback", *other.evidence), True)


def _weigh(words: tuple[str, ...], key: tuple[str, ...], vocab: Vocabulary) -> Parse:
    scores, covered, reasons = _match(words, vocab)
    unknown = _content_words(words, covered, vocab)
    if unknown:
        return Parse(UNKNOWN, (f"words no command uses: {', '.join(unknown)}",), False)
    numbers = _numbers(words, vocab)
    if len(numbers) > 1:
        return Parse(UNKNOWN, ("more than one number",), True)
    if not scores:
        return _without_cues(words, key, numbers, vocab)
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    best, points = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == points:
        tied = ", ".join(intent.value for intent, score in ranked if score == points)
        return Parse(UNKNOWN, (*reasons, f"tie between {tied}"), True)
    negated = [w for i, w in enumerate(words) if w in vocab.negations and i not in covered[best]]
    if negated and best not in NEGATABLE_BY_DESIGN:
        return Parse(UNKNOWN, (*reasons, f"negated by '{negated[0]}'"), True)
    if words[-1] in vocab.question_endings and len(words) - 1 not in covered[best]:
        return Parse(UNKNOWN, (*reasons, f"asks about it: ends in '{words[-1]}'"), True)
    return _with_slots(best, numbers, words, vocab, reasons)


def _match(
    words: tuple[str, ...], vocab: Vocabulary
) -> tuple[dict[Intent, int], dict[Intent, set[int]], list[str]]:
    """Points per intent: the words its cues cover, each counted once at its highest weight."""
    weights: dict[Intent, dict[int, int]] = {}
    reasons: list[str] = []
    for start, word in enumerate(words):
        for cue in vocab.cues.get(word, ()):
            positions = _find(cue, words, start)
            if positions is None:
                continue
            got = weights.setdefault(cue.intent, {})
            for position in positions:
                got[position] = max(got.get(position, 0), cue.weight)
            reasons.append(f"cue '{' '.join(cue.words)}' -> {cue.intent.value}")
    scores = {intent: sum(got.values()) for intent, got in weights.items()}
    return scores, {intent: set(got) for intent, got in weights.items()}, reasons


def _content_words(
    words: tuple[str, ...], covered: dict[Intent, set[int]], vocab: Vocabulary
) -> list[str]:
    """Words that no command uses here: not known, not a number, not inside a matched cue."""
    inside = set().union(*covered.values()) if covered else set()
    return [
        word
        for position, word in enumerate(words)
        if word not in vocab.known and position not in inside and parse_number(word, vocab) is None
    ]


def _find(cue: Cue, words: tuple[str, ...], start: int) -> list[int] | None:
    """Positions of the cue's words in order from ``start``, each within ``MAX_GAP`` words."""
    positions = [start]
    for wanted in cue.words[1:]:
        last = positions[-1]
        window = words[last + 1 : last + 2 + MAX_GAP]
        if wanted not in window:
            return None
        positions.append(last + 1 + window.index(wanted))
    return positions


def _numbers(words: tuple[str, ...], vocab: Vocabulary) -> list[tuple[int, int]]:
    """(position, value) of the numbers; 'one' only right after a step noun or on its own."""
    found: list[tuple[int, int]] = []
    for position, word in enumerate(words):
        value = parse_number(word, vocab)
        if value is None:
            continue
        after_noun = position > 0 and words[position - 1] in vocab.step_nouns
        if word in PRONOUN_NUMBERS and not after_noun and len(words) > 1:
            continue
        if _is_ordinal(word, vocab) and not _beside_noun(words, position, vocab):
            continue
        found.append((position, value))
    return found


def _is_ordinal(word: str, vocab: Vocabulary) -> bool:
    return word in vocab.ordinals or (not word.isdigit() and word[:1].isdigit())


def _beside_noun(words: tuple[str, ...], position: int, vocab: Vocabulary) -> bool:
    """An ordinal names a step next to a step noun ('the third step'), or said alone ('3rd')."""
    near = words[max(0, position - 1) : position + 2]
    return len(words) == 1 or any(word in vocab.step_nouns for word in near)


def _without_cues(
    words: tuple[str, ...],
    key: tuple[str, ...],
    numbers: Sequence[tuple[int, int]],
    vocab: Vocabulary,
) -> Parse:
    """No cue: a step number ('go to step 3', 'what's step 3'), thanks, or nothing."""
    if numbers and (_only_step_words(key, vocab) or _names_step(words, numbers[0][0], vocab)):
        step = numbers[0][1]
        return Parse(Command(Intent.GOTO, step), (f"step number {step}",), True)
    thanks = [word for word in words if word in vocab.thanks]
    if thanks:
        return Parse(Command(Intent.THANKS), (f"thanks word '{thanks[0]}'",), True)
    if _greeting(key, vocab):
        return Parse(Command(Intent.GREETING), (f"greeting '{' '.join(key)}'",), True)
    return Parse(UNKNOWN, ("no command words",), False)


def _greeting(key: tuple[str, ...], vocab: Vocabulary) -> bool:
    """'hello', 'good morning', 'hello there': a greeting word, and nothing but its companions."""
    companions = vocab.greetings | vocab.greeting_companions
    return any(word in vocab.greetings for word in key) and all(w in companions for w in key)


def _only_step_words(key: tuple[str, ...], vocab: Vocabulary) -> bool:
    """The guide's own 'goto' phrases make a number plus their words a step ('gehe zu 3')."""
    rest = [word for word in key if parse_number(word, vocab) is None]
    return all(word in vocab.step_words for word in rest)


def _names_step(words: tuple[str, ...], position: int, vocab: Vocabulary) -> bool:
    before = words[position - 1] if position > 0 else ""
    after = words[position + 1] if position + 1 < len(words) else ""
    return before in vocab.towards or after in vocab.step_nouns


def _with_slots(
    intent: Intent,
    numbers: Sequence[tuple[int, int]],
    words: tuple[str, ...],
    vocab: Vocabulary,
    reasons: list[str],
) -> Parse:
    """The winning intent with its number: a relative count, a step to go to, or neither."""
    if not numbers or intent is Intent.START_OVER:
        return Parse(Command(intent), (*reasons, f"best: {intent.value}"), True)
    position, value = numbers[0]
    before = words[position - 1] if position > 0 else ""
    ordinal = _is_ordinal(words[position], vocab)
    if intent in RELATIVE and before not in vocab.towards and not ordinal:
        why = f"relative move: {intent.value} by {value}"
        return Parse(Command(intent, count=value), (*reasons, why), True)
    if _names_step(words, position, vocab) or intent in RELATIVE:
        return Parse(Command(Intent.GOTO, value), (*reasons, f"step number {value}"), True)
    return Parse(Command(intent), (*reasons, f"best: {intent.value}, number ignored"), True)
