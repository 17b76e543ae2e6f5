"""The command grammar: built-in and script phrases, FAQ phrasings, step names."""

from __future__ import annotations

from pathlib import Path

from voice.grammar import command_checker, command_grammar, grammar_text, step_phrases
from voice.script_file import load_script, parse_script

ROOT = Path(__file__).parent.parent


def test_english_guide_grammar_holds_commands_faq_and_steps() -> None:
    guide = load_script(ROOT / "scripts" / "amazon-chat.en.yaml")
    phrases = command_grammar(guide).phrases
    assert {"next", "go back", "repeat", "what's next"} <= set(phrases)
    assert guide.faq and grammar_text(guide.faq[0].question) in phrases
    assert {"go to step five", "the third step", "two"} <= set(phrases)
    assert "go to step six" not in phrases
    assert len(phrases) == len(set(phrases))


def test_script_commands_join_the_grammar() -> None:
    guide = load_script(ROOT / "tests" / "data" / "korean-test.ko.yaml")
    assert command_grammar(guide).phrases == ("다음", "다시", "뒤로")
    assert command_checker(guide)("다음") and not command_checker(guide)("날씨")


def test_restricted_drops_phrases_with_unknown_words() -> None:
    guide = parse_script(
        "id: t\ntitle: T\nlanguage: en\nintro: i\nsteps:\n  - {title: a, text: b}\n"
    )
    grammar = command_grammar(guide).restricted(lambda word: word != "back")
    assert "go back" not in grammar.phrases and "next" in grammar.phrases


def test_grammar_text_and_dutch_steps() -> None:
    assert grammar_text("What’s  next?!") == "what's next"
    assert step_phrases("nl", 2)[:3] == ("een", "stap een", "ga naar stap een")
