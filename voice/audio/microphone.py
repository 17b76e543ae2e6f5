"""The microphone: capture, endpointing for short commands, half duplex and barge-in.

Capture goes through SpeechRecognition's ``Microphone`` (PyAudio/PortAudio) at the device's own
rate; a thread reads 20 ms chunks as they come and stamps each with the time it arrived and
whether the assistant was talking then (``Speaker.speaking``, plus a short tail for the sound
still in the room). ``Endpointer`` (pure, no device) cuts utterances out of the chunks with a
voice-activity detector (``vad.py``) and a short closing pause, because commands are
two or three words and every 100 ms of waiting is latency the person hears. By default Silero
says whether someone speaks (a noisy room, a soft voice), and in a quiet room loudness says when
they stopped: Silero's memory hears the end of a word ~0.1 s after it is quiet.

Half duplex and barge-in, the trade-off: while the assistant talks (plus ``tail``) an utterance
is recognised but only a barge-in phrase ("stop", "pause"...) is let through; everything else
is taken to be the assistant hearing itself. When talking ends the endpointer starts afresh, so a
command said right after a reply is caught whole. Barge-in therefore works where the microphone
hears the person louder than the loudspeaker (headset, separate devices, a quiet speaker). With
strong echo the person's "stop" merges with the reply into one long utterance that is not a
stop phrase, and is dropped: no echo cancellation here (PulseAudio's module-echo-cancel is the
system-level fix). A reply that itself contains a stop word and leaks into the mic could stop
itself; replies say "stop" rarely and the tail keeps the last word out.
"""

from __future__ import annotations

import contextlib
import queue
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from voice.audio.devices import MIC_PACKAGES_MISSING, load_pyaudio, quiet_stderr
from voice.audio.pcm import rms
from voice.audio.vad import Detector, SpeechDetector, open_detector
from voice.errors import SpeechError, plural

TRAILING = 0.1
"""Seconds of the closing pause kept after the last voiced chunk: the fading end of a word."""
ONSET_LAG = 0.15
"""Seconds Silero may take to call a word speech after it began (the "s" of "stop" is heard
only with its vowel): the audio kept from before an onset is longer by this much with it."""
HANGOVER = 0.2
"""Seconds Silero goes on calling it speech after a word has gone quiet (about 0.1 s, its
recurrent memory): in a quiet room that is not the voice, and counting it held every turn
0.1 s longer (``Detector.SILERO_ENERGY``)."""


@dataclass(frozen=True)
class MicConfig:
    """Capture and endpointing settings, tuned for short spoken commands."""

    device: int | None = None
    """PortAudio device index (``--mic N``, see ``voice-guide mics``); ``None``: the default."""
    chunk_ms: int = 20
    """Read size: the resolution of every timing below."""
    calibrate_seconds: float = 0.4
    """Ambient noise measured at start to set the energy threshold."""
    vad: Detector = Detector.SILERO_ENERGY
    """What tells speech from noise. Silero, because the energy threshold alone lets a fan hold
    the turn open and does not hear a soft voice; with the energy rule for the end of speech in a
    quiet room, because Silero alone notices that end ~0.1 s late, and every turn waits for it."""
    energy_ratio: float = 2.0
    """With ``Detector.ENERGY`` (and ``SILERO_ENERGY``'s end of speech), speech is this many
    times louder (RMS) than the ambient noise..."""
    energy_floor: float = 0.01
    """...and never quieter than this (RMS of full scale): digital silence gives no ambient."""
    pause_threshold: float = 0.3
    """Silence that ends an utterance; commands have no longer pauses inside them."""
    non_speaking_duration: float = 0.2
    """Audio kept from before the onset, for the quiet start of words like "stop"."""
    min_speech: float = 0.08
    """Shorter bursts are clicks and knocks, not words."""
    max_utterance: float = 8.0
    """Cut off here: a question longer than this is not a command."""
    tail: float = 0.3
    """Seconds after the assistant stops talking that still count as its own voice."""
    barge_in_max: float = 1.5
    """While it talks, longer speech is not decoded at all: a stop phrase is short, and decoding
    the assistant's own sentences (echo) would take the CPU its voice needs."""


@dataclass(frozen=True)
class Chunk:
    """One read from the microphone."""

    pcm: bytes
    """Mono 16-bit little-endian PCM at the device rate."""
    time: float
    """``time.monotonic()`` when it arrived, i.e. the time of its last sample (± one chunk)."""
    muted: bool = False
    """The assistant was talking (or within ``tail`` of it): only barge-in counts."""


@dataclass(frozen=True)
class Utterance:
    """Speech cut out of the stream by the endpointer."""

    pcm: bytes
    start: float
    """Arrival time of the first voiced chunk."""
    end: float
    """Arrival time of the last voiced chunk: the end of speech, for latency."""


