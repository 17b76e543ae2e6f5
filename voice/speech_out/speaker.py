"""Speech output: the streaming ``TtsSpeaker``, its silent stand-in, and ``make_speaker`` to choose.

How a reply is spoken: ``say`` queues it and returns at once; the speaker's thread takes it from
the queue, asks the synthesiser (``voice.speech_out.contract``; pyttsx3 in a watchdogged child
process) for one sentence after another and feeds each to the outputs
(``voice.speech_out.outputs``) as soon as it is ready, so the first sentence is heard after one
sentence's synthesis. ``stop`` kills the player (silence at once) and the thread skips the
remaining sentences. With ``--audio-out`` the whole reply is also written to a numbered WAV,
even when stopped early or when there is no sound device.

Nothing here ends a session: a missing engine or device gives the silent speaker plus a notice
from ``make_speaker``; a failure later (the engine dies twice in a row, the device hangs) prints
one notice and the speaker carries on with what still works (files only, or nothing).
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from voice.audio.chime import chime_pcm
from voice.audio.pcm import skip_leading_silence
from voice.audio.playback import probe_player
from voice.audio.wav_out import WavDirectory
from voice.errors import SpeechError
from voice.language.sentences import split_sentences
from voice.session.ports import SilentSpeaker, Speaker
from voice.speech_out.contract import SynthesisError, Synthesizer, VoiceSettings
from voice.speech_out.outputs import Outputs, open_outputs
from voice.speech_out.pyttsx3_synthesis import Pyttsx3Synthesizer
from voice.speech_out.voices import MAX_RATE, MIN_RATE, pick_voice

Notify = Callable[[str], None]


@dataclass(frozen=True)
class SpeechOptions:
    """Everything the command line says about speech output."""

    language: str = "en"
    """The guide's BCP 47 language: picks the voice unless ``voice`` is given."""
    voice: str | None = None
    """``--voice NAME``: an installed voice's id or name (``voice-guide voices``)."""
    rate: int | None = None
    """``--rate WPM``: words per minute; ``None`` keeps the engine's default."""
    audio_out: Path | None = None
    """``--audio-out DIR``: also write every reply as a numbered WAV here."""
    mute: bool = False
    """``--mute``: no sound (WAV files are still written with ``audio_out``)."""
    driver: str | None = None
    """pyttsx3 driver name; ``None`` is the platform's default (espeak on Linux)."""


@dataclass(frozen=True)
class SpeakerChoice:
    """What ``make_speaker`` found: the speaker to use, and a one-line notice if it is degraded."""

    speaker: Speaker
    notice: str | None = None
    """Why speech is off or partial (no engine, no device, no voice for the language)."""


