"""The main job of ``voice-guide [GUIDE]``: load the guide, wire input and output adapters to the
dialog engine, hold the conversation. The wiring reads top-down: options -> guide -> sinks ->
speaker -> listener -> session."""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from voice import __version__
from voice.cli.exit_codes import EXIT_BAD_INPUT
from voice.dialog.engine import DialogEngine, State
from voice.errors import GuideError, ModelError, SpeechError, VoiceGuideError
from voice.guide.bundled import resolve_guide
from voice.guide.loader import load_guide
from voice.guide.model import Guide
from voice.language.commands import Vocabulary, guide_vocabulary
from voice.session.interrupts import exit_status, signals_as_interrupts
from voice.session.loop import JsonlSink, PrintSink, Session, SilentSpeaker, TextFallback, TurnSink
from voice.session.ports import Listener, Speaker
from voice.session.resume import Opening, PositionStore, ResumeSink, opening, state_dir
from voice.session.transcript import TranscriptError, TranscriptSink

SUBCOMMAND_NAMES = ("check", "export", "import", "mics", "models", "voices")


def run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voice-guide",
        description="Walks you through a how-to guide by voice, offline. "
        f"Other commands: {', '.join(SUBCOMMAND_NAMES)} (voice-guide CMD --help).",
    )
    parser.add_argument(
        "script",
        nargs="?",
        help="guide script file or bundled guide name "
        "(default: the bundled English Amazon chat guide)",
    )
    parser.add_argument(
        "--text", action="store_true", help="text mode: type commands instead of speaking them"
    )
    parser.add_argument(
        "--jsonl", metavar="PATH", help="write one JSON object per turn to PATH ('-' for stdout)"
    )
    from voice.speech_in.selection import (
        add_arguments as speech_in_arguments,  # --stt, --model, --audio-in
    )

    speech_in_arguments(parser)
    parser.add_argument(
        "--mic",
        type=int,
        metavar="N",
        help="microphone device index (see voice-guide mics; default: system)",
    )
    parser.add_argument(
        "--voice",
        metavar="NAME",
        help="text-to-speech voice (see voice-guide voices; default: one that "
        "speaks the guide's language)",
    )
    parser.add_argument("--rate", type=int, metavar="WPM", help="speaking rate in words per minute")
    parser.add_argument(
        "--audio-out", metavar="DIR", help="also write every reply as a numbered WAV file in DIR"
    )
    parser.add_argument("--mute", action="store_true", help="do not speak the replies")
    parser.add_argument(
        "--fresh", action="store_true", help="start at the beginning, ignoring the saved position"
    )
    parser.add_argument(
        "--transcript",
        metavar="FILE",
        help="write the conversation to FILE (.jsonl: JSON Lines, else Markdown)",
    )
    _debug_arguments(parser)
    return parser


def _debug_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--explain",
        action="store_true",
        help="say on stderr (and in --jsonl events) why each utterance got its intent",
    )
    parser.add_argument("--version", action="version", version=f"voice-guide {__version__}")


