"""Durations as people write and say them: "10 minutes", "1 h 30 min", "an hour", "anderhalf uur",
"PT10M" in; "ten minutes", "an hour and a half", "anderhalf uur" out.

Pure and table-driven, like the command vocabulary: adding a language is adding words. Parsing
returns ``None`` for text that is not a duration (callers decide whether that is an error), and
``find_duration`` finds one inside a sentence ("let it soak for an hour") for the importers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

UNITS: dict[str, int] = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "seconde", "seconden"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "minuut", "minuten"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "u", "uur", "uren"), 3600),
    **dict.fromkeys(("d", "day", "days", "dag", "dagen"), 86400),
    **dict.fromkeys(("kwartier", "quarter"), 900),
}
"""Unit words (English and Dutch) -> seconds. 'm' is minutes: nobody times a step in months."""
FRACTIONS: dict[str, float] = {
    "half": 0.5,
    "halve": 0.5,
    "½": 0.5,
    "¼": 0.25,
    "¾": 0.75,
    "anderhalf": 1.5,
    "anderhalve": 1.5,
    "quarter": 0.25,
}
ARTICLES = frozenset({"a", "an", "een", "één", "n"})
FILLERS = frozenset(
    "and en of about around approximately approx ca circa ongeveer roughly some zo for in".split()
)
"""Words around a duration that change nothing: "about an hour", "ongeveer een uur"."""
RANGE_WORDS = frozenset({"to", "tot", "or", "-", "–", "—"})
ISO = re.compile(
    r"P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?"
    r"(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?",
    re.I,
)
TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+(?:-[^\W\d_]+)*|[½¼¾]|[-–—]")
MAX_SECONDS = 366 * 86400
"""Longest duration accepted: a step that waits longer than a year is a typo."""

_ONES = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split(),
    "nl": "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
    "vijftien zestien zeventien achttien negentien".split(),
}
_TENS = {
    "en": "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split(),
    "nl": "_ _ twintig dertig veertig vijftig zestig zeventig tachtig negentig".split(),
}


@dataclass(frozen=True)
class Duration:
    """A length of time, kept as the author wrote it so that a guide writes back unchanged."""

    seconds: int
    text: str = field(default="", compare=False)
    """The text as written ("1 h 30 min", "PT90M"); empty when made from a number."""

    def __str__(self) -> str:
        return self.text or iso(self.seconds)


def number_word(value: int, lang: str) -> str:
    """0-99 in words ("twenty-five", "vijfentwintig"); digits past that, as TTS reads them well."""
    lang = lang if lang in _ONES else "en"
    if value < 20:
        return _ONES[lang][value] if value >= 0 else str(value)
    if value >= 100:
        return str(value)
    tens, ones = divmod(value, 10)
    if not ones:
        return _TENS[lang][tens]
    if lang == "nl":
        joint = "ën" if _ONES["nl"][ones].endswith("e") else "en"
        return f"{_ONES['nl'][ones]}{joint}{_TENS['nl'][tens]}"
    return f"{_TENS['en'][tens]}-{_ONES['en'][ones]}"


@cache
def _number_words() -> dict[str, int]:
    words = {number_word(n, lang): n for lang in _ONES for n in range(100)}
    words.update({w.replace("-", ""): n for w, n in words.items()})  # "twentyfive"
    words["één"] = 1
    return words


def iso(seconds: int) -> str:
    """ISO 8601 form, as schema.org wants it: 5400 -> ``PT1H30M``; a day or more -> ``P1DT2H``."""
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    time = "".join(f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M"), (secs, "S")) if n)
    text = f"P{days}D" if days else "P"
    return text + (f"T{time}" if time else "" if days else "T0S")


def parse_duration(text: str) -> Duration | None:
    """``"1 h 30 min"`` -> 5400 s; ``None`` when the text is not wholly a duration (or is zero)."""
    stripped = text.strip()
    seconds = _iso_seconds(stripped)
    if seconds is None:
        seconds = _words_seconds(_tokens(stripped))
    if seconds is None or not 0 < seconds <= MAX_SECONDS:
        return None
    return Duration(seconds, stripped)


def _iso_seconds(text: str) -> int | None:
    match = ISO.fullmatch(text)
    if not match or text.upper() in ("P", "PT") or text.upper().endswith("T"):
        return None
    factors = (7 * 86400, 86400, 3600, 60, 1)
    parts = (
        float((g or "0").replace(",", ".")) * f
        for g, f in zip(match.groups(), factors, strict=True)
    )
    return round(sum(parts))


def _tokens(text: str) -> list[str]:
    text = OF_AN.sub(" ", text.lower().replace("’", "'"))  # "a quarter of an hour"
    return TOKEN.findall(text)


OF_AN = re.compile(r"\bof\s+an?\b")


def _words_seconds(tokens: list[str]) -> int | None:
    """Sum of (amount, unit) groups; a range ("10 to 15 minutes") counts as its longer end, and
    what follows the last unit is a fraction of it ("an hour and a half") or the next smaller
    unit ("1 h 30")."""
    total, last_unit = 0.0, 0
    pending: list[str] = []
    for i, word in enumerate(tokens):
        if word in UNITS and not (word == "quarter" and _unit_follows(tokens, i)):
            if not pending:
                return None  # "minutes" alone is not a length of time
            total += _amount(pending) * UNITS[word]
            last_unit, pending = UNITS[word], []
        elif word in RANGE_WORDS and pending:
            pending = []
        elif word in ARTICLES or word in FRACTIONS or _value(word) is not None:
            pending.append(word)
        elif word not in FILLERS:
            return None
    if not last_unit:
        return None
    if pending:
        fraction = all(word in ARTICLES or word in FRACTIONS for word in pending)
        total += _amount(pending) * (last_unit if fraction else _smaller(last_unit))
    return round(total)


def _unit_follows(tokens: list[str], i: int) -> bool:
    """'quarter hour' is a fraction of an hour; 'quarter' alone is the unit, as Dutch 'kwartier'."""
    return any(t in UNITS for t in tokens[i + 1 :])


def _amount(words: list[str]) -> float:
    """'twee en een half' -> 2.5, 'half an' -> 0.5, 'an' -> 1: articles count only alone."""
    values = [FRACTIONS[w] if w in FRACTIONS else _value(w) for w in words if w not in ARTICLES]
    numbers = [v for v in values if v is not None]
    return sum(numbers) if numbers else 1.0


def _value(word: str) -> float | None:
    if word[0].isdecimal():  # not isdigit: '⓵' is a digit that float() refuses
        return float(word.replace(",", "."))
    return _number_words().get(word)


def _smaller(unit: int) -> int:
    return {86400: 3600, 3600: 60}.get(unit, 1)


# --- finding a duration inside a sentence ----------------------------------------------------

_AMOUNT = (
    r"(?:\d+(?:[.,]\d+)?|[½¼¾]|an?|een|één|half|halve|anderhalf|anderhalve|"
    r"(?:a|an|een)\s+(?:half|halve|quarter)|half\s+an?|(?:a\s+)?quarter\s+of\s+an?|"
    + "|".join(sorted(_ONES["en"][1:] + _ONES["nl"][1:]
    + _TENS["en"][2:] + _TENS["nl"][2:], key=len, reverse=True)) + r")"
)  # fmt: skip
_UNIT = r"(?:" + "|".join(sorted((u for u in UNITS if len(u) > 2), key=len, reverse=True)) + r")"
"""In running text only spelt-out units: "2 m" is two metres and "a h" no time at all."""
IN_SENTENCE = re.compile(
    rf"\b(?:{_AMOUNT}\s*(?:(?:-|–|to|tot)\s*{_AMOUNT}\s*)?{_UNIT}\b"
    rf"(?:\s+(?:and|en)\s+(?:a|een)\s+half\b)?"
    rf"(?:\s*(?:and|en)?\s*\d+\s*(?:min|minutes|minuten|minuut|s|sec|seconds|seconden)\b)?"
    rf"|een\s+kwartier\b|kwartier\b)",
    re.I,
)
"""A duration inside running text: "for an hour", "10 to 15 minutes", "anderhalf uur"."""


def find_duration(sentence: str) -> Duration | None:
    """The longest duration written in ``sentence`` ("soak it for an hour" -> 1 h): in "hold the
    button for three seconds, then wait ten minutes" the wait is what a step's time means."""
    found = [parse_duration(match.group(0)) for match in IN_SENTENCE.finditer(sentence)]
    durations = [d for d in found if d is not None and not _is_bare_unit(d.text)]
    return max(durations, key=lambda d: d.seconds, default=None)


