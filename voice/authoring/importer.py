"""Import any supported article file: read it, pick the importer, keep an earlier script's ids.

The one place that touches the file system for importing; the importers themselves take text.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from voice.authoring.common import ImportResult, ImportSourceError, decode_source
from voice.authoring.html import import_html
from voice.authoring.text import import_text
from voice.errors import Location
from voice.guide.model import FaqEntry, Guide

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def read_source(path: str | Path) -> str:
    """The article's text; missing, unreadable, binary and empty files raise one-line errors."""
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportSourceError(Location(source), "no such file") from None
    except IsADirectoryError:
        raise ImportSourceError(Location(source), "is a directory, not an article") from None
    except OSError as err:
        raise ImportSourceError(Location(source), f"cannot read: {err.strerror}") from err
    return decode_source(raw, source)


def is_html(source: str, text: str) -> bool:
    """HTML by file name, or by its first tag when the name says nothing (``page.txt``)."""
    if source.lower().endswith(HTML_SUFFIXES):
        return True
    start = text.lstrip()[:100].lower()
    return start.startswith(("<!doctype html", "<html"))


def import_article(text: str, source: str, lang: str | None = None) -> ImportResult:
    """Text, Markdown or HTML article -> guide, by the kind of ``source``."""
    if is_html(source, text):
        return import_html(text, source, lang)
    return import_text(text, source, lang)


def import_file(path: str | Path, lang: str | None = None) -> ImportResult:
    """Read and import one article file."""
    return import_article(read_source(path), str(path), lang)


def _question_key(question: str) -> str:
    return " ".join(question.casefold().replace("’", "'").replace("‘", "'").split())


def keep_from(guide: Guide, previous: Guide) -> Guide:
    """Re-import without losing review work: FAQ entries whose question is unchanged keep the
    id and the ``also`` phrasings of the earlier script; the guide keeps its id."""
    known = {_question_key(entry.question): entry for entry in previous.faq}
    kept = [known.get(_question_key(entry.question)) for entry in guide.faq]
    taken = {old.id for old in kept if old is not None}
    faq: list[FaqEntry] = []
    for entry, old in zip(guide.faq, kept, strict=True):
        if old is not None:
            entry = replace(entry, id=old.id, also=old.also)
        elif entry.id in taken:
            entry = replace(entry, id=_free_id(entry.id, taken))
        taken.add(entry.id)
        faq.append(entry)
    return replace(guide, id=previous.id, faq=tuple(faq))


def _free_id(base: str, taken: set[str]) -> str:
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
