"""A private PulseAudio daemon with null sinks, so tests drive real audio without hardware.

Why: speech output and the acoustic loop must be tested on a real sound server, but CI machines
have no sound card and the developer's own PulseAudio must not be disturbed. Each
``PulseServer`` runs its own daemon (user mode, ``--exit-idle-time=-1``, no default.pa, its own
runtime dir and socket) with only ``module-null-sink`` sinks. A null sink's monitor source plays
the part of a microphone that hears everything sent to that sink.

API (all blocking calls are bounded by timeouts)::

    server = PulseServer.start(sinks=("room", "speaker"))  # raises PulseUnavailable
    server.env                 # {"PULSE_SERVER": ..., "PULSE_RUNTIME_PATH": ..., ...}
    server.client_env(sink="room", source="room.monitor")  # os.environ + env, for subprocesses
    with server.activated(sink="room"):   # same variables set in os.environ (in-process clients)
        ...
    rec = server.start_recording("room")  # returns once the monitor stream is live
    ...play something...
    path = rec.stop()                      # 16 kHz mono 16-bit WAV
    path = server.record("room", seconds=2.0)   # record a fixed time
    server.play(wav_path, sink="speaker")       # paplay, blocks until played
    server.stop()                               # safe to call twice; also a context manager

The first sink is the default sink and its monitor the default source. A null sink with no
stream renders nothing, so its monitor would deliver no samples at all (a "microphone" that
blocks); with ``keep_running=True`` (the default) each sink gets a silent ``pacat`` stream from
/dev/zero, so monitors deliver audio in real time like a real microphone (that stream shows up in
``pactl list sink-inputs``). ``pulse_unavailable()``
returns a skip reason (or ``None``); ``wav_levels(path)`` measures a recording (voiced seconds).
The pytest fixture ``pulse_server`` lives in tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import tempfile
import time
import wave
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import numpy as np

TOOLS = ("pulseaudio", "pactl", "parecord", "paplay", "pacat")
RECORD_RATE = 16000
_START_TIMEOUT = 10.0


class PulseUnavailable(RuntimeError):
    """The PulseAudio daemon or its client tools cannot be started here (tests skip on this)."""


def pulse_unavailable() -> str | None:
    """Why a private PulseAudio server cannot run here, or ``None`` when it can."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return f"PulseAudio tools missing: {', '.join(missing)} (apt install pulseaudio-utils)"
    return None


@dataclass(frozen=True)
class WavLevels:
    """Loudness summary of a recording, enough to say 'this is speech of about N seconds'."""

    duration: float
    """Length of the whole file in seconds."""
    voiced: float
    """Seconds between the first and the last 20 ms frame above the silence threshold."""
    peak: float
    """Largest absolute sample, 0..1."""
    rms: float
    """Root mean square over the whole file, 0..1."""


def wav_levels(path: Path, threshold: float = 0.02) -> WavLevels:
    """Measure a 16-bit PCM WAV (any rate, channels averaged)."""
    with wave.open(str(path), "rb") as wav:
        rate, channels = wav.getframerate(), wav.getnchannels()
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    samples = data.reshape(-1, channels).mean(axis=1) / 32768.0 if data.size else np.zeros(1)
    frame = max(1, rate // 50)
    usable = samples[: len(samples) // frame * frame]
    frames = np.abs(usable.reshape(-1, frame)).max(axis=1) if usable.size else np.zeros(0)
    loud = np.flatnonzero(frames > threshold)
    voiced = (loud[-1] - loud[0] + 1) * frame / rate if loud.size else 0.0
    return WavLevels(
        duration=len(samples) / rate,
        voiced=float(voiced),
        peak=float(np.abs(samples).max()),
        rms=float(np.sqrt(np.mean(samples**2))),
    )


class Recording:
    """A running ``parecord`` of one sink's monitor; ``stop()`` finishes the WAV and returns it."""

    def __init__(self, process: subprocess.Popen[bytes], path: Path) -> None:
        self._process = process
        self.path = path

    def stop(self) -> Path:
        """End the recording (SIGINT lets parecord write a correct WAV header)."""
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGINT)
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=5)
        return self.path


