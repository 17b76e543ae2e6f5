"""What a guide needs and how long it takes, found in articles: schema.org ``Recipe`` / ``HowTo``
fields, "What you need" lists, "Time: ..." lines and durations inside step texts.

Shared by the HTML and the text importer, and by the exporter in the other direction, so that
what is written is what is read back (the round trip depends on it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from voice.authoring.common import ImportNote, clean
from voice.guide.model import Guide, Need, Step
from voice.language.durations import Duration, find_duration, iso, parse_duration, say_duration

TIME_FIELDS = ("totalTime", "prepTime", "cookTime", "performTime")
NEED_FIELDS = ("recipeIngredient", "ingredients", "supply", "tool", "recipeYield", "yield")
STEP_TIME_FIELDS = ("timeRequired", "totalTime", "performTime")
TIME_LINE = re.compile(
    r"(?P<label>total time|time needed|time required|time|duration|takes|"
    r"totale tijd|tijdsduur|benodigde tijd|tijd|duur)\s*:\s*(?P<value>.+)",
    re.I,
)
"""A line such as "Time: 15 minutes" or "Duur: een half uur": the guide's (or a step's) time."""
NEEDS_LINE = re.compile(
    r"(?P<label>what you(?:'ll| will)? need|you(?:'ll| will)? need|you need|"
    r"wat (?:heb je|heeft u|hebt u) nodig|benodigdheden|je hebt nodig|u hebt nodig)"
    r"\s*[:?]\s*(?P<items>.+)",
    re.I,
)
""""You'll need: a kettle, a teabag and a mug" on one line: split into needs."""
AMOUNT = re.compile(
    r"(?P<amount>(?:\d+(?:[.,/]\d+)?|[½¼¾⅓⅔])(?:\s*(?:-|–|to|tot)\s*\d+(?:[.,]\d+)?)?"
    r"(?:\s*(?:g|gr|gram|grams|kg|mg|ml|cl|dl|l|liter|litre|liters|litres|oz|lb|lbs|"
    r"tbsp|tsp|el|tl|cup|cups|kopje|kopjes|pinch|snufje|cm|mm|m|x|×)\.?)?)\s+(?P<name>\S.*)",
    re.I,
)
"""A leading quantity ("4", "500 g", "2 cups") split off a need's name."""
SPLIT = re.compile(r"\s*(?:,|;|\band\b|\ben\b)\s*", re.I)


TRAILING_AMOUNT = re.compile(r"(?P<name>.+?)\s+\((?P<amount>[^()]{1,30})\)")
"""'salt (a pinch)': how an amount that is not a leading number is written."""
TIME_WORD = {"en": "Time", "nl": "Duur"}


def need_from_text(text: str, tool: bool = False) -> Need:
    """'500 g flour' -> amount '500 g', name 'flour'; 'salt (a pinch)' -> amount 'a pinch';
    other text is a name."""
    text = clean(text).rstrip(".;,")
    trailing = TRAILING_AMOUNT.fullmatch(text)
    if trailing:
        return Need(trailing.group("name"), trailing.group("amount"), tool)
    match = AMOUNT.fullmatch(text)
    if match:
        return Need(match.group("name"), match.group("amount"), tool)
    return Need(text, "", tool)


def need_line(need: Need) -> str:
    """How the exporters write a need, read back as the same need by ``need_from_text``."""
    if need_from_text(need.spoken, need.tool) == need:
        return need.spoken
    return f"{need.name} ({need.amount})"


def time_line(time: Duration, lang: str) -> str:
    """'Time: 15 minutes' / 'Duur: 15 minuten', read back by ``time_from_line``."""
    said = say_duration(time.seconds, lang if lang in TIME_WORD else "en")
    return f"{TIME_WORD.get(lang, TIME_WORD['en'])}: {said}"


def needs_from_line(text: str) -> tuple[Need, ...] | None:
    """The needs in "You'll need: a, b and c"; ``None`` when the line is no such list."""
    match = NEEDS_LINE.fullmatch(text.strip())
    if not match:
        return None
    return split_needs(match.group("items"))


def split_needs(text: str) -> tuple[Need, ...]:
    """'a kettle, a teabag and a mug' -> three needs."""
    return tuple(need_from_text(part) for part in SPLIT.split(text.rstrip(".")) if part.strip())


def time_from_line(text: str) -> Duration | None:
    """The duration of a "Time: ..." line; ``None`` when the line is something else."""
    match = TIME_LINE.fullmatch(text.strip().rstrip("."))
    return parse_duration(match.group("value")) if match else None


