"""Speech in: which engine listens, and opening it for a guide.

Whisper (``voice.speech_in.whisper_engine``) decodes an utterance once, free-form, with the
guide's command words as its prompt; it is the most accurate on real voices, so ``--stt auto``
takes it whenever a Whisper model for the guide's language is installed. The grammar engines
(vosk, pocketsphinx) decode an utterance twice, in the style of a command-and-control system
with a dictation fallback:

1. against the *command grammar* (the guide's command phrases, FAQ phrasings and step numbers,
   see ``voice.speech_in.grammar``), with out-of-grammar rejection, and
2. *free-form* with the engine's full language model, for questions the grammar cannot hold.

``TwoPassRecognizer`` applies the rule that picks the reading (``ReadingRule``, thresholds measured
with ``benchmarks/bench_stt.py``); engine adapters (``voice.speech_in.vosk_engine``,
``voice.speech_in.pocketsphinx_engine``)
only implement ``Decoder`` and are imported lazily, so nothing here needs an engine installed.
Engine selection (``choose_engine``) takes availability as arguments so it is testable anywhere;
it raises ``NoEngineError`` (an ``UnavailableError``: text mode) rather than returning a union.

With a Whisper model, Whisper alone hears commands: no grammar pass runs before or beside it.
Measured on the real English clips of ``tests/data/realspeech`` (``bench_stt``, tiny.en;
commands right / non-command words taken as commands, ``real-dev`` 154 / 67 and
``real-held-out`` 40 / 25 clips): Whisper alone 135 / 2 and 35 / 0; pocketsphinx first at its
0.5 cut-off, Whisper when it rejects, 123 / 25 and 34 / 4 (the grammar accepts wrong commands
confidently: cut-offs of 0.8-1.0, computed from the same per-clip readings, still left
125-127 / 15-19 on dev);
both, a command only when they agree, 71 / 1 and 22 / 0. The grammar engines stay the choice
when no Whisper model is installed.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from voice.errors import OptionError
from voice.guide.model import Guide
from voice.language.commands import Vocabulary, guide_vocabulary
from voice.speech_in.contract import Decoder, EngineUnavailableError, Recognizer
from voice.speech_in.grammar import command_checker, command_grammar, spoken_grammar
from voice.speech_in.guide_lm import guide_sentences
from voice.speech_in.model_discovery import ModelNotFoundError, find_vosk_model, model_roots
from voice.speech_in.pocketsphinx_engine import PocketsphinxDecoder
from voice.speech_in.two_pass import ReadingRule, TwoPassRecognizer, default_rule
from voice.speech_in.vosk_engine import VoskDecoder
from voice.speech_in.whisper_engine import (
    QuestionPass,
    WhisperRecognizer,
    command_phrases,
    guide_prompt,
    question_prompt,
)
from voice.speech_in.whisper_models import default_whisper_name, find_whisper_model
from voice.speech_in.whisper_padding import PADDED_LANGUAGES, PaddedWhisperRecognizer

POCKETSPHINX_LANGUAGES = frozenset({"en"})
"""Languages the pocketsphinx wheel's embedded model covers."""
INSTALL_HINT = "pip install 'voice-guide[speech]'"


@dataclass(frozen=True)
class EngineChoice:
    """The engine to run, with the model it loads."""

    engine: str
    """A key of ``ENGINES``: ``whisper``, ``vosk`` or ``pocketsphinx``."""
    language: str
    """Primary language subtag of the guide (and so of the model)."""
    model: Path | None = None
    """Whisper or vosk model directory; ``None`` for pocketsphinx's embedded model."""
    why: str = field(default="", compare=False)
    """Why a better engine is not the one listening (``--stt auto``), said at start."""


class NoEngineError(EngineUnavailableError):
    """No recogniser can run for this guide; the session says why and goes on in text mode."""

    def __init__(self, reason: str, hint: str = "") -> None:
        self.reason = reason
        """One line for the person, e.g. 'no speech model for nl'."""
        self.hint = hint
        """The command that fixes it, e.g. 'voice-guide models fetch nl'."""
        super().__init__(f"{reason} (try: {hint})" if hint else reason)


