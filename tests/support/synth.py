"""Spoken test corpora made with the espeak-ng CLI, shared by tests and benchmarks/bench_stt.py.

Nothing is committed: WAVs are synthesised into a directory the caller gives (a pytest session
tmp dir, or a cache dir for the benchmark) and reused when already there.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

EN_VOICES = ("en-us", "en-us+m1", "en-gb-x-rp")
"""espeak-ng voices for the English command set (US, US variant, British RP)."""
RATES = (140, 185)
"""Speaking rates in words per minute: deliberate and brisk."""

EN_COMMANDS = (
    "next",
    "go back",
    "repeat",
    "go to step three",
    "stop",
    "previous step",
    "start over",
    "where am i",
    "tips",
    "yes",
    "step two",
    "say that again",
)
"""Commands as people say them; their intent is ``parse_command`` of the same text."""

EN_UNRELATED = (
    "the weather is nice today",
    "my brother bought a new car last week",
    "please pass the salt and pepper",
    "the train leaves at seven in the morning",
    "i like reading books about history",
    "she plays the piano every evening",
    "the cat is sleeping on the sofa",
    "we should paint the kitchen walls blue",
    "the museum opens on sunday afternoon",
    "our neighbours have a very loud dog",
    "turn left at the bakery on the corner",
    "he forgot his umbrella at the office",
    "the soup needs a little more salt",
    "children were playing in the park",
    "this coffee tastes a bit bitter",
    "the library closes early on friday",
    "a bird built a nest in our garden",
    "the bus was late again this morning",
    "my phone battery is almost empty",
    "they watched a movie about space",
)
"""Speech that is no command and no question about the guide: must come out as unknown."""


@dataclass(frozen=True)
class Utterance:
    """One synthesised WAV with what was said."""

    path: Path
    text: str
    voice: str
    rate: int


def have_espeak() -> bool:
    """Whether the espeak-ng CLI is on PATH (tests skip with a reason otherwise)."""
    return shutil.which("espeak-ng") is not None


def speak(text: str, voice: str, rate: int, into: Path) -> Path:
    """Synthesise ``text`` to a WAV in ``into`` (cached by content) with espeak-ng."""
    key = hashlib.sha1(f"{voice}|{rate}|{text}".encode()).hexdigest()[:16]
    path = into / f"{key}.wav"
    if not path.exists():
        into.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(partial), text],
            check=True,
            capture_output=True,
            timeout=60,
        )
        partial.replace(path)
    return path


def command_set(into: Path) -> list[Utterance]:
    """Every English command in every voice at every rate (72 utterances)."""
    return [
        Utterance(speak(text, voice, rate, into), text, voice, rate)
        for voice in EN_VOICES
        for rate in RATES
        for text in EN_COMMANDS
    ]


def unrelated_set(into: Path) -> list[Utterance]:
    """The 20 unrelated sentences, voices taken in turn."""
    return [
        Utterance(speak(text, EN_VOICES[i % 3], RATES[i % 2], into), text, EN_VOICES[i % 3], 160)
        for i, text in enumerate(EN_UNRELATED)
    ]
