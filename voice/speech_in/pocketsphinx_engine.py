"""pocketsphinx 5 adapter: the embedded US English model, so English works with no download.

One ``pocketsphinx.Decoder`` holds two searches: a JSGF grammar of the guide's command phrases,
and the wheel's full English n-gram model for free-form questions. Measured choices
(``benchmarks/bench_stt.py``, espeak-ng and real speech) shape it:

- *Comfort noise.* Digital silence (TTS output, gated microphones) gives the acoustic model
  log(0) energies and wrecks short utterances: on espeak-ng commands intent accuracy went from
  about 60% to 97% (10-phrase grammar) once a seeded noise floor at about -70 dBFS was added.
- *Batch cepstral mean normalisation*: we always decode a whole utterance, so its own mean is
  the best estimate; the live default starts from a fixed guess.
- *Coverage is the confidence.* An unrelated sentence forced through the grammar comes out as a
  short phrase ("restart") whose words span a fraction of the speech (0.18-0.39 on espeak-ng
  sentences, against 0.90-1.05 for real commands); the reported confidence is that fraction,
  and ``voice.speech_in.DEFAULT_RULES`` sets the cut-off between the two clusters. The
  posterior ``hyp.prob`` did not separate them at all (0.3-1.0 for both).
- *Only whole phrases count; a cut-short one is recovered from the n-best list.* When the best
  path does not reach the grammar's final state pocketsphinx returns it anyway ("stop the", a
  prefix of "stop the guide", for a crisp "stop"). A whole phrase that the partial path starts
  with is taken from the ``NBEST`` best paths instead ("stop"); anything else is a rejection,
  never a command. Taking *any* whole phrase from the list let an unrelated sentence through
  ("they watched a movie about space" as "what can i ask", coverage 0.67), so only prefixes
  count. On the 72 espeak-ng commands this raised intent accuracy from 79% to 86% with the full
  grammar, and to 96% with the compact ``voice.grammar.spoken_grammar``.
- *A squeezed, poorly fitting path is rejected.* Real one-word non-commands come out as a
  phrase whose words are implausibly short ("bird" as "start again", 5 frames a phone) and
  whose score is well below a free phone loop's over the same audio. Either signal alone cost
  espeak-ng commands (fast synthetic speech fits the model poorly and has words down to 6
  frames a phone); together (< ``FAST_FRAMES_PER_PHONE`` and < ``POOR_FIT_PER_FRAME``) they
  took the real non-command words accepted from 8/30 to 5/30 with the same 48/91 real and
  69/72 espeak-ng commands right (at the 0.55 coverage cut-off then in use; it also let that
  cut-off in ``voice.speech_in.DEFAULT_RULES`` drop to 0.5). The fit cut-off sits in the
  middle of the range that did so (-26 to -20 removed 2-3; the closest espeak-ng command kept
  scored -19.8). The phone loop only runs for a squeezed path, so it costs nothing for most
  utterances (about 28 ms a second of audio when it runs). On 30 real words this is a small,
  noisy gain.
- *A path far below the phone loop is rejected whatever its speed.* On the 221 ``real-dev``
  clips of ``tests/data/realspeech`` (split by speaker, ``benchmarks/bench_stt.py``) a phone
  loop per accepted path took the real non-command words accepted from 27/67 to 24/67 at
  ``VERY_POOR_FIT_PER_FRAME`` = -30 with the same 75/154 commands right, and kept all 69/72
  espeak-ng commands (the lowest scored -29.0; a cut at -25 cost two of them and -20 ten). A
  garbage loop of common English words (not sounding like a grammar word) beside the
  grammar rejected more real non-commands (27 to 13-22, at 50-100 words) but cost 2-7
  espeak-ng commands and 3-17 real ones, so it is not used. The loop now runs for every
  accepted command: about 28 ms per second of speech.
- *Questions are decoded with a model of the guide's own words* (``voice.speech_in.guide_lm``), not
  the
  wheel's generic English model, when the guide's sentences are given. On espeak-ng questions
  (``benchmarks/bench_spoken_questions.py``) the share answered right rose from 13/51 to 24/51
  (held-out 2/20 to 4/20), and recognition from about 0.5 s to 0.25 s. Such a model squeezes
  any speech into guide words, so it also holds common English words (``guide_lm.FILLER_SHARE``);
  out-of-scope speech answered stayed at 3/42 (held-out 1/10; the generic model 1/42, 0/10).
- *A dictionary of only the words in use.* The decoder loads the words of the guide model and
  the grammar, not all 134,000 of the wheel's dictionary: start-up drops from about 0.3 s to a
  few tens of ms, and nothing else could be decoded anyway.
- *One decoder, both searches*: without guide sentences the generic n-gram model and full
  dictionary cost about 65 MB once, so nothing is loaded lazily.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from voice.audio.pcm import speech_seconds
from voice.errors import SpeechError
from voice.speech_in.contract import EngineUnavailableError, Reading
from voice.speech_in.grammar import CommandGrammar
from voice.speech_in.guide_lm import FILLER_SHARE, arpa, common_words

COMMANDS = "commands"
"""Name of the grammar search."""
FREE = "_default"
"""pocketsphinx's name for the search built from the default language model."""
FRAMES_PER_SECOND = 100
"""pocketsphinx's default frame rate."""
NBEST = 10
"""Paths searched for a whole phrase when the best one is partial; 10 found every one we saw."""
NOISE_STDDEV = 10.0
"""Comfort-noise level in int16 units (about -70 dBFS); see the module docstring."""
PHONES = "phones"
"""Name of the free phone-loop search, the yardstick a doubtful grammar path is measured by."""
FAST_FRAMES_PER_PHONE = 7.0
"""A grammar word spanning fewer frames per phone than this was squeezed into the audio."""
POOR_FIT_PER_FRAME = -22.0
"""Grammar path score less phone-loop score, per frame (log base 1.0001), below which a
squeezed path is rejected; see the module docstring."""
VERY_POOR_FIT_PER_FRAME = -30.0
"""The same measure below which *any* grammar path is rejected; see the module docstring."""