@dataclass
class Endpointer:
    """VAD with hangover: feed chunks, get an ``Utterance`` when one has ended."""

    config: MicConfig
    rate: int
    ambient: float = 0.0
    """Running estimate of the noise floor (RMS)."""
    _buffer: list[Chunk] = field(default_factory=list)
    _first_voiced: int | None = None
    _last_voiced: int | None = None
    _last_heard: int | None = None
    """The detector's last speech chunk (``Detector.SILERO_ENERGY``)."""
    _last_loud: int | None = None
    """The last chunk of this utterance over the energy threshold (``Detector.SILERO_ENERGY``)."""
    _detector: SpeechDetector | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._detector = open_detector(self.config.vad)

    @property
    def threshold(self) -> float:
        return max(self.config.energy_floor, self.ambient * self.config.energy_ratio)

    def calibrate(self, pcm: bytes, lead: Sequence[Chunk] = ()) -> None:
        """Set the noise floor from audio known to hold no speech; ``lead``, that audio as it
        came, is kept as the lead of the first utterance (see ``restart``). The detector does
        not hear it: a Silero state warmed on it made the pause inside a command flaky."""
        self.ambient = rms(pcm)
        self._buffer[:] = [c for c in lead if not c.muted][-self._chunks(self._preroll) :]

    def reset(self) -> None:
        """Forget a half-heard utterance (the talking state changed under it)."""
        self._buffer.clear()
        self._first_voiced = self._last_voiced = self._last_heard = self._last_loud = None

    def restart(self) -> None:
        """Forget a half-heard utterance (the talking state changed under it), but keep the
        room's sound from before one as the lead of the next. A "stop" said as a reply began
        otherwise started its utterance with its "s": pocketsphinx, on its first utterance of
        a session, heard "stock" or "start the" in one run of three to ten (a few centiseconds
        of silence first, and it hears "stop" every time)."""
        lead = [] if self._first_voiced is not None else [c for c in self._buffer if not c.muted]
        self.reset()
        self._buffer.extend(lead)

    def feed(self, chunk: Chunk) -> Utterance | None:
        self._buffer.append(chunk)
        if self._voiced(chunk.pcm, rms(chunk.pcm)):
            index = len(self._buffer) - 1
            self._first_voiced = index if self._first_voiced is None else self._first_voiced
            self._last_voiced = index
        elif self._first_voiced is None:
            self._keep_preroll()
            return None
        return self._ended(self._first_voiced, self._last_voiced or 0)

    def _voiced(self, pcm: bytes, level: float) -> bool:
        loud = level > self.threshold
        if self._detector is None:
            return loud
        speech = self._detector.is_speech(pcm, self.rate)
        if self.config.vad is not Detector.SILERO_ENERGY:
            return speech
        return self._heard_or_loud(speech, loud)

    def _heard_or_loud(self, speech: bool, loud: bool) -> bool:
        """``Detector.SILERO_ENERGY``: whether this chunk keeps the utterance going. Silero alone
        starts one (noise and soft voices); in a quiet room the loudness rule ends it, as long
        as Silero heard speech within a pause, and Silero's speech counts only past its
        ``HANGOVER`` (the word that was ending), or when loudness never heard this voice."""
        index = len(self._buffer) - 1
        self._last_heard = index if speech else self._last_heard
        if self._first_voiced is None:
            self._last_loud = index if speech and loud else None
            return speech
        self._last_loud = index if loud else self._last_loud
        if not self.quiet_room or self._last_heard is None:
            return speech
        recent = index - self._last_heard <= self._chunks(self.config.pause_threshold)
        lingering = self._last_loud is not None and index - self._last_loud <= self._chunks(
            HANGOVER
        )
        return (loud and recent) or (speech and not lingering)

    @property
    def quiet_room(self) -> bool:
        """The room's noise is far under the energy floor: loudness can be trusted to tell
        when a voice stopped (a fan or traffic over it would hold the turn open)."""
        return self.ambient * self.config.energy_ratio <= self.config.energy_floor

    def _ended(self, first: int, last: int) -> Utterance | None:
        """The utterance once the closing pause (or the length limit) is reached, else None."""
        silence = self._duration(self._buffer[last + 1 :])
        too_long = self._duration(self._buffer[first:]) >= self.config.max_utterance
        if silence < self.config.pause_threshold and not too_long:
            return None
        utterance = self._cut(first, last)
        self.reset()
        return utterance

    def pending(self) -> Utterance | None:
        """The utterance the pause now begun will end, on the one chunk where that is known.

        That chunk is the one where the silence after the last voiced chunk first covers
        ``TRAILING``: from then on ``feed`` returns exactly this utterance (same audio, same
        times) if the pause lasts, and something else only if speech resumes. So a recogniser
        can start here instead of ``pause_threshold`` later (``voice.speech_in.early``).
        """
        first, last = self._first_voiced, self._last_voiced
        if first is None or last is None or len(self._buffer) - last - 1 != self._chunks(TRAILING):
            return None
        return self._cut(first, last)

    def _cut(self, first: int, last: int) -> Utterance | None:
        """The voiced chunks ``first..last`` with the audio around them; None if too short."""
        voiced = self._buffer[first : last + 1]
        if self._duration(voiced) < self.config.min_speech:
            return None
        pcm = b"".join(c.pcm for c in self._buffer[: last + 1 + self._chunks(TRAILING)])
        return Utterance(pcm, voiced[0].time, voiced[-1].time)

    def _keep_preroll(self) -> None:
        """Keep the audio before an onset; what leaves it was the room's sound."""
        excess = len(self._buffer) - self._chunks(self._preroll)
        for old in self._buffer[: max(0, excess)]:
            if not old.muted:  # the room's noise, not the assistant's quiet syllables
                self.ambient = 0.95 * self.ambient + 0.05 * rms(old.pcm)
        del self._buffer[: max(0, excess)]

    @property
    def _preroll(self) -> float:
        """Seconds of audio kept from before an onset."""
        lag = ONSET_LAG if self.config.vad in (Detector.SILERO, Detector.SILERO_ENERGY) else 0.0
        return self.config.non_speaking_duration + lag

    def _chunks(self, seconds: float) -> int:
        return max(1, round(seconds * 1000 / self.config.chunk_ms))

    def _duration(self, chunks: list[Chunk]) -> float:
        return sum(len(c.pcm) for c in chunks) / 2 / self.rate


