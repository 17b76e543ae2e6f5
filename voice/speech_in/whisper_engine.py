"""faster-whisper (CTranslate2) adapter: one utterance of PCM in, one cleaned reading out.

Whisper hears real voices far better than the grammar engines, but on one- or two-word commands
it has known failure modes, each handled here and measured with ``benchmarks/bench_stt.py``:

- text on silence or noise ("You", "Thank you."): faster-whisper's own silero VAD drops
  non-speech before decoding, segments with a high no-speech probability *and* a low average
  log-probability are dropped, and a whole reading that is one of Whisper's stock phrases
  (``STOCK_PHRASES``) is treated as nothing;
- repetition loops a prompt provokes ("back, back, back, ..." for seconds): temperature 0 (no
  fallback re-decodes), at most ``max_new_tokens`` new tokens, and a reading with a word three
  times in a row is treated as nothing;
- digits and homophones for short words ("0", "for", "to"): a reading that is only ``0`` is
  never a step; a lone homophone of a number word becomes that number word.

The command prompt that makes short commands reliable pulls questions towards command words and
away from the guide's rarer ones ("is the chat available 24/7" heard as "is not yet available
24 seconds"). So words that are no command are decoded a second time with the guide's own
sentences as the prompt (``question_prompt``), measured with
``benchmarks/bench_spoken_questions.py``; commands pay for one decode only.

The faster_whisper package is imported only here, when the engine is chosen; a model is loaded
only from a local folder, with the hub switched off.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from voice.audio.pcm import to_engine_rate
from voice.guide.model import Guide
from voice.language.commands import normalise, number_words, vocabulary
from voice.language.intents import Intent
from voice.session.ports import Heard
from voice.speech_in.contract import EngineUnavailableError, Reading
from voice.speech_in.grammar import step_phrases
from voice.speech_in.model_discovery import ModelNotFoundError

if TYPE_CHECKING:
    import numpy as np

STOCK_PHRASES = frozenset(
    {
        "you",
        "thank you",
        "thank you very much",
        "thanks for watching",
        "thank you for watching",
        "thank you so much",
        "bye",
        "so",
        "uh",
        "um",
        "hmm",
    }
)
"""Whisper's training-data filler, produced for silence, noise and unclear short words.
None is a command; as a whole reading it is dropped rather than answered."""
HOMOPHONES = {"en": {"for": "four", "fore": "four", "to": "two", "too": "two", "won": "one"}}
"""A lone word Whisper writes for a number word a person said to a step-by-step guide."""
SNAP_CUTOFF = 80.0
"""``rapidfuzz`` ratio from which a reading counts as a near miss of a command phrase."""
PROMPT_STEPS = 9
"""Step names in the prompt, up to the guide's count: a bare number said to the guide is a step
("eight", heard as "eat" without it). Real voices (``benchmarks/bench_stt.py``, tiny.en, with
``command_floor``), commands right / non-commands taken: 3 names, real-dev 135/154, 2/67;
real-held-out 35/40, 0/25; 9 names, 141/154, 3/67 and 36/40, 0/25."""

FLOOR_LANGUAGES = frozenset({"en"})
"""Languages whose command readings ``WhisperOptions.command_floor`` applies to: measured on
English only; espeak-ng Dutch through ``whisper-base`` is heard right at lower confidences
("de derde stap" at 0.40)."""


@dataclass(frozen=True)
class WhisperOptions:
    """How Whisper decodes a short utterance. Each default was measured against switching it off
    (``benchmarks/bench_stt.py``, tiny.en; real = the 91 command and 30 other words of
    ``tests/data/realspeech``, synthetic = 72 espeak-ng commands and 20 unrelated sentences):
    all defaults 85/91 real commands right, 1/30 false accepts, 69/72 synthetic, 0/20."""

    beam_size: int = 5
    """Beam width. Greedy (1): 84/91 real, 67/72 synthetic."""
    max_new_tokens: int = 32
    """Cap on decoded tokens: a command is a few tokens, a repetition loop is many."""
    vad_filter: bool = True
    """faster-whisper's bundled silero VAD first. Off: 83/91 real, 69/72 synthetic (the VAD
    costs nothing on espeak-ng and two real words; it also drops noise before decoding)."""
    prompt: bool = True
    """The guide's command words as the initial prompt. Off: 78/91 real ("five" -> "", "two"
    -> "do"), 60/72 synthetic ("tips" -> "dip"), 0/30 false accepts."""
    snap: bool = True
    """Correct a near miss of a multi-word command phrase (``snap``). Off: 58/72 synthetic
    ("previous step" -> "previous tip", the prompt's "Next tip." pulling), 85/91 real."""
    no_speech_threshold: float = 0.6
    """A segment above this no-speech probability whose log-probability is also low is dropped."""
    log_prob_threshold: float = -1.0
    """The average log-probability below which a segment counts as low."""
    question_pass: bool = True
    """Decode again with the guide's own sentences as the prompt (``question_prompt``) when the
    first reading is words but no command (see ``WhisperRecognizer.read``). On the dev set of
    ``benchmarks/bench_spoken_questions.py`` (204 in-scope, 168 out-of-scope utterances): off,
    149 answered right and 16 out-of-scope answered; on, 172 and 15; the second decode without
    a prompt, 144 and 17 (so the gain is the guide's words, not the second decode). Commands are
    unchanged by construction: a command reading is never decoded again, and the second
    reading is taken only when it is no command either."""
    command_floor: float = 0.42
    """Confidence below which a reading that is a command is dropped (heard as nothing): the
    step names in the prompt pull look-alikes ("bird" -> "third", "up" -> "step eight" at 0.40).
    Set on ``real-dev`` with 9 step names: 142/154, 4/67 without it; 141/154, 3/67 with it
    (only with a question pass, which knows what a command is)."""
    compute_type: str = "int8"
    """CTranslate2 weights type on the CPU: int8, the smallest and fastest (not compared here)."""
    cpu_threads: int = 2


def pcm_to_float(pcm: bytes) -> np.ndarray:
    """16-bit little-endian PCM to the float32 array in [-1, 1] Whisper takes (no file)."""
    import numpy as np  # with the engine only: numpy comes with the speech extras

    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0


@dataclass(frozen=True)
class Segment:
    """What the adapter reads from one decoded segment (so the cleaning is tested without it)."""

    text: str
    no_speech_prob: float
    avg_logprob: float


def clean_reading(segments: Iterable[Segment], lang: str, options: WhisperOptions) -> Reading:
    """The reading the dialog gets: confident segments, normalised, failure modes removed."""
    kept = [s for s in segments if not _silent(s, options)]
    text = normalise(" ".join(s.text for s in kept))
    if not text or text in STOCK_PHRASES or _loops(text.split()) or text in ("0", "zero"):
        return Reading("", None)
    text = HOMOPHONES.get(lang, {}).get(text, text)
    confidence = math.exp(sum(s.avg_logprob for s in kept) / len(kept))
    return Reading(text, round(confidence, 3))


def _silent(segment: Segment, options: WhisperOptions) -> bool:
    return (
        segment.no_speech_prob > options.no_speech_threshold
        and segment.avg_logprob < options.log_prob_threshold
    )


def _loops(words: Sequence[str]) -> bool:
    """Three identical words in a row: a decoding loop, not something a person says to a guide."""
    return any(words[i] == words[i + 1] == words[i + 2] for i in range(len(words) - 2))


def command_prompt(phrases: Iterable[str], limit: int = 24) -> str:
    """An initial prompt of the guide's command words ("Next. Back. Step three."), deduplicated
    and capped: Whisper reads at most 224 prompt tokens and long prompts provoke loops."""
    seen: list[str] = []
    for phrase in phrases:
        words = phrase.strip()
        if words and words.lower() not in (p.lower() for p in seen):
            seen.append(words)
    return " ".join(f"{p[0].upper()}{p[1:]}." for p in seen[:limit])


PROMPT_INTENTS = frozenset(
    {
        Intent.NEXT, Intent.PREVIOUS, Intent.REPEAT, Intent.START_OVER, Intent.LAST,
        Intent.WHERE, Intent.SUMMARY, Intent.TIPS, Intent.NEXT_TIP, Intent.FAQ_LIST,
        Intent.HELP, Intent.PAUSE, Intent.RESUME, Intent.SLOWER, Intent.FASTER, Intent.YES,
        Intent.NO, Intent.STOP, Intent.TRANSCRIPT,
    }
)  # fmt: skip
"""The intents whose first phrase is in the prompt: the navigation commands the prompt was
measured with (``bench_stt``). A longer prompt (timers, guides, thanks) pulls short commands
towards its own words: "de derde stap" was heard as "bedankt stop"."""


def guide_prompt(guide: Guide, per_intent: int = 1) -> str:
    """The prompt for a guide: the first phrase(s) of each command intent, then "Step one." and
    so on, in the guide's language (its own ``commands:`` phrases included)."""
    vocab = vocabulary(guide.lang, guide.commands)
    firsts = [
        p for i, texts in vocab.phrases.items() if i in PROMPT_INTENTS for p in texts[:per_intent]
    ]
    count = min(len(guide.steps), PROMPT_STEPS)
    steps = [f"{vocab.step_noun} {number_words(n, guide.lang)}" for n in range(1, count + 1)]
    return command_prompt([*firsts, *steps], limit=len(firsts) + count)


QUESTION_PROMPT_CHARS = 600
"""Cap on the question prompt: about 150 tokens, inside the 223 Whisper reads."""


def question_prompt(guide: Guide, limit: int = QUESTION_PROMPT_CHARS) -> str:
    """A prompt of the guide's own sentences (title, FAQ questions, step titles), so that a
    question's rare words ("representative", "transcript") are heard as the guide spells them."""
    texts = [guide.title, *(e.question for e in guide.faq), *(s.title for s in guide.steps)]
    prompt = ""
    for text in filter(None, (t.strip() for t in texts)):
        sentence = text if text[-1] in ".?!" else f"{text}."
        if len(prompt) + len(sentence) + 1 > limit:
            break
        prompt = f"{prompt} {sentence}".strip()
    return prompt


def command_phrases(guide: Guide) -> tuple[str, ...]:
    """Every command phrase of the guide, step names included: what ``snap`` may correct to."""
    vocab = vocabulary(guide.lang, guide.commands)
    phrases = [
        normalise(p) for i, texts in vocab.phrases.items() if i is not Intent.GOTO for p in texts
    ]
    steps = step_phrases(guide.lang, len(guide.steps))
    return tuple(dict.fromkeys([*phrases, *(normalise(p) for p in steps)]))


def snap(text: str, phrases: Sequence[str], cutoff: float = SNAP_CUTOFF) -> str:
    """A reading of two words or more one letter or two away from a command phrase ("go test
    step three", "previous tip") becomes that phrase; anything else is left as heard.

    Single words are never snapped: "now"/"no" or "step"/"stop" are as close as a wrong word
    and a right one get, and there a guess would be a false accept."""
    if len(text.split()) < 2 or text in phrases:
        return text
    found = process.extractOne(text, phrases, scorer=fuzz.ratio, score_cutoff=cutoff)
    return str(found[0]) if found else text


@dataclass(frozen=True)
class QuestionPass:
    """What the second decode of a non-command utterance needs from the guide."""

    prompt: str
    """The question prompt (``question_prompt``); empty: decode without one."""
    is_command: Callable[[str], bool]
    """Whether the dialog would take a reading as a command (``grammar.command_checker``)."""


class WhisperRecognizer:
    """A ``voice.speech_in.contract.Recognizer`` over faster-whisper: one free-form decode for a
    command, two for anything else (``read``)."""

    name = "whisper"

    def __init__(
        self,
        model_dir: Path,
        lang: str,
        prompt: str = "",
        options: WhisperOptions | None = None,
        phrases: Sequence[str] = (),
        questions: QuestionPass | None = None,
    ) -> None:
        self.options = options or WhisperOptions()
        self.lang = lang
        self.prompt = prompt if self.options.prompt else ""
        self.phrases = tuple(phrases) if self.options.snap else ()
        self.questions = questions if self.options.question_pass else None
        self._model: Any = load_model(model_dir, self.options)

    def recognize(self, pcm: bytes, rate: int) -> Heard:
        """See ``Recognizer.recognize``."""
        reading = self.read(pcm, rate)
        return Heard(reading.text, source=self.name, confidence=reading.confidence)

    def read(self, pcm: bytes, rate: int) -> Reading:
        """Decode one utterance with the command prompt; words that are no command are decoded
        again with the question prompt, and that reading is taken unless it is a command (a
        command the first pass did not hear is more likely the prompt's pull than the speech)."""
        audio = pcm_to_float(to_engine_rate(pcm, rate))
        first = self._decode(audio, self.prompt)
        if self.phrases:
            first = replace(first, text=snap(first.text, self.phrases))
        ask = self.questions
        if ask is None or not first.text:
            return first
        if ask.is_command(first.text):
            floor = self.options.command_floor if self.lang in FLOOR_LANGUAGES else 0.0
            unsure = (first.confidence or 0.0) < floor
            return Reading("", None) if unsure else first
        second = self._decode(audio, ask.prompt)
        return first if not second.text or ask.is_command(second.text) else second

    def _decode(self, audio: np.ndarray, prompt: str) -> Reading:
        segments, _info = self._model.transcribe(
            audio,
            language=self.lang,
            beam_size=self.options.beam_size,
            temperature=0.0,
            max_new_tokens=self.options.max_new_tokens,
            vad_filter=self.options.vad_filter,
            initial_prompt=prompt or None,
            condition_on_previous_text=False,
            without_timestamps=True,
            no_speech_threshold=self.options.no_speech_threshold,
            log_prob_threshold=self.options.log_prob_threshold,
        )
        found = (Segment(s.text, s.no_speech_prob, s.avg_logprob) for s in segments)
        return clean_reading(found, self.lang, self.options)

    def close(self) -> None:
        """Drop the model; CTranslate2 frees it with the object."""
        self._model = None


def load_model(model_dir: Path, options: WhisperOptions) -> Any:
    """Load a CTranslate2 Whisper model from a local folder, with every hub look-up off."""
    os.environ["HF_HUB_OFFLINE"] = "1"  # before the import: huggingface_hub reads it then
    try:
        from faster_whisper import WhisperModel
    except ImportError as err:
        raise EngineUnavailableError(
            "faster-whisper is not installed (pip install 'voice-guide[whisper]')"
        ) from err
    try:
        return WhisperModel(
            str(model_dir),
            device="cpu",
            compute_type=options.compute_type,
            cpu_threads=options.cpu_threads,
            local_files_only=True,
        )
    except (RuntimeError, ValueError, OSError) as err:
        raise ModelNotFoundError(
            f"{model_dir}: faster-whisper cannot load this model ({err})"
        ) from err
