"""The ``voice-guide`` command: dispatch on the first word to a subcommand module.

Subcommands (``check``, ...) are dispatched on the first word so that the main form keeps its
optional positional GUIDE: ``voice-guide [GUIDE] [--text]``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from voice.cli import authoring, check, guides, run
from voice.guide.bundled import bundled_guides


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        return SUBCOMMANDS[args[0]](args[1:])
    return run.run(args)


def models(argv: Sequence[str]) -> int:
    """``voice-guide models fetch LANG`` / ``models list`` (voice.speech_in.catalogue)."""
    from voice.speech_in.catalogue import models_main

    return models_main(argv)


def mics(argv: Sequence[str]) -> int:
    """``voice-guide mics``: input devices for ``--mic N`` (voice.audio.devices)."""
    from voice.audio.devices import mics_main

    return mics_main(argv)


def voices(argv: Sequence[str]) -> int:
    """``voice-guide voices``: installed TTS voices for ``--voice NAME`` ."""
    from voice.speech_out.voices import voices_main

    return voices_main(argv, bundled_guides())


def import_article(argv: Sequence[str]) -> int:
    """``voice-guide import SOURCE [-o SCRIPT]`` (voice.cli.authoring)."""
    return authoring.import_main(argv)


def export(argv: Sequence[str]) -> int:
    """``voice-guide export SCRIPT --format markdown|jsonld`` (voice.cli.authoring)."""
    return authoring.export_main(argv)


SUBCOMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "check": check.check,
    "guides": guides.guides_main,
    "models": models,
    "mics": mics,
    "voices": voices,
    "import": import_article,
    "export": export,
}
