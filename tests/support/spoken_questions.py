"""Spoken questions end to end, shared by tests/test_spoken_questions.py and
benchmarks/bench_spoken_questions.py: espeak-ng speaks the paraphrases of the question
development sets, a recogniser hears them, and the guide's question matcher answers.

An utterance counts as *answered right* when the dialog engine would answer it with an expected
target: the matcher's best match (sure, or asked back with the right entry), or a ``goto`` command
to the expected step. Out-of-scope speech counts as *answered* when it gets any FAQ entry or
step, asked back included: the person would hear an answer to something they did not ask.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.support.question_sets import DATA, OUT_OF_SCOPE, match_key, read_set
from tests.support.synth import EN_UNRELATED, speak
from voice.audio.pcm import read_wav
from voice.language.commands import Vocabulary, parse_command
from voice.language.intents import Intent
from voice.questions.matcher import QuestionMatcher
from voice.speech_in.contract import Recognizer

VOICES = ("en-us", "en-gb-x-rp")
"""Voices taken in turn, one utterance per question (``spoken_set``)."""
RATE = 160
SPEAKERS = ("en-us", "en-us+f3", "en-gb-x-rp", "en-gb-x-rp+f4")
"""espeak-ng's English variants for ``voiced_set``: US and British RP, each male and female."""
RATES = (140, 185)
"""Speaking rates for ``voiced_set`` (words per minute): deliberate and brisk."""


@dataclass(frozen=True)
class SpokenQuestion:
    """One synthesised utterance and the answers that are right for it."""

    path: Path
    text: str
    expected: frozenset[str]
    """``faq:<id>`` / ``step:<n>`` keys; empty for out-of-scope speech."""


@dataclass(frozen=True)
class Outcome:
    """What the guide made of one utterance."""

    question: SpokenQuestion
    heard: str
    answer: str | None
    """``faq:<id>`` or ``step:<n>`` answered (or asked back), ``command`` or ``None``."""
    seconds: float
    """Recognition time (both passes)."""
    asked_back: bool = False
    """The answer was offered as "Did you mean ...?" rather than given."""

    @property
    def right(self) -> bool:
        return self.answer in self.question.expected

    @property
    def answered(self) -> bool:
        return self.answer is not None and self.answer != "command"


def spoken_set(into: Path, names: tuple[str, ...], unrelated: bool) -> list[SpokenQuestion]:
    """The questions of ``tests/data/<name>`` (and the unrelated sentences), voices in turn."""
    rows = [(keys - {OUT_OF_SCOPE}, text) for name in names for keys, text in read_set(DATA / name)]
    if unrelated:
        rows += [(frozenset(), text) for text in EN_UNRELATED]
    return [
        SpokenQuestion(speak(text, VOICES[i % len(VOICES)], RATE, into), text, expected)
        for i, (expected, text) in enumerate(rows)
    ]


def voiced_set(
    into: Path, names: tuple[str, ...], unrelated: bool, voice: str | None = None
) -> list[SpokenQuestion]:
    """Like ``spoken_set``, but every question in every one of ``SPEAKERS`` (or only ``voice``),
    the rate alternating so that each speaker says half the set at each of ``RATES``."""
    rows = [(keys - {OUT_OF_SCOPE}, text) for name in names for keys, text in read_set(DATA / name)]
    if unrelated:
        rows += [(frozenset(), text) for text in EN_UNRELATED]
    speakers = [(j, s) for j, s in enumerate(SPEAKERS) if voice in (None, s)]
    return [
        SpokenQuestion(speak(text, s, RATES[(i + j) % len(RATES)], into), text, expected)
        for i, (expected, text) in enumerate(rows)
        for j, s in speakers
    ]


def answer_key(text: str, vocab: Vocabulary, matcher: QuestionMatcher) -> str | None:
    """What the dialog engine answers recognised ``text`` with (see the module docstring)."""
    return answer_of(text, vocab, matcher, spoken=True)[0]


def answer_of(
    text: str, vocab: Vocabulary, matcher: QuestionMatcher, spoken: bool
) -> tuple[str | None, bool]:
    """``answer_key`` and whether the answer is asked back; ``spoken=False`` matches the text
    as the dialog takes typed text."""
    command = parse_command(text, vocab)
    if command.intent is Intent.GOTO:
        return f"step:{command.step}", False
    if command.intent is not Intent.UNKNOWN:
        return "command", False
    match = matcher.match(text, spoken=spoken) if text else None
    return (None, False) if match is None else (match_key(match), not match.sure)


def judge(
    item: SpokenQuestion,
    heard: str,
    seconds: float,
    answer: Callable[[str], tuple[str | None, bool]],
) -> Outcome:
    """The outcome of one utterance heard as ``heard``."""
    key, asked_back = answer(heard)
    return Outcome(item, heard, key, seconds, asked_back)


def hear_all(
    recognizer: Recognizer, items: list[SpokenQuestion], answer: Callable[[str], str | None]
) -> list[Outcome]:
    """Recognise and answer every utterance, timing the recognition."""
    outcomes = []
    for item in items:
        clip = read_wav(item.path)
        start = time.perf_counter()
        heard = recognizer.recognize(clip.pcm, clip.rate).text
        took = time.perf_counter() - start
        outcomes.append(Outcome(item, heard, answer(heard), took))
    return outcomes


def shares(outcomes: list[Outcome]) -> tuple[int, int, int, int]:
    """(right, in-scope count, out-of-scope answered, out-of-scope count)."""
    inside = [o for o in outcomes if o.question.expected]
    outside = [o for o in outcomes if not o.question.expected]
    return (
        sum(o.right for o in inside),
        len(inside),
        sum(o.answered for o in outside),
        len(outside),
    )


@dataclass(frozen=True)
class Tally:
    """What happened to a set of utterances, as the benchmark prints it."""

    right: int
    """In-scope utterances answered (or asked back) with an expected answer."""
    wrong: int
    """In-scope utterances answered (or asked back) with another entry or step."""
    asked_back: int
    """In-scope utterances whose answer, right or wrong, was asked back."""
    in_scope: int
    out_answered: int
    """Out-of-scope utterances that got an answer or an ask-back."""
    out_of_scope: int


def tally(outcomes: list[Outcome]) -> Tally:
    """Count ``outcomes`` into a ``Tally``."""
    inside = [o for o in outcomes if o.question.expected]
    outside = [o for o in outcomes if not o.question.expected]
    return Tally(
        right=sum(o.right for o in inside),
        wrong=sum(o.answered and not o.right for o in inside),
        asked_back=sum(o.asked_back for o in inside),
        in_scope=len(inside),
        out_answered=sum(o.answered for o in outside),
        out_of_scope=len(outside),
    )
