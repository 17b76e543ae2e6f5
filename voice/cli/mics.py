"""``voice-guide mics``: the microphones ``--mic N`` can choose from."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from voice.audio.devices import list_microphones, mics_lines
from voice.cli.exit_codes import EXIT_FAILED, EXIT_OK
from voice.cli.options import Parser
from voice.errors import SpeechError


def mics_main(argv: Sequence[str]) -> int:
    """List the input devices, the default marked; one line and exit 1 without PortAudio."""
    parser = Parser(
        prog="voice-guide mics", description="List the microphones (audio input devices)."
    )
    parser.parse_args(argv)
    try:
        devices = list_microphones()
    except (SpeechError, OSError) as err:
        print(f"voice-guide: {err}", file=sys.stderr)
        return EXIT_FAILED
    print("\n".join(mics_lines(devices)))
    return EXIT_OK
