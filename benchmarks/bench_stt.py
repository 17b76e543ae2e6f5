"""Speech recognition benchmark: per engine and set, one subprocess each (so peak RSS is one
decoder's, as in the app).

    .venv/bin/python -m benchmarks.bench_stt [--repeat 3]

Prints a markdown table: model load time, real-time factor, compute latency (end of utterance
to recognised text, the whole utterance handed over at once) for commands and for other speech
(which also takes the free-form pass), peak RSS, and command accuracy /
false-accept rate on the espeak-ng set and the real-speech set (pocketsphinx), or on the Korean
espeak-ng commands (vosk). Medians over ``--repeat`` runs.
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
from pathlib import Path

from tests.support.synth import command_set, speak, unrelated_set
from voice.audio.pcm import read_wav
from voice.guide.loader import load_guide
from voice.guide.model import Guide, Step
from voice.language.commands import parse_command, vocabulary
from voice.language.intents import Intent
from voice.speech_in.contract import Recognizer
from voice.speech_in.model_discovery import find_vosk_model
from voice.speech_in.selection import EngineChoice, open_recognizer

ROOT = Path(__file__).resolve().parent.parent

CACHE = ROOT / ".cache" / "bench-audio"
REAL = ROOT / "tests" / "data" / "realspeech"


def score(rec: Recognizer, items: list[tuple[Path, str]], lang: str, extra: dict) -> dict:
    """Accuracy on commands, false accepts on the rest, and timings."""
    vocab = vocabulary(lang, extra)
    right = n_cmd = taken = n_other = 0
    latencies: dict[bool, list[float]] = {True: [], False: []}
    audio_s = 0.0
    for path, said in items:
        clip = read_wav(path)
        start = time.perf_counter()
        heard = rec.recognize(clip.pcm, clip.rate).text
        took = time.perf_counter() - start
        audio_s += clip.seconds
        want, got = parse_command(said, vocab), parse_command(heard, vocab)
        latencies[want.intent is not Intent.UNKNOWN].append(took)
        if want.intent is Intent.UNKNOWN:
            n_other += 1
            taken += got.intent is not Intent.UNKNOWN
        else:
            n_cmd += 1
            right += got == want
    return {
        "acc": right / max(n_cmd, 1),
        "fa": taken / max(n_other, 1),
        "n_cmd": n_cmd,
        "n_other": n_other,
        "latency": statistics.median(latencies[True]),
        "latency_other": statistics.median(latencies[False]),
        "rtf": sum(latencies[True] + latencies[False]) / audio_s,
    }


def run_set(engine: str, part: str) -> dict:
    """Measure one engine on one set in this process (a child), so peak RSS is one decoder's."""
    if engine == "pocketsphinx":
        guide = load_guide(ROOT / "scripts" / "amazon-chat.en.yaml")
        if part == "real":
            guide = Guide("r", "r", "en", "", tuple(Step(f"s{n}", "t") for n in range(1, 6)))
        choice = EngineChoice("pocketsphinx", "en")
    else:
        guide = load_guide(ROOT / "tests" / "data" / "korean-test.ko.yaml")
        choice = EngineChoice("vosk", "ko", find_vosk_model("ko", None, {}, []))
    start = time.perf_counter()
    rec = open_recognizer(choice, guide)
    load = time.perf_counter() - start
    result = score(rec, items_for(engine, part), choice.language, guide.commands)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"load": load, "rss": rss, **result}


def items_for(engine: str, part: str) -> list[tuple[Path, str]]:
    if engine == "vosk":
        said = ["다음", "다시", "뒤로", "오늘 날씨가 정말 좋네요", "저는 커피를 좋아합니다"]
        return [(speak(t, "ko", r, CACHE), t) for t in said for r in (130, 170)]
    if part == "real":
        return real_items()
    return [(u.path, u.text) for u in (*command_set(CACHE), *unrelated_set(CACHE))]


PARTS = {"pocketsphinx": ("synth", "real"), "vosk": ("synth",)}
"""Sets measured per engine: real speech is English only."""


def real_items() -> list[tuple[Path, str]]:
    with (REAL / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return [(REAL / r["file"], r["transcript"]) for r in csv.DictReader(handle, delimiter="\t")]


def measure(engine: str, part: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_stt", "--child", engine, part],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def med(runs: list[dict], key: str) -> float:
    """Median over runs of one measure."""
    return statistics.median(float(run[key]) for run in runs)


def row(engine: str, runs: list[dict], part: str) -> str:
    r0 = runs[0]
    return (
        f"| {engine} | {part} | {med(runs, 'load'):.2f} s | {med(runs, 'rtf'):.3f} | "
        f"{med(runs, 'latency') * 1000:.0f} ms | {med(runs, 'latency_other') * 1000:.0f} ms | "
        f"{med(runs, 'rss'):.0f} MB | {med(runs, 'acc'):.0%} of {r0['n_cmd']} | "
        f"{med(runs, 'fa'):.0%} of {r0['n_other']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "SET"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_set(*args.child)))
        return
    print(
        "| engine | set | model load | RTF | compute latency, commands (median) "
        "| compute latency, other speech (median) | peak RSS | command accuracy | false accepts |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for engine, parts in PARTS.items():
        for part in parts:
            print(row(engine, [measure(engine, part) for _ in range(args.repeat)], part))


if __name__ == "__main__":
    main()
