"""pyttsx3 in a child process, behind a watchdog: text in, PCM out, and never a hung session.

Why a process: pyttsx3 on Linux can hang in ``runAndWait`` (an empty utterance never finishes),
keeps only the last file when several ``save_to_file`` calls are queued, and cannot re-initialise
espeak-ng inside one process. Here every request is exactly one ``save_to_file`` + one
``runAndWait`` on text known to be non-blank, and the parent kills and restarts the child when a
request overruns its deadline, so a fault costs one sentence, never the session. The child only
synthesises; playing audio is done by ``voice.audio.playback`` so that stopping is instant.

Protocol: JSON lines. The child announces ``{"ready": ..., "rate": HZ, "voices": [...]}`` (or
``{"error": ...}``); each request ``{"text", "path", "voice", "rate"}`` is answered with
``{"ok": true}`` or ``{"error": ...}`` once the WAV is at ``path``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from voice.audio.pcm import Clip
from voice.speech_out.contract import SynthesisError
from voice.speech_out.voices import PYTTSX3_MISSING, VoiceInfo, voices_from_engine

START_TIMEOUT = 20.0
"""Seconds for the child to import pyttsx3 and synthesise its probe (slow, loaded CI machines)."""
BASE_TIMEOUT, PER_CHAR_TIMEOUT = 3.0, 0.01
"""A request's deadline: espeak-ng needs ~10 ms per sentence, so these only catch real hangs."""
DEFAULT_RATE = 200
"""pyttsx3's documented default rate in words per minute. Its espeak driver sets it at start, but
through espeak-ng's asynchronous queue that was lost in 3 of 12 starts (speech at espeak-ng's own
175), so the child sets it again and waits until it is in force."""
EMPTY_RETRIES = 2
"""Times the child synthesises again when the engine wrote an empty WAV (see ``_save``)."""
RATE_SETTLE = 0.05
"""Seconds the child waits at most for a new speaking rate to be in force (~1 ms normally)."""


@dataclass(frozen=True)
class EngineInfo:
    """What the child reported when it started."""

    rate: int
    """Sample rate of the PCM it produces (espeak-ng: 22050 Hz)."""
    voices: tuple[VoiceInfo, ...]
    """Installed voices, in driver order."""
    default_rate: int
    """The driver's default speaking rate in words per minute."""


class TtsWorker:
    """Parent side: one child process, restarted once per failed request."""

    def __init__(self, driver: str | None = None) -> None:
        if importlib.util.find_spec("pyttsx3") is None:  # the child would fail on its import
            raise SynthesisError(PYTTSX3_MISSING)
        self.driver = driver
        self._dir = Path(tempfile.mkdtemp(prefix="voice-guide-tts-", dir=_fast_tmp()))
        self._count = 0
        self._process: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._lock = threading.Lock()
        self.info = self._start()

    def _start(self) -> EngineInfo:
        command = [
            sys.executable,
            "-m",
            "voice.speech_out.pyttsx3_worker",
            *([self.driver] if self.driver else []),
        ]
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True, encoding="utf-8", bufsize=1,
                cwd=Path(__file__).resolve().parents[2],
            )  # fmt: skip
        except OSError as err:
            raise SynthesisError(f"cannot start the TTS process: {err}") from err
        self._lines = queue.Queue()
        stdout = self._process.stdout
        threading.Thread(target=_pump, args=(stdout, self._lines), daemon=True).start()
        reply = self._reply(START_TIMEOUT)
        if "error" in reply:
            self.kill()
            raise SynthesisError(f"text-to-speech is not available: {reply['error']}")
        voices = tuple(VoiceInfo.from_json(v) for v in reply["voices"])
        return EngineInfo(int(reply["rate"]), voices, int(reply["default_rate"]))

    def synthesize(self, text: str, voice: str | None, rate: int | None) -> Clip:
        """PCM for ``text`` (non-blank); restarts the child once if it hangs or dies."""
        with self._lock:
            try:
                return self._request(text, voice, rate)
            except SynthesisError:
                self.kill()
                self._start()
                return self._request(text, voice, rate)

    def _request(self, text: str, voice: str | None, rate: int | None) -> Clip:
        process = self._process
        if process is None or process.stdin is None or process.poll() is not None:
            raise SynthesisError("the TTS process is not running")
        self._count += 1
        path = self._dir / f"s{self._count}.wav"
        request = {"text": text, "path": str(path), "voice": voice, "rate": rate}
        try:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
        except OSError as err:
            raise SynthesisError(f"the TTS process is gone: {err}") from err
        reply = self._reply(BASE_TIMEOUT + PER_CHAR_TIMEOUT * len(text))
        if "error" in reply:
            raise SynthesisError(f"speech synthesis failed: {reply['error']}")
        return _read_and_remove(path)

    def _reply(self, timeout: float) -> dict[str, Any]:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise SynthesisError(f"the TTS engine did not answer within {timeout:.1f} s") from None
        if line is None:
            raise SynthesisError("the TTS process exited")
        try:
            reply: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError as err:
            raise SynthesisError(f"garbled TTS reply {line[:60]!r}") from err
        return reply

    @property
    def requests(self) -> int:
        """How many requests were sent so far (tests check that synthesis is lazy)."""
        return self._count

    @property
    def pid(self) -> int | None:
        """The child's process id (tests kill it to check the restart)."""
        return self._process.pid if self._process else None

    def kill(self) -> None:
        """End the child at once; safe to call twice."""
        if self._process and self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=5)

    def close(self) -> None:
        """End the child and remove its scratch files; safe to call twice."""
        self.kill()
        shutil.rmtree(self._dir, ignore_errors=True)


