"""Question matcher: accuracy on the development sets, speed on a generated 2,000-FAQ guide.

    python -m benchmarks.bench_questions [--repeat 5]

Accuracy, per guide, language and set (dev, held-out): top-1 = the expected answer (FAQ entry,
step, tip or sentence) is returned, answered directly or asked back; out of scope rejected =
``match`` returns ``None``; latency = median time of one question on that guide. The held-out
sets were written blind (by people who had read only the guide) and are never tuned on; both
are printed (see ``tests/support/question_sets.py``).
Speed: median over ``--repeat`` runs;
CPU time is printed too, because wall time on a shared machine includes waiting for a core.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate_guide import generate_guide
from tests.support.question_sets import (
    GUIDES,
    LANGUAGES,
    SPLITS,
    guide_path,
    match_key,
    read_set,
    set_path,
)
from voice.guide.loader import load_guide
from voice.guide.model import Guide
from voice.questions.matcher import QuestionMatcher, build_matcher

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Scores:
    """How a matcher did on one question set."""

    right: int
    """In-scope questions whose expected answer came first (sure or asked back)."""
    right_sure: int
    """Of those, answered directly."""
    wrong_sure: int
    """In-scope questions answered directly with a wrong answer: the costly mistake."""
    in_scope: int
    rejected: int
    out_of_scope: int

    def line(self, name: str) -> str:
        return (
            f"{name:26} top-1 {self.right}/{self.in_scope} = {self.right / self.in_scope:.0%}"
            f" (answered directly {self.right_sure}, wrong and sure {self.wrong_sure})"
            f"   out of scope rejected {self.rejected}/{self.out_of_scope}"
            f" = {self.rejected / self.out_of_scope:.0%}"
        )


def evaluate(matcher: QuestionMatcher, rows: list[tuple[frozenset[str], str]]) -> Scores:
    right = right_sure = wrong_sure = in_scope = rejected = out_of_scope = 0
    for expected, question in rows:
        found = matcher.match(question)
        if expected == {"none"}:
            out_of_scope += 1
            rejected += found is None
            continue
        in_scope += 1
        good = match_key(found) in expected
        right += good
        right_sure += good and found is not None and found.sure
        wrong_sure += not good and found is not None and found.sure
    return Scores(right, right_sure, wrong_sure, in_scope, rejected, out_of_scope)


def accuracy(splits: tuple[str, ...] = SPLITS) -> None:
    for guide in GUIDES:
        for lang in LANGUAGES:
            matcher = build_matcher(load_guide(guide_path(guide, lang)))
            for split in splits:
                rows = read_set(set_path(guide, lang, split))
                scores = evaluate(matcher, rows)
                ms = _latency(matcher, [question for _, question in rows])
                print(f"{scores.line(f'{guide} {lang} {split}')}   {ms:.2f} ms")


def _latency(matcher: QuestionMatcher, questions: list[str]) -> float:
    """Median milliseconds per question, after one warm-up pass."""
    for question in questions:
        matcher.match(question)
    times = []
    for question in questions:
        start = time.perf_counter()
        matcher.match(question)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def queries(guide: Guide, count: int, seed: int = 1) -> list[str]:
    """Paraphrase-like questions: FAQ phrasings with a word dropped and one misspelt, plus a
    quarter of made-up questions that no entry answers."""
    rng = random.Random(seed)
    out = []
    for entry in rng.sample(guide.faq, count * 3 // 4):
        words = rng.choice((entry.question, *entry.also)).rstrip("?").split()
        words.pop(rng.randrange(len(words)))
        i = rng.randrange(len(words))
        words[i] = words[i][:-1] + "x" if len(words[i]) > 4 else words[i]
        out.append(" ".join(words))
    out += [
        f"how do i {rng.choice(('bake', 'paint', 'fix'))} the qwerty{n} zorblat"
        for n in range(count - len(out))
    ]
    return out


def speed(faqs: int, steps: int, repeat: int) -> None:
    guide = generate_guide(steps, faqs, seed=0)
    builds, build_cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        matcher = build_matcher(guide)
        builds.append(time.perf_counter() - start)
        build_cpu.append(time.process_time() - start_cpu)
    asked = queries(guide, 400)
    matcher.match(asked[0])  # the first question makes the sound-alike keys
    wall, cpu = [], []
    for _ in range(repeat):
        for question in asked:
            start, start_cpu = time.perf_counter(), time.process_time()
            matcher.match(question)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    ms = 1000 * statistics.median(builds), 1000 * statistics.median(build_cpu)
    print(
        f"generated guide, {faqs} FAQ entries + {steps} steps: index build median "
        f"{ms[0]:.0f} ms (CPU {ms[1]:.0f} ms); per question median "
        f"{statistics.median(wall) * 1000:.2f} ms (CPU {statistics.median(cpu) * 1000:.2f} ms),"
        f" 95th percentile {statistics.quantiles(wall, n=20)[-1] * 1000:.2f} ms "
        f"({len(asked)} questions x {repeat})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--faqs", type=int, default=2000)
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument(
        "--split", choices=SPLITS, help="one set only: 'dev' while tuning, so held-out stays unseen"
    )
    args = parser.parse_args(argv)
    accuracy((args.split,) if args.split else SPLITS)
    speed(args.faqs, args.steps, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
