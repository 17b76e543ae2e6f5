"""``voice-guide check FILE...``: validate guide script files, every problem on its own line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from voice.cli.exit_codes import EXIT_FAILED, EXIT_OK
from voice.errors import GuideError
from voice.guide.loader import load_guide


def check(argv: Sequence[str]) -> int:
    """``voice-guide check FILE...``: validate script files, every problem on its own line."""
    parser = argparse.ArgumentParser(
        prog="voice-guide check", description="Validate guide script files."
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    args = parser.parse_args(argv)
    failed = 0
    for name in args.files:
        try:
            guide = load_guide(name)
        except GuideError as err:
            failed += 1
            print(err, file=sys.stderr)
            continue
        print(
            f"{name}: ok ({len(guide.steps)} steps, {len(guide.tips)} tips, "
            f"{len(guide.faq)} questions, language {guide.language}"
            + (f", {len(guide.needs)} needs" if guide.needs else "")
            + (f", takes {guide.time}" if guide.time else "")
            + ")"
        )
    return EXIT_FAILED if failed else EXIT_OK
