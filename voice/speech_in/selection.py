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
Engine selection (``choose_engine``) takes availability as arguments so it is testable anywhere;
it raises ``NoEngineError`` (an ``UnavailableError``: text mode) rather than returning a union.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from voice.errors import OptionError
from voice.guide.model import Guide
from voice.language.commands import Vocabulary, guide_vocabulary
from voice.speech_in.contract import Decoder, EngineUnavailableError, Recognizer
from voice.speech_in.grammar import command_checker, command_grammar, spoken_grammar
from voice.speech_in.guide_lm import guide_sentences
from voice.speech_in.model_discovery import find_vosk_model, model_roots
from voice.speech_in.pocketsphinx_engine import PocketsphinxDecoder
from voice.speech_in.two_pass import ReadingRule, TwoPassRecognizer, default_rule
from voice.speech_in.vosk_engine import VoskDecoder

POCKETSPHINX_LANGUAGES = frozenset({"en"})
"""Languages the pocketsphinx wheel's embedded model covers."""
INSTALL_HINT = "pip install 'voice-guide[speech]'"


@dataclass(frozen=True)
class EngineChoice:
    """The engine to run, with the model it loads."""

    engine: str
    """A key of ``ENGINES``: ``vosk`` or ``pocketsphinx``."""
    language: str
    """Primary language subtag of the guide (and so of the model)."""
    model: Path | None = None
    """vosk model directory; ``None`` for pocketsphinx's embedded model."""


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
    "vosk": _vosk_choice,
    "pocketsphinx": _sphinx_choice,
}
"""Each engine's choice: an ``EngineChoice`` or ``NoEngineError`` saying why not. ``--stt auto``
tries them in this order (most accurate first), so a new engine is one function and one line."""
STT_CHOICES = ("auto", *ENGINES)
"""Values of ``--stt``: ``auto`` picks vosk with a matching model, else pocketsphinx for English."""


def choose_engine(
    stt: str,
    language: str,
    vosk_model: Path | None,
    have_vosk: bool,
    have_pocketsphinx: bool,
) -> EngineChoice:
    """Apply ``--stt`` to what is available; pure, so tested anywhere.

    ``vosk_model`` is the discovered model for ``language`` (``find_vosk_model``), or ``None``.
    Raises ``NoEngineError`` with the reason (and the fix) when no engine fits.
    """
    available = Available({"vosk": have_vosk, "pocketsphinx": have_pocketsphinx}, vosk_model)
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
            return choose(language, available)
        except NoEngineError as err:
            refusals.append((name, err))
    installed = [err for name, err in refusals if available.installed.get(name)]
    raise (installed or [err for _, err in refusals])[0]


@dataclass(frozen=True)
class SpeechOptions:
    """The speech-input part of the command line, in one object."""

    stt: str = "auto"
    """``--stt``: ``auto`` or a key of ``ENGINES``."""
    model: Path | None = None
    """``--model PATH``: a vosk model directory, first in the discovery order."""
    audio_in: tuple[Path, ...] = ()
    """``--audio-in FILE...``: audio files, one utterance each, instead of a microphone."""


def engine_available(module: str) -> bool:
    """Whether an engine's Python package is installed, without importing it (imports are slow)."""
    return importlib.util.find_spec(module) is not None


def select_engine(options: SpeechOptions, language: str, env: Mapping[str, str]) -> EngineChoice:
    """Discover the model and choose the engine for ``options``.

    Raises ``ModelNotFoundError`` (bad input) for a ``--model`` / ``$VOICE_GUIDE_MODEL`` that holds
    no model, ``ModelLanguageError`` for one in another language, ``NoEngineError`` for none."""
    have_vosk = engine_available("vosk")
    model = None
    if options.stt in ("auto", "vosk") and have_vosk:
        model = find_vosk_model(language, options.model, env, model_roots())
    return choose_engine(options.stt, language, model, have_vosk, engine_available("pocketsphinx"))


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
    vocab = vocab if vocab is not None else guide_vocabulary(guide)
    decoder: Decoder
    if choice.engine == "vosk":
        decoder = VoskDecoder(choice.model or Path(), command_grammar(guide, vocab))
    else:
        decoder = PocketsphinxDecoder(spoken_grammar(guide), guide_sentences(guide))
    rule = rule or default_rule(choice.engine)
    return TwoPassRecognizer(decoder, rule, command_checker(guide, vocab))


def make_recognizer(
    options: SpeechOptions, guide: Guide, env: Mapping[str, str], vocab: Vocabulary | None = None
) -> Recognizer:
    """The recogniser ``options`` ask for, loaded with the guide's grammar (``vocab``: the
    guide's vocabulary when the caller has built it already).

    Raises an ``UnavailableError`` (``NoEngineError``, ``ModelError``, ``SpeechError``) when no
    engine or model can run, and ``ModelNotFoundError`` (bad input) for a ``--model`` that holds
    no model.
    """
    return open_recognizer(select_engine(options, guide.lang, env), guide, vocab=vocab)