def _is_bare_unit(text: str) -> bool:
    """'a second' in prose is nearly always 'another' ("a second coat"), not one second."""
    return text.strip().lower() in ("a second", "one second")


# --- saying a duration -----------------------------------------------------------------------

_NAMES = {
    "en": {86400: ("day", "days"), 3600: ("hour", "hours"), 60: ("minute", "minutes"),
           1: ("second", "seconds")},
    "nl": {86400: ("dag", "dagen"), 3600: ("uur", "uur"), 60: ("minuut", "minuten"),
           1: ("seconde", "seconden")},
}  # fmt: skip
_SPECIAL = {
    "en": {1800: "half an hour", 5400: "an hour and a half", 30: "half a minute",
           90: "a minute and a half", 900: "a quarter of an hour"},
    "nl": {1800: "een half uur", 5400: "anderhalf uur", 30: "een halve minuut",
           90: "anderhalve minuut", 900: "een kwartier"},
}  # fmt: skip
_AND = {"en": "and", "nl": "en"}
_ONE = {"en": ("a", "an"), "nl": ("een", "een")}


def say_duration(seconds: int, lang: str) -> str:
    """How the guide says a duration: "ten minutes", "an hour and a half", "anderhalf uur"."""
    lang = lang if lang in _NAMES else "en"
    if seconds in _SPECIAL[lang]:
        return _SPECIAL[lang][seconds]
    parts = []
    rest = seconds
    for size, (one, many) in _NAMES[lang].items():
        count, rest = divmod(rest, size)
        if count:
            parts.append(_count(count, size, one, many, lang))
    if not parts:
        return say_duration(1, lang)
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {_AND[lang]} {parts[-1]}"


def _count(count: int, size: int, one: str, many: str, lang: str) -> str:
    if count == 1:
        article = _ONE[lang][1] if size == 3600 else _ONE[lang][0]
        return f"{article} {one}"
    return f"{number_word(count, lang)} {many}"
