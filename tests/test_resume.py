"""Saved positions: the pure 'where to resume' rule, the resume offer, the file, the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from voice.dialog.engine import DialogEngine, State
from voice.guide.loader import load_guide, parse_guide
from voice.guide.model import Guide, Step
from voice.language.intents import Intent
from voice.session.loop import TurnRecord
from voice.session.resume import (
    STATE_DIR_ENV,
    Position,
    PositionStore,
    ResumeSink,
    fingerprint,
    opening,
    position_of,
    state_dir,
)

REPO = Path(__file__).resolve().parent.parent
EN = REPO / "scripts" / "amazon-chat.en.yaml"
NL = REPO / "scripts" / "amazon-chat.nl.yaml"

GUIDE_YAML = """\
id: tea
title: Making tea
language: en
intro: A cup of tea in five steps.
steps:
  - {title: Boil water, text: Fill the kettle and switch it on.}
  - {title: Warm the pot, text: Swirl some hot water in the pot.}
  - {title: Add tea, text: One spoon per cup.}
  - {title: Pour, text: Pour the boiling water on the tea.}
  - {title: Wait, text: Wait four minutes.}
tips: [Use fresh water., Do not squeeze the bag.]
"""


def tea(steps: list[tuple[str, str]] | None = None) -> Guide:
    guide = parse_guide(GUIDE_YAML, "tea.yaml")
    if steps is None:
        return guide
    return replace(guide, steps=tuple(Step(title, text) for title, text in steps))


def saved_at(guide: Guide, step: int, tip: int = 0) -> Position:
    position = position_of(guide, State(step=step, tip=tip))
    assert position is not None
    return position


def run_cli(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The real ``voice-guide`` in a subprocess (inherits the test's private state dir); piped,
    so it saves the place only because it is told to (``--save-position``)."""
    return subprocess.run(
        [sys.executable, "-m", "voice", *args, "--save-position"],
        input=stdin,
        text=True,
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=timeout,
        check=False,
    )


# --- where to resume (pure) ---------------------------------------------------------------------


def test_nothing_saved_starts_at_the_introduction() -> None:
    assert opening(None, tea()).state == State()


def test_same_guide_resumes_at_the_saved_step_and_tip() -> None:
    guide = tea()
    start = opening(saved_at(guide, 3, tip=1), guide)
    assert (start.state.step, start.state.tip, start.state.resuming, start.changed) == (
        3,
        1,
        True,
        False,
    )


def test_changed_text_same_title_keeps_the_step() -> None:
    old = tea()
    new = tea([(s.title, s.text + " Carefully.") for s in old.steps])
    start = opening(saved_at(old, 3), new)
    assert (start.state.step, start.changed) == (3, True)


def test_step_inserted_before_finds_the_step_by_title() -> None:
    old = tea()
    new = tea([("Fetch a cup", "Any cup will do."), *((s.title, s.text) for s in old.steps)])
    start = opening(saved_at(old, 3), new)
    assert (start.state.step, start.changed) == (4, True)
    assert new.steps[start.state.step - 1].title == "Add tea"


def test_step_removed_before_finds_the_step_by_title() -> None:
    old = tea()
    new = tea([(s.title, s.text) for s in old.steps[1:]])
    assert opening(saved_at(old, 3), new).state.step == 2


def test_title_gone_starts_over_and_says_why() -> None:
    old = tea()
    new = tea([("Open a can", "Of something else.")])
    start = opening(saved_at(old, 3), new)
    assert start.state == State() and start.changed
    reply = DialogEngine(new).start(start.state, start.changed)
    assert reply.say.startswith("This guide has changed since you last used it and your step")
    assert reply.state.step == 0


def test_tip_beyond_fewer_tips_is_clipped() -> None:
    guide = tea()
    position = replace(saved_at(guide, 2), tip=9)
    assert opening(position, guide).state.tip == len(guide.tips)


def test_finished_or_unstarted_guides_have_no_position() -> None:
    guide = tea()
    assert position_of(guide, State()) is None
    assert position_of(guide, State(step=5, finished=True)) is None


def test_fingerprint_ignores_tips_but_not_step_order() -> None:
    guide = tea()
    assert fingerprint(replace(guide, tips=())) == fingerprint(guide)
    assert fingerprint(replace(guide, steps=guide.steps[::-1])) != fingerprint(guide)


