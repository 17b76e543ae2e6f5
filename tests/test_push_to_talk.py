"""Push to talk: the gate read from key-press times (pure), the audio it lets through on real
espeak-ng speech cut into microphone chunks, the option's refusals, and the microphone missing.

The real program in a terminal, with a microphone and the space key typed into it, is in
tests/test_push_to_talk_loop.py.
"""

from __future__ import annotations

import io
import os
import queue
import shutil
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
import pytest

from tests.support.live_cli import REPO
from tests.support.terminal import TerminalApp, canonical
from voice.audio.microphone import Chunk, Endpointer, MicConfig, Utterance
from voice.audio.pcm import read_wav, resample
from voice.audio.push_to_talk import (
    Keys,
    PushConfig,
    PushedAudio,
    PushGate,
    PushState,
    pressed,
    status,
)
from voice.audio.vad import Detector
from voice.session.push_keys import HINT, INTRO, LISTENING, SpaceKey

CONFIG = PushConfig()
GAP = CONFIG.repeat_gap


def keys_after(times: Iterable[float], keys: Keys | None = None) -> Keys:
    """The gate's state after presses at ``times``."""
    keys = keys or Keys()
    for at in times:
        keys = pressed(keys, at, CONFIG)
    return keys


def hold(start: float, release: float, delay: float = 0.5, every: float = 0.033) -> list[float]:
    """The presses a held key sends: one, the repeat delay, then a repeat every ``every`` s."""
    return [start, *np.arange(start + delay, release, every).tolist()]


def state_at(keys: Keys, at: float) -> PushState:
    return status(keys.push, at, CONFIG).state


# --- the gate: key presses in, push state out ---------------------------------------------------


def test_no_press_no_push() -> None:
    assert state_at(Keys(), 5.0) is PushState.IDLE


def test_a_tap_listens_until_the_endpointer_ends_it_or_the_limit() -> None:
    keys = keys_after([1.0])
    assert state_at(keys, 0.9) is PushState.IDLE  # audio from before the press is not the push
    assert state_at(keys, 1.0) is PushState.OPEN
    assert state_at(keys, 1.0 + CONFIG.max_push - 0.01) is PushState.OPEN
    late = status(keys.push, 1.0 + CONFIG.max_push + 1, CONFIG)
    assert (late.state, late.end) == (PushState.ENDED, 1.0 + CONFIG.max_push)


def test_a_second_tap_cuts_the_push_at_that_tap() -> None:
    keys = keys_after([1.0, 3.0])
    assert state_at(keys, 2.9) is PushState.OPEN
    assert state_at(keys, 3.0 + GAP / 2) is PushState.OPEN  # a tap or the start of a hold
    cut = status(keys.push, 3.0 + GAP + 0.01, CONFIG)
    assert (cut.state, cut.end) == (PushState.ENDED, 3.0)


@pytest.mark.parametrize("delay", [0.25, 0.5, 0.66])
@pytest.mark.parametrize("every", [0.02, 0.033, 0.1])
def test_a_held_key_keeps_the_push_open_until_the_repeats_end(delay: float, every: float) -> None:
    """Terminals' repeat delays (250-660 ms) and rates (10-50 per second)."""
    presses = hold(1.0, 4.0, delay, every)
    keys = keys_after(presses)
    assert state_at(keys, 2.0) is PushState.HELD
    assert state_at(keys, 1.1) is PushState.HELD  # known afterwards: it was held from the start
    released = status(keys.push, presses[-1] + GAP + 0.01, CONFIG)
    assert (released.state, released.end) == (PushState.ENDED, presses[-1])


def test_tap_then_hold_ends_at_the_release() -> None:
    keys = keys_after([1.0, *hold(2.0, 3.0)])
    assert state_at(keys, 2.8) is PushState.HELD
    assert status(keys.push, 3.5, CONFIG).end == pytest.approx(3.0, abs=0.05)


