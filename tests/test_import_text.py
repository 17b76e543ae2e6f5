"""Plain-text and Markdown articles -> guides (voice.authoring.text, voice.authoring.importer)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from voice.authoring.common import ImportSourceError, faq_ids, slugify
from voice.authoring.importer import import_file, keep_from
from voice.authoring.text import import_text
from voice.guide.loader import SLUG, load_guide, parse_guide
from voice.guide.model import Guide
from voice.guide.writer import write_guide
from voice.language.detect import detect_language

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
SEED = DATA / "amazon-chat.nl.txt"
BUNDLED_NL = ROOT / "scripts" / "amazon-chat.nl.yaml"
COMPARED = (
    "id",
    "title",
    "language",
    "intro",
    "steps",
    "tips",
    "tips_title",
    "summary",
    "finish",
    "conclusion",
)


def without_also(guide: Guide) -> Guide:
    return replace(guide, faq=tuple(replace(entry, also=()) for entry in guide.faq))


def test_seed_article_gives_the_bundled_dutch_guide() -> None:
    """Everything the article holds matches the hand-written script; the FAQ ids there were
    chosen by hand, so here they are only checked to be slugs (see the keep_from test)."""
    imported = import_file(SEED).guide
    bundled = load_guide(BUNDLED_NL)
    for name in COMPARED:
        assert getattr(imported, name) == getattr(bundled, name), name
    assert [(e.question, e.answer) for e in imported.faq] == [
        (e.question, e.answer) for e in bundled.faq
    ]
    assert all(SLUG.match(entry.id) for entry in imported.faq)
    assert all(entry.also == () for entry in imported.faq)


def test_seed_article_with_the_bundled_ids_kept_is_the_bundled_guide() -> None:
    bundled = load_guide(BUNDLED_NL)
    imported = keep_from(import_file(SEED).guide, bundled)
    assert [entry.id for entry in imported.faq] == [
        "contact-button",
        "specific-representative",
        "chat-disconnected",
        "available-24-7",
        "save-transcript",
    ]
    assert replace(imported, source=bundled.source) == bundled


def test_seed_article_notes_the_dropped_link_line_and_the_finish() -> None:
    notes = import_file(SEED).notes
    messages = [(note.line, note.message) for note in notes]
    assert (
        29,
        "dropped link line 'Lees meer:Contact opnemen met de Xbox Microsoft-"
        "klantenservice: een stapsgewijze handleiding'",
    ) in messages
    assert any(line == 19 and "finish" in message for line, message in messages)
    assert all("Lees meer" not in entry.answer for entry in import_file(SEED).guide.faq)


def test_seed_faq_ids_are_short_readable_slugs() -> None:
    ids = [entry.id for entry in import_file(SEED).guide.faq]
    assert ids == [
        "knop-neem-contact-vinden",
        "specifieke-vertegenwoordiger-chat",
        "chat-verbroken",
        "chatfunctie-24-7-beschikbaar",
        "chattranscript-opslaan-toekomstig",
    ]


def test_english_markdown_article() -> None:
    result = import_file(DATA / "router-reset.en.md")
    guide = result.guide
    assert (guide.id, guide.title, guide.language) == (
        "router-reset",
        "How to reset your home Wi-Fi router",
        "en",
    )
    assert [step.title for step in guide.steps] == [
        "Find the reset button",
        "Press and hold the button",
        "Wait for the restart",
        "Connect with the default details",
    ]
    assert guide.steps[0].text == (
        "Turn the router around and look for a small hole marked Reset, usually next to the "
        "power socket. The button sits inside the hole, so you cannot press it with a finger."
    )
    assert guide.steps[3].text.startswith("Connect your phone or laptop to the network name")
    assert "manufacturer's help page if the label is missing." in guide.steps[3].text
    assert guide.finish.startswith("Once you have completed these steps, the router runs")
    assert guide.tips_title == "Avoid surprises after a reset"
    assert guide.tips[0] == (
        "Write down your old network name first, so your devices reconnect "
        "on their own if you reuse it."
    )
    assert [e.id for e in guide.faq] == [
        "reset-delete-settings",
        "long-reset-take",
        "lights-never-blink",
    ]
    assert guide.faq[1].answer == "Usually about three minutes, including the restart."
    assert guide.summary == (
        "Find the reset button.",
        "Hold it down for 30 seconds.",
        "Wait for the restart.",
        "Connect with the details on the label.",
    )
    assert guide.conclusion.endswith("you will not need this guide often.")
    assert "Keep the label on the bottom of the router in view" in guide.intro
    parse_guide(write_guide(guide), "router-reset.yaml")


def test_markdown_article_reports_what_it_could_not_place() -> None:
    notes = {note.line: note.message for note in import_file(DATA / "router-reset.en.md").notes}
    assert "heading 'What you need' is not a part of a guide" in notes[8]
    assert notes[39] == "dropped link line 'Read more: Ten tips for faster Wi-Fi'"


def test_numbered_list_steps_and_question_lines() -> None:
    text = """How to water a plant

