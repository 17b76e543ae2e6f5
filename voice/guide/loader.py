"""Guide script files: YAML in, a validated ``Guide`` out, every problem named by file, line, field.

We walk PyYAML's node tree ourselves instead of using ``safe_load`` so that each value keeps its
line number, duplicate keys are caught (PyYAML silently keeps the last), and aliases — the one
YAML feature that lets a small file expand into a huge one — are refused.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from voice.errors import GuideError, Location
from voice.guide.model import FaqEntry, Guide, Step
from voice.guide.needs_and_times import Problem, read_duration, read_needs
from voice.language.intents import Intent

MAX_BYTES = 4 * 1024 * 1024
"""Largest script file accepted; a generated 2,000-step guide is well under 1 MiB."""
MAX_LINE = 20_000
"""Longest line accepted, in characters: longer ones are almost always a pasted binary."""

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
Path_ = tuple[str | int, ...]


@dataclass
class _Value:
    """A plain value with the line of every field inside it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)


def field_path(path: Path_) -> str:
    """``("steps", 1, "title")`` -> ``steps[2].title``: list positions are 1-based, like steps."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _Collector:
    """Gathers every problem in a file, so authors fix them all in one go."""

    def __init__(self, source: str, lines: dict[Path_, int]) -> None:
        self.source = source
        self.lines = lines
        self.problems: list[tuple[Location, str]] = []

    def add(self, path: Path_, message: str) -> None:
        line = self.lines.get(path)
        probe = path
        while line is None and probe:
            probe = probe[:-1]
            line = self.lines.get(probe)
        self.problems.append((Location(self.source, line, field_path(path) or None), message))


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
    text = _decode(raw, source)
    value = _parse_yaml(text, source)
    collector = _Collector(source, value.lines)
    guide = _build_guide(value.data, collector)
    if collector.problems or guide is None:
        problems = sorted(collector.problems, key=lambda p: p[0].line or 0)
        raise GuideError(problems or [(Location(source), "not a guide")])
    return guide


def _decode(raw: bytes | str, source: str) -> str:
    size = len(raw.encode() if isinstance(raw, str) else raw)
    if size > MAX_BYTES:
        message = f"file is {size} bytes; the limit is {MAX_BYTES}"
        raise GuideError.single(Location(source), message)
    text = raw if isinstance(raw, str) else _utf8(raw, source)
    if not text.strip():
        raise GuideError.single(Location(source), "empty file")
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE:
            message = f"line is {len(line)} characters; the limit is {MAX_LINE}"
            raise GuideError.single(Location(source, number), message)
    return text


def _utf8(raw: bytes, source: str) -> str:
    if b"\x00" in raw:
        raise GuideError.single(Location(source), "binary file, not a YAML script")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise GuideError.single(Location(source, line), "not valid UTF-8 text") from None


def _compose(text: str) -> yaml.Node | None:
    """libyaml when present (ten times faster on big guides); on an error, PyYAML's own parser
    again, because its messages say what was expected where."""
    try:
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _parse_yaml(text: str, source: str) -> _Value:
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        problem = err.problem or err.context or "invalid YAML"
        if err.context and problem.startswith("but "):  # "but found another document"
            problem = f"{err.context}, {problem}"
        raise GuideError.single(Location(source, line), f"invalid YAML: {problem}") from None
    except yaml.YAMLError as err:
        raise GuideError.single(Location(source), f"invalid YAML: {err}") from None
    if node is None:
        raise GuideError.single(Location(source), "empty file")
    value = _Value(None)
    value.data = _to_plain(node, (), value.lines, source, set())
    return value


def _to_plain(
    node: yaml.Node, path: Path_, lines: dict[Path_, int], source: str, seen: set[int]
) -> Any:
    if id(node) in seen:  # an alias: the node is the anchored one, so report where it is used
        line = lines.get(path) or lines.get(path[:-1])  # list items: the list's line
        where = Location(source, line, field_path(path) or None)
        raise GuideError.single(where, "YAML aliases (*name) are not supported")
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if node.tag not in _PLAIN_TAGS and not isinstance(node, yaml.ScalarNode):
        where = Location(source, lines[path], field_path(path) or None)  # !!python/object...
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise GuideError.single(where, f"YAML tag {tag} is not supported")
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, path, lines, source, seen)
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_plain(item, (*path, i), lines, source, seen) for i, item in enumerate(node.value)
        ]
    return _scalar(node, Location(source, lines[path], field_path(path) or None))


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
"""Lists and mappings are plain data; any other tag on them (``!!python/object``, ``!!set``,
``!!omap``, ``!include``) asks for a constructor, and a script file must never run one."""


def _mapping(
    node: yaml.MappingNode, path: Path_, lines: dict[Path_, int], source: str, seen: set[int]
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        where = Location(source, key_node.start_mark.line + 1, field_path(path) or None)
        key = str(_scalar(key_node, where)) if isinstance(key_node, yaml.ScalarNode) else "?"
        if key in result:
            where = Location(source, key_node.start_mark.line + 1, field_path((*path, key)))
            raise GuideError.single(where, "duplicate key")
        lines[(*path, key)] = key_node.start_mark.line + 1
        result[key] = _to_plain(value_node, (*path, key), lines, source, seen)
        lines[(*path, key)] = key_node.start_mark.line + 1
    return result


def _scalar(node: yaml.Node, where: Location) -> Any:
    if node.tag == "tag:yaml.org,2002:str":  # nearly every scalar of a guide: no loader needed
        return node.value
    try:
        value = yaml.SafeLoader("").construct_object(node)
    except (yaml.YAMLError, ValueError, TypeError) as err:  # '<<', '!!python/...', '!!int x'
        problem = (
            "YAML merge keys (<<) are not supported"
            if node.tag.endswith(":merge")
            else f"cannot read {node.value!r} tagged {node.tag}"
        )
        raise GuideError.single(where, problem) from err
    # Numbers stay as the author typed them ("24/7" and "1984" are text to us).
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _Text(node.value)
    return value


class _Text(str):
    """A scalar YAML read as a number, kept as the text the author wrote."""


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


def _text(
    data: dict[str, Any], key: str, path: Path_, out: _Collector, required: bool = True
) -> str:
    if key not in data or data[key] is None:
        if required:
            out.add((*path, key), "missing")
        return ""
    value = data[key]
    if not isinstance(value, str):
        out.add((*path, key), f"expected text, got {_kind(value)}")
        return ""
    if required and not value.strip():
        out.add((*path, key), "empty")
    return " ".join(value.split())


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, _Text):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "nothing" if value is None else type(value).__name__


def _items(data: dict[str, Any], key: str, path: Path_, out: _Collector) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        out.add((*path, key), f"expected a list, got {_kind(value)}")
        return []
    return value


def _texts(data: dict[str, Any], key: str, path: Path_, out: _Collector) -> tuple[str, ...]:
    result = []
    for i, item in enumerate(_items(data, key, path, out)):
        if not isinstance(item, str) or not item.strip():
            problem = (
                "empty"
                if isinstance(item, str) or item is None
                else (f"expected text, got {_kind(item)}")
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
            out.add((*path, key, i), f"expected a mapping, got {_kind(item)}")
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


NOT_COMMANDS = (Intent.UNKNOWN, Intent.FAQ, Intent.START, Intent.TIMER_DONE, Intent.TIMER_SET)
"""Intents a guide cannot add phrases to: they are not said as fixed phrases."""


def _commands(data: dict[str, Any], out: _Collector) -> dict[str, tuple[str, ...]]:
    value = data.get("commands")
    if value is None:
        return {}
    if not isinstance(value, dict):
        out.add(("commands",), f"expected a mapping of intent to phrases, got {_kind(value)}")
        return {}
    names = tuple(i.value for i in Intent if i not in NOT_COMMANDS)
    _unknown_keys(value, names, ("commands",), out)
    return {name: _texts(value, name, ("commands",), out) for name in value if name in names}


def _build_guide(data: Any, out: _Collector) -> Guide | None:
    if not isinstance(data, dict):
        out.add((), f"expected a mapping of guide fields, got {_kind(data)}")
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
