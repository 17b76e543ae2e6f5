"""``voice-guide check FILE...``: validate guide script files, every problem on its own line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from voice.cli.exit_codes import EXIT_FAILED, EXIT_OK
from voice.errors import GuideError, plural
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
            f"{name}: ok ({plural(len(guide.steps), 'step')}, {plural(len(guide.tips), 'tip')}, "
            f"{plural(len(guide.faq), 'question')}, language {guide.language})"
        )
    return EXIT_FAILED if failed else EXIT_OK
