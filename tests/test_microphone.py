"""Endpointing and device listing, on real espeak-ng speech cut into 20 ms chunks as a mic would.

The half-duplex and barge-in behaviour with a real device and a real recogniser is tested in
tests/test_acoustic_loop.py (PulseAudio null sinks).
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.support.logged import Logged
from tests.support.needs import need_package
from tests.support.pulse import PulseServer
from tests.support.voice_loop import command_wav
from tests.support.waiting import join, within
from voice.audio.devices import MicDevice, list_microphones, mics_lines
from voice.audio.microphone import (
    TRAILING,
    Chunk,
    Endpointer,
    MicConfig,
    MicStream,
    Utterance,
)
from voice.audio.pcm import Clip, read_wav, resample, write_wav
from voice.audio.vad import Detector
from voice.errors import SpeechError
from voice.guide.bundled import DEFAULT_GUIDE
from voice.guide.loader import load_guide
from voice.session.ports import Heard
from voice.speech_in.contract import Recognizer
from voice.speech_in.mic_listener import MicListener, barge_in_checker
from voice.speech_in.selection import EngineChoice, open_recognizer

RATE = 44_100
CHUNK = RATE * 20 // 1000

LISTEN_TIMEOUT = 30.0
"""Seconds the room's sound (at most ~10 s of "talking" and two commands) may take to be heard."""
PLAY_TIMEOUT = 60.0

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing")


def speech(tmp_path: Path, text: str) -> bytes:
    """``text`` spoken by espeak-ng, at the 44.1 kHz a typical microphone delivers."""
    wav = tmp_path / "say.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), text], check=True, timeout=30)
    clip = read_wav(wav)
    return resample(clip.pcm, clip.rate, RATE)


