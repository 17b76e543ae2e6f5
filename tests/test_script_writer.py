"""Guide -> script file text (voice.guide.writer): readable, and read back unchanged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice.guide.loader import load_guide, parse_guide
from voice.guide.model import FaqEntry, Guide, Step
from voice.guide.writer import WIDTH, write_guide

ROOT = Path(__file__).parent.parent


def read_back(guide: Guide) -> Guide:
    return replace(parse_guide(write_guide(guide), guide.source), source=guide.source)


@pytest.mark.parametrize("name", ["amazon-chat.en", "amazon-chat.nl"])
def test_bundled_guides_read_back_unchanged(name: str) -> None:
    guide = load_guide(ROOT / "scripts" / f"{name}.yaml")
    assert read_back(guide) == guide


def test_field_order_follows_the_bundled_guides() -> None:
    guide = load_guide(ROOT / "scripts" / "amazon-chat.en.yaml")
    guide = replace(guide, commands={"next": ("onwards",)})
    keys = [line.split(":")[0] for line in write_guide(guide).splitlines() if line[:1].isalpha()]
    assert keys == [
        "id",
        "title",
        "language",
        "intro",
        "steps",
        "finish",
        "tips_title",
        "tips",
        "faq",
        "summary",
        "conclusion",
        "commands",
    ]


def test_block_style_wrapped_and_quoted_only_when_needed() -> None:
    guide = load_guide(ROOT / "scripts" / "amazon-chat.nl.yaml")
    text = write_guide(guide, "Bron: test")
    lines = text.splitlines()
    assert lines[0] == "# Bron: test"
    assert 'title: "Stapsgewijze zelfstudie: een Amazon-klantenservicechat starten"' in lines
    assert "  - title: Log in op uw Amazon-account" in lines
    assert "intro: >-" in lines and "{" not in text
    assert all(len(line) <= WIDTH for line in lines)


SCALAR = st.text(st.characters(exclude_categories=["Cs"]), max_size=150).map(
    lambda text: " ".join(text.split())
)
NONEMPTY = SCALAR.filter(bool)


@settings(max_examples=200, deadline=None)
@given(
    title=NONEMPTY,
    intro=NONEMPTY,
    step=NONEMPTY,
    tip=NONEMPTY,
    question=NONEMPTY,
    also=st.lists(NONEMPTY, max_size=2),
    finish=SCALAR,
)
def test_any_text_reads_back_unchanged(
    title: str, intro: str, step: str, tip: str, question: str, also: list[str], finish: str
) -> None:
    """Quotes, colons, '#', leading '-', 'yes'/'null', numbers, emoji, very long lines..."""
    guide = Guide(
        id="g",
        title=title,
        language="en",
        intro=intro,
        steps=(Step(step, intro),),
        tips=(tip,),
        faq=(FaqEntry("q-1", question, step, tuple(also)),),
        summary=(tip, step),
        finish=finish,
        tips_title=finish,
        conclusion=finish,
    )
    assert read_back(guide) == guide


@pytest.mark.parametrize(
    "value",
    [
        "yes",
        "null",
        "1984",
        "0x10",
        "- dash",
        "# hash",
        "a: b",
        "'quoted'",
        '"dq"',
        "tab\there",
        "24/7",
        "@at",
        "~",
        "{x}",
        "x" * 150,
    ],
)
def test_awkward_scalars(value: str) -> None:
    clean = " ".join(value.split())
    guide = Guide(id="g", title=clean, language="en", intro=clean, steps=(Step(clean, clean),))
    assert read_back(guide) == guide
