"""``voice-guide models fetch LANG|NAME`` / ``models list``: the speech models on this machine
(vosk models by language, Whisper models by name such as ``whisper-tiny.en``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from voice.cli.exit_codes import EXIT_FAILED, EXIT_OK
from voice.cli.options import Parser
from voice.errors import ModelError
from voice.speech_in.catalogue import (
    WHISPER_PREFIX,
    FetchOptions,
    bundled_catalogue,
    fetch,
    installed_models,
    listing,
)
from voice.speech_in.model_discovery import model_roots
from voice.speech_in.whisper_models import fetch_named, whisper_listing


def models_main(argv: Sequence[str]) -> int:
    """Fetch the official small model for a language, or list installed and known models."""
    args = _models_parser().parse_args(argv)
    try:
        if args.action == "fetch":
            options = FetchOptions.from_env(Path(args.dir) if args.dir else None, args.refresh)
            target = _fetch_any(args.lang, options)
            print(f"installed the {args.lang} model in {target}")
        else:
            print("\n".join(listing(installed_models(), bundled_catalogue())))
            print("\n".join(whisper_listing(model_roots())))
    except ModelError as err:
        print(f"voice-guide: {err}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _fetch_any(name: str, options: FetchOptions) -> Path:
    """A Whisper model by name (``whisper-tiny.en``), else the vosk model for a language code."""
    if name.startswith(WHISPER_PREFIX):
        return fetch_named(name, options.root, options.attempts)
    return fetch(name, options)


def _models_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="voice-guide models",
        description="Speech models: fetch the official small vosk model for a language or a "
        "Whisper model by name (whisper-tiny.en, whisper-base.en, whisper-base), or list "
        "installed and known models.",
    )
    actions = parser.add_subparsers(dest="action", required=True)
    fetch_cmd = actions.add_parser("fetch", help="download and install the model for LANG")
    fetch_cmd.add_argument(
        "lang", metavar="LANG", help="language code (vosk), e.g. en, or a Whisper model name"
    )
    fetch_cmd.add_argument("--dir", help="models folder to install into")
    fetch_cmd.add_argument(
        "--refresh",
        action="store_true",
        help="read the current official model list instead of the bundled catalogue",
    )
    actions.add_parser("list", help="show installed and known models")
    return parser