@dataclass(frozen=True)
class Available:
    """What this machine has, as plain values, so the choice is tested without any engine."""

    installed: Mapping[str, bool]
    """Engine name -> whether its Python package is installed."""
    vosk_model: Path | None = None
    """The discovered vosk model for the guide's language (``find_vosk_model``), or ``None``."""
    whisper_model: Path | None = None
    """The discovered Whisper model for the guide's language (``find_whisper_model``)."""


def _whisper_choice(language: str, available: Available) -> EngineChoice:
    if not available.installed.get("whisper"):
        raise NoEngineError("faster-whisper is not installed", "pip install 'voice-guide[whisper]'")
    if available.whisper_model is None:
        raise NoEngineError(
            f"no Whisper model for language '{language}'",
            f"voice-guide models fetch {default_whisper_name(language)}",
        )
    return EngineChoice("whisper", language, available.whisper_model)


def _vosk_choice(language: str, available: Available) -> EngineChoice:
    if not available.installed.get("vosk"):
        raise NoEngineError("vosk is not installed", INSTALL_HINT)
    if available.vosk_model is None:
        raise NoEngineError(
            f"no vosk speech model for language '{language}'",
            f"voice-guide models fetch {language}",
        )
    return EngineChoice("vosk", language, available.vosk_model)


def _sphinx_choice(language: str, available: Available) -> EngineChoice:
    if language not in POCKETSPHINX_LANGUAGES:
        raise NoEngineError(
            f"pocketsphinx has no model for language '{language}' (only English)",
            f"voice-guide models fetch {language}",
        )
    if not available.installed.get("pocketsphinx"):
        raise NoEngineError("pocketsphinx is not installed", INSTALL_HINT)
    return EngineChoice("pocketsphinx", language)


ENGINES: Mapping[str, Callable[[str, Available], EngineChoice]] = {
    "whisper": _whisper_choice,
    "vosk": _vosk_choice,
    "pocketsphinx": _sphinx_choice,
}
"""Each engine's choice: an ``EngineChoice`` or ``NoEngineError`` saying why not. ``--stt auto``
tries them in this order (most accurate first), so a new engine is one function and one line."""
STT_CHOICES = ("auto", *ENGINES)
"""Values of ``--stt``: ``auto`` picks Whisper with a model for the guide's language, else vosk with
one, else pocketsphinx for English."""
ENGINE_PACKAGES: Mapping[str, str] = {
    "whisper": "faster_whisper",
    "vosk": "vosk",
    "pocketsphinx": "pocketsphinx",
}
"""The Python package each engine needs."""


def choose_engine(
    stt: str,
    language: str,
    vosk_model: Path | None,
    have_vosk: bool,
    have_pocketsphinx: bool,
    whisper_model: Path | None = None,
    have_whisper: bool = False,
) -> EngineChoice:
    """Apply ``--stt`` to what is available; pure, so tested anywhere.

    ``vosk_model`` is the discovered model for ``language`` (``find_vosk_model``), or ``None``.
    Raises ``NoEngineError`` with the reason (and the fix) when no engine fits.
    """
    installed = {"whisper": have_whisper, "vosk": have_vosk, "pocketsphinx": have_pocketsphinx}
    available = Available(installed, vosk_model, whisper_model)
    return choose_from(stt, language, available)


def choose_from(stt: str, language: str, available: Available) -> EngineChoice:
    """``choose_engine`` over the ``ENGINES`` table; ``auto`` takes the first that fits."""
    if stt not in STT_CHOICES:
        raise OptionError(f"--stt must be one of {', '.join(STT_CHOICES)}, not {stt!r}")
    if stt != "auto":
        return ENGINES[stt](language, available)
    refusals: list[tuple[str, NoEngineError]] = []
    for name, choose in ENGINES.items():
        try:
            chosen = choose(language, available)
        except NoEngineError as err:
            refusals.append((name, err))
            continue
        return replace(chosen, why=str(refusals[0][1])) if refusals else chosen
    installed = [err for name, err in refusals if available.installed.get(name)]
    raise (installed or [err for _, err in refusals])[0]