class Talking(Protocol):
    """The one thing the listener needs of the Speaker: whether it is talking now."""

    @property
    def speaking(self) -> bool: ...


class MicStream:
    """The open device and the thread that reads it into a queue of stamped chunks."""

    def __init__(self, config: MicConfig, talking: Talking | None) -> None:
        self.config = config
        self._talking = talking
        self._queue: queue.Queue[Chunk | None] = queue.Queue(maxsize=3000)
        self._stop = threading.Event()
        self._last_talk = float("-inf")
        self._source = _open_source(config)
        self.rate = int(self._source.SAMPLE_RATE)
        self._thread = threading.Thread(target=self._run, name="microphone", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                pcm = self._source.stream.read(self._source.CHUNK)
                self._queue.put(Chunk(pcm, time.monotonic(), self._muted()))
        except Exception:  # a device that vanished ends the input; listen() reports it
            pass
        finally:
            self._queue.put(None)

    def _muted(self) -> bool:
        now = time.monotonic()
        if self._talking is not None and self._talking.speaking:
            self._last_talk = now
        return now - self._last_talk < self.config.tail

    def read(self, timeout: float | None = None) -> Chunk | None:
        """The next chunk; ``None`` when the device is gone."""
        return self._queue.get(timeout=timeout)

    def close(self) -> None:
        if self._stop.is_set():
            return
        self._stop.set()
        self._thread.join(timeout=2)
        with contextlib.suppress(Exception):
            self._source.__exit__(None, None, None)


def _open_source(config: MicConfig) -> Any:
    """Enter a SpeechRecognition ``Microphone``; any failure is one line in a SpeechError."""
    load_pyaudio()
    try:
        import speech_recognition as sr
    except ImportError as err:
        raise SpeechError(MIC_PACKAGES_MISSING) from err
    try:
        with quiet_stderr():
            probe = sr.Microphone(device_index=config.device)
            chunk = max(1, probe.SAMPLE_RATE * config.chunk_ms // 1000)
            source = sr.Microphone(config.device, probe.SAMPLE_RATE, chunk)
            source.__enter__()
    except AssertionError as err:  # SpeechRecognition checks --mic N with assert
        raise SpeechError(f"no microphone {config.device}: {_device_count(err)}") from err
    except (OSError, AttributeError, ValueError) as err:
        raise SpeechError(_portaudio_problem(err)) from err
    return source


PORTAUDIO_PROBLEMS = {
    "No Default Input Device Available": "no microphone found",
    "Device unavailable": "the microphone is in use by another program or was unplugged",
    "Invalid sample rate": "the microphone does not record at its own default rate",
    "Invalid number of channels": "the device cannot record (is it an output?)",
    "Unanticipated host error": "the sound system failed to open the microphone",
}
"""PortAudio's messages (after ``[Errno -9996]`` and the like) in words for the person."""


def _portaudio_problem(err: Exception) -> str:
    text = (str(err).strip() or type(err).__name__).splitlines()[0]
    for raw, plain in PORTAUDIO_PROBLEMS.items():
        if raw.lower() in text.lower():
            return plain
    return f"no microphone: {text}"


def _device_count(err: AssertionError) -> str:
    """SpeechRecognition's 'Device index out of range (3 devices available; ...)' as words."""
    found = re.search(r"(\d+) devices? available", str(err))
    if found is None:
        return "no such device (see voice-guide mics)"
    return f"{plural(int(found.group(1)), 'audio device')} here (see voice-guide mics)"
