"""HTML pages with schema.org ``HowTo`` / ``FAQPage`` JSON-LD -> a guide.

The JSON-LD is what search engines read, so it is the most reliable structure on a page: steps,
tips and questions come from there. What schema.org has no field for (summary, closing remark,
conclusion) comes from the visible page, read by the text importer; so does everything when a
page carries no usable JSON-LD at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Any

from voice.authoring.common import (
    ImportNote,
    ImportResult,
    ImportSourceError,
    faq_ids,
    first_sentence,
    guide_id_for,
    join_sentences,
)
from voice.authoring.html_text import markdown_lines, speakable
from voice.authoring.needs_times import (
    NEED_FIELDS,
    STEP_TIME_FIELDS,
    TIME_FIELDS,
    jsonld_needs,
    jsonld_step_time,
    jsonld_time,
    jsonld_yield,
    readable,
    timed_steps,
)
from voice.authoring.sections import Part, heading_part
from voice.authoring.text import NO_STEPS, import_text
from voice.errors import Location
from voice.guide.loader import SLUG
from voice.guide.model import FaqEntry, Guide, Need, Step
from voice.language.detect import detect_language
from voice.language.durations import Duration

HOWTO_TYPES = frozenset({"HowTo", "Recipe"})
USED = frozenset(
    {
        "@context",
        "@type",
        "@id",
        "name",
        "headline",
        "description",
        "step",
        "steps",
        "recipeInstructions",
        "inLanguage",
        "identifier",
        *NEED_FIELDS,
        *TIME_FIELDS,
    }
)
METADATA = frozenset(
    {
        "image",
        "url",
        "datePublished",
        "dateModified",
        "dateCreated",
        "author",
        "publisher",
        "thumbnailUrl",
        "video",
        "mainEntityOfPage",
        "keywords",
        "isPartOf",
        "about",
        "review",
        "aggregateRating",
        "interactionStatistic",
        "license",
        "copyrightHolder",
        "copyrightYear",
        "creator",
        "sameAs",
        "position",
    }
)
"""Fields about the page rather than its content: not read aloud, and not worth a note."""
HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", re.I)


class _JsonLdScripts(HTMLParser):
    """Collects the text of every ``<script type="application/ld+json">`` with its line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[tuple[int, str]] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        self._inside = tag == "script" and kind == "application/ld+json"
        if self._inside:
            self.scripts.append((self.getpos()[0], ""))

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            line, text = self.scripts[-1]
            self.scripts[-1] = (line if text else self.getpos()[0], text + data)


@dataclass
class _Found:
    """What the JSON-LD yields, filled in as the nodes are walked."""

    howto: dict[str, Any] | None = None
    title: str = ""
    intro: str = ""
    guide_id: str = ""
    language: str = ""
    steps: list[Step] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)
    tips_title: str = ""
    questions: list[tuple[str, str, str]] = field(default_factory=list)
    """(question, answer, identifier) per FAQ entry."""
    notes: list[ImportNote] = field(default_factory=list)
    line: int | None = None
    needs: tuple[Need, ...] = ()
    time: Duration | None = None
    serves: str = ""
    """``recipeYield``, said in the introduction."""


def json_ld(html: str, source: str) -> list[tuple[int, Any]]:
    """Every JSON-LD block of the page, parsed, with the line it starts on."""
    parser = _JsonLdScripts()
    parser.feed(html)
    parser.close()
    blocks = []
    for line, text in parser.scripts:
        try:
            blocks.append((line, json.loads(text)))
        except json.JSONDecodeError as err:
            where = Location(source, line + err.lineno - 1)
            raise ImportSourceError(
                where, f"malformed JSON-LD: {err.msg} (column {err.colno})"
            ) from err
    return blocks


def types(node: Any) -> set[str]:
    """``"https://schema.org/HowToStep"`` and ``"schema:HowToStep"`` both -> ``{"HowToStep"}``."""
    value = node.get("@type", ()) if isinstance(node, dict) else ()
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return {re.split(r"[/:#]", str(name))[-1] for name in names}