@dataclass(frozen=True)
class SpeechOptions:
    """The speech-input part of the command line, in one object."""

    stt: str = "auto"
    """``--stt``: ``auto`` or a key of ``ENGINES``."""
    model: Path | None = None
    """``--model PATH``: a Whisper or vosk model directory, first in the discovery order."""
    audio_in: tuple[Path, ...] = ()
    """``--audio-in FILE...``: audio files, one utterance each, instead of a microphone."""


def engine_available(module: str) -> bool:
    """Whether an engine's Python package is installed, without importing it (imports are slow)."""
    return importlib.util.find_spec(module) is not None


def select_engine(options: SpeechOptions, language: str, env: Mapping[str, str]) -> EngineChoice:
    """Discover the models and choose the engine for ``options``.

    Raises ``ModelNotFoundError`` (bad input) for a ``--model`` / ``$VOICE_GUIDE_MODEL`` that holds
    no model, ``ModelLanguageError`` for one in another language, ``NoEngineError`` for none."""
    installed = {name: engine_available(module) for name, module in ENGINE_PACKAGES.items()}
    whisper = None
    if options.stt in ("auto", "whisper") and installed["whisper"]:
        whisper = find_whisper_model(language, options.model, env, model_roots())
        if whisper is None and options.stt == "whisper" and options.model is not None:
            raise ModelNotFoundError(f"--model {options.model}: not a Whisper model directory")
    vosk = None
    if whisper is None and options.stt in ("auto", "vosk") and installed["vosk"]:
        vosk = find_vosk_model(language, options.model, env, model_roots())
    return choose_from(options.stt, language, Available(installed, vosk, whisper))


def open_recognizer(
    choice: EngineChoice,
    guide: Guide,
    rule: ReadingRule | None = None,
    vocab: Vocabulary | None = None,
) -> Recognizer:
    """Load the chosen engine with the guide's command grammar; raises ``SpeechError`` /
    ``ModelError`` with one line when the engine cannot start.

    vosk gets every phrase (``command_grammar``); pocketsphinx, whose small acoustic model
    confuses short commands more as phrases are added, the compact ``spoken_grammar``, and
    for questions a language model of the guide's own sentences (``voice.speech_in.guide_lm``)."""
    if choice.engine == "whisper":
        return open_whisper(choice, guide)
    vocab = vocab if vocab is not None else guide_vocabulary(guide)
    decoder: Decoder
    if choice.engine == "vosk":
        decoder = VoskDecoder(choice.model or Path(), command_grammar(guide, vocab))
    else:
        decoder = PocketsphinxDecoder(spoken_grammar(guide), guide_sentences(guide))
    rule = rule or default_rule(choice.engine)
    return TwoPassRecognizer(decoder, rule, command_checker(guide, vocab))


def open_whisper(choice: EngineChoice, guide: Guide) -> Recognizer:
    """Load Whisper with the guide's command words as its prompt and its own sentences as the
    prompt for what is no command; in the languages where it was measured to help, each
    utterance gets silence around it (``whisper_padding``)."""
    prompt, phrases = guide_prompt(guide), command_phrases(guide)
    questions = QuestionPass(question_prompt(guide), command_checker(guide))
    padded = choice.language in PADDED_LANGUAGES
    kind = PaddedWhisperRecognizer if padded else WhisperRecognizer
    model = choice.model or Path()
    return kind(model, choice.language, prompt, phrases=phrases, questions=questions)


def announce(choice: EngineChoice) -> None:
    """Say at start which engine listens (once its input works: a failed microphone says only
    why it failed)."""
    print(f"voice-guide: {describe(choice)}", file=sys.stderr)


def describe(choice: EngineChoice) -> str:
    """The one line said at start: which engine listens, and why when it is not the best one."""
    model = f" ({choice.model.name})" if choice.model is not None else ""
    why = f"; {choice.why}" if choice.why else ""
    return f"listening with {choice.engine}{model}{why}"