def _fast_tmp() -> str | None:
    """RAM-backed scratch space where there is one: every sentence makes a round trip through it."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _pump(stream: IO[str] | None, lines: queue.Queue[str | None]) -> None:
    """Move the child's stdout lines to a queue so the parent can wait with a timeout."""
    if stream is not None:
        for line in stream:
            lines.put(line)
    lines.put(None)


def _read_and_remove(path: Path) -> Clip:
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
                raise SynthesisError(f"the TTS engine wrote unexpected audio in {path}")
            if wav.getnframes() == 0:  # seen once under heavy load: retried like a crash
                raise SynthesisError(f"the TTS engine wrote an empty file {path}")
            clip = Clip(wav.readframes(wav.getnframes()), wav.getframerate())
    except (OSError, EOFError, wave.Error) as err:
        raise SynthesisError(f"the TTS engine wrote no usable audio: {err}") from err
    finally:
        path.unlink(missing_ok=True)
    return clip


# ---- child side -------------------------------------------------------------------------------


def _child_main(driver: str | None) -> int:
    """Serve requests until stdin closes; keep stdout for the protocol only."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # pyttsx3 prints "Audio saved to ..." on stdout; keep it off the protocol
    sys.stdout = sys.stderr
    try:
        engine, hello = _child_start(driver)
    except Exception as err:  # any failure to start the driver is reported, not raised
        protocol.write(json.dumps({"error": f"{type(err).__name__}: {err}"}) + "\n")
        return 1
    protocol.write(json.dumps(hello) + "\n")
    for line in sys.stdin:
        protocol.write(json.dumps(_child_serve(engine, json.loads(line))) + "\n")
    return 0


def _child_start(driver: str | None) -> tuple[Any, dict[str, Any]]:
    import pyttsx3

    engine = pyttsx3.init(driver)
    _set_rate(engine, DEFAULT_RATE)
    probe = Path(tempfile.mkdtemp(dir=_fast_tmp())) / "probe.wav"
    _save(engine, "ok", probe)
    with wave.open(str(probe), "rb") as wav:
        rate = wav.getframerate()
    probe.unlink()
    probe.parent.rmdir()
    voices = [v.to_json() for v in voices_from_engine(engine)]
    return engine, {"ready": True, "rate": rate, "default_rate": DEFAULT_RATE, "voices": voices}


def _child_serve(engine: Any, request: dict[str, Any]) -> dict[str, Any]:
    try:
        if request.get("voice"):
            engine.setProperty("voice", request["voice"])
        if request.get("rate"):
            _set_rate(engine, int(request["rate"]))
        _save(engine, str(request["text"]), Path(request["path"]))
    except Exception as err:  # report to the parent, which decides (restart or fall back)
        return {"error": f"{type(err).__name__}: {err}"}
    return {"ok": True}


def _set_rate(engine: Any, rate: int) -> None:
    """Set the rate and wait (briefly) until the engine reports it.

    Why: pyttsx3's espeak driver runs espeak-ng in its asynchronous mode, where a new rate goes
    through espeak-ng's command queue; synthesis started at once was measured to use the old
    rate in about half of the requests after a change ('slower' then took effect a sentence late).
    With this wait: 0 wrong in 60 alternating requests. The read-back is not exact (pyttsx3 2.99
    declares ``espeak_GetParameter`` without its ``current`` argument), hence the bound.
    """
    engine.setProperty("rate", rate)
    deadline = time.monotonic() + RATE_SETTLE
    while engine.getProperty("rate") != rate and time.monotonic() < deadline:
        time.sleep(0.001)


def _save(engine: Any, text: str, path: Path) -> None:
    """One utterance per run: queuing several would keep only the last file (pyttsx3 bug).

    An empty file is synthesised again at once, in this process: it comes from a stale
    end-of-utterance event of espeak-ng's asynchronous thread ending the run early, seen in 4 of
    16 first requests after a restart; restarting the child would only meet the same race.
    """
    for _ in range(EMPTY_RETRIES + 1):
        started = time.monotonic()
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        if not path.exists():
            raise RuntimeError(f"no audio written after {time.monotonic() - started:.2f} s")
        if _has_frames(path):
            return


def _has_frames(path: Path) -> bool:
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() > 0
    except (OSError, EOFError, wave.Error):
        return False  # the parent reports what is wrong with it


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1] if len(sys.argv) > 1 else None))
