"""Guides -> Markdown / JSON-LD pages, and the round trip import -> export -> import."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice.authoring.export import ExportFormat, export_guide, json_ld, to_html_page, to_markdown
from voice.authoring.html import import_html
from voice.authoring.importer import import_article, import_file
from voice.authoring.text import import_text
from voice.guide.loader import load_guide
from voice.guide.model import FaqEntry, Guide, Step

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
SOURCES = [
    DATA / "amazon-chat.nl.txt",
    DATA / "router-reset.en.md",
    DATA / "descale-coffee.en.html",
]
SUFFIX = {ExportFormat.MARKDOWN: ".md", ExportFormat.JSONLD: ".html"}


def reimport(guide: Guide, fmt: ExportFormat, name: str = "") -> Guide:
    """Export and import again under a file name that gives the same guide id."""
    source = f"{name or guide.id}{SUFFIX[fmt]}"
    return import_article(export_guide(guide, fmt), source).guide


def same(a: Guide, b: Guide) -> bool:
    return replace(a, source="") == replace(b, source="")


@pytest.mark.parametrize("fmt", list(ExportFormat))
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_round_trip_import_export_import_is_stable(source: Path, fmt: ExportFormat) -> None:
    first = import_file(source).guide
    second = reimport(first, fmt)
    assert same(second, first)
    assert export_guide(second, fmt) == export_guide(first, fmt)


@pytest.mark.parametrize("fmt", list(ExportFormat))
@pytest.mark.parametrize("name", ["amazon-chat.en", "amazon-chat.nl"])
def test_bundled_guides_survive_export_except_voice_only_phrasings(
    name: str, fmt: ExportFormat
) -> None:
    """FAQ ids travel as ``{#id}`` heading anchors / ``identifier``; ``also`` does not travel."""
    bundled = load_guide(ROOT / "scripts" / f"{name}.yaml")
    expected = replace(bundled, faq=tuple(replace(e, also=()) for e in bundled.faq))
    assert same(reimport(bundled, fmt), expected)


def test_markdown_shape() -> None:
    guide = load_guide(ROOT / "scripts" / "amazon-chat.nl.yaml")
    text = to_markdown(guide)
    headings = re.findall(r"^#+ .*$", text, re.M)
    assert headings[:3] == [
        "# Stapsgewijze zelfstudie: een Amazon-klantenservicechat starten",
        "## Stap 1: Log in op uw Amazon-account",
        "## Stap 2: Navigeer naar het gedeelte ‘Help’",
    ]
    assert headings[6:9] == [
        "## Als u klaar bent",
        "## Tips: Verbeter uw chatervaring met de Amazon-klantenservice",
        "## Veelgestelde vragen",
    ]
    assert "### Is de chatfunctie 24/7 beschikbaar? {#available-24-7}" in headings
    assert headings[-2:] == ["## Samenvatting", "## Conclusie"]


def test_json_ld_is_schema_org_howto_and_faq_page() -> None:
    guide = load_guide(ROOT / "scripts" / "amazon-chat.en.yaml")
    page = to_html_page(guide)
    blocks = re.findall(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data == json_ld(guide)
    howto, faq_page = data["@graph"]
    assert (howto["@type"], howto["name"], howto["inLanguage"]) == ("HowTo", guide.title, "en")
    steps = [item for item in howto["step"] if item["@type"] == "HowToStep"]
    assert [(s["position"], s["name"]) for s in steps] == [
        (n, step.title) for n, step in enumerate(guide.steps, start=1)
    ]
    assert faq_page["@type"] == "FAQPage"
    assert [q["acceptedAnswer"]["@type"] for q in faq_page["mainEntity"]] == ["Answer"] * 5
    assert '<html lang="en">' in page and "<h1>Step-by-step tutorial" in page


def test_markup_in_texts_is_escaped() -> None:
    tricky = 'Press <b>Enter</b> & type "</script>" then *wait*'
    guide = Guide(
        id="t",
        title="T & <T>",
        language="en",
        intro=tricky,
        steps=(Step("One", tricky),),
        faq=(FaqEntry("q", "Why <this>?", tricky),),
    )
    page = to_html_page(guide)
    assert '</script>"' not in page and "<b>" not in page
    for fmt in ExportFormat:
        assert same(reimport(guide, fmt, "t"), guide)


WORD = st.text(alphabet="abcXYZ019*_[]()<>#`\\-+.:!&'‘’é", min_size=1, max_size=8)
SENTENCE = st.lists(WORD, min_size=1, max_size=8).map(lambda words: " ".join(words) + " end.")


@settings(max_examples=150, deadline=None)
@given(intro=SENTENCE, title=SENTENCE, text=SENTENCE, tip=SENTENCE, answer=SENTENCE)
def test_markdown_escaping_round_trips_any_characters(
    intro: str, title: str, text: str, tip: str, answer: str
) -> None:
    guide = Guide(
        id="g",
        title="Title",
        language="en",
        intro=intro,
        steps=(Step(title.rstrip("."), text), Step("Two", "Second step.")),
        tips=(tip,),
        faq=(FaqEntry("q", "Question?", answer),),
        summary=(tip,),
        conclusion=intro,
    )
    back = import_text(to_markdown(guide), "g.md", lang="en").guide
    assert same(back, guide)


def test_export_of_guide_with_html_special_characters_via_page() -> None:
    guide = import_html(
        to_html_page(load_guide(ROOT / "scripts" / "amazon-chat.nl.yaml")), "amazon-chat.html"
    ).guide
    assert guide.steps[1].title == "Navigeer naar het gedeelte ‘Help’"
