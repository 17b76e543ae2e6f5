"""Needs, times and timers in the dialog engine: pure, the clock comes in as ``now``."""

from __future__ import annotations

import pytest

from voice.dialog.engine import DialogEngine, State
from voice.dialog.timers import TimerEvent
from voice.guide.loader import parse_guide
from voice.language.intents import Intent
from voice.speech_in.grammar import command_grammar, spoken_grammar

GUIDE = """\
id: eggs
title: Soft-boiled eggs
language: {lang}
intro: Runny yolk, set white.
time: 15 minutes
needs:
  - name: eggs
    amount: 4
  - name: saucepan
    tool: true
  - a spoon
steps:
  - title: Heat the water
    text: Bring the water to the boil.
  - title: Boil and soak
    text: Lower the eggs into the water.
    time: 6 minutes
  - title: Cool
    text: Rinse under cold water.
    time: 30 seconds
"""


def engine(lang: str = "en") -> DialogEngine:
    return DialogEngine(parse_guide(GUIDE.format(lang=lang), "eggs.yaml"))


def at_step(eng: DialogEngine, number: int) -> State:
    return eng.respond(State(), str(number), now=0.0).state


@pytest.mark.parametrize(
    ("utterance", "intent", "say"),
    [
        ("what do I need", Intent.NEEDS, "You need: 4 eggs, saucepan and a spoon."),
        ("what tools do I need", Intent.TOOLS, "The tools you need: saucepan."),
        ("how long does it take", Intent.HOW_LONG, "This guide takes about a quarter of an hour."),
        ("how long does this step take", Intent.STEP_TIME, "Step 2 takes about six minutes."),
    ],
)
def test_needs_and_times_are_read(utterance: str, intent: Intent, say: str) -> None:
    eng = engine()
    reply = eng.respond(at_step(eng, 2), utterance, now=1.0)
    assert (reply.intent, reply.say) == (intent, say)


@pytest.mark.parametrize(
    ("utterance", "say"),
    [
        ("wat heb ik nodig", "U hebt nodig: 4 eggs, saucepan en a spoon."),
        ("hoe lang duurt het", "Deze handleiding duurt ongeveer een kwartier."),
        ("hoe lang duurt deze stap", "Stap 2 duurt ongeveer zes minuten."),
    ],
)
def test_dutch(utterance: str, say: str) -> None:
    eng = engine("nl")
    assert eng.respond(at_step(eng, 2), utterance).say == say


def test_a_timed_step_says_how_long_it_takes() -> None:
    eng = engine()
    assert eng.respond(State(), "next").say.endswith("Bring the water to the boil.")
    said = eng.respond(at_step(eng, 1), "next").say
    assert "This takes about six minutes. Say 'start the timer' to time it." in said


def test_start_the_timer_times_the_step_and_ends_on_time() -> None:
    eng = engine()
    reply = eng.respond(at_step(eng, 2), "start the timer", now=100.0)
    assert reply.say == "Timer set for six minutes: step 2, Boil and soak."
    assert [a.event for a in reply.actions] == [TimerEvent.STARTED]
    assert eng.next_deadline(reply.state) == 460.0
    assert eng.tick(reply.state, 459.9) is None
    left = eng.respond(reply.state, "how much time is left", now=400.0)
    assert left.say == "The timer for step 2, Boil and soak, has a minute left."
    done = eng.tick(left.state, 460.0)
    assert done is not None and done.intent is Intent.TIMER_DONE
    assert done.say == "The timer for step 2, Boil and soak, is done."
    assert done.state.timers == () and done.actions[0].event is TimerEvent.DONE


def test_timers_run_while_the_person_goes_on_and_several_at_once() -> None:
    eng = engine()
    state = eng.respond(at_step(eng, 2), "start the timer", now=0.0).state
    state = eng.respond(state, "next", now=5.0).state
    state = eng.respond(state, "set a timer for 10 seconds", now=6.0).state
    assert len(state.timers) == 2 and eng.next_deadline(state) == 16.0
    first = eng.tick(state, 16.0)
    assert first is not None and first.say == "The timer for step 3, Cool, is done."
    assert first.state.step == 3 and len(first.state.timers) == 1
    second = eng.tick(first.state, 360.0)
    assert second is not None and "step 2, Boil and soak" in second.say


def test_cancel_and_nothing_to_time() -> None:
    eng = engine()
    state = at_step(eng, 1)
    assert eng.respond(state, "start the timer").say.startswith("This step has no time given.")
    assert eng.respond(state, "cancel the timer").say == "No timer is running."
    state = eng.respond(state, "set a timer for 5 minutes", now=0.0).state
    cancelled = eng.respond(state, "cancel the timer", now=1.0)
    assert cancelled.say == "The timer for step 1, Heat the water, is cancelled."
    assert cancelled.state.timers == () and eng.tick(cancelled.state, 1000.0) is None


def test_timer_already_running_is_not_started_twice() -> None:
    eng = engine()
    state = eng.respond(at_step(eng, 2), "start the timer", now=0.0).state
    again = eng.respond(state, "start the timer", now=60.0)
    assert (
        again.say == "The timer for step 2, Boil and soak, is already running: five minutes left."
    )
    assert len(again.state.timers) == 1


def test_restart_says_which_timers_ended_and_which_run() -> None:
    eng = engine()
    state = eng.respond(at_step(eng, 2), "start the timer", now=0.0).state
    state = eng.respond(state, "next", now=1.0).state
    state = eng.respond(state, "start the timer", now=2.0).state  # ends at 32
    saved = State(step=state.step, timers=state.timers, resuming=True)
    opening = eng.start(saved, now=100.0)
    assert opening.say.startswith(
        "The timer for step 3, Cool, ended while you were away. "
        "The timer for step 2, Boil and soak, is still running: four minutes left. "
    )
    assert [t.step for t in opening.state.timers] == [2]
    assert eng.next_deadline(opening.state) == 360.0


def test_help_mentions_needs_and_timers_only_where_a_guide_has_them() -> None:
    eng = engine()
    assert "what do I need" in eng.respond(State(), "help").say
    plain = DialogEngine(parse_guide(GUIDE.format(lang="en").split("time:")[0] + STEPS, "p.yaml"))
    assert "what do I need" not in plain.respond(State(), "help").say


STEPS = """steps:
  - title: One
    text: Do one thing.
"""


def test_speech_grammar_leaves_out_needs_and_timer_phrases_a_guide_has_no_use_for() -> None:
    eggs = parse_guide(GUIDE.format(lang="en"), "eggs.yaml")
    plain = parse_guide(GUIDE.format(lang="en").split("time:")[0] + STEPS, "p.yaml")
    assert "what do i need" in command_grammar(eggs).phrases
    assert "start the timer" in spoken_grammar(eggs).phrases
    for grammar in (command_grammar(plain), spoken_grammar(plain)):
        assert "what do i need" not in grammar.phrases
        assert "start the timer" not in grammar.phrases
        assert "how long does it take" not in grammar.phrases
