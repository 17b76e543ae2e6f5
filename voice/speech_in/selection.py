"""Speech in: from one utterance of PCM audio to the text the dialog engine reads.

Every engine decodes an utterance twice, in the style of a command-and-control system with a
dictation fallback:

1. against the *command grammar* (the guide's command phrases, FAQ phrasings and step numbers,
   see ``voice.speech_in.grammar``), with out-of-grammar rejection, and
2. *free-form* with the engine's full language model, for questions the grammar cannot hold.

``TwoPassRecognizer`` applies the rule that picks the reading (``ReadingRule``, thresholds measured
with ``benchmarks/bench_stt.py``); engine adapters (``voice.speech_in.vosk_engine``,
``voice.speech_in.pocketsphinx_engine``)
only implement ``Decoder`` and are imported lazily, so nothing here needs an engine installed.
Engine selection (``choose_engine``) takes availability as arguments so it is testable anywhere.
"""

from __future__ import annotations

import argparse
import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from voice.errors import SpeechError
from voice.guide.model import Guide
from voice.speech_in.catalogue import model_roots
from voice.speech_in.contract import Decoder, EngineUnavailableError, Recognizer
from voice.speech_in.grammar import spoken_grammar
from voice.speech_in.model_discovery import ModelNotFoundError, find_vosk_model
from voice.speech_in.two_pass import ReadingRule, TwoPassRecognizer, default_rule
from voice.speech_in.whisper_engine import WhisperRecognizer, command_phrases, guide_prompt
from voice.speech_in.whisper_models import default_whisper_name, find_whisper_model

STT_CHOICES = ("auto", "whisper", "vosk", "pocketsphinx")
"""Values of ``--stt``: ``auto`` picks Whisper with a model for the language, else vosk with a
matching model, else pocketsphinx for English."""
POCKETSPHINX_LANGUAGES = frozenset({"en"})
"""Languages the pocketsphinx wheel's embedded model covers."""


@dataclass(frozen=True)
class EngineChoice:
    """The engine to run, with the model it loads."""

    engine: str
    """``whisper``, ``vosk`` or ``pocketsphinx``."""
    language: str
    """Primary language subtag of the guide (and so of the model)."""
    model: Path | None = None
    """Whisper or vosk model directory; ``None`` for pocketsphinx's embedded model."""
    why: str = ""
    """Why this is not the best engine (said at start), e.g. 'no Whisper model for en'."""


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
    parser.add_argument("--model", metavar="PATH", help="Whisper or vosk model directory")
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
    if options.stt == "whisper":
        whisper = select_whisper(options, language, env)
        if isinstance(whisper, NoEngine):
            raise EngineUnavailableError(str(whisper))
        return whisper
    if options.stt == "auto":
        whisper = select_whisper(options, language, env)
        if isinstance(whisper, EngineChoice):
            return whisper
        chosen = _select_grammar_engine(options, language, env)
        return replace(chosen, why=str(whisper)) if isinstance(chosen, EngineChoice) else chosen
    return _select_grammar_engine(options, language, env)


def _select_grammar_engine(
    options: SpeechOptions, language: str, env: Mapping[str, str]
) -> EngineChoice | NoEngine:
    have_vosk = engine_available("vosk")
    model = None
    if options.stt != "pocketsphinx" and have_vosk:
        from voice.speech_in.catalogue import model_roots

        model = find_vosk_model(language, options.model, env, model_roots())
    return choose_engine(options.stt, language, model, have_vosk, engine_available("pocketsphinx"))


def open_recognizer(
    choice: EngineChoice, guide: Guide, rule: ReadingRule | None = None
) -> Recognizer:
    """Load the chosen engine with the guide's command grammar; raises ``SpeechError`` /
    ``ModelError`` with one line when the engine cannot start.

    vosk gets every phrase (``command_grammar``); pocketsphinx, whose small acoustic model
    confuses short commands more as phrases are added, the compact ``spoken_grammar``, and
    for questions a language model of the guide's own sentences (``voice.speech_in.guide_lm``)."""
    from voice.speech_in.grammar import command_checker, command_grammar

    if choice.engine == "whisper":
        return open_whisper(choice, guide)
    decoder: Decoder
    if choice.engine == "vosk":
        from voice.speech_in.vosk_engine import VoskDecoder

        decoder = VoskDecoder(choice.model or Path(), command_grammar(guide))
    else:
        from voice.speech_in.guide_lm import guide_sentences
        from voice.speech_in.pocketsphinx_engine import PocketsphinxDecoder

        decoder = PocketsphinxDecoder(spoken_grammar(guide), guide_sentences(guide))
    rule = rule or default_rule(choice.engine)
    return TwoPassRecognizer(decoder, rule, command_checker(guide))


def whisper_choice(
    language: str, model: Path | None, have_whisper: bool
) -> EngineChoice | NoEngine:
    """Whisper when its package and a model that hears ``language`` are there; pure."""
    if not have_whisper:
        return NoEngine("faster-whisper is not installed", "pip install 'voice-guide[whisper]'")
    if model is None:
        name = default_whisper_name(language)
        return NoEngine(
            f"no Whisper model for language '{language}'", f"voice-guide models fetch {name}"
        )
    return EngineChoice("whisper", language, model)


def select_whisper(
    options: SpeechOptions, language: str, env: Mapping[str, str]
) -> EngineChoice | NoEngine:
    """Find a Whisper model for ``language`` (``--model`` first) and choose Whisper if it can run;
    ``NoEngine`` says why not (the caller falls back, or raises for ``--stt whisper``)."""
    model = find_whisper_model(language, options.model, env, model_roots())
    if model is None and options.stt == "whisper" and options.model is not None:
        raise ModelNotFoundError(f"--model {options.model}: not a Whisper model directory")
    return whisper_choice(language, model, engine_available("faster_whisper"))


def open_whisper(choice: EngineChoice, guide: Guide) -> Recognizer:
    """Load Whisper with the guide's command words as its prompt."""
    prompt, phrases = guide_prompt(guide), command_phrases(guide)
    return WhisperRecognizer(choice.model or Path(), choice.language, prompt, phrases=phrases)


def describe(choice: EngineChoice) -> str:
    """The one line said at start: which engine listens, and why when it is not the best one."""
    model = f" ({choice.model.name})" if choice.model is not None else ""
    why = f"; {choice.why}" if choice.why else ""
    return f"listening with {choice.engine}{model}{why}"
