"""Guide script files: YAML in, a validated ``Guide`` out, every problem named by file, line, field.

``voice.guide.yaml_reader`` turns the file into plain data with the line of every field; here
that data is checked field by field, every problem collected (most useful first), and built into
a ``Guide``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from voice.errors import GuideError, Location
from voice.guide.model import FaqEntry, Guide, Step
from voice.guide.needs_and_times import Problem, read_duration, read_needs
from voice.guide.yaml_reader import Path_, field_path, kind_of, read_yaml
from voice.language.intents import Intent

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
NOT_IN_COMMANDS = (
    Intent.UNKNOWN,
    Intent.FAQ,
    Intent.START,
    Intent.CLARIFY,
    Intent.GUIDES,
    Intent.OPEN_GUIDE,
    Intent.TIMER_DONE,
    Intent.TIMER_SET,
)
"""Intents a guide cannot add phrases for: no fixed phrases at all (the timer's length is part
of what is said), or about the library of guides (which no single guide owns)."""


class _Collector:
    """Gathers every problem in a file, so authors fix them all in one go."""

    def __init__(self, source: str, lines: dict[Path_, int]) -> None:
        self.source = source
        self.lines = lines
        self.problems: list[tuple[Location, str]] = []
        self.typos: dict[str, str] = {}
        """Field path a typo probably meant -> the problem line of that typo."""

    def add(self, path: Path_, message: str) -> None:
        line = self.lines.get(path)
        probe = path
        while line is None and probe:
            probe = probe[:-1]
            line = self.lines.get(probe)
        self.problems.append((Location(self.source, line, field_path(path) or None), message))

    def sorted(self) -> tuple[list[tuple[Location, str]], int]:
        """Every problem in line order, and the index of the most useful one: a typo whose
        intended field is reported missing explains that problem, so it leads."""
        problems = sorted(self.problems, key=lambda p: p[0].line or 0)
        missing = {loc.field for loc, message in problems if message == "missing"}
        for index, (location, _) in enumerate(problems):
            if self.typos.get(location.field or "") in missing:
                return problems, index
        return problems, 0


def load_guide(path: str | Path) -> Guide:
    """Read and validate a script file; raises ``GuideError`` listing every problem."""
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise GuideError.single(Location(source), "no such file") from None
    except IsADirectoryError:
        raise GuideError.single(Location(source), "is a directory, not a script file") from None
    except OSError as err:
        raise GuideError.single(Location(source), f"cannot read: {err.strerror}") from err
    return parse_guide(raw, source)


def parse_guide(raw: bytes | str, source: str = "<string>") -> Guide:
    """Validate script text; the pure half of ``load_guide``, also used by importers and tests."""
    value = read_yaml(raw, source)
    collector = _Collector(source, value.lines)
    guide = _build_guide(value.data, collector)
    if collector.problems or guide is None:
        problems, lead = collector.sorted()
        raise GuideError(problems or [(Location(source), "not a guide")], lead)
    return guide


# --- validation -----------------------------------------------------------------------------

TOP_FIELDS = (
    "id",
    "title",
    "language",
    "intro",
    "steps",
    "tips",
    "tips_title",
    "faq",
    "summary",
    "finish",
    "conclusion",
    "commands",
    "needs",
    "time",
)
STEP_FIELDS = ("title", "text", "time")
FAQ_FIELDS = ("id", "question", "answer", "also")


def _unknown_keys(
    data: dict[str, Any], known: tuple[str, ...], path: Path_, out: _Collector
) -> None:
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(known)}"
            out.add((*path, key), f"unknown field{hint}")
            if close:
                out.typos[field_path((*path, key))] = field_path((*path, close[0]))


def _text(
    data: dict[str, Any], key: str, path: Path_, out: _Collector, required: bool = True
) -> str:
    if key not in data or data[key] is None:
        if required:
            out.add((*path, key), "missing")
        return ""
    value = data[key]
    if not isinstance(value, str):
        out.add((*path, key), f"expected text, got {kind_of(value)}")
        return ""
    if required and not value.strip():
        out.add((*path, key), "empty")
    return " ".join(value.split())


def _items(data: dict[str, Any], key: str, path: Path_, out: _Collector) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        out.add((*path, key), f"expected a list, got {kind_of(value)}")
        return []
    return value


def _texts(data: dict[str, Any], key: str, path: Path_, out: _Collector) -> tuple[str, ...]:
    result = []
    for i, item in enumerate(_items(data, key, path, out)):
        if not isinstance(item, str) or not item.strip():
            problem = (
                "empty"
                if isinstance(item, str) or item is None
                else (f"expected text, got {kind_of(item)}")
            )
            out.add((*path, key, i), problem)
            continue
        result.append(" ".join(item.split()))
    return tuple(result)


def _mapping_items(
    data: dict[str, Any],
    key: str,
    path: Path_,
    out: _Collector,
    build: Callable[[dict[str, Any], Path_, _Collector], Any],
) -> list[Any]:
    built = []
    for i, item in enumerate(_items(data, key, path, out)):
        if not isinstance(item, dict):
            out.add((*path, key, i), f"expected a mapping, got {kind_of(item)}")
            continue
        built.append(build(item, (*path, key, i), out))
    return built


def _step(item: dict[str, Any], path: Path_, out: _Collector) -> Step:
    _unknown_keys(item, STEP_FIELDS, path, out)
    time = _read(read_duration(item.get("time")), (*path, "time"), out)
    return Step(_text(item, "title", path, out), _text(item, "text", path, out), time)


def _faq(item: dict[str, Any], path: Path_, out: _Collector) -> FaqEntry:
    _unknown_keys(item, FAQ_FIELDS, path, out)
    faq_id = _text(item, "id", path, out)
    if faq_id and not SLUG.match(faq_id):
        out.add((*path, "id"), f"'{faq_id}' is not a slug (lower-case letters, digits, -)")
    return FaqEntry(
        faq_id,
        _text(item, "question", path, out),
        _text(item, "answer", path, out),
        _texts(item, "also", path, out),
    )


def _commands(data: dict[str, Any], out: _Collector) -> dict[str, tuple[str, ...]]:
    value = data.get("commands")
    if value is None:
        return {}
    if not isinstance(value, dict):
        out.add(("commands",), f"expected a mapping of intent to phrases, got {kind_of(value)}")
        return {}
    names = tuple(i.value for i in Intent if i not in NOT_IN_COMMANDS)
    _unknown_keys(value, names, ("commands",), out)
    return {name: _texts(value, name, ("commands",), out) for name in value if name in names}


def _build_guide(data: Any, out: _Collector) -> Guide | None:
    if not isinstance(data, dict):
        out.add((), f"expected a mapping of guide fields, got {kind_of(data)}")
        return None
    _unknown_keys(data, TOP_FIELDS, (), out)
    guide_id = _text(data, "id", (), out)
    if guide_id and not SLUG.match(guide_id):
        out.add(("id",), f"'{guide_id}' is not a slug (lower-case letters, digits, -)")
    language = _text(data, "language", (), out)
    if language and not LANGUAGE_TAG.match(language):
        out.add(("language",), f"'{language}' is not a language tag such as 'en' or 'nl'")
    steps = tuple(_mapping_items(data, "steps", (), out, _step))
    if data.get("steps") is None:
        out.add(("steps",), "missing")
    elif data["steps"] == []:
        out.add(("steps",), "a guide needs at least one step")
    faq = tuple(_mapping_items(data, "faq", (), out, _faq))
    _duplicate_faq_ids(faq, out)
    return Guide(
        id=guide_id,
        title=_text(data, "title", (), out),
        language=language,
        intro=_text(data, "intro", (), out),
        steps=steps,
        tips=_texts(data, "tips", (), out),
        faq=faq,
        summary=_texts(data, "summary", (), out),
        conclusion=_text(data, "conclusion", (), out, required=False),
        finish=_text(data, "finish", (), out, required=False),
        tips_title=_text(data, "tips_title", (), out, required=False),
        commands=_commands(data, out),
        needs=_read(read_needs(data.get("needs")), ("needs",), out),
        time=_read(read_duration(data.get("time")), ("time",), out),
        source=out.source,
    )


def _read(result: tuple[Any, list[Problem]], path: Path_, out: _Collector) -> Any:
    """A value from ``needs_and_times``, its problems added at their place in the file."""
    value, problems = result
    for inner, message in problems:
        out.add((*path, *inner), message)
    return value


def _duplicate_faq_ids(faq: tuple[FaqEntry, ...], out: _Collector) -> None:
    first: dict[str, int] = {}
    for i, entry in enumerate(faq):
        if entry.id and entry.id in first:
            message = f"duplicate id '{entry.id}' (also faq[{first[entry.id] + 1}])"
            out.add(("faq", i, "id"), message)
        first.setdefault(entry.id, i)
