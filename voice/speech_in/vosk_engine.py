"""vosk adapter: Kaldi models for any language, loaded from a model directory.

The grammar pass uses ``KaldiRecognizer(model, rate, phrases_json)`` with ``"[unk]"`` in the
list so that models which have an unknown-word entry route out-of-grammar speech to it; models
without one (the small Korean model, for example) simply ignore it. Either way only a result
that is exactly one grammar phrase counts: vosk happily strings several phrases together for an
unrelated sentence ("다음 다시 말해줘 다음"), and that is a rejection, not a command.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from voice.audio.pcm import ENGINE_RATE
from voice.errors import ModelError
from voice.speech_in.contract import EngineUnavailableError, Reading
from voice.speech_in.grammar import CommandGrammar

UNKNOWN_WORD = "[unk]"
"""vosk's out-of-vocabulary token."""


class VoskDecoder:
    """``voice.speech_in.Decoder`` over vosk; the model decides the language."""

    name = "vosk"

    def __init__(self, model_dir: Path, grammar: CommandGrammar) -> None:
        self._vosk = _import_vosk()
        self._model = _load_model(self._vosk, model_dir)
        self.grammar = grammar
        self._phrases = frozenset(grammar.phrases)
        self._grammar_json = json.dumps([*grammar.phrases, UNKNOWN_WORD], ensure_ascii=False)

    def decode_command(self, pcm: bytes) -> Reading:
        """Grammar pass: ``[unk]`` or anything but one whole phrase is a rejection."""
        text, confidence = self._decode(self._grammar_json, pcm)
        if UNKNOWN_WORD in text.split() or text not in self._phrases:
            return Reading("", None)
        return Reading(text, confidence)

    def decode_free(self, pcm: bytes) -> Reading:
        """Free-form pass with the model's own language model."""
        text, confidence = self._decode(None, pcm)
        return Reading(text, confidence)

    def _decode(self, grammar: str | None, pcm: bytes) -> tuple[str, float | None]:
        vosk = self._vosk
        if grammar is None:
            recognizer = vosk.KaldiRecognizer(self._model, ENGINE_RATE)
        else:
            recognizer = vosk.KaldiRecognizer(self._model, ENGINE_RATE, grammar)
        recognizer.SetWords(True)
        recognizer.AcceptWaveform(pcm)
        result = json.loads(recognizer.FinalResult())
        words = result.get("result") or []
        confidence = min((float(w.get("conf", 0.0)) for w in words), default=None)
        return " ".join(str(result.get("text", "")).split()), confidence

    def close(self) -> None:
        """Nothing to release explicitly; the model is freed with the object."""


def _import_vosk() -> Any:
    try:
        import vosk
    except ImportError as err:
        raise EngineUnavailableError("vosk is not installed (pip install vosk)") from err
    vosk.SetLogLevel(-1)
    return vosk


def _load_model(vosk: Any, model_dir: Path) -> Any:
    try:
        return vosk.Model(str(model_dir))
    except Exception as err:  # vosk raises a bare Exception for an unreadable model
        raise ModelError(f"{model_dir}: vosk cannot load this model ({err})") from err