def _typed(value: Any) -> Iterator[dict[str, Any]]:
    """The HowTo and FAQPage nodes anywhere in a JSON-LD value (``@graph``, ``mainEntity``...)."""
    if isinstance(value, list):
        for item in value:
            yield from _typed(item)
    elif isinstance(value, dict):
        if types(value) & (HOWTO_TYPES | {"FAQPage"}):
            yield value
            return
        for item in value.values():
            yield from _typed(item)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _text(value: Any) -> str:
    """Speakable text of a JSON-LD value: a string, or a node's ``text`` / ``name``."""
    if isinstance(value, list):
        return " ".join(filter(None, (_text(item) for item in value)))
    if isinstance(value, dict):
        return _text(value.get("text") or value.get("name") or "")
    return speakable(str(value)) if value is not None else ""


def _read_howto(node: dict[str, Any], found: _Found) -> None:
    if found.howto is not None:
        found.notes.append(
            ImportNote(
                found.line,
                f"second HowTo '{_text(node.get('name'))}' left out; a guide follows one HowTo",
            )
        )
        return
    found.howto = node
    found.title = _text(node.get("name") or node.get("headline"))
    found.intro = _text(node.get("description"))
    found.language = str(node.get("inLanguage") or "")
    identifier = str(node.get("identifier") or "")
    found.guide_id = identifier if SLUG.match(identifier) else ""
    for key in ("step", "steps", "recipeInstructions"):
        for item in _as_list(node.get(key)):
            _step_item(item, found)
    kind = "Recipe" if "Recipe" in types(node) else "HowTo"
    found.needs = jsonld_needs(node, _text)
    found.time, notes = jsonld_time(node, kind, found.line)
    found.notes += notes
    found.serves = jsonld_yield(node, _text)
    _note_unused(node, kind, found)


def _note_unused(node: dict[str, Any], kind: str, found: _Found) -> None:
    for key, value in node.items():
        shown = _text(value) or (json.dumps(value, ensure_ascii=False) if value else "")
        if key not in USED and key not in METADATA and shown:
            found.notes.append(
                ImportNote(found.line, f"{kind}.{key} not placed in the guide: '{shown[:60]}'")
            )


def _step_item(item: Any, found: _Found) -> None:
    kinds = types(item)
    if isinstance(item, str):
        _add_step("", speakable(item), found)
    elif not isinstance(item, dict):
        found.notes.append(ImportNote(found.line, f"step entry {item!r} not understood"))
    elif "HowToSection" in kinds:
        _section(item, found)
    elif "HowToTip" in kinds:
        found.tips.append(_text(item))
    elif kinds & {"ItemList", "ListItem"}:
        for inner in _as_list(item.get("itemListElement") or item.get("item")):
            _step_item(inner, found)
    else:
        _howto_step(item, found)


def _howto_step(item: dict[str, Any], found: _Found) -> None:
    directions = []
    for inner in _as_list(item.get("itemListElement")):
        if "HowToTip" in types(inner):
            found.tips.append(_text(inner))
        else:
            directions.append(_text(inner))
    text = _text(item.get("text")) or join_sentences(directions)
    time = jsonld_step_time(item)
    written = [str(item[key]) for key in STEP_TIME_FIELDS if item.get(key) is not None]
    if time is None and written:
        found.notes.append(
            ImportNote(found.line, f"step time '{written[0]}' is not a duration; left out")
        )
    _add_step(_text(item.get("name")), text, found, time)


def _add_step(title: str, text: str, found: _Found, time: Duration | None = None) -> None:
    if not title and not text:
        found.notes.append(
            ImportNote(found.line, f"step {len(found.steps) + 1} has no name or text; left out")
        )
        return
    if not text:
        found.notes.append(ImportNote(found.line, f"step '{title}' has no text; its name is used"))
    title = first_sentence(text) if not title or title == text else title
    found.steps.append(Step(title, text or title, time))


