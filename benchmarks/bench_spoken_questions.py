"""Spoken questions end to end with pocketsphinx: the guide language model against the generic one.

    .venv/bin/python -m benchmarks.bench_spoken_questions [--repeat 3]

espeak-ng (two voices, in turn) speaks the paraphrased questions of tests/data/questions.en.tsv
and questions.heldout.en.tsv, their out-of-scope questions and 20 unrelated sentences (see
tests/spoken_questions.py for what counts as right). Each utterance goes through the whole
recogniser (grammar pass, then the free-form pass when the grammar rejects) and the guide's
question matcher. Prints a markdown table: in-scope questions answered right, out-of-scope
speech answered at all, median recognition time per utterance and recogniser start time, each a
median over ``--repeat`` runs (accuracy does not vary: the decode is deterministic).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tests.support.spoken_questions import SpokenQuestion, answer_key, hear_all, shares, spoken_set
from voice.guide.loader import load_guide
from voice.guide.model import Guide
from voice.language.commands import vocabulary
from voice.questions.matcher import build_matcher
from voice.speech_in.grammar import command_checker, spoken_grammar
from voice.speech_in.guide_lm import guide_sentences
from voice.speech_in.pocketsphinx_engine import PocketsphinxDecoder
from voice.speech_in.selection import default_rule
from voice.speech_in.two_pass import TwoPassRecognizer

ROOT = Path(__file__).resolve().parent.parent

CACHE = ROOT / ".cache" / "bench-audio"
SETS = {"dev": ("questions.en.tsv",), "held-out": ("questions.heldout.en.tsv",)}


def open_with(model: str, guide: Guide) -> tuple[TwoPassRecognizer, float]:
    """The app's recogniser with the ``guide`` or the ``generic`` free-form model, and its
    start time."""
    start = time.perf_counter()
    sentences = guide_sentences(guide) if model == "guide" else None
    decoder = PocketsphinxDecoder(spoken_grammar(guide), sentences)
    recognizer = TwoPassRecognizer(decoder, default_rule("pocketsphinx"), command_checker(guide))
    return recognizer, time.perf_counter() - start


def run(model: str, guide: Guide, items: list[SpokenQuestion], repeat: int) -> dict[str, float]:
    matcher, vocab = build_matcher(guide), vocabulary(guide.lang, guide.commands)
    runs = []
    for _ in range(repeat):
        recognizer, load = open_with(model, guide)
        outcomes = hear_all(recognizer, items, lambda text: answer_key(text, vocab, matcher))
        recognizer.close()
        right, n_in, answered, n_out = shares(outcomes)
        took = statistics.median(o.seconds for o in outcomes)
        runs.append(
            {
                "right": right,
                "n_in": n_in,
                "answered": answered,
                "n_out": n_out,
                "latency": took,
                "load": load,
            }
        )
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    guide = load_guide(ROOT / "scripts" / "amazon-chat.en.yaml")
    print(
        "| free-form model | set | answered right (in scope) | out-of-scope answered "
        "| recognition time (median) | recogniser start (median) |"
    )
    print("|---|---|---|---|---|---|")
    for name, files in SETS.items():
        items = spoken_set(CACHE, files, unrelated=name == "dev")
        for model in ("generic", "guide"):
            r = run(model, guide, items, args.repeat)
            print(
                f"| {model} | {name} | {r['right']:.0f}/{r['n_in']:.0f} "
                f"({r['right'] / r['n_in']:.0%}) | {r['answered']:.0f}/{r['n_out']:.0f} "
                f"({r['answered'] / r['n_out']:.0%}) | {r['latency'] * 1000:.0f} ms "
                f"| {r['load'] * 1000:.0f} ms |",
                flush=True,
            )


if __name__ == "__main__":
    main()
