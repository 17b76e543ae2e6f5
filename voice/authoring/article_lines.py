"""First pass of the text importer: lines -> chunks (headings, steps, list items, paragraphs).

Web articles pasted as text often have one paragraph per line and no blank lines at all, while
Markdown wraps paragraphs over several lines and separates them with blank lines. We look at the
whole file to decide which of the two it is, then group lines into paragraphs accordingly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from voice.authoring.common import clean
from voice.authoring.sections import Part, heading_part


class Kind(str, Enum):
    """What a chunk of an article is, before we know which part of the guide it belongs to."""

    HEADING = "heading"
    STEP = "step"
    ITEM = "item"
    PARAGRAPH = "paragraph"
    BAIT = "bait"


@dataclass(frozen=True)
class Chunk:
    """A heading, step heading, list item or paragraph, with the line it starts on."""

    kind: Kind
    text: str
    line: int
    level: int = 0
    """Markdown heading level; 0 for a plain line that reads as a section heading."""
    number: int = 0
    """Step number, or the number of an ordered list item (0 for bullets)."""
    anchor: str = ""
    """``{#id}`` written after a heading, used as the FAQ id."""


STEP_HEADING = re.compile(r"(?:(?:step|stap)\s+(\d+)\b\s*[:.)–—-]?|(\d+)\s*[.):])\s*(.*)", re.I)
STEP_LINE = re.compile(r"(?:step|stap)\s+(\d+)\s*(?:[:.)–—-]\s*(.*)|$)", re.I)
HEADING = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
ANCHOR = re.compile(r"\s*\{#([a-z0-9][a-z0-9._-]*)\}\s*$")
ORDERED = re.compile(r"(\d+)[.)]\s+(.*)")
BULLET = re.compile(r"[-*+•·]\s+(.*)")
RULE = re.compile(r"([-*_=])\s*(?:\1\s*){2,}")
BAIT = re.compile(
    r"(?:read more|read also|also read|see also|related( articles?)?|lees meer|"
    r"lees ook|zie ook|bekijk ook|gerelateerd|meer lezen)\s*:",
    re.I,
)
INLINE = [
    (re.compile(r"(?<!\\)!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"(?<!\\)\[((?:[^\]\\]|\\.)+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(?<!\\)<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"(?<!\\)</?[A-Za-z][^<>]*>"), " "),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*\\])\*(?=\S)(.+?)(?<=[^\s\\])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=[^\s\\])_(?!\w)"), r"\1"),
    (re.compile(r"(?<!\\)`([^`]+)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|=•·])"), r"\1"),
]
TITLE_LIKE = 120
"""Longest plain line that may be a title or section heading; longer lines are prose."""


def inline(text: str) -> str:
    """Markdown inline markup (emphasis, links, code, escapes) -> the words it shows."""
    for pattern, replacement in INLINE:
        text = pattern.sub(replacement, text)
    return clean(text)


def chunks(text: str, markdown: bool = True) -> list[Chunk]:
    """The article as chunks; ``markdown=False`` keeps ``*`` and ``_`` as written."""
    lines = text.splitlines()
    by_blank = any(not line.strip() for line in lines[1:-1])
    raw = _line_chunks(lines, markdown)
    return _paragraphs(raw, by_blank)


def _line_chunks(lines: list[str], markdown: bool) -> list[Chunk | None]:
    """One chunk per line (``None`` for a blank line); indented lines continue a list item."""
    out: list[Chunk | None] = []
    last = -1  # index of the last non-blank chunk, which an indented line may continue
    for number, line in enumerate(lines, start=1):
        item = out[last] if last >= 0 else None
        if RULE.fullmatch(line.strip()):
            _setext(out, line)
            out.append(None)
            continue
        if line[:1] in (" ", "\t") and line.strip() and item and item.kind == Kind.ITEM:
            out[last] = replace(item, text=f"{item.text} {_clean(line, markdown)}")
            continue
        out.append(_classify(line, number, markdown))
        last = len(out) - 1 if out[-1] is not None else last
    return out


