"""``voice-guide check FILE...``: validate guide script files, every problem on its own line.

A FILE may also name a guide from ``voice-guide guides`` (``amazon-chat.nl``); a name that is
neither is bad input (exit 2), told apart from a guide with problems (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from voice.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK
from voice.errors import GuideError, plural
from voice.guide.bundled import UnknownGuideError
from voice.guide.library import resolve_name, user_guides_dir
from voice.guide.loader import load_guide
from voice.language.commands import guide_vocabulary


def check(argv: Sequence[str]) -> int:
    """``voice-guide check FILE...``: validate script files, every problem on its own line."""
    parser = argparse.ArgumentParser(
        prog="voice-guide check", description="Validate guide script files."
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="guide script file or bundled guide name"
    )
    args = parser.parse_args(argv)
    statuses = [_check_one(name) for name in args.files]
    return max(statuses, default=EXIT_OK)


def _check_one(name: str) -> int:
    """Check one file or bundled guide, print the verdict, return its exit status."""
    try:
        guide = load_guide(resolve_name(name, user_guides_dir()))
    except UnknownGuideError as err:
        print(f"voice-guide: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except GuideError as err:
        print(err, file=sys.stderr)
        return EXIT_FAILED
    print(
        f"{name}: ok ({plural(len(guide.steps), 'step')}, {plural(len(guide.tips), 'tip')}, "
        f"{plural(len(guide.faq), 'question')}, language {guide.language}"
        + (f", {plural(len(guide.needs), 'need')}" if guide.needs else "")
        + (f", takes {guide.time}" if guide.time else "")
        + ")"
    )
    if not guide_vocabulary(guide).own:
        print(_NO_VOCABULARY.format(name=name, lang=guide.lang), file=sys.stderr)
    return EXIT_OK


_NO_VOCABULARY = (
    "{name}: warning: there are no built-in commands for language '{lang}' and the guide has no "
    "'commands:' of its own, so only English commands (next, back, repeat...) are understood"
)
"""Not an error: the guide works, but a listener speaking its language cannot steer it."""
