"""Spoken questions end to end, per engine, with the same questions typed beside them.

    .venv/bin/python -m benchmarks.bench_spoken_questions [--sets dev held-out] [--only ROW ...]
        [--voice VOICE] [--misses] [--whisper-model PATH]

espeak-ng speaks the paraphrased questions of tests/data/questions.en.tsv (dev) and
questions.heldout.en.tsv (held-out, never tuned on), their out-of-scope questions and, for dev,
20 unrelated sentences, each in four English variants (``SPEAKERS``: US and British RP, male and
female) at 140 or 185 words a minute (see tests/support/spoken_questions.py for what counts as
right). Each utterance goes through the app's recogniser and the bundled guide's question
matcher. Rows:

- ``typed``: the question's text as typed (the dialog's typed path): the matcher alone;
- ``transcript``: the same text taken as a recogniser's reading (``spoken=True``, which needs more
  confidence): what the spoken path scores when hearing is perfect, so ``transcript`` minus an
  engine's row is the loss due to hearing, and 100% minus ``transcript`` the matcher's;
- ``pocketsphinx``: grammar pass, then the free-form pass with the guide language model;
- ``whisper``: the ``tiny.en`` fixture model installed into a models folder as ``models fetch``
  leaves it, found by discovery and opened by ``selection.open_recognizer`` (the app's path);
- ``whisper-...``: one decoding setting changed (``WHISPER_VARIANTS``), against ``whisper``.

Per row: in-scope utterances answered right (an expected answer, given or asked back), answered
wrong (another entry or step), asked back (right or wrong), out-of-scope speech answered at all,
and the median recognition time per utterance. Decoding is deterministic, so one run suffices.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.spoken_questions import (
    SPEAKERS,
    Outcome,
    SpokenQuestion,
    Tally,
    answer_of,
    judge,
    tally,
    voiced_set,
)
from tests.support.whisper_fixture import install_fixture
from voice.audio.pcm import read_wav
from voice.guide.loader import load_guide
from voice.guide.model import Guide
from voice.language.commands import vocabulary
from voice.questions.matcher import build_matcher
from voice.speech_in.contract import Recognizer
from voice.speech_in.grammar import command_checker
from voice.speech_in.selection import EngineChoice, open_recognizer
from voice.speech_in.whisper_engine import (
    QuestionPass,
    WhisperOptions,
    WhisperRecognizer,
    command_phrases,
    guide_prompt,
    question_prompt,
)
from voice.speech_in.whisper_models import find_whisper_model

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "bench-audio"
SETS = {"dev": ("questions.en.tsv",), "held-out": ("questions.heldout.en.tsv",)}
TEXT_ROWS = {"typed": False, "transcript": True}
"""Rows without a recogniser: the value is whether the text is matched as spoken."""


def no_prompt(guide: Guide) -> str:
    return ""


def with_also(guide: Guide) -> str:
    """The question prompt with each FAQ entry's other phrasings after its question."""
    faq = [" ".join([e.question, *(a.rstrip("?.") + "?" for a in e.also)]) for e in guide.faq]
    steps = [f"{s.title}." for s in guide.steps]
    return " ".join([f"{guide.title}.", *faq, *steps])


WHISPER_VARIANTS: dict[str, tuple[WhisperOptions, Callable[[Guide], str]]] = {
    "whisper-onepass": (WhisperOptions(question_pass=False), question_prompt),
    "whisper-bare2nd": (WhisperOptions(), no_prompt),
    "whisper-also": (WhisperOptions(), with_also),
}
"""Whisper with one decoding setting changed, each measured against the ``whisper`` row: the
options and the question pass's prompt. ``onepass``: one decode with the command prompt (as
before the question pass); ``bare2nd``: the question pass without a prompt; ``also``: the
question prompt with the FAQ's other phrasings too. Dev set, right / out-of-scope answered:
whisper 172/204 / 15/168, onepass 149 / 16, bare2nd 144 / 17, also 176 / 20 (221 prompt tokens,
at Whisper's limit, pull unrelated speech into the guide's words: "he forgot his umbrella at the
office" heard as "keep a copy of the representative office"), so ``also`` is not the default."""
ROWS = (*TEXT_ROWS, "pocketsphinx", "whisper", *WHISPER_VARIANTS)


