"""Speech output with the real engine: espeak-ng via pyttsx3, WAV files, a PulseAudio null sink.

Nothing of the TTS is faked; the only fake faults are an unknown driver name and a sound server
that is not there, which is how those faults look for real.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.support.needs import need_package
from tests.support.pulse import PulseServer, wav_levels
from voice.audio.pcm import read_wav, resample
from voice.guide.loader import load_guide
from voice.guide.model import Guide
from voice.language.sentences import split_sentences
from voice.session.ports import SilentSpeaker
from voice.speech_out.contract import SynthesisError
from voice.speech_out.pyttsx3_synthesis import Pyttsx3Synthesizer
from voice.speech_out.pyttsx3_worker import TtsWorker
from voice.speech_out.speaker import SpeakerChoice, SpeechOptions, TtsSpeaker, make_speaker

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
LONG_REPLY = "This reply goes on and on, so that there is time to interrupt it. " * 12


def _guide(lang: str) -> Guide:
    return load_guide(SCRIPTS / f"amazon-chat.{lang}.yaml")


def _need_tts() -> None:
    need_package("pyttsx3")  # the project's; only the espeak-ng engine below may be missing
    try:
        TtsWorker().close()
    except SynthesisError as err:
        pytest.skip(f"no TTS engine (apt install espeak-ng): {err}")


@pytest.fixture
def files_speaker(tmp_path: Path) -> Iterator[TtsSpeaker]:
    """A muted speaker that writes every English reply to tmp_path/out."""
    _need_tts()
    choice = make_speaker(SpeechOptions(language="en", mute=True, audio_out=tmp_path / "out"))
    assert isinstance(choice.speaker, TtsSpeaker), choice.notice
    yield choice.speaker
    choice.speaker.close()


@pytest.fixture
def sink_speaker(pulse_server: PulseServer) -> Iterator[tuple[PulseServer, TtsSpeaker]]:
    """An English speaker playing into the private server's ``speaker`` null sink."""
    _need_tts()
    with pulse_server.activated(sink="speaker"):  # the player processes inherit the variables
        choice = make_speaker(SpeechOptions(language="en"))
        assert isinstance(choice.speaker, TtsSpeaker) and choice.speaker.player == "pacat"
        yield pulse_server, choice.speaker
        choice.speaker.close()


def test_sentences_are_cut_for_streaming() -> None:
    text = "Step 2. Open the app. Tap the menu!\n1. First thing to do.\n..."
    assert split_sentences(text) == [
        "Step 2. Open the app.", "Tap the menu!", "1. First thing to do. ..."
    ]  # fmt: skip
    assert split_sentences(" ... ") == []


def test_audio_out_wav_is_speech_of_plausible_length(files_speaker: TtsSpeaker) -> None:
    text = _guide("en").steps[0].text
    wav = files_speaker.say(text)
    assert wav is not None and wav.name == "reply-0001.wav"
    assert files_speaker.wait(30)
    levels = wav_levels(wav)
    assert levels.peak > 0.3 and levels.rms > 0.02
    seconds_per_char = levels.voiced / len(text)  # espeak-ng at 200 wpm: ~0.06 s a character
    assert 0.03 < seconds_per_char < 0.12, levels
    assert files_speaker.say("Second reply.") == wav.with_name("reply-0002.wav")


def test_dutch_guide_gets_a_dutch_voice(tmp_path: Path) -> None:
    """The WAV is espeak-ng's own Dutch rendering of the text, not its English one."""
    _need_tts()
    guide = _guide("nl")
    text = split_sentences(guide.steps[0].text)[0]
    choice = make_speaker(SpeechOptions(language=guide.language, mute=True, audio_out=tmp_path))
    wav = choice.speaker.say(text)
    assert wav is not None and choice.speaker.wait(30)
    choice.speaker.close()
    similarity = {}
    for voice in ("nl", "en"):
        ref = tmp_path / f"ref-{voice}.wav"
        espeak = ["espeak-ng", "-s", "200", "-v", voice, "-w", str(ref), text]
        subprocess.run(espeak, check=True, timeout=60)
        similarity[voice] = _correlation(read_wav(wav).pcm, read_wav(ref).pcm)
    assert similarity["nl"] > 0.7 and similarity["en"] < 0.3, similarity


def _correlation(first: bytes, second: bytes) -> float:
    size = min(len(first), len(second)) // 2
    a, b = (np.frombuffer(pcm[: size * 2], "<i2").astype(float) for pcm in (first, second))
    return float(np.corrcoef(a, b)[0, 1])


def test_round_trip_english_step_is_recognised_by_pocketsphinx(tmp_path: Path) -> None:
    """pocketsphinx's own US English model hears the step's key words in the spoken reply."""
    pocketsphinx = need_package("pocketsphinx")
    _need_tts()
    options = SpeechOptions(voice="en-us", rate=140, mute=True, audio_out=tmp_path)
    speaker = make_speaker(options).speaker
    step = _guide("en").steps[4]
    wav = speaker.say(f"{step.title}. {step.text}")
    assert wav is not None and speaker.wait(30)
    speaker.close()
    clip = read_wav(wav)
    decoder = pocketsphinx.Decoder(samprate=16000)
    decoder.start_utt()
    decoder.process_raw(resample(clip.pcm, clip.rate, 16000), full_utt=True)
    decoder.end_utt()
    heard = set(decoder.hyp().hypstr.split()) if decoder.hyp() else set()
    key_words = {"explain", "problem", "representative", "customer", "service", "chat",
                 "window", "clear", "concise", "understand", "connected"}  # fmt: skip
    assert len(key_words & heard) >= 3, heard