# --- the offer in the conversation --------------------------------------------------------------


def offered(guide: Guide, step: int = 3, tip: int = 0) -> tuple[DialogEngine, State]:
    engine = DialogEngine(guide)
    reply = engine.start(opening(saved_at(guide, step, tip), guide).state)
    return engine, reply.state


def test_the_offer_says_where_you_were() -> None:
    engine = DialogEngine(tea())
    reply = engine.start(State(step=3, resuming=True))
    assert reply.say == (
        "Making tea. You were at step 3 of 5: Add tea. Say 'continue' or 'start over'."
    )
    assert reply.intent is Intent.START


def test_the_offer_in_dutch() -> None:
    guide = load_guide(NL)
    reply = DialogEngine(guide).start(State(step=2, resuming=True))
    assert f"U was bij stap 2 van {len(guide.steps)}:" in reply.say
    assert reply.say.endswith("Zeg 'verder' of 'begin opnieuw'.")
    engine, state = DialogEngine(guide), reply.state
    assert engine.respond(state, "verder").state.step == 2
    assert engine.respond(state, "begin opnieuw").state.step == 1


@pytest.mark.parametrize(
    "answer", ["continue", "next", "yes", "resume", "okay continue please", "start", "begin"]
)
def test_continue_reads_the_saved_step(answer: str) -> None:
    engine, state = offered(tea(), step=3)
    reply = engine.respond(state, answer)
    assert reply.say.startswith("Step 3 of 5: Add tea.")
    assert reply.state.step == 3 and not reply.state.resuming
    assert engine.respond(reply.state, "next").state.step == 4


def test_a_relative_move_counts_from_the_saved_step() -> None:
    engine, state = offered(tea(), step=2)
    reply = engine.respond(state, "skip ahead two")
    assert reply.say.startswith("Step 4 of 5:") and not reply.state.resuming


@pytest.mark.parametrize("answer", ["start over", "no", "from the beginning"])
def test_start_over_goes_to_step_one(answer: str) -> None:
    engine, state = offered(tea(), step=3, tip=2)
    reply = engine.respond(state, answer)
    assert reply.say.startswith("Step 1 of 5: Boil water.")
    assert (reply.state.step, reply.state.tip, reply.state.resuming) == (1, 0, False)


def test_other_commands_keep_the_offer_open() -> None:
    engine, state = offered(tea(), step=3)
    where = engine.respond(state, "where am i")
    assert where.say == "You are at step 3 of 5: Add tea."
    helped = engine.respond(where.state, "help")
    assert engine.respond(helped.state, "continue").say.startswith("Step 3 of 5")


def test_moving_elsewhere_ends_the_offer() -> None:
    engine, state = offered(tea(), step=3)
    moved = engine.respond(state, "go to step 5")
    assert (moved.state.step, moved.state.resuming) == (5, False)
    assert engine.respond(moved.state, "back").state.step == 4


def test_next_tip_continues_after_the_saved_tip() -> None:
    engine, state = offered(tea(), step=2, tip=1)
    assert engine.respond(state, "next tip").say.startswith("Tip 2 of 2")


def test_without_a_saved_position_the_welcome_is_unchanged() -> None:
    reply = DialogEngine(tea()).start()
    assert reply.say.startswith("Making tea. A cup of tea in five steps. Say 'next' to begin")
    assert reply.state == replace(State(), last_say=reply.say)


# --- the file -----------------------------------------------------------------------------------


def test_state_dir_comes_from_the_environment(tmp_path: Path) -> None:
    assert state_dir({STATE_DIR_ENV: str(tmp_path)}) == tmp_path
    assert state_dir({}).name == "voice-guide"


def test_saved_position_round_trips_and_leaves_no_temp_files(tmp_path: Path) -> None:
    guide, store = tea(), PositionStore(tmp_path / "state")
    store.save(guide, saved_at(guide, 4, tip=2))
    assert store.load(guide) == saved_at(guide, 4, tip=2)
    assert [p.name for p in (tmp_path / "state").iterdir()] == ["tea.en.json"]
    data = json.loads((tmp_path / "state" / "tea.en.json").read_text(encoding="utf-8"))
    assert (data["guide"], data["language"], data["step"]) == ("tea", "en", 4)


