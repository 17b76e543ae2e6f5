"""Speech in: from one utterance of PCM audio to the text the dialog engine reads.

Every engine decodes an utterance twice, in the style of a command-and-control system with a
dictation fallback:

1. against the *command grammar* (the guide's command phrases, FAQ phrasings and step numbers,
   see ``voice.grammar``), with out-of-grammar rejection, and
2. *free-form* with the engine's full language model, for questions the grammar cannot hold.

``TwoPassRecognizer`` applies the rule that picks the reading (``ReadingRule``, thresholds measured
with ``benchmarks/bench_stt.py``); engine adapters (``voice.stt_vosk``, ``voice.stt_pocketsphinx``)
only implement ``Decoder`` and are imported lazily, so nothing here needs an engine installed.
Engine selection (``choose_engine``) takes availability as arguments so it is testable anywhere.
"""

from __future__ import annotations

import argparse
import importlib.util
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .audio import ENGINE_RATE, to_engine_rate
from .errors import SpeechError
from .guide import Guide
from .model_discovery import find_vosk_model
from .ports import Heard

STT_CHOICES = ("auto", "vosk", "pocketsphinx")
"""Values of ``--stt``: ``auto`` picks vosk with a matching model, else pocketsphinx for English."""
POCKETSPHINX_LANGUAGES = frozenset({"en"})
"""Languages the pocketsphinx wheel's embedded model covers."""


class EngineUnavailableError(SpeechError):
    """The chosen recognition engine is not installed or failed to start."""


@dataclass(frozen=True)
class Reading:
    """One decode of an utterance by one engine pass."""

    text: str
    """Recognised words, lower case, single spaces; ``''`` for nothing or a rejected utterance."""
    confidence: float | None = None
    """Engine confidence in [0, 1]; ``None`` where the engine gives none for this pass."""


class Decoder(Protocol):
    """What an engine adapter implements: two decodes of 16 kHz mono int16 PCM."""

    name: str
    """Engine name for ``Heard.source`` and the event log: ``vosk`` or ``pocketsphinx``."""

    def decode_command(self, pcm: bytes) -> Reading:
        """Decode against the command grammar; ``''`` when the utterance is out of grammar."""
        ...

    def decode_free(self, pcm: bytes) -> Reading:
        """Decode with the full language model (questions, anything)."""
        ...

    def close(self) -> None:
        """Free the engine; safe to call twice."""
        ...


class Recognizer(Protocol):
    """One utterance of audio in, one ``Heard`` out. Listeners (WAV, microphone) hold one."""

    name: str
    """Engine name, as in ``Heard.source``."""

    def recognize(self, pcm: bytes, rate: int) -> Heard:
        """Recognise one utterance of 16-bit little-endian mono PCM at ``rate`` Hz.

        Returns ``Heard`` with ``text=''`` when the audio holds no command and no usable
        free-form reading (silence, noise, unrelated speech the engines reject).
        ``Heard.end_time`` is ``None``: the caller knows when the utterance ended.
        """
        ...

    def close(self) -> None:
        """Free the engine; safe to call twice."""
        ...


@dataclass(frozen=True)
class ReadingRule:
    """Which reading wins; the numbers come from ``benchmarks/bench_stt.py``, not from taste."""

    min_command_confidence: float = 0.0
    """A grammar reading below this confidence is treated as out of grammar."""
    free_form: bool = True
    """Run the free-form pass when the grammar rejects (questions for the FAQ matcher)."""


def choose_reading(
    command: Reading, free: Reading | None, rule: ReadingRule, is_command: Callable[[str], bool]
) -> Reading:
    """The text the engine gets: a confident grammar reading, else a free-form non-command.

    A free-form reading that *parses as a command* is dropped: the grammar pass, which is far
    more accurate on commands, has just rejected the audio, so such a reading is the free-form
    model turning unrelated speech into a command word (measured as most false accepts).
    """
    if command.text and (command.confidence or 0.0) >= rule.min_command_confidence:
        return command
    if free is not None and free.text and not is_command(free.text):
        return free
    return Reading("", None)


