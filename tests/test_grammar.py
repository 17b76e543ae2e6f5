"""The command grammar: built-in and script phrases, FAQ phrasings, step names."""

from __future__ import annotations

from pathlib import Path

from voice.guide.loader import load_guide, parse_guide
from voice.speech_in.grammar import (
    command_checker,
    command_grammar,
    grammar_text,
    spoken_grammar,
    step_phrases,
)

ROOT = Path(__file__).parent.parent


def test_english_guide_grammar_holds_commands_faq_and_steps() -> None:
    guide = load_guide(ROOT / "scripts" / "amazon-chat.en.yaml")
    phrases = command_grammar(guide).phrases
    assert {"next", "go back", "repeat", "what's next"} <= set(phrases)
    assert guide.faq and grammar_text(guide.faq[0].question) in phrases
    assert {"go to step five", "the third step", "two"} <= set(phrases)
    assert "go to step six" not in phrases
    assert len(phrases) == len(set(phrases))


def test_script_commands_join_the_grammar() -> None:
    guide = load_guide(ROOT / "tests" / "data" / "korean-test.ko.yaml")
    assert command_grammar(guide).phrases == ("다음", "다시", "뒤로")
    assert command_checker(guide)("다음") and not command_checker(guide)("날씨")


def test_restricted_drops_phrases_with_unknown_words() -> None:
    guide = parse_guide(
        "id: t\ntitle: T\nlanguage: en\nintro: i\nsteps:\n  - {title: a, text: b}\n"
    )
    grammar = command_grammar(guide).restricted(lambda word: word != "back")
    assert "go back" not in grammar.phrases and "next" in grammar.phrases


def test_grammar_text_and_dutch_steps() -> None:
    assert grammar_text("What’s  next?!") == "what's next"
    assert step_phrases("nl", 2)[:3] == ("een", "stap een", "ga naar stap een")


def test_spoken_grammar_is_the_compact_subset() -> None:
    guide = load_guide(ROOT / "scripts" / "amazon-chat.en.yaml")
    spoken, full = spoken_grammar(guide).phrases, command_grammar(guide).phrases
    assert set(spoken) < set(full) and len(spoken) < len(full) / 2
    assert {"next", "go back", "say that again", "previous step", "go to step five"} <= set(spoken)
    assert "too fast" not in spoken and "the third step" not in spoken
    assert grammar_text(guide.faq[0].question) in spoken
    assert grammar_text(guide.faq[0].also[0]) not in spoken


def test_spoken_grammar_keeps_every_script_command() -> None:
    guide = load_guide(ROOT / "tests" / "data" / "korean-test.ko.yaml")
    assert spoken_grammar(guide, per_intent=1).phrases == ("다음", "다시", "뒤로")
