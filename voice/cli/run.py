"""The main job of ``voice-guide [GUIDE]``: load the guide, wire input and output adapters to the
dialog engine, hold the conversation. The wiring reads top-down: options -> guide -> sinks ->
speaker -> listener -> session.

Errors follow the two families of ``voice.errors``: a ``BadInputError`` before the conversation
starts ends the run with one line and ``EXIT_BAD_INPUT``; an ``UnavailableError`` from the voice
input falls back to text mode (the speaker falls back by itself, see ``make_speaker``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from voice.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK
from voice.cli.options import run_parser, speech_in_options
from voice.dialog.engine import DialogEngine, State
from voice.errors import BadInputError, GuideError, UnavailableError, VoiceGuideError, plural
from voice.guide.bundled import resolve_guide
from voice.guide.loader import load_guide
from voice.guide.model import Guide
from voice.session.interrupts import exit_status, signals_as_interrupts
from voice.session.loop import JsonlSink, PrintSink, Session, SilentSpeaker, TextFallback, TurnSink
from voice.session.ports import Listener, Speaker
from voice.session.resume import Opening, PositionStore, ResumeSink, opening, state_dir
from voice.session.transcript import TranscriptError, TranscriptSink
from voice.speech_in.file_listener import make_listener
from voice.speech_in.mic_listener import build_mic_listener
from voice.speech_out.speaker import SpeakerChoice, make_speaker
from voice.speech_out.speaker import SpeechOptions as SpeechOutOptions
from voice.speech_out.voices import check_rate, check_voice


def run(argv: Sequence[str]) -> int:
    """The main job: load the guide, pick input and output, hold the conversation."""
    args = run_parser().parse_args(argv)
    try:
        guide = load_guide(resolve_guide(args.script))
        session, start = open_session(args, guide)
    except GuideError as err:
        return _report_guide_error(err)
    except BadInputError as err:
        print(f"voice-guide: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except VoiceGuideError as err:  # unavailable before the conversation: nothing to fall to
        print(f"voice-guide: {err}", file=sys.stderr)
        return EXIT_FAILED
    return hold(session, start)


def open_session(args: argparse.Namespace, guide: Guide) -> tuple[Session, Opening]:
    """Sinks, speaker, listener and engine for ``guide``; on bad input, closes what it opened."""
    with contextlib.ExitStack() as opened:
        kept, start = _remembering(args, guide)
        opened.callback(_close_all, kept)
        sinks = kept + _sinks(args)
        opened.callback(_close_all, sinks[len(kept) :])
        spoken = _speaker(args, guide)  # first: the microphone listener follows its .speaking
        opened.callback(spoken.speaker.close)
        fallback = TextFallback(
            sys.stderr, prompt="" if args.jsonl == "-" else "> ", history=state_dir() / "history"
        )
        listener = _listener(args, guide, spoken.speaker, fallback)
        opened.pop_all()
    if spoken.notice:  # only now: after bad input, the one line must be about the input
        print(f"voice-guide: {spoken.notice}", file=sys.stderr)
    speaker = spoken.speaker
    engine = DialogEngine(guide, transcript=_transcript_path(args))
    return Session(engine, listener, speaker, sinks, fallback), start


def hold(session: Session, start: Opening) -> int:
    """The conversation, until the guide ends, the person stops, or a signal comes."""
    with signals_as_interrupts(hush=lambda: _hush(session.speaker)):
        try:
            session.run(start.state, start.changed)
        except KeyboardInterrupt as err:  # Ctrl-C, SIGTERM, SIGHUP: the position is saved
            print(file=sys.stderr)
            return exit_status(err)
        except VoiceGuideError as err:
            print(f"voice-guide: {err}", file=sys.stderr)
            return EXIT_FAILED
        finally:
            session.close()
    return EXIT_OK


def _close_all(sinks: list[TurnSink]) -> None:
    for sink in sinks:
        sink.close()


def _hush(speaker: Speaker) -> bool:
    """Ctrl-C while speaking: stop the speech (from a thread: the handler must not block)."""
    if not speaker.speaking:
        return False
    threading.Thread(target=speaker.stop, daemon=True).start()
    return True


def _report_guide_error(err: GuideError) -> int:
    more = len(err.problems) - 1
    suffix = f" (and {plural(more, 'more problem')}; see voice-guide check)" if more else ""
    print(f"voice-guide: {err.headline}{suffix}", file=sys.stderr)
    return EXIT_BAD_INPUT


# --- sinks: who follows the conversation -------------------------------------------------------


def _remembering(args: argparse.Namespace, guide: Guide) -> tuple[list[TurnSink], Opening]:
    """The sinks that keep the session (saved position, transcript) and where it starts."""
    store = PositionStore(state_dir())
    start = Opening(State()) if args.fresh else opening(store.load(guide), guide)
    sinks: list[TurnSink] = [ResumeSink(store, guide, sys.stderr)]
    if args.transcript:
        sinks.append(TranscriptSink(Path(args.transcript), guide))
    return sinks, start


def _transcript_path(args: argparse.Namespace) -> str | None:
    return str(Path(args.transcript).resolve()) if args.transcript else None


def _sinks(args: argparse.Namespace) -> list[TurnSink]:
    if args.jsonl == "-":
        return [JsonlSink(sys.stdout, owned=False)]
    sinks: list[TurnSink] = [PrintSink(sys.stdout)]
    if args.jsonl:
        try:
            stream: IO[str] = open(args.jsonl, "a", encoding="utf-8")  # noqa: SIM115
        except OSError as err:
            raise TranscriptError(
                f"{args.jsonl}: cannot write the event log: {err.strerror}"
            ) from err
        sinks.append(JsonlSink(stream, owned=True))
    return sinks


# --- speaker and listener ----------------------------------------------------------------------


def _speaker(args: argparse.Namespace, guide: Guide) -> SpeakerChoice:
    """The spoken voice. Text mode speaks too when typed at a terminal; piped (scripted) text
    runs stay silent so they never wait on audio, yet --audio-out still captures every reply.
    ``--voice`` and ``--rate`` are checked even when silent: a typo is an error either way."""
    rate = check_rate(args.rate) if args.rate is not None else None
    mute = args.mute or (args.text and not sys.stdin.isatty())
    if mute and not args.audio_out:
        if args.voice:
            check_voice(args.voice)
        return SpeakerChoice(SilentSpeaker())
    options = SpeechOutOptions(
        language=guide.language,
        voice=args.voice,
        mute=mute,
        rate=rate,
        audio_out=Path(args.audio_out) if args.audio_out else None,
    )
    return make_speaker(options)


def _listener(
    args: argparse.Namespace, guide: Guide, speaker: Speaker, fallback: TextFallback
) -> Listener:
    if args.text:
        return fallback.keyboard()
    try:
        return voice_listener(args, guide, speaker)
    except UnavailableError as err:  # no mic, no engine, a corrupt or foreign model
        return fallback.listener(err)


def voice_listener(args: argparse.Namespace, guide: Guide, speaker: Speaker) -> Listener:
    """Audio files (``--audio-in``) or the microphone. Raises ``BadInputError`` for a file or
    ``--model`` that cannot be used, an ``UnavailableError`` when no engine or device can run."""
    options = speech_in_options(args)
    if options.audio_in:
        return make_listener(options, guide, os.environ)
    return build_mic_listener(options, guide, speaker, args.mic)
