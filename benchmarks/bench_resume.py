"""Cost of never losing the place: saving the position, and a whole turn with resume + transcript.

    python -m benchmarks.bench_resume [--saves 200] [--turns 2000] [--repeat 3] [--dir DIR]

``save``: median and 95th percentile of one atomic position save (temp file, fsync, rename,
directory fsync) in ``--dir`` (default: a temporary directory; pass a directory on the disk you
care about, since fsync cost is the disk's). ``turn``: median time of one turn through the
engine plus the resume and Markdown transcript sinks, utterances alternating next / back so
every turn moves the position and so writes it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from voice.dialog.engine import DialogEngine
from voice.guide.loader import load_guide
from voice.session.loop import TurnRecord, TurnSink
from voice.session.resume import PositionStore, ResumeSink, position_of
from voice.session.transcript import TranscriptSink

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "scripts" / "amazon-chat.en.yaml"


def time_saves(directory: Path, count: int) -> list[float]:
    """Milliseconds per atomic save of a position that changes every time."""
    guide = load_guide(BUNDLED)
    store = PositionStore(directory)
    engine = DialogEngine(guide)
    state = engine.respond(engine.start().state, "next").state
    times = []
    for i in range(count):
        state = engine.respond(state, "next" if i % 2 else "back").state
        position = position_of(guide, state)
        if position is None:
            continue
        started = time.perf_counter()
        store.save(guide, position)
        times.append((time.perf_counter() - started) * 1000)
    return times


def time_turns(directory: Path, count: int) -> list[float]:
    """Milliseconds per turn: engine, resume sink and transcript sink together."""
    guide = load_guide(BUNDLED)
    engine = DialogEngine(guide)
    directory.mkdir(parents=True, exist_ok=True)
    sinks: list[TurnSink] = [
        ResumeSink(PositionStore(directory), guide, sys.stderr),
        TranscriptSink(directory / "transcript.md", guide),
    ]
    state = engine.respond(engine.start().state, "go to step 2").state
    times = []
    for i in range(count):
        started = time.perf_counter()
        reply = engine.respond(state, "next" if i % 2 else "back")
        record = TurnRecord(
            turn=i,
            heard="next",
            intent=reply.intent.value,
            step=reply.step,
            faq=None,
            say=reply.say,
            ms=0.0,
        )
        for sink in sinks:
            sink.record(record, reply.state)
        state = reply.state
        times.append((time.perf_counter() - started) * 1000)
    for sink in sinks:
        sink.close()
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--turns", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="where to write (default: a temporary dir)")
    args = parser.parse_args(argv)
    saves: list[float] = []
    turns: list[float] = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(dir=args.dir) as temp:
            saves += time_saves(Path(temp) / "state", args.saves)
            turns += time_turns(Path(temp) / "turns", args.turns)
    print("| measure | median ms | p95 ms | n |")
    print("|---|---|---|---|")
    print(
        f"| position save (atomic, fsync) | {statistics.median(saves):.3f} | "
        f"{p95(saves):.3f} | {len(saves)} |"
    )
    print(
        f"| turn + resume + transcript | {statistics.median(turns):.3f} | "
        f"{p95(turns):.3f} | {len(turns)} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
