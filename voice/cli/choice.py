"""Which guide a run opens, and what it opens next when the person asks for another one.

Started without a GUIDE at a terminal and with more than one guide in the library, the session
first asks which one (``--choose`` asks in a scripted run too). Scripted runs (piped input,
``--audio-in``) otherwise open the default guide, so a script never meets a question it did not
expect, and do not save the person's place unless ``--save-position``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from voice.dialog.guide_choice import GuideRef
from voice.guide.library import Library


def add_choice_arguments(parser: argparse.ArgumentParser) -> None:
    """``--choose`` and ``--save-position``."""
    parser.add_argument(
        "--choose",
        action="store_true",
        help="ask which guide to open (the default at a terminal when no GUIDE is given "
        "and there is more than one guide)",
    )
    parser.add_argument(
        "--save-position",
        action="store_true",
        help="save your place even in a scripted run (piped input or --audio-in)",
    )


def scripted(args: argparse.Namespace) -> bool:
    """A run fed by a pipe or by WAV files rather than by a person at a terminal."""
    return bool(args.audio_in) or not sys.stdin.isatty()


def saves_position(args: argparse.Namespace) -> bool:
    """Whether this run may overwrite the person's saved place."""
    return args.save_position or not scripted(args)


def guide_refs(library: Library, current: Path | None = None) -> tuple[GuideRef, ...]:
    """The guides one may switch to, by name (the person's shadowing bundled ones), less the
    one open now."""
    refs: dict[str, GuideRef] = {}
    for entry in library.entries:
        if entry.name not in refs and not _same_file(entry.path, current):
            refs[entry.name] = GuideRef(entry.name, entry.guide.title, entry.guide.language)
    return tuple(refs.values())


def first_choice(args: argparse.Namespace, library: Library) -> tuple[str, ...]:
    """The guide names to ask about before any guide starts; ``()`` to open one at once."""
    if args.script is not None:
        return ()
    distinct = {entry.guide.id for entry in library.entries}
    if args.choose or (len(distinct) > 1 and not scripted(args)):
        return tuple(ref.name for ref in guide_refs(library))
    return ()


def after_switch(args: argparse.Namespace, heard: int) -> argparse.Namespace:
    """The options for the next guide: ``--audio-in`` goes on with the files not yet heard."""
    if not args.audio_in:
        return args
    return argparse.Namespace(**{**vars(args), "audio_in": list(args.audio_in)[heard:]})


def _same_file(path: Path, other: Path | None) -> bool:
    try:
        return other is not None and path.resolve() == other.resolve()
    except OSError:
        return False
