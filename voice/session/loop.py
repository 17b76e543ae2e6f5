"""The session loop: utterances in, engine replies out to the speaker and every turn sink.

This is the only place where the pure engine meets the adapters; it owns no device itself.
"""

from __future__ import annotations

import contextlib
import json
import queue
import shutil
import textwrap
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol, TypeVar

from voice.dialog.engine import DialogEngine, Reply, State
from voice.errors import SpeechError, VoiceGuideError
from voice.language.intents import Intent
from voice.session.keyboard import TextListener
from voice.session.ports import Heard, Listener, SilentSpeaker, Speaker

T = TypeVar("T")

RATE_STEP = 1.2
"""Factor applied to the speaking rate for each 'slower' / 'faster'."""
FINAL_SPEECH_WAIT = 120.0
"""Seconds the last reply may keep speaking after the input ends (piped runs)."""
SENTENCE_WAIT = 15.0
"""Longest a timer announcement waits for the sentence being spoken to end."""
CHIME_WAIT = 2.0
"""Longest the announcement waits for the chime to be heard."""
BELL = "\a"
"""Text mode's chime: the terminal bell, before the words saying a timer is done."""


@dataclass(frozen=True)
class TurnRecord:
    """One turn as the event log shows it."""

    turn: int
    """0 for the opening, then 1, 2, ... per utterance."""
    heard: str | None
    """The utterance as typed or recognised; ``None`` for the opening."""
    intent: str
    step: int | None
    faq: str | None
    say: str
    ms: float
    """Time spent in the engine for this turn, in milliseconds."""
    source: str | None = None
    """Which input produced the utterance (``text``, ``pocketsphinx``, ``vosk``...)."""
    wav: str | None = None
    """WAV file the reply was captured to (``--audio-out``), if any."""
    why: tuple[str, ...] | None = None
    """With ``--explain``: the parser's evidence for the intent; left out of the log otherwise."""

    def to_json(self) -> str:
        fields = {k: v for k, v in self.__dict__.items() if k != "why" or v is not None}
        return json.dumps(fields, ensure_ascii=False)


class TurnSink(Protocol):
    """Something that follows the conversation: a printer, a log, a transcript, a resume file."""

    def record(self, turn: TurnRecord, state: State) -> None: ...

    def close(self) -> None: ...


class JsonlSink:
    """``--jsonl``: one JSON object per turn, flushed at once so a crash loses nothing."""

    def __init__(self, stream: IO[str], owned: bool) -> None:
        self._stream = stream
        self._owned = owned

    def record(self, turn: TurnRecord, state: State) -> None:
        self._stream.write(turn.to_json() + "\n")
        self._stream.flush()

    def close(self) -> None:
        if self._owned:
            self._stream.close()


class PrintSink:
    """Text mode's output: each reply printed on its own line(s), wrapped at word boundaries on
    a terminal (screen magnifier users read wrapped words far more easily than split ones)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._width = _terminal_width(stream)

    def record(self, turn: TurnRecord, state: State) -> None:
        if turn.say:
            text = textwrap.fill(turn.say, self._width) if self._width else turn.say
            if self._width and turn.intent == Intent.TIMER_DONE.value:
                text = "\r" + BELL + text  # over the waiting prompt
            self._stream.write(text + "\n")
            self._stream.flush()

    def close(self) -> None:
        pass


class Fallback(Protocol):
    """What replaces a device that fails mid-session, so the conversation (and place) go on."""

    def listener(self, err: SpeechError) -> Listener: ...

    def speaker(self, err: SpeechError) -> Speaker: ...


class TextFallback:
    """The CLI's fallback: the keyboard for a lost microphone, printed replies for a dead voice."""

    def __init__(self, stream: IO[str], prompt: str = "> ", history: Path | None = None) -> None:
        self._stream = stream
        self._prompt = prompt
        self._history = history

    def keyboard(self) -> Listener:
        """Typed commands, with line editing and the history kept across sessions."""
        return TextListener(prompt=self._prompt, history=self._history)

    def listener(self, err: VoiceGuideError) -> Listener:
        self._stream.write(f"voice-guide: {err}; using text mode (type your commands).\n")
        return self.keyboard()

    def speaker(self, err: SpeechError) -> Speaker:
        self._stream.write(f"voice-guide: {err}; replies are printed only.\n")
        return SilentSpeaker()


def _terminal_width(stream: IO[str]) -> int | None:
    """Columns to wrap at on a terminal (at most 100); ``None`` for pipes and files."""
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return min(shutil.get_terminal_size().columns - 1, 100)


class _Reader:
    """Listens on a thread, one utterance at a time when asked, so that the loop can wake up
    for a timer while a person is silent (or a terminal waits for a line)."""

    def __init__(self, listen: Callable[[], Heard | None]) -> None:
        self._listen = listen
        self._asked = threading.Semaphore(0)
        self._results: queue.Queue[Heard | BaseException | None] = queue.Queue()
        self._waiting = False
        threading.Thread(target=self._run, name="voice-guide-listen", daemon=True).start()

    def _run(self) -> None:
        while True:
            self._asked.acquire()
            try:
                self._results.put(self._listen())
            except BaseException as err:  # handed to the loop, which raises it there
                self._results.put(err)

    def get(self, timeout: float | None) -> Heard | None:
        """The next utterance (``None``: input ended); raises ``TimeoutError`` if none came in
        time (the request stays open: the next ``get`` waits for the same utterance)."""
        if not self._waiting:
            self._asked.release()
            self._waiting = True
        try:
            result = self._results.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError from None
        self._waiting = False
        if isinstance(result, BaseException):
            raise result
        return result