class PocketsphinxDecoder:
    """``voice.speech_in.Decoder`` over pocketsphinx; English only (the wheel's model)."""

    name = "pocketsphinx"

    def __init__(self, grammar: CommandGrammar, sentences: Sequence[str] | None = None) -> None:
        """``sentences``: the guide's texts (``voice.guide_lm.guide_sentences``) for the
        free-form model; ``None`` decodes questions with the generic English model."""
        self._decoder = _load_decoder() if sentences is None else _guide_decoder(grammar, sentences)
        known = grammar.restricted(lambda word: self._decoder.lookup_word(word) is not None)
        if not known.phrases:
            raise SpeechError("pocketsphinx: no command phrase uses only words it knows")
        self.grammar = known
        self._phrases = frozenset(known.phrases)
        self._decoder.add_jsgf_string(COMMANDS, jsgf(known.phrases))
        self._decoder.add_allphone_file(PHONES, None)

    def decode_command(self, pcm: bytes) -> Reading:
        """Grammar pass: the best whole phrase, or a rejection (see the module docstring).

        The confidence is the share of the speech the best path's words cover (see above).
        """
        text, _ = self._decode(COMMANDS, pcm)
        coverage, squeezed, score = self._coverage(pcm), self._squeezed(), self._score_per_frame()
        if text not in self._phrases:
            text = self._whole_phrase_in_nbest(text.split())
        if not text or self._fits_worse_than_phones(pcm, score, squeezed):
            return Reading("", None)
        return Reading(text, coverage)

    def _squeezed(self) -> bool:
        """Whether a word of the best path is shorter than real speech says it."""
        for seg in self._decoder.seg() or ():
            phones = self._decoder.lookup_word(seg.word)
            if seg.word.startswith(("<", "[", "+")) or not phones:
                continue
            if (seg.end_frame - seg.start_frame + 1) / len(phones.split()) < FAST_FRAMES_PER_PHONE:
                return True
        return False

    def _score_per_frame(self) -> float:
        """The last decode's best path score per frame (log base 1.0001)."""
        hyp = self._decoder.hyp()
        best = hyp.best_score if hyp is not None else 0.0
        logmath = self._decoder.logmath
        score = logmath.log(best) if best > 0 else logmath.get_zero()
        return float(score) / max(self._decoder.n_frames(), 1)

    def _fits_worse_than_phones(self, pcm: bytes, grammar_score: float, squeezed: bool) -> bool:
        """Whether the grammar path scores too far below a free phone loop over the same audio:
        ``POOR_FIT_PER_FRAME`` for a squeezed path, ``VERY_POOR_FIT_PER_FRAME`` for any."""
        self._decode(PHONES, pcm)
        cut = POOR_FIT_PER_FRAME if squeezed else VERY_POOR_FIT_PER_FRAME
        return grammar_score - self._score_per_frame() < cut

    def _whole_phrase_in_nbest(self, partial: list[str]) -> str:
        """A whole phrase the partial best path starts with ("stop" for "stop the"), if the
        n-best list holds it; any other phrase there matched the audio worse than a fragment,
        and taking one let unrelated sentences through. For some utterances pocketsphinx has no
        list at all (``None``: the 8 kHz "six" of ``fsdd/6_nicolas_0`` against a 5-step grammar)."""
        for rank, hyp in enumerate(self._decoder.nbest() or ()):
            if rank >= NBEST:
                break
            words = hyp.hypstr.split() if hyp is not None and hyp.hypstr else []
            if words and partial[: len(words)] == words and " ".join(words) in self._phrases:
                return " ".join(words)
        return ""

    def _coverage(self, pcm: bytes) -> float:
        frames = sum(
            seg.end_frame - seg.start_frame + 1
            for seg in self._decoder.seg() or ()
            if not seg.word.startswith(("<", "[", "+"))
        )
        speech = speech_seconds(pcm) * FRAMES_PER_SECOND
        return min(1.0, frames / speech) if speech > 0 else 0.0

    def decode_free(self, pcm: bytes) -> Reading:
        """Full English language model pass."""
        text, prob = self._decode(FREE, pcm)
        return Reading(text, prob)

    def _decode(self, search: str, pcm: bytes) -> tuple[str, float | None]:
        decoder = self._decoder
        decoder.activate_search(search)
        decoder.start_utt()
        decoder.process_raw(self._with_noise_floor(pcm), full_utt=True)
        decoder.end_utt()
        hyp = decoder.hyp()
        if hyp is None:
            return "", None
        return " ".join(hyp.hypstr.split()), float(hyp.prob)

    def _with_noise_floor(self, pcm: bytes) -> bytes:
        samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], "<i2").astype(np.float64)
        # Seeded per utterance: the same audio always decodes the same, whatever came before.
        samples += np.random.default_rng(0).normal(0.0, NOISE_STDDEV, samples.size)
        return np.clip(samples, -32768, 32767).astype("<i2").tobytes()

    def close(self) -> None:
        """Nothing to release explicitly; the decoder is freed with the object."""


