"""The installed `voice-guide` command run as a script would: piped stdin, JSON Lines out."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
FIELDS = {"turn", "heard", "intent", "step", "faq", "say", "ms"}
TIMEOUT = 60


def command() -> list[str]:
    """The console script of this environment, else the one on PATH, else ``python -m voice``."""
    beside = Path(sys.executable).parent / "voice-guide"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("voice-guide")
    return [found] if found else [sys.executable, "-m", "voice"]


def voice_guide(
    *args: str, stdin: str = "", cmd: list[str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*(cmd or command()), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=cwd or ROOT,
        check=False,
    )


def turns(stdout: str) -> list[dict[str, Any]]:
    """Every stdout line as JSON: anything else on stdout fails here."""
    return [json.loads(line) for line in stdout.splitlines()]


def assert_one_line_error(result: subprocess.CompletedProcess[str], *parts: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for part in parts:
        assert part in lines[0]


def test_piped_session_writes_one_json_object_per_turn() -> None:
    said = [
        "next",
        "okay, next please",
        "go to step four",
        "Is the chat feature available 24/7?",
        "xyzzy",
        "where am I",
        "stop",
    ]
    result = voice_guide("--text", "--jsonl", "-", stdin="\n".join(said) + "\n")
    assert result.returncode == 0, result.stderr
    records = turns(result.stdout)
    assert all(set(record) >= FIELDS for record in records)
    assert [r["turn"] for r in records] == list(range(len(said) + 1))
    assert [r["heard"] for r in records] == [None, *said]
    assert [r["intent"] for r in records] == [
        "start",
        "next",
        "next",
        "goto",
        "faq",
        "unknown",
        "where",
        "stop",
    ]
    assert [r["step"] for r in records] == [None, 1, 2, 4, 4, 4, 4, 4]
    assert [r["faq"] for r in records] == [
        None,
        None,
        None,
        None,
        "available-24-7",
        None,
        None,
        None,
    ]
    assert records[1]["say"].startswith("Step 1 of 5: Sign in to your Amazon account.")
    assert records[-1]["say"] == "Goodbye. You were at step 4 of 5."
    assert all(isinstance(r["ms"], int | float) and 0 <= r["ms"] < 5000 for r in records)


def test_end_of_input_exits_zero_without_stop() -> None:
    result = voice_guide("--text", "--jsonl", "-", stdin="next\n\n   \nnext")
    assert result.returncode == 0, result.stderr
    assert [r["step"] for r in turns(result.stdout)] == [None, 1, 2]  # blank lines are skipped


def test_text_mode_prints_replies_and_logs_to_a_file(tmp_path: Path) -> None:
    log = tmp_path / "turns.jsonl"
    result = voice_guide("--text", "--jsonl", str(log), stdin="next\nstop\n")
    assert result.returncode == 0, result.stderr
    assert "Step 1 of 5: Sign in to your Amazon account." in result.stdout
    assert "Goodbye." in result.stdout
    assert [r["intent"] for r in turns(log.read_text("utf-8"))] == ["start", "next", "stop"]


def test_bundled_guide_by_name() -> None:
    result = voice_guide(
        "amazon-chat.nl", "--text", "--jsonl", "-", stdin="volgende stap graag\nga naar stap drie\n"
    )
    assert result.returncode == 0, result.stderr
    records = turns(result.stdout)
    assert records[1]["say"].startswith("Stap 1 van 5: Log in op uw Amazon-account.")
    assert (records[2]["intent"], records[2]["step"]) == ("goto", 3)


def test_script_by_path(tmp_path: Path) -> None:
    script = tmp_path / "mine.yaml"
    script.write_text(
        "id: mine\ntitle: Mine\nlanguage: en\nintro: Hello.\n"
        "steps:\n  - title: Only\n    text: Do it.\n",
        encoding="utf-8",
    )
    result = voice_guide(str(script), "--text", "--jsonl", "-", stdin="next\n", cwd=tmp_path)
    assert turns(result.stdout)[1]["say"] == "Step 1 of 1: Only. Do it."


def test_missing_script_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = voice_guide(str(tmp_path / "nope.yaml"), "--text", "--jsonl", "-")
    assert_one_line_error(result, "nope.yaml", "no such file")
    assert result.stdout == ""


def test_invalid_script_names_file_line_and_field(tmp_path: Path) -> None:
    script = tmp_path / "bad.yaml"
    script.write_text(
        "id: bad\ntitle: Bad\nlanguage: en\nintro: Hi.\nsteps:\n  - title: One\n  - title: Two\n",
        encoding="utf-8",
    )
    result = voice_guide(str(script), "--text", stdin="next\n")
    assert_one_line_error(result, f"{script}:6: steps[1].text: missing", "1 more problem")
    assert result.stdout == ""


def test_unwritable_event_log_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = voice_guide(
        "--text", "--jsonl", str(tmp_path / "no" / "dir" / "x.jsonl"), stdin="next\n"
    )
    assert_one_line_error(result, "x.jsonl")


def test_check_exit_codes(tmp_path: Path) -> None:
    good = voice_guide(
        "check", str(SCRIPTS / "amazon-chat.en.yaml"), str(SCRIPTS / "amazon-chat.nl.yaml")
    )
    assert good.returncode == 0, good.stderr
    assert good.stdout.count(": ok (5 steps, 5 tips, 5 questions") == 2

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: Bad Id\ntitle: T\nlanguage: en\nintro: I\nsteps: []\nsumary: [x]\n", encoding="utf-8"
    )
    mixed = voice_guide("check", str(SCRIPTS / "amazon-chat.en.yaml"), str(bad))
    assert mixed.returncode == 1
    assert "Traceback" not in mixed.stderr
    assert mixed.stderr.splitlines() == [
        f"{bad}:1: id: 'Bad Id' is not a slug (lower-case letters, digits, -)",
        f"{bad}:5: steps: a guide needs at least one step",
        f"{bad}:6: sumary: unknown field; did you mean 'summary'?",
    ]

    missing = voice_guide("check", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 1 and "no such file" in missing.stderr
    assert voice_guide("check").returncode == 2  # usage error: no files


def test_python_dash_m_voice() -> None:
    result = voice_guide(
        "--text", "--jsonl", "-", stdin="next\n", cmd=[sys.executable, "-m", "voice"]
    )
    assert result.returncode == 0, result.stderr
    assert [r["intent"] for r in turns(result.stdout)] == ["start", "next"]


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version(flag: str) -> None:
    result = voice_guide(flag)
    assert result.returncode == 0 and "voice-guide" in result.stdout
