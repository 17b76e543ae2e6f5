"""The command evaluation sets (``tests/data/commands*.tsv``), read and scored one way everywhere.

Each line is ``EXPECTED<TAB>utterance``; EXPECTED is an intent name, with ``:N`` for a step
number (goto) or a count (a relative move: ``next:3``), or ``question`` for an utterance that must
not be taken as a command. Used by ``tests/test_commands_eval.py`` and
``benchmarks/bench_commands.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from voice.dialog.engine import DialogEngine, State
from voice.language.commands import parse
from voice.language.intents import Command, Intent

DATA = Path(__file__).resolve().parents[1] / "data"
QUESTION = "question"
LANGS = ("en", "nl")
PARTS = {"dev": "commands.{lang}.tsv", "heldout": "commands.heldout.{lang}.tsv"}


def read_set(path: Path) -> list[tuple[str, str]]:
    """(expected, utterance) rows, comments and blank lines skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            expected, utterance = line.split("\t")
            rows.append((expected, utterance))
    return rows


def set_path(lang: str, part: str) -> Path:
    return DATA / PARTS[part].format(lang=lang)


def command_key(command: Command) -> str:
    """A command written the way the sets write it."""
    if command.intent is Intent.UNKNOWN:
        return QUESTION
    if command.intent is Intent.GOTO:
        return f"goto:{command.step}"
    return f"{command.intent.value}:{command.count}" if command.count != 1 else command.intent.value


@dataclass(frozen=True)
class Score:
    """How one set fared."""

    commands: int
    commands_right: int
    questions: int
    questions_right: int
    """Non-commands that stayed non-commands."""
    answered_as_faq: int
    """Commands the dialog engine answered from the FAQ (or asked back about): must be 0."""
    misses: tuple[tuple[str, str, str], ...]
    """(expected, got, utterance) for every wrong line."""

    @property
    def command_accuracy(self) -> float:
        return self.commands_right / self.commands if self.commands else 1.0


def score(engine: DialogEngine, rows: list[tuple[str, str]]) -> Score:
    """Parse every line with the engine's vocabulary, and feed each command to the engine at
    step 2 to see whether it gets an FAQ answer."""
    right = {True: 0, False: 0}
    count = {True: 0, False: 0}
    faq = 0
    misses = []
    for expected, utterance in rows:
        got = command_key(parse(utterance, engine.vocab).command)
        is_command = expected != QUESTION
        count[is_command] += 1
        right[is_command] += got == expected
        if got != expected:
            misses.append((expected, got, utterance))
        if is_command:
            reply = engine.respond(State(step=2), utterance)
            faq += reply.faq is not None or reply.state.pending is not None
    return Score(count[True], right[True], count[False], right[False], faq, tuple(misses))