class PulseServer:
    """One private PulseAudio daemon; create with ``PulseServer.start()``."""

    def __init__(self, root: Path, process: subprocess.Popen[bytes], sinks: Sequence[str]) -> None:
        self.root = root
        self.sinks = tuple(sinks)
        self._process = process
        self._silence: list[subprocess.Popen[bytes]] = []
        self._count = 0
        runtime = root / "runtime"
        self.env: dict[str, str] = {
            "PULSE_SERVER": f"unix:{runtime / 'native'}",
            "PULSE_RUNTIME_PATH": str(runtime),
            "PULSE_COOKIE": str(root / "cookie"),
        }
        """Variables that point a PulseAudio client (subprocess or library) at this server."""

    @classmethod
    def start(
        cls,
        sinks: Sequence[str] = ("room", "speaker"),
        root: Path | None = None,
        keep_running: bool = True,
    ) -> PulseServer:
        """Start a daemon with one null sink per name; raises ``PulseUnavailable`` on failure.

        ``root``: parent of the server's temporary directory; ``keep_running``: feed each sink
        silence so its monitor behaves like a live microphone.
        """
        reason = pulse_unavailable()
        if reason:
            raise PulseUnavailable(reason)
        base = Path(tempfile.mkdtemp(prefix="pulse-", dir=root))
        for sub in ("runtime", "home", "state"):
            (base / sub).mkdir(mode=0o700)
        process = subprocess.Popen(
            _daemon_command(base, sinks),
            env=_daemon_env(base),
            stdout=subprocess.DEVNULL,
            stderr=(base / "daemon.log").open("wb"),
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        server = cls(base, process, sinks)
        try:
            server._wait_ready()
            if keep_running:
                server._feed_silence()
        except PulseUnavailable:
            server.stop()
            raise
        return server

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                log = (self.root / "daemon.log").read_text(errors="replace")[-2000:]
                raise PulseUnavailable(f"pulseaudio exited with {self._process.returncode}: {log}")
            if self._pactl("info", check=False).returncode == 0:
                self._pactl("set-default-sink", self.sinks[0])
                self._pactl("set-default-source", f"{self.sinks[0]}.monitor")
                return
            time.sleep(0.1)
        raise PulseUnavailable(f"pulseaudio did not answer within {_START_TIMEOUT:.0f} s")

    def _feed_silence(self) -> None:
        before = self._stream_count("sink-inputs")
        for sink in self.sinks:
            with open("/dev/zero", "rb") as zero:
                process = subprocess.Popen(
                    # Low latency: a null sink renders in blocks of its streams' latency
                    # (default 2 s), and its monitor delivers nothing in between.
                    ["pacat", "--playback", "--raw", "--format=s16le", "--rate=22050",
                     "--channels=1", "--latency-msec=20", "--device", sink,
                     "--client-name=silence"],
                    stdin=zero, env=self.client_env(), stderr=subprocess.DEVNULL,
                )  # fmt: skip
            self._silence.append(process)
            self._wait_streams("sink-inputs", before + len(self._silence), process)

    def _pactl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["pactl", *args],
            env=self.client_env(),
            capture_output=True,
            text=True,
            timeout=10,
            check=check,
        )

    def client_env(self, sink: str | None = None, source: str | None = None) -> dict[str, str]:
        """``os.environ`` plus ``env``, optionally with ``PULSE_SINK`` / ``PULSE_SOURCE`` set."""
        env = {**os.environ, **self.env}
        if sink:
            env["PULSE_SINK"] = sink
        if source:
            env["PULSE_SOURCE"] = source
        return env

    @contextlib.contextmanager
    def activated(self, sink: str | None = None, source: str | None = None) -> Iterator[None]:
        """Point in-process clients (espeak-ng via pyttsx3, PyAudio) at this server meanwhile."""
        wanted = {k: v for k, v in self.client_env(sink, source).items() if k.startswith("PULSE_")}
        saved = {key: os.environ.get(key) for key in (*wanted, "PULSE_SINK", "PULSE_SOURCE")}
        for key in ("PULSE_SINK", "PULSE_SOURCE"):
            os.environ.pop(key, None)
        os.environ.update(wanted)
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value

    def start_recording(self, sink: str, path: Path | None = None) -> Recording:
        """Record ``sink``'s monitor (16 kHz mono s16) until ``stop()``; live when this returns."""
        self._count += 1
        target = path or self.root / f"record-{self._count:03d}-{sink}.wav"
        before = self._stream_count("source-outputs")
        process = subprocess.Popen(
            # --latency-msec: the default fragment is ~2 s, so a short recording would stay empty;
            # no --file-format: given explicitly, parecord wrote empty files for silence here.
            ["parecord", "--device", f"{sink}.monitor", "--format=s16le", f"--rate={RECORD_RATE}",
             "--channels=1", "--latency-msec=20", str(target)],
            env=self.client_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self._wait_streams("source-outputs", before + 1, process)
        return Recording(process, target)

    def record(self, sink: str, seconds: float, path: Path | None = None) -> Path:
        """Record ``sink``'s monitor for ``seconds`` and return the WAV."""
        recording = self.start_recording(sink, path)
        time.sleep(seconds)
        return recording.stop()

    def play(self, wav: Path, sink: str | None = None, timeout: float = 60.0) -> None:
        """Play a WAV file into ``sink`` (default: the first sink) and wait until it is done."""
        subprocess.run(
            ["paplay", "--device", sink or self.sinks[0], str(wav)],
            env=self.client_env(),
            capture_output=True,
            timeout=timeout,
            check=True,
        )

    def _stream_count(self, kind: str) -> int:
        result = self._pactl("list", "short", kind, check=False)
        return len([line for line in result.stdout.splitlines() if line.strip()])

    def _wait_streams(self, kind: str, wanted: int, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 5.0
        while self._stream_count(kind) < wanted:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise PulseUnavailable(f"{process.args!r} did not start (exit {process.poll()})")
            time.sleep(0.02)

    def stop(self) -> None:
        """Stop the daemon and remove its directory; safe to call twice."""
        for process in [*self._silence, self._process]:
            _end(process)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PulseServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def _die_with_parent() -> None:
    """A killed test run must not leave daemons behind (Linux PR_SET_PDEATHSIG; else no-op)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _daemon_command(base: Path, sinks: Sequence[str]) -> list[str]:
    socket = base / "runtime" / "native"
    command = [
        "pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
        "--system=no", "--realtime=no", "--high-priority=no", "--disable-shm=yes",
        "--log-target=stderr", "--log-level=warning",
        "-L", f"module-native-protocol-unix auth-anonymous=1 socket={socket}",
    ]  # fmt: skip
    for sink in sinks:
        # norewinds: with rewinds the first block rendered is 2 s long, so a monitor recording
        # started right after start-up would stay empty for up to 2 s.
        command += ["-L", f"module-null-sink sink_name={sink} rate=22050 channels=1 norewinds=1"]
    return command


def _daemon_env(base: Path) -> dict[str, str]:
    """A daemon environment that cannot find or disturb the user's own sound server or config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULSE_", "DBUS_"))}
    env.update(
        HOME=str(base / "home"),
        XDG_RUNTIME_DIR=str(base / "runtime"),
        XDG_CONFIG_HOME=str(base / "home" / ".config"),
        PULSE_RUNTIME_PATH=str(base / "runtime"),
        PULSE_STATE_PATH=str(base / "state"),
    )
    return env
