"""``voice-guide voices``: installed text-to-speech voices, for ``--voice NAME``."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from voice.cli.exit_codes import EXIT_FAILED, EXIT_OK
from voice.cli.options import Parser
from voice.errors import GuideError, SpeechError
from voice.guide.bundled import bundled_guides
from voice.guide.loader import load_guide
from voice.speech_out.voices import installed_voices, matching_voices, voice_lines


def voices_main(argv: Sequence[str], scripts: Sequence[Path] | None = None) -> int:
    """Installed voices, marking those that fit each bundled guide (or each of ``scripts``)."""
    parser = Parser(
        prog="voice-guide voices",
        description="List installed text-to-speech voices (for --voice NAME).",
    )
    parser.add_argument("--language", metavar="TAG", help="only voices for this BCP 47 language")
    args = parser.parse_args(argv)
    try:
        voices = installed_voices()
    except SpeechError as err:
        print(f"voice-guide: {err}", file=sys.stderr)
        return EXIT_FAILED
    if args.language:
        voices = matching_voices(voices, args.language)
    guides = guide_languages(bundled_guides() if scripts is None else scripts)
    for line in voice_lines(voices, guides):
        print(line)
    return EXIT_OK


def guide_languages(scripts: Iterable[Path]) -> dict[str, str]:
    """Bundled guide name -> its language, skipping files that do not load."""
    languages = {}
    for path in scripts:
        try:
            languages[path.name.removesuffix(".yaml")] = load_guide(path).language
        except GuideError:
            continue
    return languages