def run(argv: Sequence[str]) -> int:
    """The main job: load the guide, pick input and output, hold the conversation."""
    args = run_parser().parse_args(argv)
    try:
        guide = load_guide(resolve_guide(args.script))
    except GuideError as err:
        return _report_guide_error(err)
    try:
        kept, start = _remembering(args, guide)
        sinks = kept + _sinks(args)
    except VoiceGuideError as err:
        print(f"voice-guide: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    vocab = guide_vocabulary(guide)  # one per guide: the engine and the speech input share it
    engine = DialogEngine(guide, transcript=_transcript_path(args), vocab=vocab)
    fallback = TextFallback(
        sys.stderr, prompt="" if args.jsonl == "-" else "> ", history=state_dir() / "history"
    )
    try:
        speaker = _speaker(args, guide)  # first: the microphone listener follows its .speaking
    except VoiceGuideError as err:  # --voice / --rate / --audio-out that cannot be used
        print(f"voice-guide: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    listener = _listener(args, guide, vocab, speaker, fallback)
    explain = sys.stderr if args.explain else None
    session = Session(engine, listener, speaker, sinks, fallback, explain)
    with signals_as_interrupts(hush=lambda: _hush(speaker)):
        try:
            session.run(start.state, start.changed)
        except KeyboardInterrupt as err:  # Ctrl-C, SIGTERM, SIGHUP: the position is saved
            print(file=sys.stderr)
            return exit_status(err)
        except VoiceGuideError as err:
            print(f"voice-guide: {err}", file=sys.stderr)
            return 1
        finally:
            session.close()
    return 0


def _hush(speaker: Speaker) -> bool:
    """Ctrl-C while speaking: stop the speech (from a thread: the handler must not block)."""
    if not speaker.speaking:
        return False
    threading.Thread(target=speaker.stop, daemon=True).start()
    return True


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


def _report_guide_error(err: GuideError) -> int:
    first = str(err).splitlines()[0]
    more = len(err.problems) - 1
    suffix = (
        f" (and {more} more problem{'s' if more > 1 else ''}; see voice-guide check)"
        if more
        else ""
    )
    print(f"voice-guide: {first}{suffix}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _sinks(args: argparse.Namespace) -> list[TurnSink]:
    sinks: list[TurnSink] = []
    if args.jsonl == "-":
        sinks.append(JsonlSink(sys.stdout, owned=False))
    else:
        sinks.append(PrintSink(sys.stdout))
        if args.jsonl:
            try:
                stream: IO[str] = open(args.jsonl, "a", encoding="utf-8")  # noqa: SIM115
            except OSError as err:
                raise TranscriptError(
                    f"{args.jsonl}: cannot write the event log: {err.strerror}"
                ) from err
            sinks.append(JsonlSink(stream, owned=True))
    return sinks


def _listener(
    args: argparse.Namespace,
    guide: Guide,
    vocab: Vocabulary,
    speaker: Speaker,
    fallback: TextFallback,
) -> Listener:
    if args.text:
        return fallback.keyboard()
    try:
        return voice_listener(args, guide, speaker, vocab)
    except (SpeechError, ModelError) as err:  # no mic, no engine, a corrupt or foreign model
        return fallback.listener(err)


def voice_listener(
    args: argparse.Namespace, guide: Guide, speaker: Speaker, vocab: Vocabulary | None = None
) -> Listener:
    """WAV files (``--audio-in``) or the microphone; ``SpeechError`` with the reason if neither."""
    from voice.speech_in.selection import NoEngine
    from voice.speech_in.selection import SpeechOptions as SpeechInOptions

    options = SpeechInOptions.from_namespace(args)
    if options.audio_in:
        from voice.speech_in.file_listener import make_listener

        listener = make_listener(options, guide, os.environ, vocab)
        if isinstance(listener, NoEngine):
            raise SpeechError(str(listener))
        return listener
    from voice.speech_in.mic_listener import build_mic_listener

    return build_mic_listener(options, guide, speaker, args.mic, vocab)


def _speaker(args: argparse.Namespace, guide: Guide) -> Speaker:
    """The spoken voice. Text mode speaks too when typed at a terminal; piped (scripted) text
    runs stay silent so they never wait on audio, yet --audio-out still captures every reply."""
    mute = args.mute or (args.text and not sys.stdin.isatty())
    if mute and not args.audio_out:
        return SilentSpeaker()
    from voice.speech_out.speaker import SpeechOptions as SpeechOutOptions
    from voice.speech_out.speaker import make_speaker
    from voice.speech_out.voices import check_rate

    options = SpeechOutOptions(
        language=guide.language,
        voice=args.voice,
        mute=mute,
        rate=check_rate(args.rate) if args.rate is not None else None,
        audio_out=Path(args.audio_out) if args.audio_out else None,
    )
    choice = make_speaker(options)
    if choice.notice:
        print(f"voice-guide: {choice.notice}", file=sys.stderr)
    return choice.speaker
