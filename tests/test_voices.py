"""Voice choice by language (pure), and the real list of installed voices."""

from __future__ import annotations

import pytest

from tests.support.needs import need_package
from voice.errors import OptionError, SpeechError
from voice.speech_out.voices import (
    UnknownVoiceError,
    VoiceInfo,
    check_rate,
    installed_voices,
    match_score,
    matching_voices,
    pick_voice,
    voice_lines,
)

ESPEAK_LIKE = [
    VoiceInfo("gmw/en-029", "English (Caribbean)", ("en-029",)),
    VoiceInfo("gmw/en", "English (Great Britain)", ("en-gb",)),
    VoiceInfo("gmw/en-us", "English (America)", ("en-us",)),
    VoiceInfo("gmw/nl", "Dutch", ("nl",)),
    VoiceInfo("gmw/de", "German", ("de",)),
]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "gmw/nl"), ("NL-be", "gmw/nl"), ("en", "gmw/en"), ("en_US", "gmw/en-us"),
     ("en-GB", "gmw/en"), ("de", "gmw/de")],
)  # fmt: skip
def test_pick_voice_follows_the_guide_language(language: str, expected: str) -> None:
    voice = pick_voice(ESPEAK_LIKE, language, None)
    assert voice is not None and voice.id == expected


def test_no_voice_for_the_language_is_none_not_an_error() -> None:
    assert pick_voice(ESPEAK_LIKE, "ko", None) is None
    assert match_score(ESPEAK_LIKE[3], "ko") == 0


def test_voice_override_by_id_name_or_short_id() -> None:
    assert pick_voice(ESPEAK_LIKE, "nl", "gmw/en-us").id == "gmw/en-us"  # type: ignore[union-attr]
    assert pick_voice(ESPEAK_LIKE, "nl", "german").id == "gmw/de"  # type: ignore[union-attr]
    assert pick_voice(ESPEAK_LIKE, "en", "NL").id == "gmw/nl"  # type: ignore[union-attr]


def test_unknown_voice_is_a_clear_error_with_suggestions() -> None:
    with pytest.raises(UnknownVoiceError, match=r"--voice en-xx: no such voice.*gmw/en"):
        pick_voice(ESPEAK_LIKE, "nl", "en-xx")


def test_all_english_voices_match_english_best_first() -> None:
    ids = [v.id for v in matching_voices(ESPEAK_LIKE, "en")]
    assert ids[0] == "gmw/en" and set(ids) == {"gmw/en", "gmw/en-us", "gmw/en-029"}


def test_rate_limits() -> None:
    assert check_rate(175) == 175
    with pytest.raises(OptionError, match="--rate 20"):
        check_rate(20)


def test_voice_lines_mark_the_default_per_guide() -> None:
    lines = voice_lines(ESPEAK_LIKE, {"amazon-chat.en": "en", "amazon-chat.nl": "nl"})
    dutch = next(line for line in lines if line.startswith("gmw/nl"))
    assert "* default for amazon-chat.nl (nl)" in dutch
    american = next(line for line in lines if line.startswith("gmw/en-us"))
    assert "matches amazon-chat.en" in american and "default" not in american
    assert next(line for line in lines if line.startswith("gmw/de")).endswith("de")


def test_installed_voices_include_english_and_dutch() -> None:
    need_package("pyttsx3")  # the project's; only the espeak-ng engine below may be missing
    try:
        voices = installed_voices()
    except SpeechError as err:
        pytest.skip(f"no TTS engine here: {err}")
    assert pick_voice(voices, "nl", None) is not None
    assert pick_voice(voices, "en", None) is not None


def test_unknown_driver_is_a_speech_error() -> None:
    with pytest.raises(SpeechError, match="not available"):
        installed_voices("no-such-driver")
