"""The two outputs of a speaker, each owning its failures: WAV files (real files, a directory
that turns into a plain file under them) and the sound device (a private PulseAudio null sink,
stopped under a playing reply for the lost-device case). The audio is real espeak-ng speech."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from tests.support.pulse import PulseServer, wav_levels
from tests.support.synth import have_espeak, speak
from voice.audio.pcm import Clip, read_wav
from voice.audio.playback import PACAT, PlayerCommand
from voice.audio.wav_out import WavDirectory
from voice.speech_out.outputs import SoundOutput, WavOutput, open_outputs

SENTENCE = "Open the Amazon app, then tap the menu in the bottom right corner."


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Clip:
    """About four seconds of real espeak-ng speech at 22050 Hz."""
    if not have_espeak():
        pytest.skip("espeak-ng is not installed")
    return read_wav(speak(SENTENCE, "en-us", 160, tmp_path_factory.mktemp("speech")))


def test_wav_output_numbers_and_writes_whole_replies(tmp_path: Path, speech: Clip) -> None:
    reports: list[str] = []
    files = WavOutput(WavDirectory(tmp_path), reports.append)
    first, second = files.reserve(), files.reserve()
    assert first is not None and second is not None
    assert (first.name, second.name) == ("reply-0001.wav", "reply-0002.wav")
    files.write(first, speech.pcm, speech.rate)
    assert read_wav(first) == speech and files.alive and reports == []


def test_wav_output_off_without_a_directory(speech: Clip, tmp_path: Path) -> None:
    files = WavOutput(None, pytest.fail)
    assert files.reserve() is None and not files.alive
    files.write(tmp_path / "x.wav", speech.pcm, speech.rate)
    assert not (tmp_path / "x.wav").exists()


def test_unwritable_wav_directory_is_reported_once(tmp_path: Path, speech: Clip) -> None:
    reports: list[str] = []
    files = WavOutput(WavDirectory(tmp_path / "out"), reports.append)
    paths = [files.reserve(), files.reserve()]
    shutil.rmtree(tmp_path / "out")
    (tmp_path / "out").write_text("not a directory")  # every write under it now fails
    for path in paths:
        assert path is not None
        files.write(path, speech.pcm, speech.rate)
    assert len(reports) == 1 and "cannot write" in reports[0] and "reply-0001.wav" in reports[0]
    assert not files.alive and files.reserve() is None


def test_muted_sound_output_does_nothing(speech: Clip) -> None:
    sound = SoundOutput(None, speech.rate, pytest.fail)
    cancelled = threading.Event()
    sound.begin(cancelled)
    sound.feed(speech.pcm)
    sound.finish()
    sound.end()
    sound.kill()
    assert sound.name is None and not sound.alive


@pytest.mark.audio
def test_sound_output_plays_a_reply_on_the_device(pulse_server: PulseServer, speech: Clip) -> None:
    with pulse_server.activated(sink="speaker"):
        sound = SoundOutput(PACAT, speech.rate, pytest.fail)
        recording = pulse_server.start_recording("speaker")
        sound.begin(threading.Event())
        sound.feed(speech.pcm)
        sound.finish()
        sound.end()
    levels = wav_levels(recording.stop())
    assert levels.peak > 0.3 and abs(levels.voiced - speech.seconds) < 1.0, levels
    assert sound.name == "pacat"


@pytest.mark.audio
def test_kill_from_another_thread_silences_at_once(pulse_server: PulseServer, speech: Clip) -> None:
    with pulse_server.activated(sink="speaker"):
        sound = SoundOutput(PACAT, speech.rate, pytest.fail)
        cancelled = threading.Event()
        recording = pulse_server.start_recording("speaker")
        sound.begin(cancelled)

        def play() -> None:
            sound.feed(speech.pcm * 3)
            sound.finish()

        feeder = threading.Thread(target=play)
        feeder.start()
        time.sleep(1.0)
        cancelled.set()
        sound.kill()
        feeder.join(timeout=2.0)
        assert not feeder.is_alive()
        sound.end()
        time.sleep(0.5)
    levels = wav_levels(recording.stop())
    assert 0.5 < levels.voiced < 2.0, levels  # all of it would be ~12 s
    assert sound.alive  # a stop is not a failure


@pytest.mark.audio
def test_lost_sound_server_mutes_with_one_notice_and_files_go_on(
    pulse_server: PulseServer, speech: Clip, tmp_path: Path
) -> None:
    reports: list[str] = []
    with pulse_server.activated(sink="speaker"):
        outputs = open_outputs(PACAT, WavDirectory(tmp_path), speech.rate, reports.append)
        outputs.sound.begin(threading.Event())
        outputs.sound.feed(speech.pcm[: speech.rate])  # half a second, then the server dies
        pulse_server.stop()
        for _ in range(3):
            outputs.sound.feed(speech.pcm)
        outputs.sound.finish()
        outputs.sound.end()
        outputs.sound.begin(threading.Event())  # the next reply does not try the device again
        outputs.sound.end()
    assert len(reports) == 1, reports
    assert reports[0].startswith("sound output failed (pacat")
    assert reports[0].endswith("; writing WAV files only")
    assert not outputs.sound.alive and outputs.sound.name is None
    path = outputs.files.reserve()
    assert path is not None
    outputs.files.write(path, speech.pcm, speech.rate)
    assert read_wav(path) == speech


def test_lost_sound_without_files_says_replies_are_printed_only(speech: Clip) -> None:
    if shutil.which("pacat") is None:
        pytest.skip("pacat is not installed (apt install pulseaudio-utils)")
    reports: list[str] = []
    outputs = open_outputs(PACAT, None, speech.rate, reports.append)
    with pytest.MonkeyPatch.context() as patch:  # a server that is not there: pacat fails
        patch.setenv("PULSE_SERVER", "unix:/nonexistent/voice-guide-test")
        outputs.sound.begin(threading.Event())
        outputs.sound.feed(speech.pcm)
        outputs.sound.finish()
        outputs.sound.end()
    assert len(reports) == 1 and reports[0].endswith("; replies are printed only"), reports


def _stalling_player(flag: Path) -> PlayerCommand:
    """A real player process that stops itself (SIGSTOP) while ``flag`` does not exist yet,
    so its pipe fills and it stops taking audio, the way a hung or CPU-starved device does;
    once ``flag`` exists it plays into nowhere (reads all its input)."""
    script = f'if [ -e "{flag}" ]; then cat >/dev/null; else kill -STOP $$; fi'
    return PlayerCommand("stuck", lambda rate: ["sh", "-c", script])


def _play(sound: SoundOutput, pcm: bytes) -> None:
    sound.begin(threading.Event())
    sound.feed(pcm)
    sound.finish()
    sound.end()


def test_one_stalled_reply_is_cut_and_the_next_reply_plays(speech: Clip, tmp_path: Path) -> None:
    lost: list[str] = []
    notes: list[str] = []
    flag = tmp_path / "unstuck"
    sound = SoundOutput(_stalling_player(flag), speech.rate, lost.append, notes.append)
    _play(sound, speech.pcm * 3)  # more than the pipe holds
    flag.touch()
    _play(sound, speech.pcm)
    stalled = "sound output stalled (stuck stopped taking audio (device hung?))"
    assert notes == [f"{stalled}; the next reply tries again"]
    assert lost == [] and sound.alive


def test_a_player_that_stalls_twice_in_a_row_is_given_up(speech: Clip, tmp_path: Path) -> None:
    lost: list[str] = []
    notes: list[str] = []
    sound = SoundOutput(
        _stalling_player(tmp_path / "never"), speech.rate, lost.append, notes.append
    )
    _play(sound, speech.pcm * 3)
    _play(sound, speech.pcm * 3)
    _play(sound, speech.pcm)  # not tried again
    assert len(notes) == 1 and lost == [
        "sound output failed (stuck stopped taking audio (device hung?))"
    ]
    assert not sound.alive