Plants need water, but not too much.

1. Check the soil. Push a finger into the soil; water only when it feels dry.
2. Pour slowly.
   Give the water time to sink in.
3. Empty the saucer after ten minutes.

Tips
- Use water at room temperature.

FAQ
How often should I water?
Once a week in summer.
Read more: Ten houseplants that never die
Is tap water fine?
Yes, for most plants.
"""
    result = import_text(text, "plant.txt")
    guide = result.guide
    assert guide.title == "How to water a plant"
    assert [(s.title, s.text) for s in guide.steps] == [
        ("Check the soil", "Push a finger into the soil; water only when it feels dry."),
        ("Pour slowly", "Give the water time to sink in."),
        ("Empty the saucer after ten minutes", "Empty the saucer after ten minutes."),
    ]
    assert guide.tips == ("Use water at room temperature.",)
    assert [(e.question, e.answer) for e in guide.faq] == [
        ("How often should I water?", "Once a week in summer."),
        ("Is tap water fine?", "Yes, for most plants."),
    ]
    assert any("dropped link line" in note.message for note in result.notes)
    assert any("no explanation" in note.message for note in result.notes)


def test_step_headings_in_markdown_with_faq_headings_and_anchors() -> None:
    text = """# Make tea

Tea in three minutes.

## Step 1 - Boil water

Use fresh water.

## Step 2: Steep

Three minutes for black tea.

## FAQ

### Milk first? {#milk-first}

Either works. Why not try both?

### Which cup?

Any cup.
"""
    guide = import_text(text, "tea.md").guide
    assert [s.title for s in guide.steps] == ["Boil water", "Steep"]
    assert [(e.id, e.answer) for e in guide.faq] == [
        ("milk-first", "Either works. Why not try both?"),
        ("cup", "Any cup."),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Open de app en kies het menu. Daarna tikt u op de knop.", "nl"),
        ("Open the app and choose the menu. Then tap the button.", "en"),
        ("12345", "en"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_lang_overrides_detection() -> None:
    assert import_file(SEED, lang="nl-BE").guide.language == "nl-BE"


def test_slugs_are_ascii_short_and_unique() -> None:
    assert slugify("Café ‘Help’ één, twee!") == "cafe-help-een-twee"
    assert faq_ids(["Is it free?", "Is it free?", "?"], "en") == ["free", "free-2", "question-3"]
    long = faq_ids(["Supercalifragilistic expialidocious wonderful extraordinary question?"], "en")[
        0
    ]
    assert len(long) <= 40 and SLUG.match(long)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
        (b"\x7fELF\x02\x01\x00\x00binary", "binary file"),
        (b"caf\xe9 au lait", "not UTF-8 text"),
        (b"Just a title\n\nA paragraph without any steps.\n", "no steps found"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(ImportSourceError) as caught:
        import_file(path)
    text = str(caught.value)
    assert text.startswith(str(path)) and message in text and "\n" not in text


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ImportSourceError, match="no such file"):
        import_file(tmp_path / "nope.txt")
    with pytest.raises(ImportSourceError, match="is a directory"):
        import_file(tmp_path)


def test_bad_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(b"Title\nStep 1: x\n\xff\xfe\n")
    with pytest.raises(ImportSourceError, match=r"article.txt:3: not UTF-8"):
        import_file(path)


def seed_like_text(guide: Guide) -> str:
    """The layout of the seed article (one paragraph per line, no blank lines, title after the
    first intro line, 'Read more:' in the FAQ), filled with another guide's texts."""
    first, _, rest = guide.intro.partition(". ")
    lines = [first + ".", guide.title, rest]
    for number, step in enumerate(guide.steps, start=1):
        lines += [f"Step {number}: {step.title}", step.text]
    lines += [guide.finish, f"Tips: {guide.tips_title}", *(f"- {tip}" for tip in guide.tips)]
    lines.append("Frequently asked questions")
    for entry in guide.faq:
        lines += [entry.question, entry.answer, "Read more: Another article"]
    lines += ["Summary", *(f"- {item}" for item in guide.summary), "Conclusion", guide.conclusion]
    return "\n".join(lines) + "\n"


def test_english_article_laid_out_like_the_seed() -> None:
    bundled = load_guide(ROOT / "scripts" / "amazon-chat.en.yaml")
    result = import_text(seed_like_text(bundled), "amazon-chat.en.txt")
    expected = keep_from(result.guide, bundled)
    assert replace(expected, source=bundled.source) == bundled
    assert result.guide.language == "en"
    assert sum("dropped link line" in note.message for note in result.notes) == 5