class Session:
    """Runs one conversation until the person says stop or the input ends."""

    def __init__(
        self,
        engine: DialogEngine,
        listener: Listener,
        speaker: Speaker,
        sinks: Sequence[TurnSink],
        fallback: Fallback | None = None,
        clock: Callable[[], float] = time.time,
        explain: IO[str] | None = None,
    ) -> None:
        self.engine = engine
        self.clock = clock
        """Wall-clock seconds: timer deadlines are saved and must mean the same after a restart."""
        self._reader: _Reader | None = None
        self.explain = explain
        """``--explain``: where to write why each utterance got its intent (and into the log)."""
        self.listener = listener
        self.speaker = speaker
        self.sinks = list(sinks)
        self.fallback = fallback
        """Without one, a ``SpeechError`` from a device ends the session."""
        self.state = State()
        self.turn = 0

    def run(self, state: State | None = None, changed: bool = False) -> State:
        """Greet (or offer to resume ``state``), then answer utterances; returns the final state.

        ``changed``: the guide's steps changed since ``state`` was saved (see
        ``voice.session.resume``).
        """
        started = time.perf_counter()
        self._emit(None, self.engine.start(state, changed, now=self.clock()), started)
        while not self.state.ended:
            heard = self._next_utterance()
            if heard is None:
                break
            self._with_speaker(lambda speaker: speaker.stop())
            self.step(heard)
        self._with_speaker(lambda speaker: speaker.wait(FINAL_SPEECH_WAIT))
        return self.state

    def _next_utterance(self) -> Heard | None:
        """The next utterance; while timers run, waking at each deadline to announce it."""
        while True:
            deadline = self.engine.next_deadline(self.state)
            if deadline is None and self._reader is None:
                return self._listen()  # no timer ever: listen right here, as always
            self._reader = self._reader or _Reader(self._listen)
            timeout = None if deadline is None else max(0.0, deadline - self.clock())
            try:
                return self._reader.get(timeout)
            except TimeoutError:
                self.announce_timers()

    def announce_timers(self) -> None:
        """Timers that have ended: let the sentence being read finish, chime, then say so."""
        reply = self.engine.tick(self.state, self.clock())
        if reply is None:
            return
        self._with_speaker(lambda speaker: speaker.finish_sentence())
        self._with_speaker(lambda speaker: speaker.wait(SENTENCE_WAIT))
        self._with_speaker(lambda speaker: speaker.chime())
        self._with_speaker(lambda speaker: speaker.wait(CHIME_WAIT))
        self._emit(None, reply, time.perf_counter())

    def _listen(self) -> Heard | None:
        """The next utterance; a failed microphone is swapped for the fallback (text mode)."""
        try:
            return self.listener.listen()
        except SpeechError as err:
            if self.fallback is None:
                raise
            with contextlib.suppress(Exception):  # the device is gone; closing may fail too
                self.listener.close()
            self.listener = self.fallback.listener(err)
            return self.listener.listen()

    def _with_speaker(self, action: Callable[[Speaker], T]) -> T:
        """Run ``action`` on the speaker; a failed voice is swapped for the fallback (silent)."""
        try:
            return action(self.speaker)
        except SpeechError as err:
            if self.fallback is None:
                raise
            with contextlib.suppress(Exception):
                self.speaker.close()
            self.speaker = self.fallback.speaker(err)
            return action(self.speaker)

    def step(self, heard: Heard) -> Reply:
        """One turn: the engine's reply, its effect on the voice, and the record of it."""
        started = time.perf_counter()
        voiced = not isinstance(self.speaker, SilentSpeaker)  # 'slower' needs a voice to slow
        reply = self.engine.respond(
            self.state, heard.text, now=self.clock(), voice=voiced, spoken=heard.spoken
        )
        self._emit(heard, reply, started)
        return reply

    def _emit(self, heard: Heard | None, reply: Reply, started: float) -> None:
        ms = (time.perf_counter() - started) * 1000
        self.state = reply.state
        self._apply_effect(reply.intent)
        wav = self._with_speaker(lambda speaker: speaker.say(reply.say)) if reply.say else None
        record = TurnRecord(
            turn=self.turn,
            heard=heard.text if heard else None,
            intent=reply.intent.value,
            step=reply.step,
            faq=reply.faq,
            say=reply.say,
            ms=round(ms, 3),
            source=heard.source if heard else None,
            wav=str(wav) if wav else None,
            why=reply.why if self.explain is not None and heard else None,
        )
        if record.why is not None and self.explain is not None:
            self.explain.write(f"explain: {record.heard!r} -> {record.intent}: ")
            self.explain.write("; ".join(record.why) + "\n")
        self.turn += 1
        for sink in self.sinks:
            sink.record(record, self.state)

    def _apply_effect(self, intent: Intent) -> None:
        if intent is Intent.SLOWER:
            self.speaker.adjust_rate(1 / RATE_STEP)
        elif intent is Intent.FASTER:
            self.speaker.adjust_rate(RATE_STEP)

    def close(self) -> None:
        """Release every adapter, even if one of them fails to close."""
        for closer in (self.listener.close, self.speaker.close, *(s.close for s in self.sinks)):
            try:
                closer()
            except Exception:  # closing must not hide the real outcome
                continue
