"""Endpointing per voice-activity detector: utterances found, speech cut off, turn held open.

Run from the repository root: ``python -m benchmarks.bench_endpoint [--repeats 3]``.

Streams as a microphone delivers them (48 kHz, 20 ms chunks) go through the real ``Endpointer``
with each detector. Speech: every real human clip in ``tests/data/realspeech/`` and espeak-ng
commands (two voices), each with 1 s of lead-in and 1.5 s of trailing room sound, levelled to
-26 dBFS of active speech. Rooms: quiet (a -70 dBFS microphone floor); a soft speaker (speech 25
dB down, -51 dBFS, over that floor); generated brown and pink noise and a fan (hum harmonics plus
low-passed noise, modulated at the blade rate) at 10 and 0 dB SNR; and a fan switched on two
seconds after listening started, louder than the calibration (the case that held the turn open).
Noise alone (60 s of each) counts false utterances. The true span of speech in a clip is its 10
ms frames within 30 dB of its loudest and 10 dB over its quietest quarter (the clips carry real room
noise of their own). Figures are medians over ``--repeats`` runs with fresh noise.

Per detector and room: share of spoken clips found as exactly one utterance of their own; mean
ms of speech cut off the audio handed to the recogniser at the start and end; seconds from the
end of speech until the utterance is returned (median, p90: the pause threshold is the floor);
false utterances; and CPU per 20 ms chunk (process time, all threads).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tests.support.rooms import Floats, fan_noise, shaped_noise, speech_span, to_pcm
from tests.support.synth import EN_COMMANDS, have_espeak, speak
from voice.audio.microphone import Chunk, Endpointer, MicConfig, Utterance
from voice.audio.pcm import pcm_to_float, read_wav, resample
from voice.audio.vad import Detector

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "realspeech"
CACHE = ROOT / ".cache" / "bench-audio"
RATE = 48_000
CHUNK = RATE // 50
SPEECH_RMS = 0.05
"""-26 dBFS of active speech: a person at arm's length from a laptop microphone."""
FLOOR_RMS = 10 ** (-70 / 20)
LEAD, TRAIL = 1.0, 1.5


Clip = tuple[Floats, int, int]
"""Samples at ``RATE`` and the first and last sample of speech in them."""


@dataclass(frozen=True)
class Span:
    """Where a clip's speech lies in the stream, in seconds."""

    start: float
    end: float


@dataclass(frozen=True)
class Room:
    """A listening condition: what is added to the speech, and how loud the speech is."""

    name: str
    noise: Callable[[int, np.random.Generator], Floats]
    """Samples at ``RATE`` for a stream of this length."""
    gain_db: float = 0.0


def levelled(path: Path) -> tuple[Floats, int, int]:
    """A clip at ``RATE``, scaled to ``SPEECH_RMS`` over its speech, with its speech span."""
    clip = read_wav(path)
    samples = pcm_to_float(resample(clip.pcm, clip.rate, RATE))
    first, last = speech_span(samples, RATE)
    return samples * SPEECH_RMS / np.sqrt(np.mean(samples[first:last] ** 2)), first, last