def test_a_fresh_press_after_an_ended_push_opens_the_next_one() -> None:
    keys = keys_after([1.0, 3.0, 5.0])
    assert keys.push is not None and keys.push.start == 5.0
    assert state_at(keys, 5.1) is PushState.OPEN


def test_a_stuck_key_ends_at_the_limit_and_its_repeats_open_nothing() -> None:
    presses = hold(0.0, CONFIG.max_push + 5)
    keys = keys_after(presses)
    assert status(keys.push, presses[-1], CONFIG).end == CONFIG.max_push
    assert keys.push is not None and keys.push.start == 0.0


def test_the_gate_says_which_press_opened_a_push_and_forgets_a_finished_one() -> None:
    gate = PushGate()
    opened = [gate.press(t) for t in hold(1.0, 2.0)]
    assert opened[0] and not any(opened[1:])
    push, now = gate.look(1.5)
    assert push is not None and now.state is PushState.HELD
    gate.finish(push)
    assert gate.look(1.5) == (None, status(None, 1.5, CONFIG))
    assert not gate.press(2.01)  # the same hold's repeats, after its utterance was taken
    assert gate.press(3.0)


def test_finishing_an_old_push_leaves_the_new_one_alone() -> None:
    gate = PushGate()
    gate.press(1.0)
    old, _ = gate.look(1.0)
    gate.press(3.0)
    gate.press(6.0)  # the second tap ended it at 3.0; this one opens the next push
    assert old is not None
    gate.finish(old)
    current, now = gate.look(6.1)
    assert current is not None and current.start == 6.0 and now.state is PushState.OPEN


# --- the audio let through: real speech, cut into 20 ms chunks ----------------------------------

RATE = 16_000
MIC = MicConfig()
CHUNK_BYTES = RATE * MIC.chunk_ms // 1000 * 2


