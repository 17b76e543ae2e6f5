"""Plain-text and Markdown how-to articles (English, Dutch) -> a guide.

The article is read in two passes: ``article_lines`` cuts it into chunks (headings, steps, list
items, paragraphs), then ``_Article`` walks them in order, keeping track of which part of the
guide the text belongs to (intro, steps, tips, FAQ, summary, conclusion). Whatever it cannot
place becomes an ``ImportNote`` instead of vanishing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from voice.authoring.article_lines import Chunk, Kind, chunks, looks_like_title
from voice.authoring.common import (
    ImportNote,
    ImportResult,
    ImportSourceError,
    faq_ids,
    first_sentence,
    guide_id_for,
)
from voice.authoring.needs_times import (
    need_from_text,
    needs_from_line,
    time_from_line,
    timed_steps,
)
from voice.authoring.sections import Part, heading_part
from voice.errors import Location
from voice.guide.loader import LANGUAGE_TAG, SLUG
from voice.guide.model import FaqEntry, Guide, Need, Step
from voice.language.detect import detect_language
from voice.language.durations import Duration

FINISH_MARK = re.compile(
    r"\b(?:these|all (?:the )?|the above|those|previous) steps\b|"
    r"\b(?:deze|alle|bovenstaande|voorgaande|die) stappen\b",
    re.I,
)
"""A paragraph that looks back on "these steps" closes the last step: it is the finish."""
SINGLE_TIP = re.compile(r"tip\s*:\s*(.+)", re.I)
QUESTION_PREFIX = re.compile(r"(?:q|v|question|vraag):\s*", re.I)
ANSWER_PREFIX = re.compile(r"(?:a|answer|antwoord):\s*", re.I)
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
NO_STEPS = (
    "no steps found (expected 'Step 1:' / 'Stap 1:' lines, '## Step 1' headings or a numbered list)"
)


@dataclass
class _Entry:
    """A step or FAQ entry being collected: its heading and the chunks under it."""

    head: str
    line: int
    parts: list[Chunk] = field(default_factory=list)
    anchor: str = ""
    whole: str = ""
    """The full line a step was cut from (a numbered list item), its text if nothing follows."""
    time: Duration | None = None
    """From a "Time: ..." line under the step."""

    @property
    def text(self) -> str:
        return " ".join(part.text for part in self.parts)


class _Article:
    """Walks the chunks in order and sorts their text into the parts of a guide."""

    def __init__(self, has_h1: bool, numbered_steps: bool) -> None:
        self.has_h1 = has_h1
        self.numbered_steps = numbered_steps
        """True when the article has no ``Step 1`` headings, so a numbered list is the steps."""
        self.part = Part.INTRO
        self.part_level = 0
        """Level of the heading that opened the current part: deeper headings are inside it."""
        self.faq_headings = False
        """True once a question came as a heading: then a paragraph ending in '?' is an answer."""
        self.title = ""
        self.tips_title = ""
        self.steps: list[_Entry] = []
        self.faq: list[_Entry] = []
        self.texts: dict[Part, list[Chunk]] = {part: [] for part in Part}
        self.notes: list[ImportNote] = []
        self.needs: list[Need] = []
        self.time: Duration | None = None
        self.after_needs = Part.INTRO
        """The part a paragraph after a needs list goes back to."""
        self.needs_heading: Chunk | None = None
        self.needs_before = 0

    def add(self, chunk: Chunk) -> None:
        if chunk.kind == Kind.BAIT:
            self.notes.append(ImportNote(chunk.line, f"dropped link line '{chunk.text}'"))
        elif chunk.kind == Kind.HEADING:
            self._heading(chunk)
        elif chunk.kind == Kind.STEP:
            self._start_step(chunk.text, chunk)
        elif not self._single_tip(chunk):
            self._text(chunk)

    def _heading(self, chunk: Chunk) -> None:
        found = heading_part(chunk.text)
        self.end_needs()
        if found and found[0] in (Part.NEEDS, Part.TOOLS):
            self.after_needs = self.part
            self.needs_heading, self.needs_before = chunk, len(self.needs)
        if found:
            self.part, tips_title = found
            self.part_level = chunk.level
            self.tips_title = tips_title if self.part == Part.TIPS else self.tips_title
        elif self.part == Part.FAQ and (
            chunk.level > self.part_level > 0 or chunk.text.endswith("?")
        ):
            self.faq_headings = True
            self._question(chunk)
        elif not self.title and (chunk.level == 1 or self.part == Part.INTRO):
            self.title = chunk.text
        else:
            self.notes.append(
                ImportNote(
                    chunk.line,
                    f"heading '{chunk.text}' is not a part of "
                    f"a guide; left out (its text went to {self.part.value})",
                )
            )

    def _start_step(self, head: str, chunk: Chunk) -> None:
        if chunk.kind == Kind.STEP and chunk.number != len(self.steps) + 1:
            self.notes.append(
                ImportNote(
                    chunk.line, f"step numbered {chunk.number} read as step {len(self.steps) + 1}"
                )
            )
        self.part = Part.STEPS
        self.steps.append(_Entry(head, chunk.line))

    def _single_tip(self, chunk: Chunk) -> bool:
        match = SINGLE_TIP.fullmatch(chunk.text)
        if match and self.part not in (Part.TIPS, Part.FAQ):
            self.texts[Part.TIPS].append(Chunk(chunk.kind, match.group(1), chunk.line))
        return match is not None and self.part not in (Part.TIPS, Part.FAQ)

    def _text(self, chunk: Chunk) -> None:
        if self._needs_or_time(chunk):
            return
        numbered_item = chunk.kind == Kind.ITEM and chunk.number > 0
        if numbered_item and self.numbered_steps and self.part in (Part.INTRO, Part.STEPS):
            self._step_from_item(chunk)
        elif self.part == Part.INTRO:
            self._intro(chunk)
        elif self.part == Part.STEPS:
            target = self.steps[-1].parts if self.steps else self.texts[Part.INTRO]
            target.append(chunk)
        elif self.part == Part.FAQ:
            self._faq_text(chunk)
        else:
            self.texts[self.part].append(chunk)

    def _needs_or_time(self, chunk: Chunk) -> bool:
        """'Time: 15 minutes', 'You'll need: a, b and c', and the items of a needs list."""
        if self.part in (Part.NEEDS, Part.TOOLS):
            if chunk.kind == Kind.ITEM:
                self.needs.append(need_from_text(chunk.text, self.part == Part.TOOLS))
                return True
            self.end_needs()  # a paragraph: the list is over, back to where it was
        if chunk.kind != Kind.PARAGRAPH or self.part in (Part.FAQ, Part.TIPS):
            return False
        return self._time_line(chunk) or self._needs_line(chunk)

    def end_needs(self) -> None:
        """Leaving a needs heading; one that held no list is named, as any unplaced heading."""
        heading = self.needs_heading
        if heading is None:
            return
        if len(self.needs) == self.needs_before:
            self.notes.append(
                ImportNote(
                    heading.line,
                    f"heading '{heading.text}' is not a part of a guide; left out "
                    f"(its text went to {self.after_needs.value})",
                )
            )
        if self.part in (Part.NEEDS, Part.TOOLS):
            self.part = self.after_needs
        self.needs_heading = None

    def _time_line(self, chunk: Chunk) -> bool:
        time = time_from_line(chunk.text)
        if time is not None and self.part == Part.STEPS and self.steps:
            self.steps[-1].time = time
        elif time is not None:
            self.time = time
        return time is not None

    def _needs_line(self, chunk: Chunk) -> bool:
        needs = needs_from_line(chunk.text)
        self.needs += needs or ()
        return needs is not None

    def _step_from_item(self, chunk: Chunk) -> None:
        title = first_sentence(chunk.text)
        self._start_step(title, chunk)
        self.steps[-1].whole = chunk.text
        rest = chunk.text[len(title) :].lstrip(".!? ").strip()
        if rest:
            self.steps[-1].parts.append(Chunk(Kind.PARAGRAPH, rest, chunk.line))

    def _intro(self, chunk: Chunk) -> None:
        if not self.title and not self.has_h1 and looks_like_title(chunk):
            self.title = chunk.text
        else:
            self.texts[Part.INTRO].append(chunk)

    def _faq_text(self, chunk: Chunk) -> None:
        if chunk.text.endswith("?") and not self.faq_headings:
            self._question(chunk)
        elif self.faq:
            labelled = not self.faq[-1].parts and not self.faq_headings  # "Q: ..." / "A: ..."
            answer = ANSWER_PREFIX.sub("", chunk.text, count=1) if labelled else chunk.text
            self.faq[-1].parts.append(Chunk(chunk.kind, answer, chunk.line))
        else:
            self.notes.append(
                ImportNote(
                    chunk.line, f"text before the first question left out: '{_short(chunk.text)}'"
                )
            )

    def _question(self, chunk: Chunk) -> None:
        question = chunk.text if chunk.level else QUESTION_PREFIX.sub("", chunk.text, count=1)
        self.faq.append(_Entry(question, chunk.line, anchor=chunk.anchor))

    def split_finish(self) -> None:
        """Moves the closing paragraph(s) of the last step to ``finish`` when none was headed."""
        if self.texts[Part.FINISH] or not self.steps:
            return
        last = self.steps[-1]
        cut = next(
            (i for i, part in enumerate(last.parts) if i and FINISH_MARK.search(part.text)), None
        )
        if cut is None and len(self.steps) > 1:
            most = max(len(step.parts) for step in self.steps[:-1])
            cut = most if most and len(last.parts) > most else None
        if cut is not None:
            self.texts[Part.FINISH] = last.parts[cut:]
            del last.parts[cut:]
            self.notes.append(
                ImportNote(
                    self.texts[Part.FINISH][0].line,
                    "the text after the last step was read as the closing remark (finish)",
                )
            )


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def import_text(
    text: str, source: str = "<string>", lang: str | None = None, markdown: bool | None = None
) -> ImportResult:
    """Read an article; ``markdown=None`` decides from the file name and the text itself."""
    if not text.strip():
        raise ImportSourceError(Location(source), "empty file")
    meta, text, notes = front_matter(text)
    if markdown is None:
        markdown = (
            bool(meta)
            or source.lower().endswith(MARKDOWN_SUFFIXES)
            or bool(re.search(r"^#{1,6} ", text, re.M))
        )
    found = chunks(text, markdown)
    article = _Article(
        has_h1=any(c.kind == Kind.HEADING and c.level == 1 for c in found),
        numbered_steps=not any(c.kind == Kind.STEP for c in found),
    )
    article.notes += notes
    article.title = meta.get("title", "")
    for chunk in found:
        article.add(chunk)
    article.end_needs()
    article.split_finish()
    result = _guide(article, source, lang or meta.get("lang") or detect_language(text))
    guide_id = meta.get("id", "")
    return replace(result, guide=replace(result.guide, id=guide_id)) if guide_id else result


