"""The pyttsx3 ``Synthesizer``: real espeak-ng audio, one chunk per sentence, made on demand."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from voice.audio.pcm import rms, speech_seconds
from voice.language.sentences import split_sentences
from voice.speech_out.contract import AudioChunk, SynthesisError, Synthesizer, VoiceSettings
from voice.speech_out.pyttsx3_synthesis import Pyttsx3Synthesizer
from voice.speech_out.voices import pick_voice

REPLY = "Open the Amazon app. Tap the menu in the corner! Then choose customer service."


@pytest.fixture(scope="module")
def synthesizer() -> Iterator[Pyttsx3Synthesizer]:
    try:
        engine = Pyttsx3Synthesizer.start()
    except SynthesisError as err:
        pytest.skip(f"no TTS engine (apt install espeak-ng): {err}")
    yield engine
    engine.close()


def _english(synthesizer: Pyttsx3Synthesizer, rate: int | None = None) -> VoiceSettings:
    voice = pick_voice(synthesizer.voices, "en", None)
    return VoiceSettings(voice.id if voice else None, rate)


def test_one_chunk_of_speech_per_sentence_in_order(synthesizer: Pyttsx3Synthesizer) -> None:
    engine: Synthesizer = synthesizer  # the adapter is a Synthesizer (checked by mypy)
    chunks = list(engine.synthesize(REPLY, _english(synthesizer)))
    assert [c.sentence for c in chunks] == split_sentences(REPLY)
    assert all(c.rate == engine.sample_rate == 22050 for c in chunks)
    for chunk in chunks:
        seconds = speech_seconds(chunk.pcm, chunk.rate)
        assert rms(chunk.pcm) > 0.02 and 0.03 < seconds / len(chunk.sentence) < 0.12, chunk.sentence


def test_each_sentence_is_synthesised_only_when_asked_for(
    synthesizer: Pyttsx3Synthesizer,
) -> None:
    before = synthesizer.worker.requests
    chunks = synthesizer.synthesize(REPLY, _english(synthesizer))
    assert synthesizer.worker.requests == before
    first = next(chunks)
    assert first.sentence == "Open the Amazon app." and synthesizer.worker.requests == before + 1
    assert [c.sentence for c in chunks] == split_sentences(REPLY)[1:]
    assert synthesizer.worker.requests == before + 3


def test_blank_text_gives_no_chunks(synthesizer: Pyttsx3Synthesizer) -> None:
    before = synthesizer.worker.requests
    assert list(synthesizer.synthesize(" ... \n ", VoiceSettings())) == []
    assert synthesizer.worker.requests == before


def test_rate_setting_changes_the_speed(synthesizer: Pyttsx3Synthesizer) -> None:
    def seconds(rate: int) -> float:
        settings = _english(synthesizer, rate)
        chunk = _only(synthesizer.synthesize("Go to the next step now.", settings))
        return speech_seconds(chunk.pcm, chunk.rate)

    assert seconds(300) < 0.7 * seconds(120)
    assert synthesizer.default_rate == 200


def test_a_new_rate_is_in_force_from_the_very_next_request(
    synthesizer: Pyttsx3Synthesizer,
) -> None:
    """espeak-ng applies rates asynchronously; the child waits, so none lags a request behind."""
    spans: dict[int, list[float]] = {}
    for turn in range(12):
        rate = (120, 300)[turn % 2]
        chunk = _only(
            synthesizer.synthesize("Go to the next step now.", _english(synthesizer, rate))
        )
        spans.setdefault(rate, []).append(speech_seconds(chunk.pcm, chunk.rate))
    assert max(spans[300]) < 0.7 * min(spans[120]), spans


def test_voice_setting_picks_the_language(synthesizer: Pyttsx3Synthesizer) -> None:
    text = "De eerste stap is inloggen op de website."
    dutch = pick_voice(synthesizer.voices, "nl", None)
    assert dutch is not None
    as_dutch = _only(synthesizer.synthesize(text, VoiceSettings(dutch.id)))
    as_english = _only(synthesizer.synthesize(text, _english(synthesizer)))
    assert as_dutch.pcm != as_english.pcm


def test_child_killed_mid_reply_is_restarted_and_the_reply_goes_on(
    synthesizer: Pyttsx3Synthesizer,
) -> None:
    chunks = synthesizer.synthesize(REPLY, _english(synthesizer))
    next(chunks)
    pid = synthesizer.worker.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    rest = list(chunks)
    assert len(rest) == 2 and all(rms(c.pcm) > 0.02 for c in rest)
    assert synthesizer.worker.pid != pid


def test_unknown_driver_is_a_synthesis_error() -> None:
    with pytest.raises(SynthesisError, match="not available"):
        Pyttsx3Synthesizer.start("no_such_driver")


def _only(chunks: Iterator[AudioChunk]) -> AudioChunk:
    (chunk,) = list(chunks)
    return chunk
