"""Needs and times come in from Recipe and HowTo pages and from text, and go back out on export.

Nothing is silently lost: a field that is not placed is named in a note.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from voice.authoring.export import ExportFormat, export_guide, json_ld
from voice.authoring.importer import import_article, import_file
from voice.authoring.text import import_text
from voice.guide.loader import load_guide, parse_guide
from voice.guide.model import Guide, Need
from voice.guide.writer import write_guide

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


def seconds(guide: Guide) -> list[int | None]:
    return [step.time.seconds if step.time else None for step in guide.steps]


def test_recipe_page_imports_completely() -> None:
    result = import_file(DATA / "pancakes-recipe.en.html")
    guide = result.guide
    assert guide.needs == (
        Need("flour", "250 g"),
        Need("milk", "500 ml"),
        Need("eggs", "2"),
        Need("a pinch of salt"),
        Need("butter for the pan"),
    )
    assert guide.time is not None and guide.time.seconds == 40 * 60
    assert [s.title for s in guide.steps] == [
        "Sift the flour into a bowl with the salt",
        "Make the batter",
        "Rest the batter",
        "Bake",
    ]
    assert seconds(guide) == [None, 300, 1800, 1200]  # timeRequired, text, performTime
    assert guide.tips == ("Keep the baked pancakes warm under a tea towel.",)
    assert guide.intro == "Thin, soft pancakes for a weekend breakfast. Makes 8 pancakes."
    messages = [note.message for note in result.notes]
    assert "Recipe prepTime PT10M, cookTime PT20M not placed: the guide's time is totalTime" in (
        messages
    )
    assert "recipeYield '8 pancakes' added to the intro" in messages
    assert "Recipe.recipeCuisine not placed in the guide: 'Dutch'" in messages
    assert "step 3: time 'half an hour' read from its text; check it" in messages
    assert "section 'Baking' flattened: its steps are steps 3 to 4" in messages
    parse_guide(write_guide(guide), "pancakes.yaml")


def test_howto_page_imports_completely() -> None:
    result = import_file(DATA / "descale-kettle.en.html")
    guide = result.guide
    assert guide.needs == (
        Need("white vinegar", "250 ml"),
        Need("water", "250 ml"),
        Need("a lemon"),
        Need("kettle", tool=True),
        Need("soft brush", tool=True),
    )
    assert guide.time is not None and guide.time.seconds == 75 * 60
    assert seconds(guide) == [120, 3600, None]
    messages = [note.message for note in result.notes]
    assert "HowTo prepTime PT5M, performTime PT1H10M not placed: the guide's time is totalTime" in (
        messages
    )
    assert any(m.startswith("HowTo.estimatedCost not placed in the guide") for m in messages)


def test_recipe_without_total_time_adds_its_parts() -> None:
    page = (DATA / "pancakes-recipe.en.html").read_text(encoding="utf-8")
    result = import_article(page.replace('"totalTime": "PT40M",', ""), "p.html")
    assert result.guide.time is not None and result.guide.time.seconds == 30 * 60
    notes = [note.message for note in result.notes]
    assert "Recipe has no totalTime; the guide's time is prepTime + cookTime" in notes


TEXT = """\
Make a cup of tea

A good cup of tea in five minutes.

What you'll need:
- a kettle
- 1 teabag
- a mug

Time: 5 minutes

Step 1: Boil the water
Fill the kettle and switch it on.

Step 2: Brew
Pour the water over the teabag and let it steep for 3 minutes.

Step 3: Drink
Take the teabag out and enjoy.
"""


def test_text_needs_list_and_time_line() -> None:
    result = import_text(TEXT, "tea.txt")
    guide = result.guide
    assert guide.needs == (Need("a kettle"), Need("teabag", "1"), Need("a mug"))
    assert guide.intro == "A good cup of tea in five minutes."  # the list is not in the intro
    assert guide.time is not None and guide.time.seconds == 300
    assert seconds(guide) == [None, 180, None]
    assert any("step 2: time '3 minutes' read from its text" in n.message for n in result.notes)


def test_dutch_markdown_needs_tools_and_duration() -> None:
    text = (
        "# Thee zetten\n\nEen kop thee.\n\nDuur: een kwartier\n\n## Wat heb je nodig?\n\n"
        "- 1 theezakje\n- water\n\n## Gereedschap\n\n- een waterkoker\n\n"
        "## Stap 1: Koken\n\nKook het water.\n\nDuur: 3 minuten\n\n"
        "## Stap 2: Trekken\n\nLaat de thee trekken.\n"
    )
    guide = import_text(text, "thee.md").guide
    assert guide.needs == (Need("theezakje", "1"), Need("water"), Need("een waterkoker", tool=True))
    assert guide.time is not None and guide.time.seconds == 900
    assert seconds(guide) == [180, None]


def test_needs_on_one_line_and_an_intro_list_is_not_flattened() -> None:
    text = (
        "Fix a chair\n\nYou'll need: a screwdriver, wood glue and a cloth\n\nBefore you start:\n"
        "- clear the table\n- lay down newspaper\n\nStep 1: Glue\nGlue the leg.\n"
    )
    guide = import_text(text, "chair.txt").guide
    assert [need.name for need in guide.needs] == ["a screwdriver", "wood glue", "a cloth"]
    assert guide.intro == "Before you start: clear the table. lay down newspaper."


@pytest.mark.parametrize("fmt", list(ExportFormat))
@pytest.mark.parametrize("name", ["soft-boiled-eggs.en", "soft-boiled-eggs.nl"])
def test_needs_and_times_survive_export(name: str, fmt: ExportFormat) -> None:
    bundled = load_guide(ROOT / "scripts" / f"{name}.yaml")
    text = export_guide(bundled, fmt)
    suffix = ".md" if fmt is ExportFormat.MARKDOWN else ".html"
    again = import_article(text, f"{bundled.id}{suffix}").guide
    assert again.needs == bundled.needs
    assert again.time == bundled.time
    assert seconds(again) == seconds(bundled)
    expected = replace(bundled, faq=tuple(replace(e, also=()) for e in bundled.faq))
    assert replace(again, source="") == replace(expected, source="")
    assert export_guide(again, fmt) == text


def test_json_ld_export_has_supply_tool_and_times() -> None:
    howto = json_ld(load_guide(ROOT / "scripts" / "soft-boiled-eggs.en.yaml"))["@graph"][0]
    assert howto["totalTime"] == "PT15M"
    assert howto["supply"][0] == {"@type": "HowToSupply", "name": "eggs", "requiredQuantity": "4"}
    assert [tool["name"] for tool in howto["tool"]] == [
        "a saucepan with a lid",
        "a slotted spoon",
        "a bowl of cold water",
    ]
    assert [step.get("timeRequired") for step in howto["step"][:5]] == [
        "PT5M",
        None,
        "PT6M",
        "PT30S",
        None,
    ]


def test_a_step_time_that_is_no_duration_is_named() -> None:
    page = (DATA / "descale-kettle.en.html").read_text(encoding="utf-8")
    result = import_article(
        page.replace('"timeRequired": "PT2M"', '"timeRequired": "a bit"'), "k.html"
    )
    assert result.guide.steps[0].time is None
    assert "step time 'a bit' is not a duration; left out" in [n.message for n in result.notes]
