"""``needs:`` and ``time:`` in guide script files: read, validated with a clear message, written
back unchanged."""

from __future__ import annotations

import pytest

from voice.errors import GuideError
from voice.guide.loader import parse_guide
from voice.guide.model import Need
from voice.guide.writer import write_guide

GUIDE = """\
id: eggs
title: Soft-boiled eggs
language: en
intro: Runny yolk, set white.
time: 15 minutes
needs:
  - name: eggs
    amount: 4
  - name: saucepan
    tool: true
  - a spoon
steps:
  - title: Boil
    text: Boil the eggs.
    time: 6 min
  - title: Eat
    text: Eat them.
"""


def test_needs_and_times_are_read() -> None:
    guide = parse_guide(GUIDE, "eggs.yaml")
    assert guide.time is not None and guide.time.seconds == 900
    assert guide.needs == (Need("eggs", "4"), Need("saucepan", tool=True), Need("a spoon"))
    assert guide.needs[0].spoken == "4 eggs"
    step_time = guide.steps[0].time
    assert step_time is not None and step_time.seconds == 360
    assert guide.steps[1].time is None


def test_written_back_as_written() -> None:
    guide = parse_guide(GUIDE, "eggs.yaml")
    text = write_guide(guide)
    assert "time: 15 minutes" in text and "    time: 6 min" in text
    assert "  - a spoon" in text and "    tool: true" in text
    again = parse_guide(text, "eggs.yaml")
    assert again == guide
    assert write_guide(again) == text


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("time: 15 minutes", "time: 15", "eggs.yaml:5: time: '15' has no unit; write '15 minutes'"),
        ("time: 15 minutes", "time: soon", "eggs.yaml:5: time: 'soon' is not a duration"),
        ("    time: 6 min", "    time: [6]", "eggs.yaml:15: steps[1].time: expected a duration"),
        ("  - a spoon", "  - ''", "eggs.yaml:11: needs[3]: empty"),
        (
            "    tool: true",
            "    tool: maybe",
            "eggs.yaml:10: needs[2].tool: expected true or false",
        ),
        ("    amount: 4", "    count: 4", "eggs.yaml:8: needs[1].count: unknown field"),
    ],
)
def test_problems_name_file_line_and_field(old: str, new: str, expected: str) -> None:
    with pytest.raises(GuideError) as caught:
        parse_guide(GUIDE.replace(old, new), "eggs.yaml")
    assert str(caught.value).startswith(expected), str(caught.value)