class TwoPassRecognizer:
    """A ``Recognizer`` from a ``Decoder``: grammar pass, then free-form pass only if needed."""

    def __init__(
        self, decoder: Decoder, rule: ReadingRule, is_command: Callable[[str], bool]
    ) -> None:
        self.decoder = decoder
        self.rule = rule
        self.is_command = is_command
        self.name = decoder.name

    def recognize(self, pcm: bytes, rate: int) -> Heard:
        """See ``Recognizer.recognize``; the free-form pass runs only when the grammar rejects."""
        audio = to_engine_rate(pcm, rate)
        command = self.decoder.decode_command(audio)
        free = None
        if not _accepted(command, self.rule) and self.rule.free_form:
            free = self.decoder.decode_free(audio)
        chosen = choose_reading(command, free, self.rule, self.is_command)
        return Heard(chosen.text, source=self.name, confidence=chosen.confidence)

    def close(self) -> None:
        self.decoder.close()


def _accepted(command: Reading, rule: ReadingRule) -> bool:
    return bool(command.text) and (command.confidence or 0.0) >= rule.min_command_confidence


@dataclass(frozen=True)
class EngineChoice:
    """The engine to run, with the model it loads."""

    engine: str
    """``vosk`` or ``pocketsphinx``."""
    language: str
    """Primary language subtag of the guide (and so of the model)."""
    model: Path | None = None
    """vosk model directory; ``None`` for pocketsphinx's embedded model."""


@dataclass(frozen=True)
class NoEngine:
    """Why speech input cannot run; the session says ``reason`` and goes on in text mode."""

    reason: str
    """One line for the person, e.g. 'no speech model for nl'."""
    hint: str = ""
    """The command that fixes it, e.g. 'voice-guide models fetch nl'."""

    def __str__(self) -> str:
        return f"{self.reason} (try: {self.hint})" if self.hint else self.reason


def choose_engine(
    stt: str,
    language: str,
    vosk_model: Path | None,
    have_vosk: bool,
    have_pocketsphinx: bool,
) -> EngineChoice | NoEngine:
    """Apply ``--stt auto|vosk|pocketsphinx`` to what is available; pure, so tested anywhere.

    ``vosk_model`` is the discovered model for ``language`` (``find_vosk_model``), or ``None``.
    """
    if stt not in STT_CHOICES:
        raise SpeechError(f"--stt must be one of {', '.join(STT_CHOICES)}, not {stt!r}")
    fetch = f"voice-guide models fetch {language}"
    vosk = _vosk_choice(language, vosk_model, have_vosk, fetch)
    sphinx = _sphinx_choice(language, have_pocketsphinx)
    if stt == "vosk":
        return vosk
    if stt == "pocketsphinx":
        return sphinx
    if isinstance(vosk, EngineChoice):
        return vosk
    if isinstance(sphinx, EngineChoice):
        return sphinx
    return vosk if have_vosk or language not in POCKETSPHINX_LANGUAGES else sphinx


def _vosk_choice(
    language: str, model: Path | None, have_vosk: bool, fetch: str
) -> EngineChoice | NoEngine:
    if not have_vosk:
        return NoEngine("vosk is not installed", "pip install 'voice-guide[speech]'")
    if model is None:
        return NoEngine(f"no vosk speech model for language '{language}'", fetch)
    return EngineChoice("vosk", language, model)


def _sphinx_choice(language: str, have_pocketsphinx: bool) -> EngineChoice | NoEngine:
    if language not in POCKETSPHINX_LANGUAGES:
        return NoEngine(
            f"pocketsphinx has no model for language '{language}' (only English)",
            f"voice-guide models fetch {language}",
        )
    if not have_pocketsphinx:
        return NoEngine("pocketsphinx is not installed", "pip install 'voice-guide[speech]'")
    return EngineChoice("pocketsphinx", language)


@dataclass(frozen=True)
class SpeechOptions:
    """The speech-input part of the command line, in one object."""

    stt: str = "auto"
    """``--stt``: ``auto``, ``vosk`` or ``pocketsphinx``."""
    model: Path | None = None
    """``--model PATH``: a vosk model directory, first in the discovery order."""
    audio_in: tuple[Path, ...] = ()
    """``--audio-in FILE...``: WAV files, one utterance each, instead of a microphone."""

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> SpeechOptions:
        """Read the options ``add_arguments`` defined from parsed arguments."""
        files = getattr(args, "audio_in", None) or ()
        model = getattr(args, "model", None)
        return cls(
            stt=getattr(args, "stt", "auto") or "auto",
            model=Path(model) if model else None,
            audio_in=tuple(Path(f) for f in files),
        )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--stt``, ``--model`` and ``--audio-in`` to the CLI's parser."""
    parser.add_argument(
        "--stt", choices=STT_CHOICES, default="auto", help="speech recogniser (default: auto)"
    )
    parser.add_argument("--model", metavar="PATH", help="vosk model directory")
    parser.add_argument(
        "--audio-in",
        nargs="+",
        metavar="FILE",
        help="recognise these WAV files, one utterance each, instead of a mic",
    )


