"""``--transcript FILE``: Markdown or JSON Lines, flushed every turn; the 'transcript' command."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.test_resume import EN, run_cli
from voice.dialog.engine import DialogEngine, State
from voice.errors import VoiceGuideError
from voice.guide.loader import load_guide
from voice.language.commands import parse_command, vocabulary
from voice.language.intents import Intent
from voice.session.loop import TurnRecord
from voice.session.transcript import TranscriptError, TranscriptSink, is_jsonl, markdown_turn

START = datetime(2024, 5, 1, 9, 30, 0, tzinfo=timezone(timedelta(hours=2)))


def ticking() -> list[datetime]:
    """A clock that moves one second per reading."""
    return [START + timedelta(seconds=s) for s in range(100)]


def turn(number: int, heard: str | None, say: str, source: str | None = "text") -> TurnRecord:
    return TurnRecord(
        turn=number,
        heard=heard,
        intent="next",
        step=1,
        faq=None,
        say=say,
        ms=0.1,
        source=source if heard is not None else None,
    )


def sink(path: Path) -> TranscriptSink:
    times = iter(ticking())
    return TranscriptSink(path, load_guide(EN), clock=lambda: next(times))


@pytest.mark.parametrize(
    ("name", "jsonl"),
    [("t.jsonl", True), ("t.NDJSON", True), ("t.md", False), ("t.txt", False), ("t", False)],
)
def test_the_extension_picks_the_form(name: str, jsonl: bool) -> None:
    assert is_jsonl(Path(name)) is jsonl


def test_markdown_has_a_heading_times_and_both_sides(tmp_path: Path) -> None:
    path = tmp_path / "talk.md"
    keeper = sink(path)
    keeper.record(turn(0, None, "Welcome."), State())
    keeper.record(turn(1, "next", "Step 1 of 5: Sign in."), State(step=1))
    text = path.read_text(encoding="utf-8")  # readable before close: flushed every turn
    keeper.close()
    assert text.startswith("\n# Step-by-step tutorial: starting an Amazon customer service chat\n")
    assert "Transcript started 2024-05-01 09:30:00 +0200, guide file" in text
    assert text.endswith(
        "**09:30:01 Guide:** Welcome.\n\n**09:30:02 You:** next\n\n"
        "**09:30:02 Guide:** Step 1 of 5: Sign in.\n\n"
    )


def test_jsonl_lines_carry_time_heard_and_said(tmp_path: Path) -> None:
    path = tmp_path / "talk.jsonl"
    keeper = sink(path)
    keeper.record(turn(0, None, "Welcome."), State())
    keeper.record(turn(1, "volgende", "Stap 1.", source="vosk"), State(step=1))
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    keeper.close()
    assert rows[0] == {
        "time": "2024-05-01T09:30:00.000+02:00",
        "turn": 0,
        "heard": None,
        "source": None,
        "said": "Welcome.",
        "intent": "next",
        "step": 1,
    }
    assert (rows[1]["heard"], rows[1]["source"], rows[1]["said"]) == ("volgende", "vosk", "Stap 1.")


def test_a_second_session_appends(tmp_path: Path) -> None:
    path = tmp_path / "talk.md"
    for _ in range(2):
        keeper = sink(path)
        keeper.record(turn(0, None, "Welcome."), State())
        keeper.close()
    assert path.read_text(encoding="utf-8").count("# Step-by-step tutorial") == 2


def test_markdown_shows_the_recogniser_and_escapes_markup() -> None:
    text = markdown_turn(turn(3, "*what* is `this`", "", source="pocketsphinx"), START)
    assert text == "**09:30:00 You (pocketsphinx):** \\*what\\* is \\`this\\`\n\n"


def test_an_unwritable_transcript_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "missing-dir" / "t.md"
    with pytest.raises(TranscriptError, match=r"missing-dir/t\.md: cannot write the transcript"):
        sink(path)
    assert issubclass(TranscriptError, VoiceGuideError)


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [
        ("en", "transcript"),
        ("en", "where is the transcript"),
        ("en", "show the transcript please"),
        ("nl", "waar is het transcript"),
        ("nl", "gespreksverslag"),
    ],
)
def test_transcript_phrases_parse(lang: str, phrase: str) -> None:
    assert parse_command(phrase, vocabulary(lang)).intent is Intent.TRANSCRIPT


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_phrase_still_means_its_own_intent(lang: str) -> None:
    vocab = vocabulary(lang)
    wrong = [
        (phrase, intent, parse_command(phrase, vocab).intent)
        for intent, phrases in vocab.phrases.items()
        for phrase in phrases
        if parse_command(phrase, vocab).intent is not intent
    ]
    assert wrong == []


def test_the_command_says_where_the_transcript_is() -> None:
    guide = load_guide(EN)
    with_file = DialogEngine(guide, transcript="/home/me/talk.md")
    reply = with_file.respond(State(step=2), "transcript")
    assert reply.say == "The transcript is being written to talk.md"  # issue 11: the name only
    assert reply.intent is Intent.TRANSCRIPT and reply.state.step == 2
    without = DialogEngine(guide).respond(State(), "where is the transcript")
    assert without.say.startswith("No transcript is being kept.")


def test_cli_writes_the_transcript_and_says_where(tmp_path: Path) -> None:
    path = tmp_path / "session.md"
    result = run_cli("--text", "--transcript", str(path), stdin="next\ntranscript\nstop\n")
    assert result.returncode == 0, result.stderr
    assert f"The transcript is being written to {path.name}" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert "You:** next" in text and "Guide:** Step 1 of 5: Sign in" in text
    assert "You:** stop" in text and "Guide:** Goodbye. You were at step 1 of 5." in text


def test_cli_jsonl_transcript(tmp_path: Path) -> None:
    path = tmp_path / "session.jsonl"
    result = run_cli(
        "amazon-chat.nl",
        "--text",
        "--transcript",
        str(path),
        stdin="volgende\nwaar is het transcript\n",
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [row["heard"] for row in rows] == [None, "volgende", "waar is het transcript"]
    assert rows[2]["said"] == f"Het gesprek wordt opgeschreven in {path.name}"
    assert all(datetime.fromisoformat(row["time"]).tzinfo is not None for row in rows)


def test_cli_unwritable_transcript_is_one_line(tmp_path: Path) -> None:
    result = run_cli("--text", "--transcript", str(tmp_path / "no" / "t.md"), stdin="next\n")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"voice-guide: {tmp_path / 'no' / 't.md'}: cannot write the transcript: "
        "No such file or directory"
    ]
