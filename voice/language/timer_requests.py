"""'Set a timer for five minutes', 'zet een timer op tien minuten': a timer request with its length.

The command table matches whole utterances, and a duration can be said in countless ways, so a
timer request is recognised by its frame ("set a timer for ...", "a ... timer") and the rest is
left to ``parse_duration``. Pure; English and Dutch frames, tried for every language.
"""

from __future__ import annotations

import re

from voice.language.durations import parse_duration

FRAMES = tuple(
    re.compile(frame, re.I)
    for frame in (
        r"(?:(?:please|can you|could you)\s+)?(?:set|start|put on|make)?\s*(?:me\s+)?"
        r"(?:a|an|the|one)?\s*timer\s+(?:for|of|on|at)?\s*(?P<length>.+?)(?:\s+please)?",
        r"(?:set|start|make)?\s*(?:a|an|one)?\s*(?P<length>.+?)\s+timer(?:\s+please)?",
        r"(?:wil je\s+)?(?:zet|start|maak)?\s*(?:een|de)?\s*(?:timer|wekker)\s+"
        r"(?:op|voor|van|om)?\s*(?P<length>.+?)(?:\s+(?:alstublieft|alsjeblieft|aub))?",
        r"(?:zet|start|maak)?\s*(?:een)?\s*(?:timer|wekker)\s+(?P<length>.+?)\s+(?:aan|in)",
    )
)


def timer_request(text: str) -> int | None:
    """Seconds asked for when ``text`` is wholly a timer request with a length, else ``None``."""
    text = " ".join(text.strip().rstrip(".!?").split())
    for frame in FRAMES:
        match = frame.fullmatch(text)
        if match:
            found = parse_duration(match.group("length"))
            if found is not None:
                return found.seconds
    return None
