"""Time to first audio and synthesis speed of speech output, for the longest step of each guide.

    .venv/bin/python -m benchmarks.bench_tts [--runs N]

"First audio" is the time from asking the warm TTS child process
(``voice.speech_out.pyttsx3_worker``) for
speech to holding the first PCM samples ready for the player: with sentence streaming (the first
chunk of ``Pyttsx3Synthesizer.synthesize``, what ``TtsSpeaker`` plays first) that is the first
sentence's synthesis, without it the whole text's in one request.
The real-time factor is synthesis time / audio duration for the whole step. Medians over runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from voice.guide.loader import load_guide
from voice.speech_out.contract import VoiceSettings
from voice.speech_out.pyttsx3_synthesis import Pyttsx3Synthesizer
from voice.speech_out.pyttsx3_worker import TtsWorker
from voice.speech_out.voices import pick_voice

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
GUIDES = ("amazon-chat.en.yaml", "amazon-chat.nl.yaml")


def _timed(worker: TtsWorker, text: str, voice: str | None) -> tuple[float, float]:
    """Seconds to synthesise ``text`` and seconds of audio it gave."""
    started = time.perf_counter()
    clip = worker.synthesize(text, voice, None)
    return time.perf_counter() - started, clip.seconds


def _first_chunk(synthesizer: Pyttsx3Synthesizer, text: str, voice: str | None) -> float:
    """Seconds until the streaming synthesiser hands out its first sentence's audio."""
    started = time.perf_counter()
    next(synthesizer.synthesize(text, VoiceSettings(voice)))
    return time.perf_counter() - started


def bench_guide(synthesizer: Pyttsx3Synthesizer, name: str, runs: int) -> str:
    guide = load_guide(SCRIPTS / name)
    step = max(guide.steps, key=lambda s: len(s.text))
    text = f"{step.title}. {step.text}"
    chosen = pick_voice(synthesizer.voices, guide.language, None)
    voice = chosen.id if chosen else None
    streaming = [_first_chunk(synthesizer, text, voice) for _ in range(runs)]
    whole = [_timed(synthesizer.worker, text, voice) for _ in range(runs)]
    whole_ms = statistics.median(t for t, _ in whole) * 1000
    audio = whole[0][1]
    rtf = statistics.median(t / a for t, a in whole)
    first_ms = statistics.median(streaming) * 1000
    cells = [
        name,
        voice,
        len(text),
        f"{audio:.1f}",
        f"{first_ms:.1f}",
        f"{whole_ms:.1f}",
        f"{rtf:.4f}",
    ]
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    started = time.perf_counter()
    synthesizer = Pyttsx3Synthesizer.start()
    print(f"TTS child process start (cold): {(time.perf_counter() - started) * 1000:.0f} ms\n")
    print(
        "| guide (longest step) | voice | chars | audio s | first audio, streaming ms "
        "| first audio, whole text ms | real-time factor |"
    )
    print("|---|---|---|---|---|---|---|")
    try:
        for name in GUIDES:
            print(bench_guide(synthesizer, name, args.runs))
    finally:
        synthesizer.close()


if __name__ == "__main__":
    main()
