"""Reading a guide script file's YAML: bytes in, plain data out, with the line of every field.

We walk PyYAML's node tree ourselves instead of using ``safe_load`` so that each value keeps its
line number, duplicate keys are caught (PyYAML silently keeps the last), and aliases — the one
YAML feature that lets a small file expand into a huge one — are refused. Validating the data as
a guide is ``voice.guide.loader``'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from voice.errors import GuideError, Location, human_size, plural
from voice.guide.yaml_problems import yaml_problem

MAX_BYTES = 4 * 1024 * 1024
"""Largest script file accepted; a generated 2,000-step guide is well under 1 MiB."""
MAX_LINE = 20_000
"""Longest line accepted, in characters: longer ones are almost always a pasted binary."""

Path_ = tuple[str | int, ...]


@dataclass
class YamlValue:
    """A plain value with the line of every field inside it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)


def read_yaml(raw: bytes | str, source: str) -> YamlValue:
    """Size, encoding and YAML checks, then the plain data; raises ``GuideError`` on the first
    problem (nothing further can be read past it)."""
    return _parse_yaml(_decode(raw, source), source)


def field_path(path: Path_) -> str:
    """``("steps", 1, "title")`` -> ``steps[2].title``: list positions are 1-based, like steps."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _decode(raw: bytes | str, source: str) -> str:
    size = len(raw.encode() if isinstance(raw, str) else raw)
    if size > MAX_BYTES:
        message = f"file is {human_size(size)}; the limit is {human_size(MAX_BYTES)}"
        raise GuideError.single(Location(source), message)
    text = raw if isinstance(raw, str) else _utf8(raw, source)
    if not text.strip():
        raise GuideError.single(Location(source), "empty file")
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE:
            message = f"line is {plural(len(line), 'character')}; the limit is {MAX_LINE:,}"
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


def _parse_yaml(text: str, source: str) -> YamlValue:
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as err:
        line, problem = yaml_problem(err)
        raise GuideError.single(Location(source, line), problem) from None
    except yaml.YAMLError as err:
        raise GuideError.single(Location(source), f"invalid YAML: {err}") from None
    if node is None:
        raise GuideError.single(Location(source), "empty file")
    value = YamlValue(None)
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
    except (yaml.YAMLError, ValueError, TypeError, AttributeError) as err:  # '<<', '!!int x'
        # (PyYAML's timestamp constructor fails with AttributeError on '!!timestamp also')
        problem = (
            "YAML merge keys (<<) are not supported"
            if node.tag.endswith(":merge")
            else f"cannot read {node.value!r} tagged {node.tag}"
        )
        raise GuideError.single(where, problem) from err
    # Numbers stay as the author typed them ("24/7" and "1984" are text to us).
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Text(node.value)
    return value


class Text(str):
    """A scalar YAML read as a number, kept as the text the author wrote."""


def kind_of(value: Any) -> str:
    """What a read value is, as a problem names it: "expected text, got a list"."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, Text):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "nothing" if value is None else type(value).__name__