def engine_available(module: str) -> bool:
    """Whether an engine's Python package is installed, without importing it (imports are slow)."""
    return importlib.util.find_spec(module) is not None


def select_engine(
    options: SpeechOptions, language: str, env: Mapping[str, str]
) -> EngineChoice | NoEngine:
    """Discover the model and choose the engine for ``options``; raises ``ModelError`` for a bad
    ``--model`` / ``$VOICE_GUIDE_MODEL``."""
    have_vosk = engine_available("vosk")
    model = None
    if options.stt != "pocketsphinx" and have_vosk:
        from .models import model_roots

        model = find_vosk_model(language, options.model, env, model_roots())
    return choose_engine(options.stt, language, model, have_vosk, engine_available("pocketsphinx"))


def open_recognizer(
    choice: EngineChoice, guide: Guide, rule: ReadingRule | None = None
) -> Recognizer:
    """Load the chosen engine with the guide's command grammar; raises ``SpeechError`` /
    ``ModelError`` with one line when the engine cannot start.

    vosk gets every phrase (``command_grammar``); pocketsphinx, whose small acoustic model
    confuses short commands more as phrases are added, the compact ``spoken_grammar``, and
    for questions a language model of the guide's own sentences (``voice.guide_lm``)."""
    from .grammar import command_checker, command_grammar, spoken_grammar

    decoder: Decoder
    if choice.engine == "vosk":
        from .stt_vosk import VoskDecoder

        decoder = VoskDecoder(choice.model or Path(), command_grammar(guide))
    else:
        from .guide_lm import guide_sentences
        from .stt_pocketsphinx import PocketsphinxDecoder

        decoder = PocketsphinxDecoder(spoken_grammar(guide), guide_sentences(guide))
    rule = rule or default_rule(choice.engine)
    return TwoPassRecognizer(decoder, rule, command_checker(guide))


def default_rule(engine: str) -> ReadingRule:
    """The measured rule per engine (see ``benchmarks/bench_stt.py`` for the numbers)."""
    return DEFAULT_RULES.get(engine, ReadingRule())


DEFAULT_RULES: Mapping[str, ReadingRule] = {
    "vosk": ReadingRule(min_command_confidence=0.0),
    "pocketsphinx": ReadingRule(min_command_confidence=0.5),
}
"""Thresholds per engine. pocketsphinx's confidence is word coverage of the speech. With the
spoken grammar, espeak-ng commands it got right scored 0.94-1.0 and the unrelated sentences the
grammar forced into a phrase 0.10-0.48; the decoder's squeezed-path check (``voice.
stt_pocketsphinx``) rejects those above 0.31. On the real clips (noisy one-second Speech
Commands recordings) commands and non-command words overlap; with that check, commands right /
non-command words accepted were 56/91 / 8/30 at 0.4, 56 / 7 at 0.45, 53 / 5 at 0.5, 48 / 5 at
0.55, 43 / 5 at 0.6, 40 / 3 at 0.7 (before it: 48 / 8 at 0.55). The rule: the lowest cut-off
where the real false accepts have stopped falling (7 at 0.45, 5 at 0.5) that also keeps every
unrelated espeak-ng sentence out without the squeezed-path check (highest 0.48), so 0.5; with
the check the espeak-ng margin is 0.19. On 30 real words one clip is 3 points: these are
small, noisy sets. vosk rejects by whole-phrase match and
``[unk]``; no extra cut-off was measured to help yet."""


__all__: Sequence[str] = (
    "ENGINE_RATE",
    "Decoder",
    "EngineChoice",
    "NoEngine",
    "Reading",
    "ReadingRule",
    "Recognizer",
    "SpeechOptions",
    "TwoPassRecognizer",
    "add_arguments",
    "choose_engine",
    "choose_reading",
)
