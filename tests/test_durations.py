"""Durations as people write them, in and out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice.language.durations import MAX_SECONDS, find_duration, iso, parse_duration, say_duration
from voice.language.timer_requests import timer_request


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("10 minutes", 600),
        ("1 h 30 min", 5400),
        ("1 h 30", 5400),
        ("an hour", 3600),
        ("half an hour", 1800),
        ("an hour and a half", 5400),
        ("one and a half hours", 5400),
        ("1½ hours", 5400),
        ("1.5 hours", 5400),
        ("a quarter of an hour", 900),
        ("about 10 minutes", 600),
        ("10 to 15 minutes", 900),
        ("10-15 minutes", 900),
        ("twenty-five minutes", 1500),
        ("90 s", 90),
        ("2 days", 172800),
        ("10 minuten", 600),
        ("anderhalf uur", 5400),
        ("een half uur", 1800),
        ("twee en een half uur", 9000),
        ("een kwartier", 900),
        ("drie kwartier", 2700),
        ("ongeveer 6 minuten", 360),
        ("1,5 uur", 5400),
        ("vijfentwintig minuten", 1500),
        ("PT10M", 600),
        ("PT1H30M", 5400),
        ("P1DT2H", 93600),
        ("pt0.5h", 1800),
    ],
)
def test_parses_durations_as_people_write_them(text: str, seconds: int) -> None:
    found = parse_duration(text)
    assert found is not None and found.seconds == seconds
    assert found.text == text  # kept as written, so a guide writes back unchanged


@pytest.mark.parametrize("text", ["", "minutes", "5 apples", "PT0S", "P", "soon", "0 minutes"])
def test_refuses_what_is_not_a_duration(text: str) -> None:
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("seconds", "en", "nl"),
    [
        (600, "ten minutes", "tien minuten"),
        (5400, "an hour and a half", "anderhalf uur"),
        (1800, "half an hour", "een half uur"),
        (3600, "an hour", "een uur"),
        (7200, "two hours", "twee uur"),
        (1500, "twenty-five minutes", "vijfentwintig minuten"),
        (3900, "an hour and five minutes", "een uur en vijf minuten"),
        (45, "forty-five seconds", "vijfenveertig seconden"),
    ],
)
def test_says_durations_naturally(seconds: int, en: str, nl: str) -> None:
    assert say_duration(seconds, "en") == en
    assert say_duration(seconds, "nl") == nl
    assert say_duration(seconds, "ko") == en  # no words of its own: English


def test_iso_round_trips() -> None:
    for seconds in (1, 59, 60, 600, 5400, 3725, 86400, 93600):
        found = parse_duration(iso(seconds))
        assert found is not None and found.seconds == seconds


@pytest.mark.parametrize(
    ("sentence", "seconds"),
    [
        ("Let it soak for an hour.", 3600),
        ("Boil for 6 minutes, then cool them.", 360),
        ("Laat het anderhalf uur weken.", 5400),
        ("Wait 10-15 minutes before you test it.", 900),
        ("Turn it on.", None),
        ("Put in 2 eggs.", None),
    ],
)
def test_finds_a_duration_in_a_sentence(sentence: str, seconds: int | None) -> None:
    found = find_duration(sentence)
    assert (found.seconds if found else None) == seconds


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_a_duration_or_none_never_an_error(text: str) -> None:
    found = parse_duration(text)
    assert found is None or 0 < found.seconds <= MAX_SECONDS
    find_duration(text)
    timer_request(text)


def test_timer_requests() -> None:
    assert timer_request("set a timer for five minutes") == 300
    assert timer_request("A 10 minute timer please") == 600
    assert timer_request("zet een timer op anderhalf uur") == 5400
    assert timer_request("start the timer") is None
    assert timer_request("what time is it") is None