def silence(seconds: float, noise: float = 0.0) -> bytes:
    rng = np.random.default_rng(1)
    samples = rng.normal(0, noise, int(seconds * RATE)) if noise else np.zeros(int(seconds * RATE))
    return (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()


def run(endpointer: Endpointer, pcm: bytes) -> list[tuple[Utterance, float]]:
    """Feed ``pcm`` chunk by chunk with a clock of its own; (utterance, time it was returned)."""
    found = []
    step = CHUNK * 2
    for i in range(0, len(pcm) - step + 1, step):
        now = (i + step) / 2 / RATE
        utterance = endpointer.feed(Chunk(pcm[i : i + step], now))
        if utterance is not None:
            found.append((utterance, now))
    return found


def test_one_command_is_cut_out_after_the_closing_pause(tmp_path: Path) -> None:
    said = speech(tmp_path, "next step")
    config = MicConfig()
    found = run(Endpointer(config, RATE), silence(0.5) + said + silence(1.0))
    assert len(found) == 1
    utterance, returned = found[0]
    spoken_end = 0.5 + len(said) / 2 / RATE
    assert utterance.start == pytest.approx(0.5, abs=0.1)
    assert utterance.end <= spoken_end + 0.03
    assert returned - utterance.end == pytest.approx(config.pause_threshold, abs=0.03)
    assert len(utterance.pcm) / 2 / RATE < len(said) / 2 / RATE + 0.5


def pending_and_ended(
    endpointer: Endpointer, pcm: bytes
) -> tuple[list[tuple[Utterance, float]], list[tuple[Utterance, float]]]:
    """Feed ``pcm`` as ``run`` does: what ``pending`` announced and what ``feed`` cut, with
    the time each was given."""
    pending, ended = [], []
    step = CHUNK * 2
    for i in range(0, len(pcm) - step + 1, step):
        now = (i + step) / 2 / RATE
        utterance = endpointer.feed(Chunk(pcm[i : i + step], now))
        early = endpointer.pending()
        ended += [(utterance, now)] if utterance else []
        pending += [(early, now)] if early else []
    return pending, ended


def test_the_pending_utterance_is_the_one_the_closing_pause_ends(tmp_path: Path) -> None:
    """Announced once, ``TRAILING`` into the pause: the same audio and times as the cut."""
    said = speech(tmp_path, "go to step three")
    pcm = silence(0.5) + said + silence(1.0)
    pending, ended = pending_and_ended(Endpointer(MicConfig(), RATE), pcm)
    assert len(ended) == 1 and [u for u, _ in pending] == [u for u, _ in ended]
    (utterance, cut), (_, announced) = ended[0], pending[0]
    assert announced == pytest.approx(utterance.end + TRAILING, abs=0.001)
    assert cut - announced == pytest.approx(MicConfig().pause_threshold - TRAILING, abs=0.001)


def voiced_part(pcm: bytes) -> bytes:
    """espeak-ng's speech without the ~0.3 s of silence it ends with."""
    loud = np.flatnonzero(np.abs(np.frombuffer(pcm, "<i2")) > 300)
    return pcm[: (int(loud[-1]) + 1) * 2]


def test_speech_resuming_in_the_pause_ends_a_longer_utterance(tmp_path: Path) -> None:
    """A pause of 0.2 s inside a command: announced as pending, then not the one that ends."""
    go, three = voiced_part(speech(tmp_path, "go to")), speech(tmp_path, "step three")
    pcm = silence(0.3) + go + silence(0.2) + three + silence(1.0)
    pending, ended = pending_and_ended(Endpointer(MicConfig(), RATE), pcm)
    assert len(ended) == 1 and len(pending) == 2
    (early, _), (final, _), (utterance, _) = *pending, ended[0]
    assert final == utterance and early != utterance
    assert utterance.pcm.startswith(early.pcm)


def test_two_commands_with_a_gap_are_two_utterances(tmp_path: Path) -> None:
    first, second = speech(tmp_path, "repeat"), speech(tmp_path, "go to step three")
    found = run(Endpointer(MicConfig(), RATE), first + silence(0.7) + second + silence(0.5))
    assert len(found) == 2


@pytest.mark.parametrize("text", ["go to step three", "stop"])
def test_in_a_quiet_room_silero_energy_ends_speech_where_the_energy_rule_does(
    tmp_path: Path, text: str
) -> None:
    """Silero's own end of speech comes later (its memory), the energy rule's is kept."""
    pcm = silence(0.5) + speech(tmp_path, text) + silence(1.0)
    ends = {}
    for vad in (Detector.ENERGY, Detector.SILERO_ENERGY, Detector.SILERO):
        found = run(Endpointer(MicConfig(vad=vad), RATE), pcm)
        assert len(found) == 1
        ends[vad] = (found[0][0].end, found[0][1])
    assert ends[Detector.SILERO_ENERGY] == ends[Detector.ENERGY]
    assert ends[Detector.SILERO][1] > ends[Detector.ENERGY][1] + 0.05


def chunks(pcm: bytes, at: float, muted: bool = False) -> list[Chunk]:
    step = CHUNK * 2
    return [
        Chunk(pcm[i : i + step], at + (i + step) / 2 / RATE, muted)
        for i in range(0, len(pcm) - step + 1, step)
    ]


def lead_of(utterance: Utterance) -> float:
    """Seconds of silence the utterance's audio starts with."""
    loud = np.flatnonzero(np.abs(np.frombuffer(utterance.pcm, "<i2")) > 300)
    return float(loud[0]) / RATE


def test_the_calibration_audio_leads_a_first_word_said_at_once(tmp_path: Path) -> None:
    """Without it a "stop" said at once began with its "s", and pocketsphinx's first decode of
    a session heard "stock" in one run of three to ten."""
    endpointer = Endpointer(MicConfig(), RATE)
    endpointer.calibrate(silence(0.4), chunks(silence(0.4), 0.0))
    found = run(endpointer, speech(tmp_path, "stop") + silence(1.0))
    assert len(found) == 1 and lead_of(found[0][0]) >= MicConfig().non_speaking_duration


def test_a_restart_keeps_the_room_before_but_not_the_assistants_voice(tmp_path: Path) -> None:
    said = speech(tmp_path, "stop") + silence(1.0)
    endpointer = Endpointer(MicConfig(), RATE)
    for chunk in chunks(silence(0.5), 0.0):  # the room, before the assistant talks
        endpointer.feed(chunk)
    endpointer.restart()
    assert lead_of(run(endpointer, said)[0][0]) >= MicConfig().non_speaking_duration
    for chunk in chunks(silence(0.5, noise=0.001), 0.0, muted=True):  # its fading voice
        endpointer.feed(chunk)
    endpointer.restart()
    assert lead_of(run(endpointer, said)[0][0]) < 0.03


def test_clicks_are_not_utterances() -> None:
    click = (np.ones(int(0.04 * RATE)) * 0.5 * 32767).astype("<i2").tobytes()
    assert run(Endpointer(MicConfig(), RATE), silence(0.3) + click + silence(0.6)) == []


def test_threshold_calibrated_on_noise_ignores_it_but_hears_speech(tmp_path: Path) -> None:
    endpointer = Endpointer(MicConfig(), RATE)
    endpointer.calibrate(silence(0.4, noise=0.03))
    assert endpointer.threshold > 0.05
    noisy = silence(1.0, noise=0.03)
    assert run(endpointer, noisy) == []
    said = np.frombuffer(speech(tmp_path, "stop"), "<i2").astype(np.int32)
    noise = np.frombuffer(silence(len(said) / RATE, noise=0.03), "<i2")[: len(said)]
    mixed = np.clip(said + noise, -32768, 32767).astype("<i2").tobytes()
    assert len(run(endpointer, mixed + noisy)) == 1


def test_overlong_speech_is_cut_at_the_limit(tmp_path: Path) -> None:
    said = speech(tmp_path, "this is a long sentence " * 6)
    config = MicConfig(max_utterance=2.0)
    found = run(Endpointer(config, RATE), said)
    assert found
    first, _ = found[0]
    assert first.end - first.start == pytest.approx(2.0, abs=0.1)


def test_reset_drops_a_half_heard_utterance(tmp_path: Path) -> None:
    said = speech(tmp_path, "previous step")
    endpointer = Endpointer(MicConfig(), RATE)
    half = len(said) // 2 - len(said) // 2 % 2
    assert run(endpointer, said[:half]) == []
    endpointer.reset()
    found = run(endpointer, silence(0.5))
    assert found == []


def test_mics_lines_mark_the_default_and_say_when_there_is_none() -> None:
    lines = mics_lines([MicDevice(0, "pulse", 44100), MicDevice(1, "default", 48000, True)])
    assert lines == ["  0  pulse  (44100 Hz)", "  1  default  (48000 Hz)  [default]"]
    assert "text mode" in mics_lines([])[0]


class TalkingWindow:
    """Stands in for the Speaker's ``speaking`` flag (the Speaker is not under test here)."""

    def __init__(self) -> None:
        self.until = 0.0

    def talk_for(self, seconds: float) -> None:
        self.until = time.monotonic() + seconds

    @property
    def speaking(self) -> bool:
        return time.monotonic() < self.until


@pytest.fixture
def english_recognizer() -> Iterator[Recognizer]:
    need_package("pocketsphinx")
    guide = load_guide(DEFAULT_GUIDE)
    recognizer = open_recognizer(EngineChoice("pocketsphinx", "en"), guide)
    yield recognizer
    recognizer.close()


def _listen_to_the_room(
    pulse_server: PulseServer,
    recognizer: Recognizer,
    talking: TalkingWindow,
    room: Callable[[], None],
) -> Heard | None:
    """The first utterance the microphone listener takes while ``room`` plays into the room."""
    guide = load_guide(DEFAULT_GUIDE)
    with pulse_server.activated(sink="speaker", source="room.monitor"):
        listener = MicListener(recognizer, talking, barge_in_checker(guide))
        try:
            player = threading.Thread(target=room, daemon=True)
            player.start()
            # A missed utterance must fail the test, not block it: listen() has no timeout.
            heard = within(LISTEN_TIMEOUT, "listening to the room", listener.listen, listener.close)
            join(player, PLAY_TIMEOUT, "playing into the room")
        finally:
            listener.close()
    return heard


@pytest.mark.audio
def test_half_duplex_ignores_speech_while_talking_then_hears_the_next_command(
    pulse_server: PulseServer, english_recognizer: Recognizer, tmp_path: Path
) -> None:
    talking = TalkingWindow()
    echo, command = (command_wav(t, tmp_path) for t in ("go to step three", "repeat"))

    def room() -> None:
        talking.talk_for(2.5)
        pulse_server.play(echo, sink="room")  # heard while "talking": its own voice
        time.sleep(max(0.0, talking.until + 0.4 - time.monotonic()))
        pulse_server.play(command, sink="room")  # said right after the reply

    heard = _listen_to_the_room(pulse_server, english_recognizer, talking, room)
    assert heard is not None and heard.text == "repeat"
    assert heard.end_time is not None and time.monotonic() - heard.end_time < 2.0


@pytest.mark.audio
def test_barge_in_stop_is_heard_while_talking(
    pulse_server: PulseServer, english_recognizer: Recognizer, tmp_path: Path
) -> None:
    talking = TalkingWindow()
    stop = command_wav("stop", tmp_path)

    def room() -> None:
        talking.talk_for(10.0)
        pulse_server.play(stop, sink="room")

    heard = _listen_to_the_room(pulse_server, english_recognizer, talking, room)
    assert heard is not None and heard.text == "stop"
    assert talking.speaking  # it came while the assistant was still talking


@pytest.mark.audio
def test_a_command_is_decoded_once_while_its_closing_pause_runs(
    pulse_server: PulseServer, english_recognizer: Recognizer, tmp_path: Path
) -> None:
    """The early decode is the one used: no second decode after the pause."""
    logged = Logged(english_recognizer)
    command = command_wav("go to step three", tmp_path)
    room = lambda: pulse_server.play(command, sink="room")  # noqa: E731
    heard = _listen_to_the_room(pulse_server, logged, TalkingWindow(), room)
    assert heard is not None and heard.text == "go to step three"
    assert len(logged.decoded) == 1


@pytest.mark.audio
def test_speech_resuming_in_the_pause_drops_the_early_decode(
    pulse_server: PulseServer, english_recognizer: Recognizer, tmp_path: Path
) -> None:
    """ "go to", 0.2 s of silence (early decode starts), "step three": the whole is heard."""
    go, three = (read_wav(command_wav(text, tmp_path)) for text in ("go to", "step three"))
    gap = bytes(int(0.2 * go.rate) * 2)
    command = tmp_path / "gap.wav"
    write_wav(command, Clip(voiced_part(go.pcm) + gap + three.pcm, go.rate))
    logged = Logged(english_recognizer)
    room = lambda: pulse_server.play(command, sink="room")  # noqa: E731
    heard = _listen_to_the_room(pulse_server, logged, TalkingWindow(), room)
    assert heard is not None and heard.text == "go to step three"
    assert len(logged.decoded) == 2
    assert logged.decoded[1].startswith(logged.decoded[0])  # the same start, then more


@pytest.mark.audio
def test_a_missing_microphone_is_one_line(pulse_server: PulseServer) -> None:
    with pulse_server.activated(source="room.monitor"), pytest.raises(SpeechError) as caught:
        MicStream(MicConfig(device=99), None)
    assert str(caught.value).startswith("no microphone 99:")
    assert "\n" not in str(caught.value)


@pytest.mark.audio
def test_mics_lists_the_pulse_devices(pulse_server: PulseServer) -> None:
    with pulse_server.activated(source="room.monitor"):
        devices = list_microphones()
    names = [d.name for d in devices]
    assert "pulse" in names or "default" in names
    assert sum(d.default for d in devices) == 1
    assert all(d.rate > 0 for d in devices)


def test_noise_during_the_assistants_speech_does_not_raise_the_threshold() -> None:
    endpointer = Endpointer(MicConfig(), RATE)
    hum = silence(0.02, noise=0.004)
    for _ in range(200):
        endpointer.feed(Chunk(hum, 0.0, muted=True))
    assert endpointer.ambient == 0.0
    for _ in range(200):
        endpointer.feed(Chunk(hum, 0.0, muted=False))
    assert endpointer.ambient > 0.003