@contextmanager
def opened(row: str, guide: Guide, model: Path | None) -> Iterator[Recognizer]:
    """The recogniser a row measures, closed afterwards."""
    rec = open_row(row, guide, model)
    try:
        yield rec
    finally:
        rec.close()


def open_row(row: str, guide: Guide, model: Path | None) -> Recognizer:
    if row == "pocketsphinx":
        return open_recognizer(EngineChoice("pocketsphinx", "en"), guide)
    path = model or find_whisper_model("en", None, {}, [install_fixture(Path(tempfile.mkdtemp()))])
    if path is None:
        raise SystemExit("the tiny.en fixture model was not found after installing it")
    if row == "whisper":
        return open_recognizer(EngineChoice("whisper", "en", path), guide)
    options, prompt_of = WHISPER_VARIANTS[row]
    questions = QuestionPass(prompt_of(guide), command_checker(guide))
    phrases = command_phrases(guide)
    return WhisperRecognizer(path, "en", guide_prompt(guide), options, phrases, questions)


def hear(rec: Recognizer, items: list[SpokenQuestion], answer: Answerer) -> list[Outcome]:
    """Recognise and answer every utterance, timing the recognition only."""
    outcomes = []
    for item in items:
        clip = read_wav(item.path)
        start = time.perf_counter()
        heard = rec.recognize(clip.pcm, clip.rate).text
        outcomes.append(judge(item, heard, time.perf_counter() - start, answer))
    return outcomes


Answerer = Callable[[str], tuple[str | None, bool]]


def measure(
    row: str, guide: Guide, items: list[SpokenQuestion], model: Path | None
) -> list[Outcome]:
    """Every utterance of ``items`` through one row."""
    matcher, vocab = build_matcher(guide), vocabulary(guide.lang, guide.commands)
    spoken = TEXT_ROWS.get(row, True)

    def answer(text: str) -> tuple[str | None, bool]:
        return answer_of(text, vocab, matcher, spoken)

    if row in TEXT_ROWS:
        return [judge(item, item.text, 0.0, answer) for item in items]
    with opened(row, guide, model) as rec:
        return hear(rec, items, answer)


def share(count: int, total: int) -> str:
    return f"{count}/{total} ({count / max(total, 1):.0%})"


def table_row(row: str, name: str, t: Tally, outcomes: list[Outcome]) -> str:
    took = statistics.median(o.seconds for o in outcomes) * 1000
    return (
        f"| {row} | {name} | {share(t.right, t.in_scope)} | {share(t.wrong, t.in_scope)} "
        f"| {share(t.asked_back, t.in_scope)} | {share(t.out_answered, t.out_of_scope)} "
        f"| {took:.0f} ms |"
    )


def misses(outcomes: list[Outcome]) -> str:
    """Each utterance not handled right: said -> heard => answer."""
    bad = [
        o for o in outcomes if (o.answered and not o.right) or (o.question.expected and not o.right)
    ]
    return "\n".join(f"  {o.question.text!r} -> {o.heard!r} => {o.answer}" for o in bad)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    parser.add_argument("--only", nargs="+", choices=ROWS, help="measure these rows only")
    parser.add_argument("--voice", choices=SPEAKERS, help="one speaker only")
    parser.add_argument("--misses", action="store_true", help="list what each row got wrong")
    parser.add_argument(
        "--whisper-model", type=Path, help="Whisper model folder (default: fixture)"
    )
    args = parser.parse_args()
    guide = load_guide(ROOT / "scripts" / "amazon-chat.en.yaml")
    print(
        "| engine | set | answered right (in scope) | answered wrong | asked back "
        "| out-of-scope speech answered | recognition time (median) |"
    )
    print("|---|---|---|---|---|---|---|")
    for name in args.sets:
        items = voiced_set(CACHE, SETS[name], unrelated=name == "dev", voice=args.voice)
        for row in args.only or ROWS:
            outcomes = measure(row, guide, items, args.whisper_model)
            print(table_row(row, name, tally(outcomes), outcomes), flush=True)
            if args.misses:
                print(f"{row} {name}:\n{misses(outcomes)}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
