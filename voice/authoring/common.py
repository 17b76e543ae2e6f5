"""What every importer shares: the error, the report of unplaced content, decoding, slugs.

An importer guesses at structure, so it must say where it guessed and what it left out: each
``ImportNote`` becomes one line on stderr, and nothing from the article disappears unmentioned.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from voice.errors import BadInputError, Location, human_size
from voice.guide.model import Guide
from voice.language.detect import stop_words

MAX_SOURCE_BYTES = 8 * 1024 * 1024
"""Largest article accepted; real how-to pages are well under 1 MiB even with their markup."""
SLUG_WORDS = 5
SLUG_CHARS = 40


class ImportSourceError(BadInputError):
    """An article cannot be turned into a guide (binary, empty, no steps, broken JSON-LD)."""

    def __init__(self, location: Location, message: str) -> None:
        self.location = location
        super().__init__(f"{location}: {message}")


@dataclass(frozen=True)
class ImportNote:
    """Something the importer could not place or had to guess, for the author to review."""

    line: int | None
    """1-based line in the source, when the note concerns one line."""
    message: str

    def render(self, source: str) -> str:
        return f"{Location(source, self.line)}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    """A guide read from an article, with the notes the author should read before using it."""

    guide: Guide
    notes: tuple[ImportNote, ...] = ()


def decode_source(raw: bytes, source: str) -> str:
    """Article bytes as text; refuses binaries and empty files with a one-line error."""
    if len(raw) > MAX_SOURCE_BYTES:
        raise ImportSourceError(
            Location(source),
            f"file is {human_size(len(raw))}; the limit is {human_size(MAX_SOURCE_BYTES)}",
        )
    if b"\x00" in raw:
        raise ImportSourceError(
            Location(source), "binary file, not a text, Markdown or HTML article"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ImportSourceError(Location(source, line), "not UTF-8 text (binary file?)") from err
    if not text.strip():
        raise ImportSourceError(Location(source), "empty file")
    return text


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029\ufeff]")


def clean(text: str) -> str:
    """One line of speakable text: control characters dropped, whitespace collapsed."""
    return " ".join(CONTROL.sub(" ", text).split())


def join_sentences(texts: Iterable[str]) -> str:
    """Pieces of text as one, each but the last ending in punctuation so speech pauses there."""
    pieces = [piece for piece in texts if piece]
    return " ".join(
        piece if piece.endswith((".", "!", "?", ":", ";")) or i == len(pieces) - 1 else piece + "."
        for i, piece in enumerate(pieces)
    )


def ascii_fold(text: str) -> str:
    """``'Café ‘Help’'`` -> ``'Cafe Help'``: accents dropped, other non-ASCII removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slugify(text: str, lang: str = "", max_words: int = 0) -> str:
    """Lower-case ASCII words joined by ``-``; stop words of ``lang`` dropped when others remain."""
    words = re.findall(r"[a-z0-9]+", ascii_fold(text).lower())
    content = [w for w in words if w not in stop_words(lang)] if lang else words
    words = (content or words)[: max_words or None]
    slug = ""
    for word in words:  # whole words only, so the slug stays readable
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > SLUG_CHARS:
            return slug or word[:SLUG_CHARS]
        slug = longer
    return slug


def faq_ids(questions: Iterable[str], lang: str) -> list[str]:
    """Short stable slugs for the questions, made unique with ``-2``, ``-3`` in order."""
    ids: list[str] = []
    for number, question in enumerate(questions, start=1):
        base = slugify(question, lang, SLUG_WORDS) or f"question-{number}"
        slug, count = base, 1
        while slug in ids:
            count += 1
            slug = f"{base}-{count}"
        ids.append(slug)
    return ids


def guide_id_for(source: str, title: str) -> str:
    """The id of an imported guide: the file name without a language suffix, else the title."""
    stem = Path(source).name.split(".")[0] if source and not source.startswith("<") else ""
    return slugify(stem) or slugify(title, max_words=SLUG_WORDS) or "guide"


def first_sentence(text: str) -> str:
    """The first sentence without its full stop: a step title for a step that has none."""
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence.rstrip(".").strip()
