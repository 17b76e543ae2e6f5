"""Two decodes per utterance (grammar first, free-form second) and the measured rule picking one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from voice.audio.pcm import to_engine_rate
from voice.session.ports import Heard
from voice.speech_in.contract import Decoder, Reading


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
