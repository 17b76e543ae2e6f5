"""Speech output: the pyttsx3 ``Speaker``, its silent stand-in, and ``make_speaker`` to choose.

How a reply is spoken: ``say`` queues it and returns at once; the speaker's thread cuts it into
sentences, has the TTS child process (``voice.speech_out.pyttsx3_worker``) synthesise them one by
one and feeds
each to a player process (``voice.audio.playback``) as soon as it is ready, so the first sentence is
heard after one sentence's synthesis. ``stop`` kills the player (silence at once) and the thread
skips the remaining sentences. With ``--audio-out`` the whole reply is also written to a
numbered WAV, even when stopped early or when there is no sound device.

Nothing here ends a session: a missing engine or device gives the silent speaker plus a notice
from ``make_speaker``; a failure later (the engine dies twice in a row, the device hangs) prints
one notice and the speaker carries on with what still works (files only, or nothing).
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from voice.audio.chime import chime_pcm
from voice.audio.playback import Playback, PlaybackError, PlayerCommand, probe_player
from voice.audio.wav_out import AudioOutError, WavDirectory, write_wav
from voice.errors import SpeechError
from voice.language.sentences import split_sentences
from voice.session.ports import SilentSpeaker, Speaker
from voice.speech_out.pyttsx3_worker import SynthesisError, TtsWorker
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


@dataclass
class _Job:
    """One reply on its way out."""

    text: str
    wav: Path | None
    cancelled: threading.Event = field(default_factory=threading.Event)
    playback: Playback | None = None
    finishing: threading.Event = field(default_factory=threading.Event)
    """Set by ``finish_sentence``: no further sentence is started."""
    tone: bytes = b""
    """PCM to play instead of speech (the timer chime)."""


class TtsSpeaker:
    """The pyttsx3 speaker (``voice.ports.Speaker``); build it with ``make_speaker``."""

    def __init__(self, worker: TtsWorker, player: PlayerCommand | None,
                 wav_dir: WavDirectory | None, voice: str | None, rate: int | None,
                 notify: Notify = print_notice) -> None:  # fmt: skip
        self._worker = worker
        self._player = player
        self._wav_dir = wav_dir
        self._voice = voice
        self._rate = rate
        self._notify = notify
        self._broken = False
        self._closed = False
        self._lock = threading.Condition()
        self._active: list[_Job] = []
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="voice-guide-speaker", daemon=True)
        self._thread.start()

    @property
    def player(self) -> str | None:
        """Name of the player in use (``pacat``, ``aplay``), ``None`` without sound."""
        return self._player.name if self._player else None

    def say(self, text: str) -> Path | None:
        """Queue ``text`` (stopping what is being said); returns the WAV it will be written to."""
        self.stop()
        if self._closed or self._broken or not split_sentences(text):
            return None
        job = _Job(text, self._wav_dir.next_path() if self._wav_dir else None)
        with self._lock:
            self._active.append(job)
        self._jobs.put(job)
        return job.wav

    def stop(self) -> None:
        """Silence at once: kill the player; queued and remaining sentences are skipped."""
        with self._lock:
            for job in self._active:
                job.cancelled.set()
                if job.playback:
                    job.playback.kill()

    def finish_sentence(self) -> None:
        """Let the sentence being heard end, then stop (a timer announcement waits for it)."""
        with self._lock:
            for job in self._active:
                job.finishing.set()

    def chime(self) -> None:
        """Queue the timer chime after what is being said (``say`` would cut it short)."""
        if self._closed or self._broken or self._player is None:
            return
        job = _Job("", None, tone=chime_pcm(self._worker.info.rate))
        with self._lock:
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
            return self._player is not None and any(
                not job.cancelled.is_set() for job in self._active
            )

    def adjust_rate(self, factor: float) -> None:
        """'slower' / 'faster': takes effect from the next sentence."""
        current = self._rate or self._worker.info.default_rate
        self._rate = max(MIN_RATE, min(MAX_RATE, round(current * factor)))

    @property
    def rate(self) -> int:
        """Current speaking rate in words per minute."""
        return self._rate or self._worker.info.default_rate

    def close(self) -> None:
        """Stop, end the thread and the TTS process; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self.stop()
        self._jobs.put(None)
        self._thread.join(timeout=10)
        self._worker.close()

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
        pcm: list[bytes] = []
        try:
            self._stream(job, pcm)
        except SynthesisError as err:
            self._give_up(f"speech output failed ({err}); replies are printed only")
            return
        if job.wav:
            self._write(job.wav, b"".join(pcm))

    def _stream(self, job: _Job, pcm: list[bytes]) -> None:
        """Synthesise and play sentence by sentence; when stopped, the rest in one go (file)."""
        sentences = split_sentences(job.text)
        playback = self._open_playback(job)
        try:
            for index, sentence in enumerate(sentences):
                if job.cancelled.is_set():
                    if job.wav:  # the file still gets the whole reply, in one quick request
                        pcm.append(self._synthesize(" ".join(sentences[index:])))
                    break
                pcm.append(self._synthesize(sentence))
                if job.finishing.is_set() and index:  # the sentence heard now is the last
                    break
                if playback:
                    self._play(playback.feed, pcm[-1])
            if playback:
                self._play(lambda _: playback.finish(), b"")
        finally:
            if playback:
                playback.close()

    def _play_tone(self, job: _Job) -> None:
        playback = self._open_playback(job)
        if playback:
            try:
                self._play(playback.feed, job.tone)
                self._play(lambda _: playback.finish(), b"")
            finally:
                playback.close()

    def _open_playback(self, job: _Job) -> Playback | None:
        """Start the player now, so it is ready by the time the first sentence is."""
        if self._player is None or job.cancelled.is_set():
            return None
        try:
            playback = Playback(self._player, self._worker.info.rate, job.cancelled)
        except PlaybackError as err:
            self._lose_device(err)
            return None
        with self._lock:
            job.playback = playback
            if job.cancelled.is_set():
                playback.kill()
        return playback

    def _play(self, action: Callable[[bytes], None], pcm: bytes) -> None:
        """Feed or finish the player; a failing device is dropped, synthesis (files) goes on."""
        if self._player is None:
            return
        try:
            action(pcm)
        except PlaybackError as err:
            self._lose_device(err)

    def _synthesize(self, text: str) -> bytes:
        return self._worker.synthesize(text, self._voice, self._rate).pcm

    def _write(self, path: Path, pcm: bytes) -> None:
        try:
            write_wav(path, pcm, self._worker.info.rate)
        except AudioOutError as err:
            self._wav_dir = None
            self._notify(f"{err}; replies are no longer written to files")

    def _lose_device(self, err: PlaybackError) -> None:
        self._player = None
        rest = "writing WAV files only" if self._wav_dir else "replies are printed only"
        self._notify(f"sound output failed ({err}); {rest}")

    def _give_up(self, message: str) -> None:
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
        worker = TtsWorker(options.driver)
    except SpeechError as err:
        return SpeakerChoice(SilentSpeaker(), f"{err}; replies are printed only")
    try:
        voice = pick_voice(worker.info.voices, options.language, options.voice)
    except Exception:
        worker.close()
        raise
    notices = [] if voice else [f"no voice for language '{options.language}'; using the default"]
    player, reason = (None, "") if options.mute else probe_player()
    if reason:
        notices.append(reason + ("; writing WAV files only" if wav_dir else ""))
    if player is None and wav_dir is None:
        worker.close()
        return SpeakerChoice(SilentSpeaker(), f"{reason}; replies are printed only")
    speaker = TtsSpeaker(worker, player, wav_dir, voice.id if voice else None, options.rate, notify)
    return SpeakerChoice(speaker, "; ".join(notices) or None)
