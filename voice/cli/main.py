"""The ``voice-guide`` command: dispatch on the first word to a subcommand module.

Subcommands (``check``, ...) are dispatched on the first word so that the main form keeps its
optional positional GUIDE: ``voice-guide [GUIDE] [--text]``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from voice.cli import authoring, check, guides, mics, models, run, voices


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        return SUBCOMMANDS[args[0]](args[1:])
    return run.run(args)


def import_article(argv: Sequence[str]) -> int:
    """``voice-guide import SOURCE [-o SCRIPT]`` (voice.cli.authoring)."""
    return authoring.import_main(argv)


def export(argv: Sequence[str]) -> int:
    """``voice-guide export SCRIPT --format markdown|jsonld`` (voice.cli.authoring)."""
    return authoring.export_main(argv)


SUBCOMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "check": check.check,
    "guides": guides.guides_main,
    "models": models.models_main,
    "mics": mics.mics_main,
    "voices": voices.voices_main,
    "import": import_article,
    "export": export,
}
