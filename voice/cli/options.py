"""The command line of ``voice-guide [GUIDE]``: its parser, and the option objects it yields.

Parsing errors are one line naming the option, with exit code 2 (argparse's default prints the
whole usage first, which buries the one line that matters).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO, NoReturn

from voice import __version__
from voice.audio.vad import Detector
from voice.cli.choice import add_choice_arguments
from voice.cli.exit_codes import EXIT_BAD_INPUT
from voice.cli.guides import add_guides_dir_argument
from voice.errors import OptionError
from voice.session.push_keys import require_terminal
from voice.speech_in.selection import STT_CHOICES, SpeechOptions

SUBCOMMAND_NAMES = ("check", "export", "guides", "import", "mics", "models", "voices")


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors are one line: ``prog: message (see prog --help)``."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def run_parser() -> Parser:
    """The parser of the main job: the guide, then text/voice input, then speech output."""
    parser = Parser(
        prog="voice-guide",
        description="Walks you through a how-to guide by voice, offline. "
        f"Other commands: {', '.join(SUBCOMMAND_NAMES)} (voice-guide CMD --help).",
    )
    parser.add_argument(
        "script",
        nargs="?",
        help="guide script file or guide name, see voice-guide guides "
        "(default: the bundled English Amazon chat guide)",
    )
    add_guides_dir_argument(parser)
    add_choice_arguments(parser)
    parser.add_argument(
        "--text", action="store_true", help="text mode: type commands instead of speaking them"
    )
    parser.add_argument(
        "--jsonl", metavar="PATH", help="write one JSON object per turn to PATH ('-' for stdout)"
    )
    _speech_in_arguments(parser)
    _speech_out_arguments(parser)
    _session_arguments(parser)
    parser.add_argument(
        "--explain",
        action="store_true",
        help="say on stderr (and in --jsonl events) why each utterance got its intent",
    )
    parser.add_argument("--version", action="version", version=f"voice-guide {__version__}")
    return parser


def _speech_in_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stt", choices=STT_CHOICES, default="auto", help="speech recogniser (default: auto)"
    )
    parser.add_argument("--model", metavar="PATH", help="vosk model directory")
    parser.add_argument(
        "--audio-in",
        nargs="+",
        metavar="FILE",
        help="recognise these audio files (WAV, FLAC, OGG), one utterance each, instead of a mic",
    )
    parser.add_argument(
        "--mic",
        type=int,
        metavar="N",
        help="microphone device index (see voice-guide mics; default: system)",
    )
    parser.add_argument(
        "--vad",
        choices=[d.value for d in Detector],
        default=Detector.SILERO_ENERGY.value,
        help="how speech is told from silence: silero+energy (default: the Silero voice-activity "
        "detector hears soft voices and speech in a noisy room; in a quiet room loudness says "
        "when you stopped), silero (Silero alone, ~0.1 s slower to answer), webrtc (the WebRTC "
        "detector) or energy (a loudness threshold alone: noise holds it open, soft voices are "
        "missed)",
    )
    parser.add_argument(
        "--push-to-talk",
        action="store_true",
        help="listen only while you push the space key: tap it and speak, or hold it while "
        "speaking (for noisy places)",
    )


def _speech_out_arguments(parser: argparse.ArgumentParser) -> None:
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


def _session_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fresh", action="store_true", help="start at the beginning, ignoring the saved position"
    )
    parser.add_argument(
        "--transcript",
        metavar="FILE",
        help="write the conversation to FILE (.jsonl: JSON Lines, else Markdown)",
    )


def speech_in_options(args: argparse.Namespace) -> SpeechOptions:
    """``--stt``, ``--model`` and ``--audio-in`` as the speech-input options object."""
    return SpeechOptions(
        stt=args.stt,
        model=Path(args.model) if args.model else None,
        audio_in=tuple(Path(name) for name in args.audio_in or ()),
    )


def check_push_to_talk(args: argparse.Namespace, stdin: IO[str]) -> None:
    """``--push-to-talk`` needs the microphone and a terminal for the key; ``OptionError`` (one
    line, exit 2) otherwise, before anything is loaded."""
    if not args.push_to_talk:
        return
    if args.text or args.audio_in:
        other = "--text" if args.text else "--audio-in"
        raise OptionError(f"--push-to-talk listens to the microphone; it does not go with {other}")
    require_terminal(stdin)
