"""Dialog engine speed: median time per turn over mixed utterances, and script load time.

    python -m benchmarks.bench_engine [--turns 10000] [--repeat 3] [--loads 50]

Each run feeds ``--turns`` utterances (about 70% commands in many phrasings, 30% questions) to
``DialogEngine.respond``, each turn getting the state the previous one returned, on the bundled
English guide and on a generated guide of 2,000 steps and 2,000 FAQ entries. Command turns and
FAQ turns (anything that is not a command, so it goes to the question matcher) are timed apart;
the table shows the median over all turns of all runs, and the 95th percentile. Load time is the
median of ``--loads`` reads of the bundled guides (file to validated ``Guide``). Timer turns: the
bundled soft-boiled eggs guide with 20 timers running, each turn a command, a timer question or a
``tick`` (the session's wake-up at a deadline), against the 1 ms target.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from benchmarks.generate_guide import generate_guide, write_guide
from tests.support.command_sets import QUESTION, read_set, set_path
from voice.dialog.engine import DialogEngine, State
from voice.guide.loader import load_guide
from voice.guide.model import Guide
from voice.language.commands import parse_command
from voice.language.intents import Intent

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "scripts" / "amazon-chat.en.yaml"
TARGET_COMMAND_MS = 0.2
TARGET_FAQ_BIG_MS = 2.0
TARGET_LOAD_MS = 50.0
TARGET_TIMER_TURN_MS = 1.0
RUNNING_TIMERS = 20
TIMER_UTTERANCES = (
    "how much time is left",
    "next",
    "back",
    "start the timer",
    "how long does this step take",
    "what do I need",
    "where am I",
    "repeat",
)
POLITE = ("", "okay ", "um ", "please ", "so ")
STOP_INTENTS = (Intent.STOP,)
"""Left out of the mix so that every turn is a turn of an ongoing session."""


@dataclass(frozen=True)
class Timings:
    """Per-turn engine times of one guide, in milliseconds."""

    command: list[float]
    faq: list[float]


def command_utterances(engine: DialogEngine, steps: int) -> list[str]:
    """Every built-in phrase with and without fillers, 'go to step N' forms, and the everyday
    phrasings of the English command development set (which take the parser's slower path)."""
    phrases = [
        phrase
        for intent, texts in engine.vocab.phrases.items()
        if intent not in STOP_INTENTS
        for phrase in texts
    ]
    phrases += [
        text
        for expected, text in read_set(set_path("en", "dev"))
        if expected not in (QUESTION, *(intent.value for intent in STOP_INTENTS))
    ]
    numbers = [str(n) for n in range(1, min(steps, 20) + 1)]
    phrases += [f"go to step {n}" for n in numbers] + ["the third step", "step twelve"]
    return [f"{filler}{phrase}" for phrase in phrases for filler in POLITE]


def question_utterances(guide: Guide, rng: random.Random, count: int) -> list[str]:
    """FAQ questions as written, their other phrasings, shortened ones, and off-topic ones."""
    questions: list[str] = []
    for entry in rng.sample(list(guide.faq), min(count, len(guide.faq))):
        words = entry.question.rstrip("?").split()
        questions += [entry.question, *entry.also, " ".join(words[: max(3, len(words) // 2)])]
    questions += [
        "what is the weather in paris tomorrow",
        "can you order me a pizza",
        "who won the football match yesterday",
    ]
    return questions


def mix(
    commands: Sequence[str], questions: Sequence[str], turns: int, rng: random.Random
) -> list[str]:
    return [
        rng.choice(questions) if rng.random() < 0.3 else rng.choice(commands) for _ in range(turns)
    ]


def time_turns(engine: DialogEngine, utterances: Sequence[str]) -> Timings:
    """Feed the utterances as one conversation; split the times by what the utterance was."""
    command: list[float] = []
    faq: list[float] = []
    state = engine.start().state
    clock = time.perf_counter_ns
    for text in utterances:
        is_command = parse_command(text, engine.vocab).intent is not Intent.UNKNOWN
        started = clock()
        state = engine.respond(state, text).state
        elapsed = (clock() - started) / 1e6
        (command if is_command else faq).append(elapsed)
    return Timings(command, faq)


def bench_guide(guide: Guide, turns: int, repeat: int, seed: int) -> Timings:
    engine = DialogEngine(guide)
    rng = random.Random(seed)
    commands = command_utterances(engine, len(guide.steps))
    questions = question_utterances(guide, rng, 300)
    all_runs = Timings([], [])
    for _ in range(repeat):
        timings = time_turns(engine, mix(commands, questions, turns, rng))
        all_runs.command.extend(timings.command)
        all_runs.faq.extend(timings.faq)
    return all_runs


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter_ns()
        action()
        times.append((time.perf_counter_ns() - started) / 1e6)
    return statistics.median(times)


def p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return f"<= {target:g} ms: {'ok' if value <= target else 'MISSED'}"


def turn_rows(name: str, timings: Timings, faq_target: float | None) -> list[str]:
    rows = []
    for kind, values, target in (
        ("command turn", timings.command, TARGET_COMMAND_MS),
        ("FAQ turn", timings.faq, faq_target),
    ):
        median = statistics.median(values)
        rows.append(
            f"| {name} | {kind} | {len(values)} | {median:.4f} | {p95(values):.4f} | "
            f"{verdict(median, target)} |"
        )
    return rows


def load_rows(big_guide: Guide, loads: int) -> list[str]:
    rows = []
    for path in (BUNDLED, ROOT / "scripts" / "amazon-chat.nl.yaml"):
        median = median_ms(partial(load_guide, path), loads)
        rows.append(
            f"| {path.name} | script load | {loads} | {median:.3f} | | "
            f"{verdict(median, TARGET_LOAD_MS)} |"
        )
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.yaml"
        write_guide(big_guide, big)
        median = median_ms(lambda: load_guide(big), 3)
        rows.append(
            f"| generated 2,000 + 2,000 ({big.stat().st_size // 1024} KiB) | script load "
            f"| 3 | {median:.1f} | | |"
        )
    median = median_ms(lambda: DialogEngine(big_guide), 3)
    rows.append(
        f"| generated 2,000 + 2,000 | engine build (vocabulary, question index) | 3 | "
        f"{median:.1f} | | |"
    )
    return rows


def with_timers(engine: DialogEngine, count: int) -> State:
    """A session at step 3 with ``count`` timers running, set one a second apart."""
    state = engine.respond(engine.start().state, "3", now=0.0).state
    for number in range(count):
        state = engine.respond(state, f"set a timer for {number + 10} minutes", now=number).state
    assert len(state.timers) == count
    return state


def timer_rows(turns: int, repeat: int) -> list[str]:
    """Median and p95 of a turn (and of a tick) with ``RUNNING_TIMERS`` timers running."""
    engine = DialogEngine(load_guide(ROOT / "scripts" / "soft-boiled-eggs.en.yaml"))
    start = with_timers(engine, RUNNING_TIMERS)
    respond: list[float] = []
    tick: list[float] = []
    clock = time.perf_counter_ns
    for _ in range(repeat):
        state = start
        for number in range(turns):
            now = 30.0 + number / 1000  # no timer ends: every turn sees all 20
            text = TIMER_UTTERANCES[number % len(TIMER_UTTERANCES)]
            started = clock()
            reply = engine.respond(state, text, now=now)
            respond.append((clock() - started) / 1e6)
            started = clock()
            engine.tick(reply.state, now)
            tick.append((clock() - started) / 1e6)
            state = replace(reply.state, timers=start.timers)  # keep 20 running
    name = f"soft-boiled-eggs.en, {RUNNING_TIMERS} timers running"
    return [
        f"| {name} | {kind} | {len(values)} | {statistics.median(values):.4f} | "
        f"{p95(values):.4f} | {verdict(statistics.median(values), TARGET_TIMER_TURN_MS)} |"
        for kind, values in (("turn", respond), ("tick (wake-up)", tick))
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--loads", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    bundled = load_guide(BUNDLED)
    big = generate_guide(2000, 2000, seed=args.seed)
    print("| guide | measure | samples | median ms | p95 ms | target |")
    print("|---|---|---:|---:|---:|---|")
    for row in turn_rows(
        "bundled (amazon-chat.en)", bench_guide(bundled, args.turns, args.repeat, args.seed), None
    ):
        print(row)
    for row in turn_rows(
        "generated 2,000 steps + 2,000 FAQ",
        bench_guide(big, args.turns, args.repeat, args.seed),
        TARGET_FAQ_BIG_MS,
    ):
        print(row)
    for row in load_rows(big, args.loads):
        print(row)
    for row in timer_rows(args.turns // 10, args.repeat):
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
