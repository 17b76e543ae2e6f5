"""HTML to text, with the standard library's parser: speakable sentences or Markdown-like lines.

JSON-LD texts may carry markup (``<p>``, ``<ol><li>``, ``<a>``); read aloud, tags must vanish
but their boundaries must still sound like pauses, so a block that ends without punctuation gets
a full stop. The visible page becomes Markdown-like lines so the text importer can read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from voice.authoring.common import clean, join_sentences

BLOCKS = frozenset(
    "p div section article main li dt dd tr td th blockquote pre figcaption "
    "h1 h2 h3 h4 h5 h6 ul ol dl table br hr".split()
)
SKIPPED = frozenset(
    "script style noscript template head nav footer aside svg button form iframe select".split()
)
VOID = frozenset("br hr img input meta link source wbr area base col embed param track".split())


@dataclass(frozen=True)
class Block:
    """One run of text between block-level tags."""

    kind: str
    """The innermost block tag around the text: ``p``, ``li``, ``h2``..."""
    text: str
    ordered: int = 0
    """Number of a list item in an ``<ol>``; 0 elsewhere."""


class _BlockParser(HTMLParser):
    """Splits HTML into ``Block``s, skipping scripts, styles and page chrome."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._parts: list[str] = []
        self._kinds: list[str] = ["p"]
        self._lists: list[int] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in SKIPPED and tag not in VOID:
            self._skip += 1
        if tag in BLOCKS:
            self._flush()
            if tag in ("ol", "ul"):
                self._lists.append(0 if tag == "ul" else 1)
            elif tag not in VOID:
                self._kinds.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in SKIPPED and tag not in VOID and self._skip:
            self._skip -= 1
        if tag in BLOCKS and tag not in VOID:
            self._flush()
            if tag in ("ol", "ul") and self._lists:
                self._lists.pop()
            elif len(self._kinds) > 1 and tag in self._kinds:
                del self._kinds[len(self._kinds) - 1 - self._kinds[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._parts.append(data)

    def _flush(self) -> None:
        text = clean("".join(self._parts))
        self._parts = []
        if not text:
            return
        kind = self._kinds[-1]
        number = 0
        if kind == "li" and self._lists and self._lists[-1]:
            number = self._lists[-1]
            self._lists[-1] += 1
        self.blocks.append(Block(kind, text, number))

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(html: str) -> tuple[list[Block], str]:
    """The text blocks of an HTML document or fragment, and its ``<title>``."""
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return parser.blocks, clean(parser.title)


def speakable(html: str) -> str:
    """HTML fragment -> one line of text; blocks become sentences so speech pauses between them."""
    if "<" not in html and "&" not in html:
        return clean(html)
    blocks, _ = html_blocks(html)
    return join_sentences(block.text for block in blocks)


def markdown_lines(html: str) -> str:
    """HTML page -> Markdown-like text (headings, list items, paragraphs) for the text importer."""
    blocks, title = html_blocks(html)
    lines = [] if any(b.kind == "h1" for b in blocks) or not title else [f"# {title}", ""]
    for block in blocks:
        if block.kind in ("h1", "h2", "h3", "h4", "h5", "h6"):
            lines.append(f"{'#' * int(block.kind[1])} {block.text}")
        elif block.kind == "li":
            lines.append(f"{block.ordered}. {block.text}" if block.ordered else f"- {block.text}")
        else:
            lines.append(block.text)
        lines.append("")
    return "\n".join(lines)
