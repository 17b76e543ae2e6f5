"""``voice-guide guides``: the guides one can name on the command line, one line each."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from voice.cli.exit_codes import EXIT_FAILED, EXIT_OK
from voice.errors import GuideError
from voice.guide.bundled import bundled_guides
from voice.guide.loader import load_guide
from voice.guide.model import Guide


def guides_main(argv: Sequence[str]) -> int:
    """List the bundled guides: name, language, number of steps, title."""
    parser = argparse.ArgumentParser(
        prog="voice-guide guides",
        description="List the guides voice-guide can open by name (voice-guide NAME).",
    )
    parser.parse_args(argv)
    status = EXIT_OK
    rows: list[tuple[str, Guide]] = []
    for path in bundled_guides():
        try:
            rows.append((path.stem, load_guide(path)))
        except GuideError as err:  # a broken guide is named, the others still listed
            print(f"voice-guide: {str(err).splitlines()[0]}", file=sys.stderr)
            status = EXIT_FAILED
    print("\n".join(guide_lines(rows)))
    return status


def guide_lines(rows: Sequence[tuple[str, Guide]]) -> list[str]:
    """Aligned lines: name, language, steps, title."""
    width = max((len(name) for name, _ in rows), default=0)
    return [
        f"{name:<{width}}  {guide.language:<5}  {_steps(guide):>8}  {guide.title}"
        for name, guide in rows
    ]


def _steps(guide: Guide) -> str:
    count = len(guide.steps)
    return f"{count} step{'' if count == 1 else 's'}"
