"""The main job of ``voice-guide [GUIDE]``: load the guide, wire input and output adapters to the
dialog engine, hold the conversation. The wiring reads top-down: options -> guide -> sinks ->
speaker -> listener -> session. When the person asks for another guide, the session ends with
``switch_to`` and ``run`` opens that guide afresh (the engine only asks; the CLI does it).

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
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from voice.audio.microphone import MicConfig
from voice.audio.push_to_talk import PushGate
from voice.audio.vad import Detector
from voice.cli.choice import after_switch, first_choice, guide_refs, saves_position
from voice.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK
from voice.cli.options import check_push_to_talk, run_parser, speech_in_options
from voice.dialog.engine import DialogEngine, State
from voice.dialog.guide_choice import GuideRef
from voice.errors import BadInputError, GuideError, UnavailableError, VoiceGuideError, plural
from voice.guide.bundled import DEFAULT_GUIDE
from voice.guide.library import Library, load_library, user_guides_dir
from voice.guide.loader import load_guide
from voice.guide.model import Guide
from voice.language.commands import Vocabulary, guide_vocabulary
from voice.session.interrupts import exit_status, signals_as_interrupts
from voice.session.loop import JsonlSink, PrintSink, Session, SilentSpeaker, TextFallback, TurnSink
from voice.session.ports import Listener, Speaker
from voice.session.push_keys import PushToTalkListener, SpaceKey
from voice.session.resume import Opening, PositionStore, ResumeSink, opening, state_dir
from voice.session.transcript import TranscriptError, TranscriptSink
from voice.speech_in.file_listener import make_listener
from voice.speech_in.mic_listener import build_mic_listener
from voice.speech_out.speaker import SpeakerChoice, make_speaker
from voice.speech_out.speaker import SpeechOptions as SpeechOutOptions
from voice.speech_out.voices import check_rate, check_voice


def run(argv: Sequence[str]) -> int:
    """The main job: load the guide, pick input and output, hold the conversation; then the next
    guide for as long as the person asks for another one."""
    args = run_parser().parse_args(argv)
    try:
        check_push_to_talk(args, sys.stdin)
        library = load_library(user_guides_dir(args.guides))
        path = guide_path(args.script, library)
        guide = load_guide(path)
    except GuideError as err:
        return _report_guide_error(err)
    except BadInputError as err:
        print(f"voice-guide: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    choosing = first_choice(args, library)  # the default guide is one of the choices then
    walk = _walk(args, guide, guide_refs(library, None if choosing else path), choosing)
    while walk.switch_to is not None:  # the person asked for another guide: open it afresh
        entry = library.find(walk.switch_to)
        if entry is None:
            return EXIT_OK
        args = after_switch(args, walk.heard)
        walk = _walk(args, entry.guide, guide_refs(library, entry.path), ())
    return walk.status


def guide_path(name: str | None, library: Library) -> Path:
    """The file to open: a path as given, a guide by name (the person's or bundled), or the
    default guide."""
    return DEFAULT_GUIDE if name is None else library.resolve(name)


@dataclass(frozen=True)
class Walk:
    """How one guide's session ended."""

    status: int
    """Exit status if the run ends here."""
    switch_to: str | None = None
    """The guide the person asked to open next."""
    heard: int = 0
    """Utterances heard (``--audio-in`` goes on with the files after them)."""


def _walk(
    args: argparse.Namespace, guide: Guide, refs: tuple[GuideRef, ...], choosing: tuple[str, ...]
) -> Walk:
    """One guide's session, from its opening (or the 'which guide?' question) to its end."""
    try:
        session, start = open_session(args, guide, refs, choosing)
    except GuideError as err:
        return Walk(_report_guide_error(err))
    except BadInputError as err:
        print(f"voice-guide: {err}", file=sys.stderr)
        return Walk(EXIT_BAD_INPUT)
    except VoiceGuideError as err:  # unavailable before the conversation: nothing to fall to
        print(f"voice-guide: {err}", file=sys.stderr)
        return Walk(EXIT_FAILED)
    return hold(session, start)


def open_session(
    args: argparse.Namespace, guide: Guide, refs: tuple[GuideRef, ...], choosing: tuple[str, ...]
) -> tuple[Session, Opening]:
    """Sinks, speaker, listener and engine for ``guide``; on bad input, closes what it opened."""
    with contextlib.ExitStack() as opened:
        kept, start = _remembering(args, guide, choosing)
        opened.callback(_close_all, kept)
        sinks = kept + _sinks(args)
        opened.callback(_close_all, sinks[len(kept) :])
        spoken = _speaker(args, guide)  # first: the microphone listener follows its .speaking
        opened.callback(spoken.speaker.close)
        fallback = TextFallback(
            sys.stderr, prompt="" if args.jsonl == "-" else "> ", history=state_dir() / "history"
        )
        vocab = guide_vocabulary(guide)  # one per guide: the engine and speech input share it
        listener = _listener(args, guide, vocab, spoken.speaker, fallback)
        opened.pop_all()
    if spoken.notice:  # only now: after bad input, the one line must be about the input
        print(f"voice-guide: {spoken.notice}", file=sys.stderr)
    engine = DialogEngine(guide, transcript=_transcript_path(args), guides=refs, vocab=vocab)
    explain = sys.stderr if args.explain else None
    return Session(engine, listener, spoken.speaker, sinks, fallback, explain=explain), start


def hold(session: Session, start: Opening) -> Walk:
    """The conversation, until the guide ends, the person stops or asks for another guide, or a
    signal comes."""
    with signals_as_interrupts(hush=lambda: _hush(session.speaker)):
        try:
            final = session.run(start.state, start.changed)
        except KeyboardInterrupt as err:  # Ctrl-C, SIGTERM, SIGHUP: the position is saved
            print(file=sys.stderr)
            return Walk(exit_status(err))
        except VoiceGuideError as err:
            print(f"voice-guide: {err}", file=sys.stderr)
            return Walk(EXIT_FAILED)
        finally:
            session.close()
    return Walk(EXIT_OK, final.switch_to, session.turn - 1)


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


def _remembering(
    args: argparse.Namespace, guide: Guide, choosing: tuple[str, ...]
) -> tuple[list[TurnSink], Opening]:
    """The sinks that keep the session (saved position, transcript) and where it starts."""
    store = PositionStore(state_dir())
    start = Opening(State()) if args.fresh else opening(store.load(guide), guide)
    if choosing:
        start = Opening(State(choosing=choosing))
    sinks: list[TurnSink] = []
    if saves_position(args):
        sinks.append(ResumeSink(store, guide, sys.stderr))
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
    except UnavailableError as err:  # no mic, no engine, a corrupt or foreign model
        return fallback.listener(err)


def voice_listener(
    args: argparse.Namespace, guide: Guide, speaker: Speaker, vocab: Vocabulary | None = None
) -> Listener:
    """Audio files (``--audio-in``) or the microphone. Raises ``BadInputError`` for a file or
    ``--model`` that cannot be used, an ``UnavailableError`` when no engine or device can run."""
    options = speech_in_options(args)
    if options.audio_in:
        return make_listener(options, guide, os.environ, vocab)
    config = MicConfig(device=args.mic, vad=Detector(args.vad))
    if not args.push_to_talk:
        return build_mic_listener(options, guide, speaker, config, vocab)
    gate = PushGate()
    mic = build_mic_listener(options, guide, speaker, config, vocab, push=gate)
    keys = SpaceKey(gate.press, on_push=lambda: _hush(speaker), notes=sys.stderr)
    return PushToTalkListener(mic, keys, sys.stderr)
