"""End-to-end latency on the acoustic loop: last sample of the spoken command to first sample of
the spoken reply, endpointing included, through the real CLI in voice mode with pocketsphinx.

    .venv/bin/python -m benchmarks.bench_loop [--runs 12]

A private PulseAudio runs two null sinks; espeak-ng commands are played into "room" (the app's
microphone), the app speaks into "speaker". Two live monitors stamp sound as it arrives, so the
latency is the gap between the command's last loud 10 ms block on "room" and the reply's first
on "speaker" (the monitors' own delay cancels out). Also split: command end -> turn record on the
app's stdout (endpointing + recognition + engine), turn record -> first reply sample (speech
synthesis and playback start). Prints medians and the 90th percentile over ``--runs``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.support.pulse import PulseServer
from tests.support.sink_monitor import SinkMonitor
from tests.support.voice_loop import VoiceApp, command_wav, play_command
from voice.audio.microphone import MicConfig

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = (("where am i", "where"), ("one moment", "pause"))
"""Commands with short replies, alternated: the reply's length does not change its start."""


def measure(
    server: PulseServer,
    app: VoiceApp,
    room: SinkMonitor,
    speaker: SinkMonitor,
    wav: Path,
    intent: str,
) -> tuple[float, float, float] | None:
    """One command: (end-to-end, to turn, turn to sound) in seconds; ``None`` if misheard."""
    before = time.monotonic()
    play_command(server, wav)
    turn = app.next_turn(timeout=15)
    spoken = room.spans(before, gap=0.3)
    reply = speaker.wait_sound(turn.time - 0.5, timeout=10)
    speaker.wait_quiet(turn.time - 0.5, quiet=0.8, timeout=30)
    if turn.record["intent"] != intent or not spoken or reply is None:
        print(
            f"  misheard or silent: {turn.record['heard']!r} -> {turn.record['intent']}",
            file=sys.stderr,
        )
        return None
    end = spoken[-1].end
    return reply - end, turn.time - end, reply - turn.time


def run(runs: int, stt: tuple[str, ...]) -> list[tuple[float, float, float]]:
    results: list[tuple[float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp, PulseServer.start() as server:
        room, speaker = SinkMonitor(server, "room"), SinkMonitor(server, "speaker")
        app = VoiceApp(server, sink="speaker", source="room.monitor", home=Path(tmp), stt=stt)
        try:
            app.next_turn(timeout=60)
            speaker.wait_sound(0.0, timeout=30)
            wavs = [(command_wav(text, Path(tmp) / "wav"), intent) for text, intent in COMMANDS]
            measure(server, app, room, speaker, wavs[-1][0], "pause")  # cut the long welcome
            for i in range(runs):
                wav, intent = wavs[i % len(wavs)]
                result = measure(server, app, room, speaker, wav, intent)
                if result is not None:
                    results.append(result)
                    print(f"  run {i + 1}: {result[0] * 1000:.0f} ms", file=sys.stderr)
        finally:
            app.close()
            room.close()
            speaker.close()
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--stt", default="pocketsphinx", help="speech recogniser")
    parser.add_argument("--model", help="its model folder (Whisper: required)")
    parser.add_argument(
        "--vad", default=MicConfig().vad.value, help="the app's voice-activity detector"
    )
    args = parser.parse_args()
    stt = ("--stt", args.stt, "--vad", args.vad, *(("--model", args.model) if args.model else ()))
    results = run(args.runs, stt)
    if not results:
        print("no run was heard correctly", file=sys.stderr)
        return 1
    print(f"acoustic loop, {args.stt}, {args.vad}, {len(results)}/{args.runs} commands heard right")
    print("| measure | median ms | p90 ms |")
    print("| --- | ---: | ---: |")
    names = (
        "end-to-end: command end -> reply sound",
        "command end -> turn (endpoint+recognise)",
        "turn -> reply sound (synthesis+playback)",
    )
    for k, name in enumerate(names):
        values = [r[k] * 1000 for r in results]
        print(f"| {name} | {statistics.median(values):.0f} | {percentile(values, 0.9):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