def test_positions_are_kept_per_guide_and_language(tmp_path: Path) -> None:
    store = PositionStore(tmp_path)
    en, nl = load_guide(EN), load_guide(NL)
    store.save(en, saved_at(en, 2))
    store.save(nl, saved_at(nl, 4))
    assert store.load(en) == saved_at(en, 2)
    assert store.load(nl) == saved_at(nl, 4)
    assert store.load(tea()) is None


@pytest.mark.parametrize(
    "content",
    [
        "",
        "{",
        "[]",
        '{"version": 1}',
        '{"version": 99, "step": 1}',
        '{"version": 1, "step": "3", "tip": 0, "title": "x", "total": 5, "fingerprint": "f"}',
    ],
)
def test_a_corrupt_position_file_means_start_fresh(tmp_path: Path, content: str) -> None:
    guide, store = tea(), PositionStore(tmp_path)
    store.path_for(guide).write_text(content, encoding="utf-8")
    assert store.load(guide) is None


def record(turn: int = 1) -> TurnRecord:
    return TurnRecord(turn=turn, heard="x", intent="next", step=None, faq=None, say="", ms=0.0)


def test_sink_saves_changes_and_forgets_a_finished_guide(tmp_path: Path) -> None:
    guide, store = tea(), PositionStore(tmp_path)
    sink = ResumeSink(store, guide, sys.stderr)
    sink.record(record(), State())
    assert store.load(guide) is None
    sink.record(record(), State(step=2))
    first = store.path_for(guide).stat().st_mtime_ns
    sink.record(record(), State(step=2, last_say="again"))  # same position: no write
    assert store.path_for(guide).stat().st_mtime_ns == first
    sink.record(record(), State(step=2, tip=1))
    assert store.load(guide) == saved_at(guide, 2, tip=1)
    sink.record(record(), State(step=5, finished=True))
    assert not store.path_for(guide).exists()


def test_unwritable_state_dir_warns_once_and_the_session_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("", encoding="utf-8")
    sink = ResumeSink(PositionStore(blocker / "state"), tea(), sys.stderr)
    sink.record(record(), State(step=1))
    sink.record(record(), State(step=2))
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith(f"voice-guide: {blocker / 'state'}: cannot save the position")


# --- the real CLI -------------------------------------------------------------------------------


def test_cli_resumes_where_the_last_session_stopped(private_state_dir: Path) -> None:
    first = run_cli("--text", stdin="next\nnext\nnext\nstop\n")
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1] == "Goodbye. You were at step 3 of 5."
    second = run_cli("--text", stdin="continue\nnext\n")
    lines = second.stdout.splitlines()
    assert "You were at step 3 of 5: Find the ‘Contact Us’ button." in lines[0]
    assert lines[1].startswith("> Step 3 of 5") or lines[1].startswith("Step 3 of 5")
    assert (private_state_dir / "amazon-chat.en.json").exists()
    third = run_cli("--text", stdin="")
    assert "You were at step 4 of 5" in third.stdout


def test_cli_fresh_ignores_the_saved_position() -> None:
    run_cli("--text", stdin="next\nnext\n")
    fresh = run_cli("--text", "--fresh", stdin="")
    assert "You were at" not in fresh.stdout
    assert "Say 'next' to begin" in fresh.stdout


def test_cli_edited_guide_file_resumes_by_title(tmp_path: Path) -> None:
    script = tmp_path / "tea.yaml"
    script.write_text(GUIDE_YAML, encoding="utf-8")
    run_cli(str(script), "--text", stdin="go to step 3\nstop\n")
    edited = GUIDE_YAML.replace("steps:\n", "steps:\n  - {title: Fetch a cup, text: Any.}\n")
    script.write_text(edited, encoding="utf-8")
    result = run_cli(str(script), "--text", stdin="continue\n")
    assert "This guide has changed since you last used it." in result.stdout
    assert "You were at step 4 of 6: Add tea." in result.stdout
    assert "Step 4 of 6: Add tea." in result.stdout


def test_cli_state_dir_env_is_honoured(tmp_path: Path) -> None:
    env = {**os.environ, STATE_DIR_ENV: str(tmp_path / "elsewhere")}
    run_cli("--text", stdin="next\n", env=env)
    assert (tmp_path / "elsewhere" / "amazon-chat.en.json").exists()
