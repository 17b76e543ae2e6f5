"""Soak: 10,000 random turns through the real CLI in text mode, checked turn by turn.

Long sessions are where leaks, drifting state and one-in-a-thousand crashes show; the person
must be able to run the guide all afternoon. Every kind of utterance is mixed in (commands,
numbers, questions, noise) except 'stop' and 'switch guide', which would end the run early.
"""

from __future__ import annotations

import json
import random
import string
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_resume import EN, REPO
from voice.guide.loader import load_guide
from voice.language.commands import parse_command, vocabulary
from voice.language.intents import Intent

ENDS = (Intent.STOP, Intent.OPEN_GUIDE)
"""What ends this guide's session (stop, or opening another guide)."""
TURNS = 10_000
SECONDS = 90.0
"""Upper bound for the whole run (about 15 s on a 2-core CI machine)."""


def utterances(count: int, seed: int) -> list[str]:
    """A reproducible mix of every command phrase, step numbers, FAQ questions and noise."""
    guide = load_guide(EN)
    vocab = vocabulary(guide.lang, guide.commands)
    pool = [p for intent, ps in vocab.phrases.items() if intent not in ENDS for p in ps]
    pool += [entry.question for entry in guide.faq] + [f"go to step {n}" for n in range(-1, 8)]
    rng = random.Random(seed)
    said: list[str] = []
    while len(said) < count:
        kind = rng.random()
        if kind < 0.8:
            text = rng.choice(pool)
        elif kind < 0.9:
            text = " ".join(rng.choice(pool).split()[:2] + rng.choice(pool).split()[-2:])
        else:
            text = "".join(rng.choice(string.ascii_letters + " ?!'") for _ in range(12))
        if text.strip() and parse_command(text, vocab).intent not in ENDS:
            said.append(text.strip())
    return said


@pytest.mark.slow
def test_ten_thousand_random_turns(tmp_path: Path, private_state_dir: Path) -> None:
    said = utterances(TURNS, seed=7)
    transcript = tmp_path / "soak.md"
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "voice",
            str(EN),
            "--text",
            "--save-position",
            "--jsonl",
            "-",
            "--transcript",
            str(transcript),
        ],
        input="\n".join(said) + "\n",
        text=True,
        capture_output=True,
        cwd=REPO,
        timeout=SECONDS,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr == ""
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == TURNS + 1
    assert [row["turn"] for row in rows] == list(range(TURNS + 1))
    assert [row["heard"] for row in rows[1:]] == said
    assert all(row["step"] is None or 1 <= row["step"] <= 5 for row in rows)
    assert {row["intent"] for row in rows} >= {"next", "previous", "goto", "faq", "unknown"}
    assert transcript.read_text(encoding="utf-8").count("You:**") == TURNS
    position = private_state_dir / "amazon-chat.en.json"
    last_step = next(row["step"] for row in reversed(rows) if row["step"] is not None)
    if position.exists():
        assert json.loads(position.read_text(encoding="utf-8"))["step"] == last_step
    else:  # forgotten because the guide was finished last
        assert any(row["say"].startswith("That was the last step") for row in rows[-50:])
    print(f"{TURNS} turns in {elapsed:.1f} s")