@pytest.fixture(scope="module")
def said(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    into = tmp_path_factory.mktemp("said")
    clips = {}
    for text in ("go to", "step four", "next step"):
        wav = into / f"{text.replace(' ', '_')}.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(wav), text], check=True, timeout=30)
        clip = read_wav(wav)
        clips[text] = resample(clip.pcm, clip.rate, RATE)
    return clips


def quiet(seconds: float, noise: float = 0.0) -> bytes:
    rng = np.random.default_rng(7)
    count = int(seconds * RATE)
    samples = rng.normal(0, noise, count) if noise else np.zeros(count)
    return (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()


def mix(a: bytes, b: bytes) -> bytes:
    """``b`` laid over the start of ``a`` (the room's noise under the speech)."""
    x, y = np.frombuffer(a, "<i2").astype(np.int32), np.frombuffer(b, "<i2").astype(np.int32)
    x[: len(y)] += y[: len(x)]
    return np.clip(x, -32768, 32767).astype("<i2").tobytes()


def drive(
    pcm: bytes,
    presses: Sequence[float],
    noise_floor: bytes = b"",
    muted_until: float = 0.0,
    mic: MicConfig = MIC,
) -> tuple[list[tuple[Utterance, float]], PushGate, Endpointer]:
    """Feed ``pcm`` chunk by chunk on its own clock, pressing the key at ``presses`` as that
    time comes; (utterance, time it was handed over) for each push that gave one. Chunks
    before ``muted_until`` are marked as the guide talking (``Chunk.muted``)."""
    gate, endpointer = PushGate(), Endpointer(mic, RATE)
    if noise_floor:
        endpointer.calibrate(noise_floor)
    pushed, waiting, found = PushedAudio(gate, endpointer), sorted(presses), []
    for offset in range(0, len(pcm) - CHUNK_BYTES + 1, CHUNK_BYTES):
        now = (offset + CHUNK_BYTES) / 2 / RATE
        while waiting and waiting[0] <= now:
            gate.press(waiting.pop(0))
        chunk = Chunk(pcm[offset : offset + CHUNK_BYTES], now, muted=now < muted_until)
        utterance = pushed.feed(chunk)
        if utterance is not None:
            found.append((utterance, now))
    return found, gate, endpointer


def seconds(pcm: bytes) -> float:
    return len(pcm) / 2 / RATE


def test_speech_without_a_push_is_never_let_through(said: dict[str, bytes]) -> None:
    found, _, _ = drive(quiet(0.5) + said["next step"] + quiet(2.0), presses=[])
    assert found == []


def test_speech_just_before_a_tap_is_not_the_push(said: dict[str, bytes]) -> None:
    speech = said["next step"]
    found, gate, _ = drive(quiet(0.5) + speech + quiet(3.0), presses=[0.5 + seconds(speech) + 1])
    assert found == []
    push, _ = gate.look(3.0)
    assert push is not None  # the tap still listens: a later word would be heard


def test_a_tap_hands_over_the_utterance_at_the_pause(said: dict[str, bytes]) -> None:
    speech = said["next step"]
    found, gate, _ = drive(quiet(1.0) + speech + quiet(2.0), presses=[0.8])
    assert len(found) == 1
    utterance, handed = found[0]
    assert utterance.start == pytest.approx(1.0, abs=0.1)
    assert handed - utterance.end == pytest.approx(MIC.pause_threshold, abs=0.05)
    assert gate.look(handed + 0.1)[0] is None  # one push, one utterance


def test_speech_begun_as_the_key_is_pressed_is_heard_whole(said: dict[str, bytes]) -> None:
    speech = said["next step"]
    found, _, _ = drive(quiet(1.0) + speech + quiet(1.0), presses=[1.1])
    assert len(found) == 1
    assert found[0][0].start <= 1.05  # the lead before the press holds the first syllable


def test_the_reply_a_press_cuts_short_is_not_taken_for_the_person(
    said: dict[str, bytes],
) -> None:
    """With a loudspeaker the microphone hears the guide until its player has stopped and the
    room is quiet again (the muted chunks): none of that belongs to the push."""
    reply, command = said["go to"], said["next step"]
    reply_end = 0.5 + seconds(reply)
    pcm = quiet(0.5) + reply + quiet(1.0) + command + quiet(1.0)
    found, _, _ = drive(pcm, presses=[0.8], muted_until=reply_end + MIC.tail)
    assert len(found) == 1
    assert found[0][0].start == pytest.approx(reply_end + 1.0, abs=0.1)


def test_a_second_tap_cuts_the_utterance_short(said: dict[str, bytes]) -> None:
    speech = said["go to"] + said["step four"]
    cut = 1.0 + seconds(said["go to"])
    for vad in (Detector.SILERO, Detector.ENERGY):  # the energy rule last, for its floor
        mic = MicConfig(vad=vad)
        found, _, endpointer = drive(quiet(1.0) + speech + quiet(1.0), [0.9, cut], mic=mic)
        assert len(found) == 1
        utterance, handed = found[0]
        assert utterance.end <= cut + GAP + 0.03
        assert handed < cut + GAP + 0.1  # at once, not after a pause
    # The energy rule's noise floor: the closing silence did not count as the room.
    assert endpointer.ambient == 0.0


def test_a_hold_keeps_listening_through_a_pause_and_ends_at_the_release(
    said: dict[str, bytes],
) -> None:
    first, second = said["go to"], said["step four"]
    pcm = quiet(1.0) + first + quiet(1.0) + second + quiet(2.0)
    release = 1.0 + seconds(first) + 1.0 + seconds(second) + 0.3
    found, _, _ = drive(pcm, presses=hold(0.9, release))
    assert len(found) == 1, [(u.start, u.end) for u, _ in found]
    utterance, handed = found[0]
    assert handed > release  # the pause inside the hold did not end it
    assert utterance.start == pytest.approx(1.0, abs=0.1)
    # Both words are in it (either alone is under 1.5 s with its lead and trail).
    assert seconds(utterance.pcm) > seconds(first) + seconds(second) - 0.1


def test_in_a_noisy_room_a_hold_ends_at_the_release(said: dict[str, bytes]) -> None:
    """Noise louder than the energy threshold never pauses: without the key nothing is heard,
    with it the release ends the utterance."""
    speech = said["next step"]
    room = quiet(6.0, noise=0.05)
    pcm = mix(room, quiet(1.0) + speech)
    assert drive(pcm, presses=[], noise_floor=quiet(0.4, noise=0.01))[0] == []
    release = 1.0 + seconds(speech) + 0.2
    found, _, _ = drive(pcm, presses=hold(0.9, release), noise_floor=quiet(0.4, noise=0.01))
    assert len(found) == 1
    assert found[0][1] < release + GAP + 0.1


# --- the key: read from a real pseudo-terminal -------------------------------------------------


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_the_key_reader_takes_spaces_hints_at_other_keys_and_restores_the_terminal() -> None:
    master, slave = os.openpty()
    before = termios.tcgetattr(slave)
    presses: queue.Queue[float] = queue.Queue()
    pushes: queue.Queue[bool] = queue.Queue()
    notes = io.StringIO()
    gate = PushGate()

    def press(now: float) -> bool:
        presses.put(now)
        return gate.press(now)

    try:
        with open(slave, closefd=False) as terminal:
            keys = SpaceKey(
                press,
                on_push=lambda: pushes.put(True),
                notes=notes,
                stream=terminal,
            )
            keys.start()
            try:
                during = termios.tcgetattr(slave)
                assert not canonical(during), "keys must come one by one, unechoed"
                assert during[3] & termios.ISIG, "Ctrl-C must still be SIGINT"
                typed = time.monotonic()
                os.write(master, b" ")
                assert presses.get(timeout=5) == pytest.approx(typed, abs=0.5)
                assert pushes.get(timeout=5)
                os.write(master, b"x\x1b[A ")  # a letter, an arrow key, then space again
                presses.get(timeout=5)
                termios.tcsetattr(slave, termios.TCSANOW, before)  # the shell's, after Ctrl-Z, fg
                assert wait_until(lambda: not canonical(termios.tcgetattr(slave)), timeout=5)
            finally:
                keys.close()
        assert notes.getvalue().splitlines() == [LISTENING, HINT]  # one hint for both keys
        assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


# --- the option: refused without a terminal, text mode without a microphone ---------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voice", *args],
        cwd=REPO, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "line"),
    [
        ((), "voice-guide: --push-to-talk needs a terminal to read the space key from"),
        (
            ("--text",),
            "voice-guide: --push-to-talk listens to the microphone; it does not go with --text",
        ),
    ],
)
def test_push_to_talk_is_refused_in_one_line(args: tuple[str, ...], line: str) -> None:
    result = run_cli("--push-to-talk", *args)
    assert (result.returncode, result.stderr.splitlines(), result.stdout) == (2, [line], "")


def test_without_a_microphone_it_is_text_mode_and_the_terminal_is_left_alone(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "PULSE_SERVER": f"unix:{tmp_path / 'no-server'}", "ALSA_CONFIG_PATH": ""}
    app = TerminalApp("--fresh", "--mute", "--stt", "pocketsphinx", "--push-to-talk", env=env)
    try:
        app.wait_for("using text mode (type your commands).", timeout=60)
        assert canonical(app.mode())
        app.type(b"next\n")
        app.wait_for("Step 1 of 5", timeout=30)
        app.type(b"stop\n")
        assert app.wait_exit(timeout=30) == 0
        assert INTRO not in app.screen
        assert app.screen.count("voice-guide:") == 1, app.screen
        assert app.mode() == app.initial_mode
    finally:
        app.close()
