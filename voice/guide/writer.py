"""Guide -> script file text that a person can review and edit, and that reads back unchanged.

``yaml.dump`` would produce valid but unpleasant YAML (flow lists, quoted wrapped lines, keys in
alphabetical order), so we write the few shapes a script has ourselves: short texts plain or
quoted on one line, long texts as folded ``>-`` blocks wrapped at ``WIDTH`` columns, fields in
the order of the bundled guides. Every plain scalar is checked by reading it back with PyYAML.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable

import yaml

from voice.guide.model import FaqEntry, Guide, Need, Step

NOT_YAML_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""Characters YAML refuses to read unescaped, even inside double quotes."""
PLAIN_TEXT = re.compile(r"[^\W\d_][^:#]*")
"""Starts with a letter, holds no ':' or '#': such text is always a plain YAML string..."""
YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null"})
"""...unless it is one of the words YAML reads as true/false/nothing."""
WIDTH = 100
"""Wrap column, as for the code: the script files are read in the same editors."""


def write_guide(guide: Guide, comment: str = "") -> str:
    """The guide as script text; ``comment`` becomes ``#`` lines at the top (e.g. its source)."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    lines += _field("id", guide.id, 0) + _field("title", guide.title, 0)
    lines += _field("language", guide.language, 0) + _field("intro", guide.intro, 0)
    lines += _field("time", str(guide.time), 0) if guide.time else []
    lines += _needs(guide.needs)
    lines.append("steps:")
    for step in guide.steps:
        lines += _step(step)
    if guide.finish:
        lines += _field("finish", guide.finish, 0)
    if guide.tips_title:
        lines += _field("tips_title", guide.tips_title, 0)
    lines += _list("tips", guide.tips, 0)
    if guide.faq:
        lines.append("faq:")
        for entry in guide.faq:
            lines += _faq(entry)
    lines += _list("summary", guide.summary, 0)
    if guide.conclusion:
        lines += _field("conclusion", guide.conclusion, 0)
    lines += _commands(guide.commands)
    return "\n".join(lines) + "\n"


def _step(step: Step) -> list[str]:
    lines = _field("title", step.title, 4)
    lines[0] = "  - " + lines[0][4:]
    lines += _field("text", step.text, 4)
    return lines + (_field("time", str(step.time), 4) if step.time else [])


def _needs(needs: tuple[Need, ...]) -> list[str]:
    """A bare name when that is all there is; else ``name`` / ``amount`` / ``tool`` lines."""
    lines = ["needs:"] if needs else []
    for need in needs:
        if not need.amount and not need.tool:
            lines += _scalar("  - ", need.name, 4)
            continue
        item = _field("name", need.name, 4)
        item[0] = "  - " + item[0][4:]
        item += _field("amount", need.amount, 4) if need.amount else []
        lines += item + (["    tool: true"] if need.tool else [])
    return lines


def _faq(entry: FaqEntry) -> list[str]:
    lines = _field("id", entry.id, 4)
    lines[0] = "  - " + lines[0][4:]
    lines += _field("question", entry.question, 4) + _field("answer", entry.answer, 4)
    return lines + _list("also", entry.also, 4)


def _commands(commands: dict[str, tuple[str, ...]]) -> list[str]:
    lines = ["commands:"] if commands else []
    for intent, phrases in commands.items():
        lines += _list(intent, phrases, 2) if phrases else [f"  {intent}: []"]
    return lines


def _list(key: str, items: Iterable[str], indent: int) -> list[str]:
    items = tuple(items)
    if not items:
        return []
    pad = " " * indent
    lines = [f"{pad}{key}:"]
    for item in items:
        lines += _scalar(f"{pad}  - ", item, indent + 4)
    return lines


def _field(key: str, value: str, indent: int) -> list[str]:
    return _scalar(f"{' ' * indent}{key}: ", value, indent + 2)


def _scalar(lead: str, value: str, indent: int) -> list[str]:
    """``lead`` + the value on one line if it fits, else a folded block indented by ``indent``."""
    one_line = _inline(value)
    if len(lead) + len(one_line) <= WIDTH or not _foldable(value):
        return [lead + one_line]
    width = WIDTH - indent
    wrapped = textwrap.wrap(value, width, break_long_words=False, break_on_hyphens=False)
    return [lead + ">-"] + [" " * indent + line for line in wrapped]


def _inline(value: str) -> str:
    """The value as a plain scalar when YAML reads it back as the same text, else double-quoted."""
    if value and value == value.strip() and "\n" not in value and _reads_back(value):
        return value
    return NOT_YAML_PRINTABLE.sub(_escape, json.dumps(value, ensure_ascii=False))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _reads_back(value: str) -> bool:
    if PLAIN_TEXT.fullmatch(value) and value.isprintable() and value.lower() not in YAML_WORDS:
        return True  # fast path: no YAML indicator can occur, so no need to ask PyYAML
    try:
        loaded = yaml.safe_load(f"k: {value}")
    except yaml.YAMLError:
        return False
    if not isinstance(loaded, dict) or len(loaded) != 1:
        return False
    read = loaded.get("k")
    return read == value or (
        isinstance(read, int | float) and not isinstance(read, bool) and str(read) == value
    )


def _foldable(value: str) -> bool:
    """Folded blocks keep text as written only for single-spaced, printable, one-line text."""
    return (
        value == " ".join(value.split())
        and value.isprintable()
        and "\t" not in value
        and bool(value)
    )
