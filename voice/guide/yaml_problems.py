"""PyYAML's parse errors in words a guide author understands, with the line that helps most.

PyYAML reports what its scanner expected (``found character '\\t' that cannot start any
token``); the author needs what to change (``a tab character; YAML indents with spaces``).
"""

from __future__ import annotations

import re

import yaml


def yaml_problem(err: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """PyYAML's error as the line it is on and words an author understands (``found character
    '\\t' that cannot start any token`` -> ``a tab character; YAML indents with spaces``)."""
    problem = err.problem or err.context or ""
    if err.context and problem.startswith("but "):  # "but found another document"
        problem = f"{err.context}, {problem}"
    for pattern, plain, at_start in _YAML_PROBLEMS:
        found = pattern.search(problem)
        if found:
            mark = (err.context_mark if at_start else None) or err.problem_mark or err.context_mark
            return (mark.line + 1 if mark else None), found.expand(plain)
    mark = err.problem_mark or err.context_mark
    return (mark.line + 1 if mark else None), f"invalid YAML: {problem or 'cannot parse'}"


_YAML_PROBLEMS = (
    (
        re.compile(r"found character '\\t' that cannot start"),
        "a tab character; YAML indents with spaces",
        False,
    ),
    (
        re.compile(r"found character '(.)' that cannot start"),
        r"a value cannot start with '\1'; put the text in quotes",
        False,
    ),
    (
        re.compile(r"mapping values are not allowed here"),
        "a second ':' on the line, or a key indented too far; put text with ': ' in quotes",
        False,
    ),
    (
        re.compile(r"could not find expected ':'"),
        "a line without 'key: value' (a missing ':'?)",
        True,
    ),
    (
        re.compile(r"expected <block end>"),
        "this line is indented differently from the ones above",
        False,
    ),
    (re.compile(r"found unexpected end of stream"), "a quote that is never closed", True),
    (
        re.compile(r"expected ',' or '(.)', but got '<stream end>'"),
        r"a list or mapping without its closing '\1'",
        True,
    ),
    (
        re.compile(r"found unknown escape character '(.)'"),
        r"unknown escape '\\\1' in double quotes; use single quotes",
        False,
    ),
    (re.compile(r"found undefined alias"), "YAML aliases (*name) are not supported", False),
)
"""PyYAML problem -> what to tell the author, and whether the line where the construct started
(an unclosed quote or bracket) is more useful than where the parser gave up."""
