"""Bad input is not a missing device: one line naming the thing and exit code 2, while an
unavailable engine or device still falls back to text mode with one line saying why.

Every case runs the real CLI in a subprocess on real files (espeak-ng speech where audio is
needed); nothing is mocked.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path

import pytest

import voice
from tests.support.synth import have_espeak, speak
from tests.test_resume import REPO, run_cli
from voice.errors import BadInputError, GuideError, SpeechError, UnavailableError, VoiceGuideError

NL = REPO / "scripts" / "amazon-chat.nl.yaml"


def one_bad_line(*args: str, stdin: str = "") -> str:
    """Run the CLI; assert exit code 2 and exactly one stderr line, and return that line."""
    result = run_cli(*args, stdin=stdin, timeout=120)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr[-2000:]
    assert len(lines) == 1, result.stderr[-2000:]
    assert lines[0].startswith("voice-guide: ")
    return lines[0]


def audio_args(*files: Path | str) -> tuple[str, ...]:
    return (
        "--fresh",
        "--mute",
        "--jsonl",
        "-",
        "--stt",
        "pocketsphinx",
        "--audio-in",
        *map(str, files),
    )


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not have_espeak():
        pytest.skip("espeak-ng is not installed (apt install espeak-ng)")
    return speak("next", "en-us", 160, tmp_path_factory.mktemp("speech"))


# --- audio files ---------------------------------------------------------------------------------


def test_missing_audio_file(tmp_path: Path) -> None:
    line = one_bad_line(*audio_args(tmp_path / "missing.wav"))
    assert line == f"voice-guide: {tmp_path / 'missing.wav'}: no such file"


def test_audio_file_that_is_not_audio(tmp_path: Path) -> None:
    text = tmp_path / "notes.wav"
    text.write_text("hello, this is text\n", encoding="utf-8")
    assert f"{text}: not a PCM WAV, FLAC or OGG" in one_bad_line(*audio_args(text))


def test_corrupt_audio_file(tmp_path: Path, spoken: Path) -> None:
    cut = tmp_path / "cut.wav"
    cut.write_bytes(spoken.read_bytes()[:30])  # the header breaks off
    assert f"{cut}: not a PCM WAV" in one_bad_line(*audio_args(cut))


def test_empty_audio_file(tmp_path: Path, spoken: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(_header_only(spoken.read_bytes()))
    assert (
        one_bad_line(*audio_args(empty)) == f"voice-guide: {empty}: empty audio file (no samples)"
    )


def _header_only(wav: bytes) -> bytes:
    """The WAV's header with a zero-length data chunk (what a recorder leaves when stopped at
    once)."""
    data = wav.index(b"data")
    header = bytearray(wav[: data + 8])
    header[data + 4 : data + 8] = (0).to_bytes(4, "little")
    header[4:8] = (len(header) - 8).to_bytes(4, "little")
    return bytes(header)


def test_a_directory_is_not_an_audio_file(tmp_path: Path) -> None:
    assert one_bad_line(*audio_args(tmp_path)).endswith(
        f"{tmp_path}: is a directory, not an audio file"
    )


def test_every_file_is_checked_before_the_model_loads(tmp_path: Path, spoken: Path) -> None:
    """A bad second file is named, and so is it before a bad ``--model`` would be."""
    missing = tmp_path / "second.wav"
    line = one_bad_line(*audio_args(spoken, missing), "--model", str(tmp_path / "no-model"))
    assert line == f"voice-guide: {missing}: no such file"


# --- options and files ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [("--text",), ("--text", "--audio-out", "OUT")])
def test_rate_out_of_range_is_refused_in_every_mode(tmp_path: Path, mode: tuple[str, ...]) -> None:
    args = [str(tmp_path / "out") if arg == "OUT" else arg for arg in mode]
    line = one_bad_line(*args, "--rate", "-5", stdin="next\n")
    assert line == "voice-guide: --rate -5: must be between 80 and 450 wpm"


def test_unknown_voice_is_refused_even_when_silent() -> None:
    line = one_bad_line("--text", "--voice", "elvish", stdin="next\n")
    if "text-to-speech is not available" in line:
        pytest.skip("no TTS engine to check --voice against")
    assert line.startswith("voice-guide: --voice elvish: no such voice installed")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--stt", "klingon"), "--stt"),
        (("--mic", "left"), "--mic"),
        (("--rate", "fast"), "--rate"),
    ],
)
def test_option_values_argparse_refuses_are_one_line(args: tuple[str, ...], named: str) -> None:
    line = one_bad_line("--text", *args)
    assert named in line and "(see voice-guide --help)" in line


def test_model_path_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "no-model"
    line = one_bad_line("--model", str(missing), "--stt", "vosk", stdin="next\n")
    assert line.startswith(f"voice-guide: --model {missing}: not a vosk model directory")


def test_missing_guide_file(tmp_path: Path) -> None:
    line = one_bad_line("--text", str(tmp_path / "nope.yaml"))
    assert line == f"voice-guide: {tmp_path / 'nope.yaml'}: no such file"


def test_guide_indented_with_a_tab(tmp_path: Path) -> None:
    guide = tmp_path / "tabs.yaml"
    guide.write_text("id: tea\ntitle: Tea\nsteps:\n\t- title: Boil\n", encoding="utf-8")
    line = one_bad_line("--text", str(guide))
    assert line == f"voice-guide: {guide}:4: a tab character; YAML indents with spaces"


def test_a_typo_leads_rather_than_the_missing_field_it_causes(tmp_path: Path) -> None:
    guide = tmp_path / "typo.yaml"
    guide.write_text(
        "id: tea\ntitle: Tea\nlanguage: en\nintro: Hi\nstepz:\n  - title: Boil\n    text: b\n",
        encoding="utf-8",
    )
    line = one_bad_line("--text", str(guide))
    assert line == (
        f"voice-guide: {guide}:5: stepz: unknown field; did you mean 'steps'? "
        "(and 1 more problem; see voice-guide check)"
    )


def test_unwritable_event_log(tmp_path: Path) -> None:
    log = tmp_path / "no" / "events.jsonl"
    assert str(log) in one_bad_line("--text", "--jsonl", str(log), stdin="next\n")


# --- unavailable: text mode with one line --------------------------------------------------------


def test_no_engine_for_the_language_falls_back_to_text_mode(spoken: Path) -> None:
    result = run_cli(str(NL), *audio_args(spoken), stdin="volgende\nstop\n", timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pocketsphinx has no model for language 'nl'" in lines[0]
    assert lines[0].endswith("using text mode (type your commands).")


def test_no_microphone_falls_back_to_text_mode(tmp_path: Path) -> None:
    env = {**os.environ, "PULSE_SERVER": f"unix:{tmp_path / 'no-server'}", "ALSA_CONFIG_PATH": ""}
    result = run_cli("--fresh", "--mute", "--stt", "pocketsphinx", stdin="next\nstop\n", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert lines == ["voice-guide: no microphone found; using text mode (type your commands)."]
    assert "Step 1 of 5" in result.stdout


# --- the two families ----------------------------------------------------------------------------


def test_every_error_class_is_in_exactly_one_family() -> None:
    for module in pkgutil.walk_packages(voice.__path__, "voice."):
        if module.name != "voice.__main__":  # that one runs the program
            importlib.import_module(module.name)
    classes = _subclasses(VoiceGuideError) - {BadInputError, UnavailableError}
    assert len(classes) > 10
    for cls in classes:
        families = [f for f in (BadInputError, UnavailableError) if issubclass(cls, f)]
        assert len(families) == 1, f"{cls.__module__}.{cls.__name__}: {families}"


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_guide_error_is_bad_input_and_speech_error_unavailable() -> None:
    assert issubclass(GuideError, BadInputError) and issubclass(SpeechError, UnavailableError)