def _model_dir() -> Path:
    try:
        import pocketsphinx
    except ImportError as err:
        raise EngineUnavailableError(
            "pocketsphinx is not installed (pip install pocketsphinx)"
        ) from err
    return Path(pocketsphinx.get_model_path()) / "en-us"


def _guide_decoder(grammar: CommandGrammar, sentences: Sequence[str]) -> Any:
    """A decoder whose free-form model is built from ``sentences`` and whose dictionary holds
    only the words that model and the grammar use (see the module docstring)."""
    model = _model_dir()
    pronunciations = read_dictionary(model / "cmudict-en-us.dict")
    lm = arpa(sentences, pronunciations.__contains__, common_words("en"), FILLER_SHARE)
    words = lm_words(lm) | grammar.words
    with tempfile.TemporaryDirectory(prefix="voice-guide-lm-") as tmp:
        (Path(tmp) / "guide.lm").write_text(lm, encoding="utf-8")
        lines = (line for word in sorted(words) for line in pronunciations.get(word, ()))
        (Path(tmp) / "guide.dict").write_text("".join(lines), encoding="utf-8")
        return _load_decoder(Path(tmp) / "guide.lm", Path(tmp) / "guide.dict")


def read_dictionary(path: Path) -> dict[str, list[str]]:
    """Word -> its lines (the pronunciation variants ``word(2)`` included) of a CMU dictionary."""
    entries: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            head = line.split(" ", 1)[0]
            if head:
                entries.setdefault(head.split("(", 1)[0], []).append(line)
    return entries


def lm_words(text: str) -> set[str]:
    """The vocabulary of an ARPA model: its unigrams, less the sentence markers."""
    section = text.split("\\1-grams:", 1)[-1].split("\\2-grams:", 1)[0]
    fields = (line.split("\t") for line in section.splitlines())
    return {parts[1] for parts in fields if len(parts) > 1} - {"<s>", "</s>"}


def _load_decoder(lm: Path | None = None, dictionary: Path | None = None) -> Any:
    """The wheel's model; its generic language model and full dictionary unless given others."""
    model = _model_dir()
    import pocketsphinx

    try:
        return pocketsphinx.Decoder(
            hmm=str(model / "en-us"),
            lm=str(lm or model / "en-us.lm.bin"),
            dict=str(dictionary or model / "cmudict-en-us.dict"),
            samprate=16000,
            cmn="batch",
            loglevel="FATAL",
        )
    except (RuntimeError, ValueError) as err:
        raise EngineUnavailableError(f"pocketsphinx failed to start: {err}") from err


def jsgf(phrases: tuple[str, ...]) -> str:
    """A JSGF grammar whose one public rule is any of ``phrases``."""
    return "#JSGF V1.0;\ngrammar commands;\npublic <command> = " + " | ".join(phrases) + ";\n"