def test_reply_reaches_the_sound_device(sink_speaker: tuple[PulseServer, TtsSpeaker]) -> None:
    server, speaker = sink_speaker
    recording = server.start_recording("speaker")
    speaker.say("Open the Amazon app. Then tap the menu in the bottom right corner.")
    assert speaker.speaking
    assert speaker.wait(30)
    levels = wav_levels(recording.stop())
    assert levels.peak > 0.3
    assert 2.5 < levels.voiced < 6.0, levels


def test_stop_interrupts_a_long_reply_at_once(sink_speaker: tuple[PulseServer, TtsSpeaker]) -> None:
    server, speaker = sink_speaker
    recording = server.start_recording("speaker")
    speaker.say(LONG_REPLY)
    time.sleep(1.5)
    started = time.monotonic()
    speaker.stop()
    assert speaker.wait(5)
    assert time.monotonic() - started < 1.0
    assert not speaker.speaking
    time.sleep(0.5)
    levels = wav_levels(recording.stop())
    assert 0.8 < levels.voiced < 2.5, levels  # the full reply would be ~40 s


def test_two_hundred_replies_in_a_row_never_hang(pulse_server: PulseServer, tmp_path: Path) -> None:
    """Each reply interrupts the one before, as a fast talker would; every one gets its WAV."""
    _need_tts()
    with pulse_server.activated(sink="speaker"):
        choice = make_speaker(SpeechOptions(language="en", audio_out=tmp_path))
        speaker = choice.speaker
        assert isinstance(speaker, TtsSpeaker) and speaker.player == "pacat"
        started = time.monotonic()
        paths = [speaker.say(f"Reply number {n}. Go to the next step.") for n in range(200)]
        assert speaker.wait(120), "speaker still busy after 120 s"
        elapsed = time.monotonic() - started
        speaker.close()
    assert all(p is not None and p.stat().st_size > 10_000 for p in paths)
    assert elapsed < 120


def test_dead_engine_is_restarted_and_the_session_goes_on(files_speaker: TtsSpeaker) -> None:
    synthesizer = files_speaker.synthesizer
    assert isinstance(synthesizer, Pyttsx3Synthesizer)
    worker = synthesizer.worker
    assert worker.pid is not None
    os.kill(worker.pid, signal.SIGKILL)
    wav = files_speaker.say("Still here after the engine died.")
    assert wav is not None and files_speaker.wait(30)
    assert wav_levels(wav).voiced > 1.0


def test_unknown_driver_falls_back_to_silence_with_a_notice() -> None:
    choice = make_speaker(SpeechOptions(driver="no_such_driver"))
    assert isinstance(choice.speaker, SilentSpeaker)
    assert choice.notice and "not available" in choice.notice and "printed only" in choice.notice
    assert choice.speaker.say("anything") is None and choice.speaker.wait(0)


def test_no_sound_server_falls_back_with_a_notice(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _need_tts()
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/no-such-socket")
    choice = make_speaker(SpeechOptions(language="en"))
    choice.speaker.close()
    if not isinstance(choice.speaker, SilentSpeaker):
        pytest.skip("ALSA plays on a real sound card here")
    assert choice.notice and "no audio output device" in choice.notice


def test_mute_without_audio_out_is_silent() -> None:
    choice = make_speaker(SpeechOptions(mute=True))
    assert choice == SpeakerChoice(choice.speaker, None)
    assert isinstance(choice.speaker, SilentSpeaker)


def test_slower_takes_effect_from_the_next_reply(files_speaker: TtsSpeaker) -> None:
    text = "Go to the next step now."
    normal = files_speaker.say(text)
    assert normal is not None and files_speaker.wait(30)
    files_speaker.adjust_rate(0.5)
    assert files_speaker.rate == 100  # half of pyttsx3's default 200 wpm
    slow = files_speaker.say(text)
    assert slow is not None and files_speaker.wait(30)
    assert wav_levels(slow).voiced > 1.6 * wav_levels(normal).voiced


def test_callers_on_many_threads_never_break_the_queue(files_speaker: TtsSpeaker) -> None:
    """say/stop/speaking/adjust_rate from four threads at once: no error, no hang, every WAV."""
    paths: list[Path | None] = []
    errors: list[BaseException] = []

    def caller(number: int) -> None:
        try:
            for turn in range(15):
                paths.append(files_speaker.say(f"Caller {number}, reply {turn}. Next step."))
                files_speaker.adjust_rate(1.1 if turn % 2 else 1 / 1.1)
                if turn % 3 == 0:
                    files_speaker.stop()
                assert files_speaker.speaking is False  # muted: never speaking
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=caller, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and not any(thread.is_alive() for thread in threads)
    assert files_speaker.wait(60)
    assert len(paths) == 60 and len({p for p in paths if p}) == 60
    assert all(p is not None and wav_levels(p).voiced > 0.5 for p in paths)