def front_matter(text: str) -> tuple[dict[str, str], str, list[ImportNote]]:
    """``---`` / ``key: value`` lines / ``---`` at the top of a Markdown file (as Pandoc, Hugo
    and Jekyll write it): ``lang``, ``id`` and ``title`` are used. The block is blanked out so
    line numbers in notes stay those of the file."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, []
    meta: dict[str, str] = {}
    notes = []
    for number, line in enumerate(match.group(1).splitlines(), start=2):
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip().strip("\"'")
        if key in ("lang", "language") and LANGUAGE_TAG.match(value):
            meta["lang"] = value
        elif (key == "id" and SLUG.match(value)) or (key == "title" and value):
            meta[key] = value
        elif line.strip():
            notes.append(ImportNote(number, f"front matter line '{line.strip()}' not used"))
    return meta, "\n" * match.group(0).count("\n") + text[match.end() :], notes


def _guide(article: _Article, source: str, lang: str) -> ImportResult:
    if not article.steps:
        raise ImportSourceError(Location(source), NO_STEPS)
    notes = article.notes
    texts = article.texts
    title = article.title or _fallback(
        notes,
        "no title line found; using the first step",
        article.steps[0].head or article.steps[0].text,
    )
    intro = _intro_text(texts[Part.INTRO]) or _fallback(
        notes, "no introduction found; using the title", title
    )
    steps, timed = timed_steps(
        [_step(entry, notes) for entry in article.steps], [e.line for e in article.steps]
    )
    notes += timed
    return ImportResult(
        Guide(
            id=guide_id_for(source, title),
            title=title,
            language=lang,
            intro=intro,
            steps=tuple(steps),
            tips=tuple(c.text for c in texts[Part.TIPS]),
            tips_title=article.tips_title,
            faq=_faq(article.faq, lang, notes),
            summary=tuple(c.text for c in texts[Part.SUMMARY]),
            finish=" ".join(c.text for c in texts[Part.FINISH]),
            conclusion=" ".join(c.text for c in texts[Part.CONCLUSION]),
            needs=tuple(article.needs),
            time=article.time,
            source=source,
        ),
        tuple(sorted(notes, key=lambda note: note.line or 0)),
    )


def _intro_text(chunks: list[Chunk]) -> str:
    """A list under the introduction stays a list when read: each item its own sentence."""
    return " ".join(
        f"{c.text}." if c.kind == Kind.ITEM and not c.text.endswith((".", "!", "?", ":", ";"))
        else c.text
        for c in chunks
    )  # fmt: skip


def _fallback(notes: list[ImportNote], message: str, value: str) -> str:
    notes.append(ImportNote(None, message))
    return value


def _step(entry: _Entry, notes: list[ImportNote]) -> Step:
    title, text = entry.head, entry.text
    if not text:
        notes.append(ImportNote(entry.line, "step has no explanation; its title is used"))
        text = entry.whole or title
    return Step(title or first_sentence(text), text, entry.time)


def _faq(entries: list[_Entry], lang: str, notes: list[ImportNote]) -> tuple[FaqEntry, ...]:
    answered = []
    for entry in entries:
        if entry.text:
            answered.append(entry)
        else:
            notes.append(
                ImportNote(entry.line, f"question without an answer left out: '{entry.head}'")
            )
    slugs = faq_ids((entry.head for entry in answered), lang)
    taken = {entry.anchor for entry in answered if entry.anchor}
    ids = [
        entry.anchor or (slug if slug not in taken else f"{slug}-{n}")
        for n, (entry, slug) in enumerate(zip(answered, slugs, strict=True), start=1)
    ]
    return tuple(
        FaqEntry(faq_id, entry.head, entry.text)
        for faq_id, entry in zip(ids, answered, strict=True)
    )
