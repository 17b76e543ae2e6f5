"""Reading the ``needs:`` and ``time:`` fields of a guide script: plain values in, model values
and problems out.

Kept apart from the loader so the loader only routes values and collects problems; each reader
returns ``(value, problems)`` where a problem is ``(path inside the field, message)``.
"""

from __future__ import annotations

from typing import Any

from voice.guide.model import Guide, Need
from voice.guide.yaml_reader import kind_of
from voice.language.durations import MAX_SECONDS, Duration, parse_duration
from voice.language.intents import Intent

NEED_FIELDS = ("name", "amount", "tool")
Problem = tuple[tuple[str | int, ...], str]
HINT = "write it as people do ('10 minutes', '1 h 30 min', 'an hour') or as ISO 8601 ('PT10M')"


def read_duration(value: Any) -> tuple[Duration | None, list[Problem]]:
    """A ``time:`` value; ``None`` (no problem) when it is left out or empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, []
    if not isinstance(value, str) or isinstance(value, list | dict):
        return None, [((), f"expected a duration, got {kind_of(value)}; {HINT}")]
    found = parse_duration(value)
    if found is not None:
        return found, []
    if value.strip().replace(".", "", 1).isdigit():
        return None, [((), f"'{value.strip()}' has no unit; write '{value.strip()} minutes'")]
    return None, [((), f"'{value.strip()}' is not a duration of up to {MAX_SECONDS // 86400} "
                   f"days; {HINT}")]  # fmt: skip


def read_needs(value: Any) -> tuple[tuple[Need, ...], list[Problem]]:
    """A ``needs:`` list: each item a name ("a kettle") or ``{name, amount, tool}``."""
    if value is None:
        return (), []
    if not isinstance(value, list):
        return (), [((), f"expected a list of things needed, got {kind_of(value)}")]
    needs: list[Need] = []
    problems: list[Problem] = []
    for i, item in enumerate(value):
        need, found = _need(item)
        problems += [((i, *path), message) for path, message in found]
        if need is not None:
            needs.append(need)
    return tuple(needs), problems


def _need(item: Any) -> tuple[Need | None, list[Problem]]:
    if isinstance(item, str) and not isinstance(item, list | dict):
        return (Need(" ".join(item.split())), []) if item.strip() else (None, [((), "empty")])
    if not isinstance(item, dict):
        return None, [((), f"expected a name or a mapping with 'name', got {kind_of(item)}")]
    problems: list[Problem] = [
        ((key,), f"unknown field; known: {', '.join(NEED_FIELDS)}")
        for key in item
        if key not in NEED_FIELDS
    ]
    name, amount, tool = item.get("name"), item.get("amount"), item.get("tool", False)
    if not isinstance(name, str) or not name.strip():
        problems.append((("name",), "missing" if name is None else f"expected text, got "
                         f"{kind_of(name)}"))  # fmt: skip
    if amount is not None and not isinstance(amount, str):
        problems.append(
            (("amount",), f"expected text such as '4' or '500 g', got {kind_of(amount)}")
        )
    if tool is not None and not isinstance(tool, bool):
        problems.append((("tool",), f"expected true or false, got {kind_of(tool)}"))
    if problems or not isinstance(name, str):
        return None, problems
    return Need(" ".join(name.split()), " ".join((amount or "").split()), bool(tool)), []


NEEDS_INTENTS = frozenset({Intent.NEEDS, Intent.TOOLS})
TIME_INTENTS = frozenset({Intent.HOW_LONG, Intent.STEP_TIME})
TIMER_INTENTS = frozenset({Intent.TIMER_SET, Intent.TIMER_START, Intent.TIMER_LEFT,
                           Intent.TIMER_CANCEL})  # fmt: skip


def intents_without_use(guide: Guide) -> frozenset[Intent]:
    """Needs, time and timer commands of a guide that has no needs or times: a speech grammar
    leaves their phrases out, since each extra phrase is one more thing a command can be
    mistaken for (typed, they still work and say there is nothing to tell)."""
    timed = any(step.time is not None for step in guide.steps)
    unused = set() if guide.needs else set(NEEDS_INTENTS)
    unused |= set() if timed or guide.time is not None else TIME_INTENTS
    return frozenset(unused | (set() if timed else TIMER_INTENTS))