def _setext(out: list[Chunk | None], line: str) -> None:
    """``Title`` over ``=====`` (or ``-----``) is a heading: rewrite the line above in place."""
    above = out[-1] if out else None
    if above is not None and above.kind == Kind.PARAGRAPH:
        level = 1 if line.strip().startswith("=") else 2
        out[-1] = _heading(above.text, above.line, level)


def _clean(text: str, markdown: bool) -> str:
    return inline(text) if markdown else clean(text)


def _classify(line: str, number: int, markdown: bool) -> Chunk | None:
    stripped = line.strip()
    if not stripped:
        return None
    heading = HEADING.fullmatch(stripped)
    if heading:
        return _heading(heading.group(2), number, len(heading.group(1)), markdown)
    text = _clean(stripped, markdown)
    if not text:
        return None
    if BAIT.match(text):
        return Chunk(Kind.BAIT, text, number)
    step = STEP_LINE.fullmatch(text)
    if step:
        return Chunk(Kind.STEP, (step.group(2) or "").strip(), number, number=int(step.group(1)))
    return _list_item(stripped, text, number, markdown)


def _list_item(stripped: str, text: str, number: int, markdown: bool) -> Chunk:
    for pattern, is_ordered in ((ORDERED, True), (BULLET, False)):
        match = pattern.fullmatch(stripped)
        if match:
            body = _clean(match.group(match.lastindex or 1), markdown)
            return Chunk(Kind.ITEM, body, number, number=int(match.group(1)) if is_ordered else 0)
    return Chunk(Kind.PARAGRAPH, text, number)


def _heading(raw: str, number: int, level: int, markdown: bool = True) -> Chunk:
    anchor = ANCHOR.search(raw)
    text = _clean(raw[: anchor.start()] if anchor else raw, markdown)
    slug = anchor.group(1) if anchor else ""
    step = STEP_HEADING.fullmatch(text)
    if step:
        step_number = int(step.group(1) or step.group(2))
        return Chunk(Kind.STEP, step.group(3).strip(), number, level, step_number, slug)
    return Chunk(Kind.HEADING, text, number, level, anchor=slug)


def _paragraphs(raw: list[Chunk | None], by_blank: bool) -> list[Chunk]:
    """Joins wrapped lines into paragraphs (when blank lines separate them) and spots
    plain-text section headings such as ``Conclusie`` or ``Tips: ...`` on a line of their own."""
    out: list[Chunk] = []
    previous: Chunk | None = None
    for chunk in raw:
        joins = (
            by_blank
            and chunk is not None
            and previous is not None
            and chunk.kind == previous.kind == Kind.PARAGRAPH
            and not previous.text.endswith("?")
            and not chunk.text.endswith("?")
        )
        if joins and chunk is not None and previous is not None:
            out[-1] = replace(previous, text=f"{previous.text} {chunk.text}")
        elif chunk is not None:
            out.append(chunk)
        previous = out[-1] if chunk is not None else None
    return [_text_heading(c) if c.kind == Kind.PARAGRAPH else c for c in out]


def _text_heading(chunk: Chunk) -> Chunk:
    text = chunk.text
    found = heading_part(text) if len(text) <= TITLE_LIKE else None
    asks = found is not None and found[0] in (Part.NEEDS, Part.TOOLS)  # "Wat heb je nodig?"
    if found is None or (text.endswith((".", "!", "?", ",", ";")) and not asks):
        return chunk
    return replace(chunk, kind=Kind.HEADING)


def looks_like_title(chunk: Chunk) -> bool:
    """A short line without closing punctuation: the title of a plain-text article."""
    text = chunk.text
    return len(text) <= TITLE_LIKE and not text.endswith((".", "!", "?", ",", ";", ":"))