def timed_steps(
    steps: Sequence[Step], lines: Sequence[int | None]
) -> tuple[list[Step], list[ImportNote]]:
    """A step without a time gets the first duration written in its text, reported for review."""
    out, notes = [], []
    for number, (step, line) in enumerate(zip(steps, lines, strict=True), start=1):
        found = find_duration(step.text) if step.time is None else None
        if found is not None:
            step = replace(step, time=found)
            notes.append(ImportNote(line, f"step {number}: time '{found.text}' read from its "
                                    "text; check it"))  # fmt: skip
        out.append(step)
    return out, notes


# --- schema.org -------------------------------------------------------------------------------

Text = Callable[[Any], str]
"""The HTML importer's JSON-LD value -> speakable text."""


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def jsonld_needs(node: dict[str, Any], text: Text) -> tuple[Need, ...]:
    """``recipeIngredient`` and ``supply`` as supplies, ``tool`` as tools."""
    needs: list[Need] = []
    for key in ("recipeIngredient", "ingredients", "supply"):
        needs += [_jsonld_need(item, text, False) for item in _as_list(node.get(key))]
    needs += [_jsonld_need(item, text, True) for item in _as_list(node.get("tool"))]
    return tuple(need for need in needs if need.name)


def _jsonld_need(item: Any, text: Text, tool: bool) -> Need:
    if not isinstance(item, dict):
        return need_from_text(text(item), tool)
    quantity = item.get("requiredQuantity")
    if isinstance(quantity, dict):
        amount = " ".join(
            filter(None, (text(quantity.get("value")), text(quantity.get("unitText"))))
        )
    else:
        amount = text(quantity) if quantity is not None else ""
    name = text(item.get("name") or item.get("text"))
    return Need(name, amount, tool) if amount else need_from_text(name, tool)


def jsonld_time(
    node: dict[str, Any], kind: str, line: int | None
) -> tuple[Duration | None, list[ImportNote]]:
    """``totalTime``; without it, ``prepTime`` + ``cookTime`` / ``performTime`` (said so). Times
    that are not used, or do not parse, are named in a note."""
    times = {key: _iso(node.get(key)) for key in TIME_FIELDS if node.get(key) is not None}
    notes = [
        ImportNote(line, f"{kind}.{key} '{node.get(key)}' is not an ISO 8601 duration; left out")
        for key, value in times.items()
        if value is None
    ]
    total = times.get("totalTime")
    parts = {key: value for key, value in times.items() if key != "totalTime" and value}
    if total is None and parts:
        total = Duration(sum(value.seconds for value in parts.values()))
        names = " + ".join(parts)
        notes.append(ImportNote(line, f"{kind} has no totalTime; the guide's time is {names}"))
    elif parts:
        listed = ", ".join(f"{key} {iso(value.seconds)}" for key, value in parts.items())
        notes.append(ImportNote(line, f"{kind} {listed} not placed: the guide's time is totalTime"))
    return total, notes


def jsonld_step_time(item: dict[str, Any]) -> Duration | None:
    """A step's own time: ``timeRequired`` (HowTo), else ``totalTime`` / ``performTime``."""
    return next(
        (found for key in STEP_TIME_FIELDS if (found := _iso(item.get(key))) is not None), None
    )


def readable(guide: Guide) -> Guide:
    """ISO 8601 times from JSON-LD ("PT40M") rewritten as an author would write them ("forty
    minutes"), in English and Dutch guides; the length stays the same."""
    lang = guide.lang
    if lang not in TIME_WORD:
        return guide
    steps = tuple(replace(step, time=_said(step.time, lang)) for step in guide.steps)
    return replace(guide, time=_said(guide.time, lang), steps=steps)


def _said(time: Duration | None, lang: str) -> Duration | None:
    if time is None or not time.text.upper().startswith("P"):
        return time
    return Duration(time.seconds, say_duration(time.seconds, lang))


def _iso(value: Any) -> Duration | None:
    return parse_duration(value) if isinstance(value, str) else None


def jsonld_yield(node: dict[str, Any], text: Text) -> str:
    """``recipeYield`` ("4 servings", or ["4", "4 servings"]: the most telling one)."""
    values = [text(value) for value in _as_list(node.get("recipeYield") or node.get("yield"))]
    values = [value for value in values if value]
    return max(values, key=len) if values else ""
