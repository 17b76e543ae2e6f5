"""``voice-guide import`` and ``voice-guide export``: the authoring commands, terminal side.

Import writes the script (or prints it), then lists on stderr every note the importer made, so
the author knows what to review. Both commands check their output with the script loader.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from voice.authoring.common import ImportResult
from voice.authoring.export import ExportFormat, export_guide
from voice.authoring.importer import import_file, keep_from
from voice.cli.exit_codes import EXIT_BAD_INPUT
from voice.cli.guides import add_guides_dir_argument
from voice.errors import BadInputError, GuideError, VoiceGuideError, plural
from voice.guide.library import resolve_name, user_guides_dir
from voice.guide.loader import LANGUAGE_TAG, load_guide, parse_guide
from voice.guide.model import Guide
from voice.guide.writer import write_guide


def import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voice-guide import",
        description="Turn a how-to article (text, Markdown, or HTML with schema.org HowTo/"
        "FAQPage JSON-LD) into a guide script to review.",
    )
    parser.add_argument("source", metavar="SOURCE", help="article file (.txt, .md, .html)")
    parser.add_argument(
        "-o", "--output", metavar="SCRIPT", help="write the script here (default: standard output)"
    )
    parser.add_argument(
        "--lang", metavar="LANG", help="language of the article, e.g. en or nl (default: detected)"
    )
    parser.add_argument(
        "--keep-from",
        metavar="SCRIPT",
        help="earlier version of the script: keep its guide id, and the FAQ ids "
        "and 'also' phrasings of questions whose text is unchanged",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing SCRIPT")
    parser.add_argument(
        "--save",
        action="store_true",
        help="put the guide in your guides folder as ID.LANG.yaml, to open by name "
        "(see voice-guide guides)",
    )
    add_guides_dir_argument(parser)
    return parser


def import_main(argv: Sequence[str]) -> int:
    """Entry point of ``voice-guide import``; returns the exit status."""
    args = import_parser().parse_args(argv)
    if args.save and args.output:
        return _fail("--save and -o/--output both say where to write; give one")
    if args.lang and not LANGUAGE_TAG.match(args.lang):
        return _fail(f"--lang '{args.lang}' is not a language tag such as 'en' or 'nl'")
    if args.output and Path(args.output).exists() and not args.force:
        return _fail(
            f"{args.output} exists; add --force to overwrite it (and --keep-from "
            f"{args.output} to keep its FAQ ids)"
        )
    try:
        result = import_file(args.source, args.lang)
        guide = (
            keep_from(result.guide, load_guide(args.keep_from))
            if args.keep_from
            else (result.guide)
        )
        text = _checked_guide(result, guide, args)
        if args.save:
            args.output = str(_saved_path(guide, args))
    except VoiceGuideError as err:
        return _fail(str(err))
    for note in result.notes:
        print(f"voice-guide import: note: {note.render(args.source)}", file=sys.stderr)
    try:
        _write(text, args.output)
    except OutputError as err:
        return _fail(str(err))
    _summary(guide, args, len(result.notes))
    return 0


def _checked_guide(result: ImportResult, guide: Guide, args: argparse.Namespace) -> str:
    how = "given" if args.lang else "detected"
    comment = (
        f"Imported from {args.source} by voice-guide import (language {how}).\n"
        "Review it, then add 'also:' phrasings to the questions people ask differently."
    )
    text = write_guide(guide, comment)
    parse_guide(text, args.output or "<output>")  # the promise: output passes `check`
    return text


def _saved_path(guide: Guide, args: argparse.Namespace) -> Path:
    """Where ``--save`` puts the guide: ``ID.LANG.yaml`` in the person's guides folder."""
    folder = user_guides_dir(args.guides)
    path = folder / f"{guide.id}.{guide.language}.yaml"
    if path.exists() and not args.force:
        raise OutputError(f"{path} exists; add --force to overwrite it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{folder}: cannot create the guides folder: {err.strerror}") from err
    return path


def _summary(guide: Guide, args: argparse.Namespace, notes: int) -> None:
    where = args.output or "standard output"
    print(
        f"voice-guide import: wrote {where}: {plural(len(guide.steps), 'step')}, "
        f"{plural(len(guide.tips), 'tip')}, {plural(len(guide.faq), 'question')}, "
        f"language {guide.language}{'' if args.lang else ' (detected)'}; {plural(notes, 'note')}",
        file=sys.stderr,
    )


def export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voice-guide export",
        description="Write a guide out as a Markdown article or as an HTML page with schema.org "
        "HowTo/FAQPage JSON-LD.",
    )
    parser.add_argument("script", metavar="SCRIPT", help="guide script file or bundled guide name")
    parser.add_argument("--format", required=True, choices=[f.value for f in ExportFormat])
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write here (default: standard output)"
    )
    return parser


def export_main(argv: Sequence[str]) -> int:
    """Entry point of ``voice-guide export``; returns the exit status."""
    args = export_parser().parse_args(argv)
    try:
        guide = load_guide(resolve_name(args.script, user_guides_dir()))
    except GuideError as err:
        print(err, file=sys.stderr)
        return EXIT_BAD_INPUT
    dropped = [
        name
        for name, present in (
            ("'also' phrasings", any(e.also for e in guide.faq)),
            ("extra commands", bool(guide.commands)),
        )
        if present
    ]
    if dropped:
        print(
            f"voice-guide export: note: {' and '.join(dropped)} are voice-only and not exported",
            file=sys.stderr,
        )
    try:
        _write(export_guide(guide, ExportFormat(args.format)), args.output)
    except OutputError as err:
        return _fail(str(err))
    return 0


def _write(text: str, output: str | None) -> None:
    if not output or output == "-":
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as err:
        raise OutputError(f"{output}: cannot write: {err.strerror}") from err


class OutputError(BadInputError):
    """The script or exported file cannot be written."""


def _fail(message: str) -> int:
    print(f"voice-guide: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
