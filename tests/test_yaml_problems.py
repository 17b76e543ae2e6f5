"""PyYAML's parse errors in an author's words, each on the line that helps most."""

from __future__ import annotations

import pytest

from voice.errors import GuideError
from voice.guide.loader import parse_guide


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n\t- b\n", "x.yaml:2: a tab character; YAML indents with spaces"),
        ("@x\n", "x.yaml:1: a value cannot start with '@'; put the text in quotes"),
        ("a:\n  b: 1\n c: 2\n", "x.yaml:3: this line is indented differently from the ones above"),
        ('a: "open\nb: c\n', "x.yaml:1: a quote that is never closed"),
        ("a: [1, 2\n", "x.yaml:1: a list or mapping without its closing ']'"),
        ("a: {b\n", "x.yaml:1: a list or mapping without its closing '}'"),
        ("title: x\nstep\nid: y\n", "x.yaml:2: a line without 'key: value' (a missing ':'?)"),
        ('a: "\\q"\n', "x.yaml:1: unknown escape '\\q' in double quotes; use single quotes"),
        ("a: *x\n", "x.yaml:1: YAML aliases (*name) are not supported"),
    ],
)
def test_yaml_errors_in_plain_words(text: str, expected: str) -> None:
    with pytest.raises(GuideError) as caught:
        parse_guide(text, "x.yaml")
    assert str(caught.value) == expected
