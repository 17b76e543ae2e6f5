"""Speech recognition benchmark: per engine, one subprocess each (so peak RSS is the engine's).

    .venv/bin/python benchmarks/bench_stt.py [--repeat 3]

Prints a markdown table: model load time, real-time factor, compute latency (end of utterance
to recognised text, the whole utterance handed over at once), peak RSS, and command accuracy /
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from synth import command_set, speak, unrelated_set  # noqa: E402

from voice.audio import read_wav  # noqa: E402
from voice.guide import Guide, Step  # noqa: E402
from voice.intents import Intent  # noqa: E402
from voice.language import parse_command, vocabulary  # noqa: E402
from voice.script_file import load_script  # noqa: E402
from voice.speech_in import EngineChoice, Recognizer, find_vosk_model, open_recognizer  # noqa: E402

CACHE = ROOT / ".cache" / "bench-audio"
REAL = ROOT / "tests" / "data" / "realspeech"


def score(rec: Recognizer, items: list[tuple[Path, str]], lang: str, extra: dict) -> dict:
    """Accuracy on commands, false accepts on the rest, and timings."""
    vocab = vocabulary(lang, extra)
    right = n_cmd = taken = n_other = 0
    latencies, audio_s = [], 0.0
    for path, said in items:
        clip = read_wav(path)
        start = time.perf_counter()
        heard = rec.recognize(clip.pcm, clip.rate).text
        latencies.append(time.perf_counter() - start)
        audio_s += clip.seconds
        want, got = parse_command(said, vocab), parse_command(heard, vocab)
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
        "latency": statistics.median(latencies),
        "rtf": sum(latencies) / audio_s,
    }


def run_engine(engine: str) -> dict:
    """Measure one engine in this process (called in a child process)."""
    if engine == "pocketsphinx":
        guide = load_script(ROOT / "scripts" / "amazon-chat.en.yaml")
        choice = EngineChoice("pocketsphinx", "en")
    else:
        guide = load_script(ROOT / "tests" / "data" / "korean-test.ko.yaml")
        choice = EngineChoice("vosk", "ko", find_vosk_model("ko", None, {}, []))
    start = time.perf_counter()
    rec = open_recognizer(choice, guide)
    load = time.perf_counter() - start
    if engine == "pocketsphinx":
        synth = [(u.path, u.text) for u in (*command_set(CACHE), *unrelated_set(CACHE))]
        real = real_items()
        steps = tuple(Step(f"s{n}", "t") for n in range(1, 6))
        real_rec = open_recognizer(choice, Guide("r", "r", "en", "", steps))
        results = {"synth": score(rec, synth, "en", {}), "real": score(real_rec, real, "en", {})}
    else:
        said = ["다음", "다시", "뒤로", "오늘 날씨가 정말 좋네요", "저는 커피를 좋아합니다"]
        items = [(speak(t, "ko", r, CACHE), t) for t in said for r in (130, 170)]
        results = {"synth": score(rec, items, "ko", guide.commands)}
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"load": load, "rss": rss, **results}


def real_items() -> list[tuple[Path, str]]:
    with (REAL / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return [(REAL / r["file"], r["transcript"]) for r in csv.DictReader(handle, delimiter="\t")]


def measure(engine: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", engine], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def med(runs: list[dict], *keys: str) -> float:
    """Median over runs of the value at ``keys``."""
    values: list[float] = []
    for run in runs:
        value: Any = run
        for key in keys:
            value = value[key]
        values.append(float(value))
    return statistics.median(values)


def row(engine: str, runs: list[dict], part: str) -> str:
    r0 = runs[0][part]
    return (
        f"| {engine} | {part} | {med(runs, 'load'):.2f} s | {med(runs, part, 'rtf'):.3f} | "
        f"{med(runs, part, 'latency') * 1000:.0f} ms | {med(runs, 'rss'):.0f} MB | "
        f"{med(runs, part, 'acc'):.0%} of {r0['n_cmd']} | {med(runs, part, 'fa'):.0%} of "
        f"{r0['n_other']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_engine(args.child)))
        return
    print(
        "| engine | set | model load | RTF | compute latency (median) | peak RSS "
        "| command accuracy | false accepts |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for engine in ("pocketsphinx", "vosk"):
        runs = [measure(engine) for _ in range(args.repeat)]
        for part in ("synth", "real"):
            if part in runs[0]:
                print(row(engine, runs, part))


if __name__ == "__main__":
    main()