def _section(item: dict[str, Any], found: _Found) -> None:
    name = _text(item.get("name"))
    inner = _as_list(item.get("itemListElement") or item.get("steps"))
    if inner and all("HowToTip" in types(tip) for tip in inner):
        found.tips += [_text(tip) for tip in inner]
        part = heading_part(name) if name else None
        found.tips_title = part[1] if part and part[0] == Part.TIPS else name
        return
    first = len(found.steps) + 1
    for element in inner:
        _step_item(element, found)
    if name:
        found.notes.append(
            ImportNote(
                found.line,
                f"section '{name}' flattened: its steps are steps {first} to {len(found.steps)}",
            )
        )


def _read_faq(node: dict[str, Any], found: _Found) -> None:
    for question in _as_list(node.get("mainEntity")):
        if not isinstance(question, dict):
            continue
        text = _text(question.get("name"))
        answer = _text(question.get("acceptedAnswer") or question.get("suggestedAnswer"))
        if text and answer:
            found.questions.append((text, answer, str(question.get("identifier") or "")))
        else:
            found.notes.append(
                ImportNote(found.line, f"FAQ question '{text}' has no answer; left out")
            )


def _walk(blocks: list[tuple[int, Any]]) -> _Found:
    found = _Found()
    for line, value in blocks:
        found.line = line
        for node in _typed(value):
            if types(node) & HOWTO_TYPES:
                _read_howto(node, found)
            else:
                _read_faq(node, found)
    return found


def import_html(html: str, source: str = "<string>", lang: str | None = None) -> ImportResult:
    """Read a page: JSON-LD first, the visible text for the rest (or for all, if no JSON-LD)."""
    found = _walk(json_ld(html, source))
    visible = _visible(html, source, lang)
    if found.howto is None and not found.questions:
        if visible is None:
            raise ImportSourceError(
                Location(source),
                NO_STEPS.replace("(expected", "(no HowTo JSON-LD, and in the page text: expected"),
            )
        return visible
    if not found.steps and (visible is None or not visible.guide.steps):
        raise ImportSourceError(
            Location(source),
            "no steps found (the JSON-LD has no HowTo steps and the page text has none either)",
        )
    language = (
        lang or found.language or _page_language(html) or detect_language(markdown_lines(html))
    )
    guide = _merge(found, visible, language, source)
    steps, notes = timed_steps(guide.steps, [found.line] * len(guide.steps))
    if found.serves:
        notes.append(ImportNote(found.line, f"recipeYield '{found.serves}' added to the intro"))
    return ImportResult(readable(replace(guide, steps=tuple(steps))), (*found.notes, *notes))


def _visible(html: str, source: str, lang: str | None) -> ImportResult | None:
    try:
        return import_text(markdown_lines(html), source, lang, markdown=False)
    except ImportSourceError:
        return None


def _page_language(html: str) -> str:
    match = HTML_LANG.search(html)
    return match.group(1) if match else ""


def _merge(found: _Found, visible: ImportResult | None, lang: str, source: str) -> Guide:
    page = visible.guide if visible else None
    title = found.title or (page.title if page else "")
    base = page or Guide(id="", title=title, language=lang, intro="", steps=())
    ids = faq_ids((q for q, _, _ in found.questions), lang)
    faq = tuple(
        FaqEntry(given if SLUG.match(given) and given not in ids else slug, q, a)
        for (q, a, given), slug in zip(found.questions, ids, strict=True)
    )
    return replace(
        base,
        id=found.guide_id or guide_id_for(source, title),
        title=title,
        language=lang,
        intro=_with_yield(found.intro or base.intro or title, found.serves, lang),
        steps=tuple(found.steps) or base.steps,
        tips=tuple(found.tips) or base.tips,
        tips_title=found.tips_title if found.tips else base.tips_title,
        faq=faq or base.faq,
        needs=found.needs or base.needs,
        time=found.time or base.time,
        source=source,
    )


YIELD = {"en": "Makes {serves}.", "nl": "Voor {serves}."}


def _with_yield(intro: str, serves: str, lang: str) -> str:
    """The recipe's yield ends the introduction: there is no field for it in a guide."""
    if not serves:
        return intro
    said = YIELD.get(lang.split("-")[0].lower(), YIELD["en"]).format(serves=serves)
    return join_sentences([intro, said])
