"""pocketsphinx with the wheel's embedded English model, on espeak-ng speech and real voices.

Accuracy is measured as the dialog engine sees it: the recognised text goes through
``parse_command`` and its intent is compared with the intent of what was said. Only floors are
asserted; ``benchmarks/bench_stt.py`` prints the numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.needs import need_package
from tests.support.synth import command_set, have_espeak, unrelated_set
from voice.audio.pcm import read_wav, to_engine_rate
from voice.guide.loader import load_guide
from voice.guide.model import Guide, Step
from voice.language.commands import parse_command, vocabulary
from voice.language.intents import Intent
from voice.speech_in.contract import Recognizer
from voice.speech_in.grammar import spoken_grammar
from voice.speech_in.pocketsphinx_engine import PocketsphinxDecoder
from voice.speech_in.selection import EngineChoice, open_recognizer

ROOT = Path(__file__).parent.parent
REAL = Path(__file__).parent / "data" / "realspeech"
VOCAB = vocabulary("en")

pytestmark = [
    pytest.mark.audio,
    pytest.mark.skipif(not have_espeak(), reason="espeak-ng is not installed"),
]


@pytest.fixture(scope="module")
def recognizer() -> Iterator[Recognizer]:
    need_package("pocketsphinx")
    guide = load_guide(ROOT / "scripts" / "amazon-chat.en.yaml")
    rec = open_recognizer(EngineChoice("pocketsphinx", "en"), guide)
    yield rec
    rec.close()


@pytest.fixture(scope="session")
def speech_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("espeak")


def intent_of(recognizer: Recognizer, path: Path) -> Intent:
    clip = read_wav(path)
    return parse_command(recognizer.recognize(clip.pcm, clip.rate).text, VOCAB).intent


def test_synthesised_commands_are_mostly_understood(
    recognizer: Recognizer, speech_dir: Path
) -> None:
    utterances = command_set(speech_dir)
    assert len(utterances) >= 60
    right = 0
    for utt in utterances:
        clip = read_wav(utt.path)
        heard = recognizer.recognize(clip.pcm, clip.rate).text
        right += parse_command(heard, VOCAB) == parse_command(utt.text, VOCAB)
    # The target. Measured 69/72 (96%) with the spoken grammar; see bench_stt.py.
    assert right / len(utterances) >= 0.95


def test_unrelated_sentences_are_not_commands(recognizer: Recognizer, speech_dir: Path) -> None:
    utterances = unrelated_set(speech_dir)
    taken = [u.text for u in utterances if intent_of(recognizer, u.path) is not Intent.UNKNOWN]
    assert len(taken) / len(utterances) <= 0.05, taken


def test_silence_is_nothing(recognizer: Recognizer) -> None:
    assert recognizer.recognize(b"\0\0" * 16000, 16000).text == ""


def test_a_clip_with_no_nbest_list_is_a_rejection_not_a_crash() -> None:
    """pocketsphinx returns no n-best list (``None``) for this 8 kHz "six" against a grammar of
    five steps; the grammar pass rejects it instead of raising."""
    need_package("pocketsphinx")
    steps = tuple(Step(f"step {n}", "text") for n in range(1, 6))
    guide = Guide(id="real", title="real", language="en", intro="", steps=steps)
    decoder = PocketsphinxDecoder(spoken_grammar(guide))
    clip = read_wav(REAL / "fsdd" / "6_nicolas_0.wav")
    reading = decoder.decode_command(to_engine_rate(clip.pcm, clip.rate))
    assert reading.text in ("", *decoder.grammar.phrases)


FLOOR_WORDS = frozenset(
    "stop yes no go one two three four five back "
    "bed bird cat dog house tree wow happy sheila marvin".split()
)
"""The words of the 121 clips these floors were measured on (Speech Commands and the "back"
speaker); ``benchmarks/bench_stt.py`` measures all 287 clips, in a dev and a held-out part."""


def real_clips() -> list[tuple[Path, str]]:
    with (REAL / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    sources = {"speech_commands", "felixchenfy_back"}
    return [
        (REAL / row["file"], row["transcript"])
        for row in rows
        if row["file"].split("/")[0] in sources and row["transcript"] in FLOOR_WORDS
    ]


def test_real_voices_commands_and_rejection() -> None:
    need_package("pocketsphinx")
    steps = tuple(Step(f"step {n}", "text") for n in range(1, 6))
    guide = Guide(id="real", title="real", language="en", intro="", steps=steps)
    rec = open_recognizer(EngineChoice("pocketsphinx", "en"), guide)
    commands = rejected = n_commands = n_other = 0
    for path, said in real_clips():
        want = parse_command(said, VOCAB)
        got = intent_of(rec, path)
        if want.intent is Intent.UNKNOWN:
            n_other += 1
            rejected += got is Intent.UNKNOWN
        else:
            n_commands += 1
            commands += got is want.intent
    rec.close()
    assert (n_commands, n_other) == (91, 30)
    print(
        f"real speech: commands {commands}/{n_commands}, non-commands rejected {rejected}/{n_other}"
    )
    # Measured 54/91 commands right, 25/30 rejected; floors only, bench_stt.py reports them.
    assert commands / n_commands >= 0.55
    assert rejected / n_other >= 0.8
