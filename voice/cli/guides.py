"""``voice-guide guides``: the guides one can open by name, one line each, and where they are."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from voice.cli.exit_codes import EXIT_FAILED, EXIT_OK
from voice.guide.library import LibraryEntry, Origin, load_library, user_guides_dir


def add_guides_dir_argument(parser: argparse.ArgumentParser) -> None:
    """``--guides DIR``: the person's guides folder, shared by the commands that open by name."""
    parser.add_argument(
        "--guides",
        metavar="DIR",
        help="folder of your own guides (default: $VOICE_GUIDE_GUIDES_DIR or the user data dir)",
    )


def guides_main(argv: Sequence[str]) -> int:
    """List the bundled and the person's guides: name, language, steps, title, where from."""
    parser = argparse.ArgumentParser(
        prog="voice-guide guides",
        description="List the guides voice-guide can open by name (voice-guide NAME).",
    )
    add_guides_dir_argument(parser)
    args = parser.parse_args(argv)
    folder = user_guides_dir(args.guides)
    library = load_library(folder)
    for err in library.problems:  # a broken guide is named, the others still listed
        print(f"voice-guide: {str(err).splitlines()[0]}", file=sys.stderr)
    print("\n".join(guide_lines(library.entries)))
    print(f"your guides folder: {folder}", file=sys.stderr)
    return EXIT_FAILED if library.problems else EXIT_OK


def guide_lines(entries: Sequence[LibraryEntry]) -> list[str]:
    """Aligned lines: name, language, steps, title, and where the guide comes from."""
    width = max((len(entry.name) for entry in entries), default=0)
    return [
        f"{e.name:<{width}}  {e.guide.language:<5}  {_steps(e):>8}  {e.guide.title}  ({_where(e)})"
        for e in entries
    ]


def _steps(entry: LibraryEntry) -> str:
    count = len(entry.guide.steps)
    return f"{count} step{'' if count == 1 else 's'}"


def _where(entry: LibraryEntry) -> str:
    return "bundled" if entry.origin is Origin.BUNDLED else str(entry.path)