def print_notice(message: str) -> None:
    """The default way a speaker reports that it lost its voice: one line on stderr."""
    print(f"voice-guide: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class _Job:
    """One reply on its way out."""

    text: str
    wav: Path | None
    """Where the whole reply is written; ``None`` without ``--audio-out``."""
    settings: VoiceSettings
    """Voice and rate as they were when the reply was asked for."""
    cancelled: threading.Event = field(default_factory=threading.Event)
    finishing: threading.Event = field(default_factory=threading.Event)
    """Set by ``finish_sentence``: no further sentence is started."""
    tone: bytes = b""
    """PCM to play instead of speech (the timer chime)."""


class TtsSpeaker:
    """The streaming speaker (``voice.session.ports.Speaker``); build it with ``make_speaker``.

    Two sides: callers (the session, the microphone listener asking ``speaking``, a Ctrl-C
    handler calling ``stop``) and the speaker's one thread, which synthesises and feeds the
    outputs. Invariant: the state both sides touch, ``_active``, ``_settings``, ``_broken`` and
    ``_closed``, is read and written only under ``_lock`` (re-entrant: a signal handler may
    ``stop`` inside ``say``); replies cross over in a ``queue.Queue`` (put under ``_lock``, so
    none lands after ``close``'s end marker), each with a frozen settings snapshot and an
    ``Event`` for cancelling; the outputs guard their own state. ``_synthesizer`` is used by the
    thread alone once it runs (``close`` joins the thread before closing it). Lock order:
    ``_lock`` before an output's lock, never the reverse.
    """

    def __init__(self, synthesizer: Synthesizer, outputs: Outputs, settings: VoiceSettings,
                 notify: Notify = print_notice) -> None:  # fmt: skip
        self._synthesizer = synthesizer
        self._outputs = outputs
        self._notify = notify
        self._sample_rate = synthesizer.sample_rate
        self._default_rate = synthesizer.default_rate
        self._lock = threading.Condition(threading.RLock())
        self._settings = settings
        self._broken = False
        self._closed = False
        self._active: list[_Job] = []
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="voice-guide-speaker", daemon=True)
        self._thread.start()

    @property
    def synthesizer(self) -> Synthesizer:
        """The engine behind the voice (tests reach its process through it)."""
        return self._synthesizer

    @property
    def player(self) -> str | None:
        """Name of the player in use (``pacat``, ``aplay``), ``None`` without sound."""
        return self._outputs.sound.name

    def say(self, text: str) -> Path | None:
        """Queue ``text`` (stopping what is being said); returns the WAV it will be written to."""
        self.stop()
        if not split_sentences(text):
            return None
        with self._lock:
            if self._closed or self._broken:
                return None
            job = _Job(text, self._outputs.files.reserve(), self._settings)
            self._active.append(job)
            self._jobs.put(job)
        return job.wav

    def stop(self) -> None:
        """Silence at once: kill the player; queued and remaining sentences are skipped."""
        with self._lock:  # held while killing: no new reply can start its player meanwhile
            for job in self._active:
                job.cancelled.set()
            self._outputs.sound.kill()

    def finish_sentence(self) -> None:
        """Let the sentence being heard end, then stop (a timer announcement waits for it)."""
        with self._lock:
            for job in self._active:
                job.finishing.set()

    def chime(self) -> None:
        """Queue the timer chime after what is being said (``say`` would cut it short)."""
        with self._lock:
            if self._closed or self._broken or self._outputs.sound.name is None:
                return
            job = _Job("", None, self._settings, tone=chime_pcm(self._sample_rate))
            self._active.append(job)
            self._jobs.put(job)

    def wait(self, timeout: float | None = None) -> bool:
        """Until every queued reply is heard (and its WAV written); ``False`` on timeout."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._active, timeout)

    @property
    def speaking(self) -> bool:
        """True while a reply is going to the sound device."""
        with self._lock:
            busy = any(not job.cancelled.is_set() for job in self._active)
            return busy and self._outputs.sound.alive

    def adjust_rate(self, factor: float) -> None:
        """'slower' / 'faster': takes effect from the next reply."""
        with self._lock:
            rate = max(MIN_RATE, min(MAX_RATE, round(self.rate * factor)))
            self._settings = replace(self._settings, rate=rate)

    @property
    def rate(self) -> int:
        """Current speaking rate in words per minute."""
        with self._lock:
            return self._settings.rate or self._default_rate

    def close(self) -> None:
        """Stop, end the thread and the TTS process; safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self.stop()
            self._jobs.put(None)
        self._thread.join(timeout=10)
        self._synthesizer.close()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                self._speak(job)
            finally:
                with self._lock:
                    self._active.remove(job)
                    self._lock.notify_all()

    def _speak(self, job: _Job) -> None:
        if job.cancelled.is_set() and job.wav is None:
            return
        if job.tone:
            self._play_tone(job)
            return
        try:
            pcm = self._stream(job)
        except SynthesisError as err:
            self._give_up(f"speech output failed ({err}); replies are printed only")
            return
        if job.wav:
            self._outputs.files.write(job.wav, pcm, self._sample_rate)

    def _stream(self, job: _Job) -> bytes:
        """Synthesise and play sentence by sentence; once stopped, only a WAV wants the rest.
        The reply's silent start is not played (it would only delay its first sound); the WAV
        keeps the engine's audio as it came."""
        sound = self._outputs.sound
        pcm: list[bytes] = []
        sound.begin(job.cancelled)
        try:
            for index, chunk in enumerate(self._synthesizer.synthesize(job.text, job.settings)):
                pcm.append(chunk.pcm)
                if job.finishing.is_set() and index:  # the sentence heard now is the last
                    break
                sound.feed(chunk.pcm if index else skip_leading_silence(chunk.pcm))
                if job.cancelled.is_set() and job.wav is None:
                    break
            sound.finish()
        finally:
            sound.end()
        return b"".join(pcm)

    def _play_tone(self, job: _Job) -> None:
        sound = self._outputs.sound
        sound.begin(job.cancelled)
        try:
            sound.feed(job.tone)
            sound.finish()
        finally:
            sound.end()

    def _give_up(self, message: str) -> None:
        with self._lock:
            self._broken = True
        self._notify(message)


def make_speaker(options: SpeechOptions, notify: Notify = print_notice) -> SpeakerChoice:
    """The best speaker this machine allows; never raises for a missing engine or device.

    Raises only for bad input: ``UnknownVoiceError`` (``--voice``) and ``AudioOutError``
    (``--audio-out`` not writable).
    """
    wav_dir = WavDirectory(options.audio_out) if options.audio_out else None
    if options.mute and wav_dir is None:
        return SpeakerChoice(SilentSpeaker())
    try:
        synthesizer = Pyttsx3Synthesizer.start(options.driver)
    except SpeechError as err:
        return SpeakerChoice(SilentSpeaker(), f"{err}; replies are printed only")
    try:
        return _choose(synthesizer, options, wav_dir, notify)
    except Exception:
        synthesizer.close()
        raise


def _choose(synthesizer: Pyttsx3Synthesizer, options: SpeechOptions,
            wav_dir: WavDirectory | None, notify: Notify) -> SpeakerChoice:  # fmt: skip
    """The voice for the language, the player, and the speaker over what works."""
    voice = pick_voice(synthesizer.voices, options.language, options.voice)
    notices = [] if voice else [f"no voice for language '{options.language}'; using the default"]
    player, reason = (None, "") if options.mute else probe_player()
    if reason:
        notices.append(reason + ("; writing WAV files only" if wav_dir else ""))
    if player is None and wav_dir is None:
        synthesizer.close()
        return SpeakerChoice(SilentSpeaker(), f"{reason}; replies are printed only")
    outputs = open_outputs(player, wav_dir, synthesizer.sample_rate, notify)
    settings = VoiceSettings(voice.id if voice else None, options.rate)
    speaker = TtsSpeaker(synthesizer, outputs, settings, notify)
    return SpeakerChoice(speaker, "; ".join(notices) or None)
