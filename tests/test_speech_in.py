"""Engine choice, model discovery and the reading rule: pure logic, no engine needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voice.speech_in.contract import Reading
from voice.speech_in.model_discovery import (
    ModelLanguageError,
    ModelNotFoundError,
    find_vosk_model,
    model_language,
)
from voice.speech_in.selection import EngineChoice, NoEngineError, choose_engine
from voice.speech_in.two_pass import ReadingRule, choose_reading

MODEL = Path("/models/en")


@pytest.mark.parametrize(
    ("stt", "lang", "model", "vosk", "sphinx", "expected"),
    [
        ("auto", "en", MODEL, True, True, "vosk"),
        ("auto", "en", None, True, True, "pocketsphinx"),
        ("auto", "nl", None, True, True, None),
        ("auto", "en", None, False, False, None),
        ("vosk", "en", None, True, True, None),
        ("pocketsphinx", "en", MODEL, True, True, "pocketsphinx"),
        ("pocketsphinx", "nl", MODEL, True, True, None),
    ],
)
def test_choose_engine(
    stt: str, lang: str, model: Path | None, vosk: bool, sphinx: bool, expected: str | None
) -> None:
    if expected is None:
        with pytest.raises(NoEngineError) as refused:
            choose_engine(stt, lang, model, vosk, sphinx)
        assert str(refused.value)
    else:
        choice = choose_engine(stt, lang, model, vosk, sphinx)
        assert isinstance(choice, EngineChoice) and choice.engine == expected


def test_no_dutch_model_says_how_to_get_one() -> None:
    with pytest.raises(NoEngineError) as refused:
        choose_engine("auto", "nl", None, True, True)
    assert refused.value.hint == "voice-guide models fetch nl"


def fake_model(path: Path, lang: str | None = None) -> Path:
    (path / "am").mkdir(parents=True)
    (path / "am" / "final.mdl").write_bytes(b"")
    (path / "conf").mkdir()
    if lang:
        (path / "voice-guide-model.json").write_text(json.dumps({"lang": lang}))
    return path


def test_discovery_order(tmp_path: Path) -> None:
    explicit = fake_model(tmp_path / "explicit", "en")
    env_model = fake_model(tmp_path / "env", "en")
    root = tmp_path / "models"
    in_root = fake_model(root / "en")
    env = {"VOICE_GUIDE_MODEL": str(env_model)}
    assert find_vosk_model("en", explicit, env, [root], packages=False) == explicit
    assert find_vosk_model("en", None, env, [root], packages=False) == env_model
    assert find_vosk_model("en", None, {}, [root], packages=False) == in_root
    assert find_vosk_model("nl", None, {}, [root], packages=False) is None


def test_explicit_model_must_exist_and_match(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="--model"):
        find_vosk_model("en", tmp_path / "nothing", {}, [])
    dutch = fake_model(tmp_path / "vosk-model-small-nl-0.22")
    assert model_language(dutch) == "nl"
    with pytest.raises(ModelLanguageError, match="VOICE_GUIDE_MODEL"):
        find_vosk_model("en", None, {"VOICE_GUIDE_MODEL": str(dutch)}, [])


def is_command(text: str) -> bool:
    return text in {"next", "go back"}


def test_confident_grammar_reading_wins() -> None:
    rule = ReadingRule(min_command_confidence=0.6)
    chosen = choose_reading(Reading("next", 0.9), Reading("the text", 0.5), rule, is_command)
    assert chosen.text == "next"


def test_weak_grammar_reading_falls_back_to_free_form_question() -> None:
    rule = ReadingRule(min_command_confidence=0.6)
    free = Reading("how long does it take", 0.5)
    assert choose_reading(Reading("next", 0.3), free, rule, is_command) == free


def test_free_form_command_after_grammar_rejection_is_dropped() -> None:
    rule = ReadingRule(min_command_confidence=0.6)
    assert choose_reading(Reading("", None), Reading("go back"), rule, is_command).text == ""
