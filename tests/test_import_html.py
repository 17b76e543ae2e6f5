"""HTML pages with schema.org HowTo / FAQPage JSON-LD -> guides (voice.authoring.html)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voice.authoring.common import ImportSourceError
from voice.authoring.html import import_html
from voice.authoring.html_text import markdown_lines, speakable
from voice.authoring.importer import import_file
from voice.guide.loader import parse_guide
from voice.guide.writer import write_guide

DATA = Path(__file__).parent / "data"
PAGE = DATA / "descale-coffee.en.html"


def page(*nodes: object, body: str = "", lang: str = "en") -> str:
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(node)}</script>' for node in nodes
    )
    return f'<!DOCTYPE html><html lang="{lang}"><head>{scripts}</head><body>{body}</body></html>'


def test_howto_and_faq_page() -> None:
    result = import_file(PAGE)
    guide = result.guide
    assert (guide.id, guide.title, guide.language) == (
        "descale-coffee",
        "How to descale your coffee machine",
        "en-GB",
    )
    assert guide.intro == (
        "Limescale makes coffee taste bitter and slows the machine down. "
        "Descaling once a month keeps it working & tasting good."
    )
    assert [(s.title, s.text) for s in guide.steps] == [
        ("Empty the machine", "Remove the water tank and the drip tray and empty both."),
        (
            "Mix the solution",
            "Fill the tank with half a litre of water. Add one sachet of descaling solution.",
        ),
        (
            "Run the descaling programme",
            "Press and hold the clean button for three seconds. "
            "The machine pumps the solution through in about 20 minutes",
        ),
        (
            "Rinse the tank and run the programme once more with clean water",
            "Rinse the tank and run the programme once more with clean water.",
        ),
    ]
    assert guide.tips == (
        "Use lukewarm water: the powder dissolves faster.",
        "Descale more often if your tap water is hard.",
        "Never use vinegar: it damages the seals.",
    )
    assert guide.tips_title == ""
    assert [(e.id, e.question, e.answer) for e in guide.faq] == [
        (
            "often-descale",
            "How often should I descale?",
            "About once a month, or when the descale light comes on.",
        ),
        (
            "drink-first-cup-descaling",
            "Can I drink the first cup after descaling?",
            "Better not. Pour away the first cup: it may taste of the solution. "
            "it rinses the last traces out",
        ),
    ]
    # schema.org has no field for these: they come from the visible page
    assert guide.finish == "Your machine is ready: brew a cup and taste the difference."
    assert guide.summary == ("Empty the machine.", "Mix the solution.", "Descale.", "Rinse.")
    assert guide.conclusion.startswith("Ten minutes of work once a month")
    parse_guide(write_guide(guide), "descale.yaml")


def test_unplaced_json_ld_is_reported() -> None:
    result = import_file(PAGE)
    messages = [note.message for note in result.notes]
    # issue 13: a HowTo's supply is placed now (it was reported as not placed before)
    assert [need.name for need in result.guide.needs] == ["Descaling solution", "Fresh water"]
    assert not any("supply" in message for message in messages)
    assert "section 'Preparation' flattened: its steps are steps 1 to 2" in messages
    assert not any("totalTime" in message for message in messages)


def test_faq_page_alone_takes_steps_from_the_page_text() -> None:
    faq = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": "Is it safe?",
                "acceptedAnswer": {"@type": "Answer", "text": "Yes &amp; it is quick."},
            }
        ],
    }
    body = (
        "<h1>Clean a kettle</h1><p>Keep it shiny.</p><h2>Step 1: Fill it</h2>"
        "<p>Fill it with vinegar.</p><h2>Step 2: Boil it</h2><p>Boil and rinse.</p>"
    )
    guide = import_html(page(faq, body=body), "kettle.html").guide
    assert guide.title == "Clean a kettle"
    assert [s.title for s in guide.steps] == ["Fill it", "Boil it"]
    assert [(e.question, e.answer) for e in guide.faq] == [("Is it safe?", "Yes & it is quick.")]


def test_steps_as_strings_item_list_and_howto_type_urls() -> None:
    howto = {
        "@context": "https://schema.org",
        "@type": "https://schema.org/HowTo",
        "name": "Tie a knot",
        "inLanguage": "nl",
        "step": {
            "@type": "ItemList",
            "itemListElement": [
                "Maak een lus.",
                {
                    "@type": "ListItem",
                    "item": {"@type": "schema:HowToStep", "text": "Trek aan. Klaar."},
                },
            ],
        },
    }
    guide = import_html(page(howto), "knot.html").guide
    assert guide.language == "nl"
    assert [(s.title, s.text) for s in guide.steps] == [
        ("Maak een lus", "Maak een lus."),
        ("Trek aan", "Trek aan. Klaar."),
    ]
    assert guide.intro == "Tie a knot"


def test_lang_option_and_html_lang() -> None:
    howto = {"@type": "HowTo", "name": "X", "step": [{"@type": "HowToStep", "text": "Doe dit."}]}
    assert import_html(page(howto, lang="nl-NL"), "x.html").guide.language == "nl-NL"
    assert import_html(page(howto), "x.html", lang="nl").guide.language == "nl"


def test_malformed_json_ld_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(
        '<html>\n<head>\n<script type="application/ld+json">\n{\n  "@type": '
        '"HowTo",\n  "name": "x",,\n}\n</script>\n</head></html>\n'
    )
    with pytest.raises(ImportSourceError) as caught:
        import_file(path)
    assert str(caught.value).startswith(f"{path}:6: malformed JSON-LD: ")
    assert "\n" not in str(caught.value)


def test_page_without_steps_is_an_error() -> None:
    with pytest.raises(ImportSourceError, match="no steps found"):
        import_html(page(body="<h1>Nothing</h1><p>Just words.</p>"), "empty.html")
    faq = {
        "@type": "FAQPage",
        "mainEntity": [{"@type": "Question", "name": "Q?", "acceptedAnswer": {"text": "A."}}],
    }
    with pytest.raises(ImportSourceError, match="no steps found"):
        import_html(page(faq), "faq-only.html")


def test_html_is_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    howto = {"@type": "HowTo", "name": "X", "step": ["Do it."]}
    path.write_text(page(howto))
    assert import_file(path).guide.steps[0].text == "Do it."


def test_speakable_text_from_html() -> None:
    assert speakable("<p>One</p><ul><li>two</li><li>three</li></ul>") == "One. two. three"
    assert speakable("Press <kbd>Ctrl</kbd>&nbsp;+&nbsp;C &amp; go") == "Press Ctrl + C & go"
    assert speakable("<script>alert(1)</script>Safe") == "Safe"


def test_visible_page_as_markdown_lines() -> None:
    html = (
        "<html><head><title>T</title></head><body><nav>Menu</nav><h2>Part</h2>"
        "<ol><li>a</li><li>b</li></ol><ul><li>c</li></ul><p>d</p></body></html>"
    )
    assert markdown_lines(html).split("\n") == [
        "# T",
        "",
        "## Part",
        "",
        "1. a",
        "",
        "2. b",
        "",
        "- c",
        "",
        "d",
        "",
    ]
