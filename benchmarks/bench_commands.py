"""Command understanding on the evaluation sets: accuracy per language, development and held-out.

Run: ``python -m benchmarks.bench_commands [-v]``. Reports, per language and part, the share of
commands parsed to the right intent and slot, the non-commands kept as non-commands, and the
number of commands the dialog engine answered from the FAQ (must be 0). ``-v`` lists the misses.
The held-out sets are never tuned on: only their scores are looked at.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tests.support.command_sets import LANGS, PARTS, read_set, score, set_path
from voice.dialog.engine import DialogEngine
from voice.guide.loader import load_guide

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    print(f"{'set':<14} {'commands':>14} {'non-commands':>14} {'FAQ answers':>12}")
    for lang in LANGS:
        engine = DialogEngine(load_guide(SCRIPTS / f"amazon-chat.{lang}.yaml"))
        for part in PARTS:
            result = score(engine, read_set(set_path(lang, part)))
            commands = f"{result.commands_right}/{result.commands} {result.command_accuracy:.1%}"
            others = f"{result.questions_right}/{result.questions}"
            print(f"{lang} {part:<11} {commands:>14} {others:>14} {result.answered_as_faq:>12}")
            for expected, got, utterance in result.misses if args.verbose else ():
                print(f"    {utterance!r}: expected {expected}, got {got}")


if __name__ == "__main__":
    main()
