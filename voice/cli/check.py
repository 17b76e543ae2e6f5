"""``voice-guide check FILE...``: validate guide script files, every problem on its own line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from voice.cli.exit_codes import EXIT_FAILED, EXIT_OK
from voice.errors import GuideError
from voice.guide.loader import load_guide
from voice.language.commands import guide_vocabulary


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
            f"{len(guide.faq)} questions, language {guide.language})"
        )
        if not guide_vocabulary(guide).own:
            print(_NO_VOCABULARY.format(name=name, lang=guide.lang), file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


_NO_VOCABULARY = (
    "{name}: warning: there are no built-in commands for language '{lang}' and the guide has no "
    "'commands:' of its own, so only English commands (next, back, repeat...) are understood"
)
"""Not an error: the guide works, but a listener speaking its language cannot steer it."""