def clip_paths() -> list[Path]:
    """Every real clip, then espeak-ng commands in a US and a British voice."""
    with (REAL / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        real = [REAL / row["file"] for row in csv.DictReader(handle, delimiter="\t")]
    if not have_espeak():
        return real
    voices = ("en-us", "en-gb-x-rp")
    return real + [speak(text, v, 160, CACHE) for v in voices for text in EN_COMMANDS]


def speech_stream(clips: list[Clip]) -> tuple[Floats, list[Span]]:
    """The clips one after another with room sound around each, and their true spans."""
    parts, spans, at = [], [], 0
    for samples, first, last in clips:
        lead = int(LEAD * RATE)
        parts += [np.zeros(lead), samples, np.zeros(int(TRAIL * RATE))]
        spans.append(Span((at + lead + first) / RATE, (at + lead + last) / RATE))
        at += lead + samples.size + int(TRAIL * RATE)
    return np.concatenate(parts), spans


def brown(count: int, rng: np.random.Generator) -> Floats:
    return shaped_noise(count, RATE, rng, 2.0)


def pink(count: int, rng: np.random.Generator) -> Floats:
    return shaped_noise(count, RATE, rng, 1.0)


def fan(count: int, rng: np.random.Generator) -> Floats:
    return fan_noise(count, RATE, rng)


def at_snr(
    make: Callable[[int, np.random.Generator], Floats], snr: float
) -> Callable[[int, np.random.Generator], Floats]:
    return lambda count, rng: make(count, rng) * SPEECH_RMS / 10 ** (snr / 20)


def switched_on(count: int, rng: np.random.Generator) -> Floats:
    """The fan at 10 dB SNR from 2 s on: after the 0.4 s the microphone calibrates on."""
    noise = at_snr(fan, 10)(count, rng)
    noise[: 2 * RATE] = 0
    return noise


ROOMS = (
    Room("quiet", lambda n, rng: np.zeros(n)),
    Room("soft speaker (-25 dB)", lambda n, rng: np.zeros(n), -25.0),
    Room("brown noise 10 dB SNR", at_snr(brown, 10)),
    Room("brown noise 0 dB SNR", at_snr(brown, 0)),
    Room("pink noise 10 dB SNR", at_snr(pink, 10)),
    Room("pink noise 0 dB SNR", at_snr(pink, 0)),
    Room("fan 10 dB SNR", at_snr(fan, 10)),
    Room("fan 0 dB SNR", at_snr(fan, 0)),
    Room("fan switched on, 10 dB SNR", switched_on),
)


def endpoint(detector: Detector, pcm: bytes) -> tuple[list[tuple[Utterance, float]], float]:
    """Utterances with the time each was returned, and CPU seconds per chunk."""
    endpointer = Endpointer(MicConfig(vad=detector), RATE)
    start = int(MicConfig().calibrate_seconds * RATE) * 2
    endpointer.calibrate(pcm[:start])
    found, step, cpu = [], CHUNK * 2, time.process_time()
    for i in range(start, len(pcm) - step + 1, step):
        now = (i + step) / 2 / RATE
        utterance = endpointer.feed(Chunk(pcm[i : i + step], now))
        if utterance is not None:
            found.append((utterance, now))
    return found, (time.process_time() - cpu) / max(1, (len(pcm) - start) // step)


def score(found: list[tuple[Utterance, float]], spans: list[Span]) -> dict[str, float]:
    """The figures of one run (see the module doc)."""
    own: dict[int, tuple[Utterance, float]] = {}
    false = 0
    for utterance, returned in found:
        hit = [
            i
            for i, s in enumerate(spans)
            if utterance.start - 0.02 < s.end and utterance.end > s.start
        ]
        false += not hit
        if len(hit) == 1 and hit[0] not in own:
            own[hit[0]] = (utterance, returned)
    held, cut_start, cut_end = [], [], []
    for i, (utterance, returned) in own.items():
        pcm_end = utterance.end + 0.1
        pcm_start = pcm_end - len(utterance.pcm) / 2 / RATE
        cut_start.append(max(0.0, pcm_start - spans[i].start) * 1000)
        cut_end.append(max(0.0, spans[i].end - pcm_end) * 1000)
        held.append(returned - spans[i].end)
    return {
        "found": len(own) / len(spans),
        "cut_start": statistics.fmean(cut_start or [0.0]),
        "cut_end": statistics.fmean(cut_end or [0.0]),
        "held_median": statistics.median(held or [float("nan")]),
        "held_p90": float(np.percentile(held, 90)) if held else float("nan"),
        "false": false,
    }


def speech_runs(
    room: Room, clips: list[Clip], seed: int, detectors: list[Detector]
) -> Iterator[tuple[Detector, dict[str, float]]]:
    samples, spans = speech_stream(clips)
    samples = samples * 10 ** (room.gain_db / 20)
    rng = np.random.default_rng(seed)
    pcm = to_pcm(samples + room.noise(samples.size, rng) + rng.normal(0, FLOOR_RMS, samples.size))
    for detector in detectors:
        found, cpu = endpoint(detector, pcm)
        yield detector, {**score(found, spans), "cpu_us": cpu * 1e6}


def noise_only(
    room: Room, seed: int, detectors: list[Detector]
) -> Iterator[tuple[Detector, float]]:
    """False utterances per minute of the room's noise with nobody speaking."""
    rng = np.random.default_rng(seed)
    count = 60 * RATE
    pcm = to_pcm(room.noise(count, rng) + rng.normal(0, FLOOR_RMS, count))
    for detector in detectors:
        yield detector, float(len(endpoint(detector, pcm)[0]))


def measure(
    room: Room, clips: list[Clip], args: argparse.Namespace
) -> dict[Detector, dict[str, float]]:
    """Median over ``args.repeats`` runs with fresh noise of every figure, per detector."""
    runs: dict[Detector, list[dict[str, float]]] = {}
    detectors = [Detector(d) for d in args.detectors]
    for seed in range(args.first_seed, args.first_seed + args.repeats):
        alone = dict(noise_only(room, seed, detectors))
        for detector, figures in speech_runs(room, clips, seed, detectors):
            runs.setdefault(detector, []).append({**figures, "noise_false": alone[detector]})
    return {d: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for d, rs in runs.items()}


HEADER = (
    "| room | detector | found | cut start / end, ms | held open, median / p90 s "
    "| false utterances (speech / noise alone per min) | CPU per 20 ms chunk |\n"
    "|---|---|---|---|---|---|---|"
)


def row(room: str, detector: Detector, f: dict[str, float]) -> str:
    return (
        f"| {room} | {detector.value} | {f['found']:.0%} "
        f"| {f['cut_start']:.0f} / {f['cut_end']:.0f} "
        f"| {f['held_median']:.2f} / {f['held_p90']:.2f} "
        f"| {f['false']:.0f} / {f['noise_false']:.0f} | {f['cpu_us']:.0f} µs |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs with fresh noise (default 3)")
    parser.add_argument("--first-seed", type=int, default=0, help="noise seed of the first run")
    parser.add_argument("--rooms", nargs="*", help="only rooms whose name starts so")
    parser.add_argument("--detectors", nargs="*", default=[d.value for d in Detector])
    args = parser.parse_args()
    clips = [levelled(path) for path in clip_paths()]
    print(f"{len(clips)} spoken clips per room, medians of {args.repeats} runs\n{HEADER}")
    for room in ROOMS:
        if args.rooms and not any(room.name.startswith(r) for r in args.rooms):
            continue
        for detector, figures in measure(room, clips, args).items():
            print(row(room.name, detector, figures), flush=True)


if __name__ == "__main__":
    main()
