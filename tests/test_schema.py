"""The shipped JSON Schema says what the loader says: same fields, same verdicts."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from voice.errors import GuideError
from voice.guide.loader import FAQ_FIELDS, STEP_FIELDS, TOP_FIELDS, parse_guide
from voice.language.intents import Intent

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
BUNDLED = sorted(SCRIPTS.glob("*.yaml"))

BASE: dict[str, Any] = {
    "id": "test-guide",
    "title": "A test guide",
    "language": "en",
    "intro": "An introduction.",
    "steps": [
        {"title": "First", "text": "Do the first thing."},
        {"title": "Second", "text": "Do the second thing."},
    ],
    "tips": ["A tip."],
    "faq": [{"id": "one", "question": "Why?", "answer": "Because.", "also": ["How come?"]}],
    "summary": ["Do two things."],
    "conclusion": "Done.",
}


def schema() -> dict[str, Any]:
    text = resources.files("voice").joinpath("data/guide.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        target: Any = doc
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _drop(path: tuple[str | int, ...]) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        target: Any = doc
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


def variant(change: Callable[[dict[str, Any]], None]) -> str:
    doc = copy.deepcopy(BASE)
    change(doc)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


INVALID = {
    "missing id": _drop(("id",)),
    "missing title": _drop(("title",)),
    "missing language": _drop(("language",)),
    "missing intro": _drop(("intro",)),
    "missing steps": _drop(("steps",)),
    "null steps": _set(("steps",), None),
    "empty steps": _set(("steps",), []),
    "steps not a list": _set(("steps",), {"title": "x", "text": "y"}),
    "step not a mapping": _set(("steps", 0), "Just text"),
    "step missing text": _drop(("steps", 1, "text")),
    "step missing title": _drop(("steps", 0, "title")),
    "step blank text": _set(("steps", 0, "text"), "   "),
    "step unknown key": _set(("steps", 0, "txt"), "typo"),
    "step title a list": _set(("steps", 0, "title"), ["a", "b"]),
    "step title a boolean": _set(("steps", 0, "title"), True),
    "unknown top-level key": _set(("titel",), "typo"),
    "empty title": _set(("title",), ""),
    "title a mapping": _set(("title",), {"en": "x"}),
    "id not a slug (upper case)": _set(("id",), "Test-Guide"),
    "id not a slug (space)": _set(("id",), "test guide"),
    "id starts with dash": _set(("id",), "-guide"),
    "id negative number": _set(("id",), -3),
    "language not a tag": _set(("language",), "english"),
    "language with underscore": _set(("language",), "en_GB"),
    "language a number": _set(("language",), 12),
    "tips not a list": _set(("tips",), "one tip"),
    "tip empty": _set(("tips", 0), ""),
    "tip null": _set(("tips", 0), None),
    "tip a mapping": _set(("tips", 0), {"text": "x"}),
    "summary item a list": _set(("summary", 0), ["x"]),
    "faq not a list": _set(("faq",), {"id": "one"}),
    "faq entry not a mapping": _set(("faq", 0), "Why?"),
    "faq missing id": _drop(("faq", 0, "id")),
    "faq missing answer": _drop(("faq", 0, "answer")),
    "faq missing question": _drop(("faq", 0, "question")),
    "faq id not a slug": _set(("faq", 0, "id"), "Not a slug!"),
    "faq unknown key": _set(("faq", 0, "alias"), ["x"]),
    "faq also not a list": _set(("faq", 0, "also"), "How come?"),
    "faq also blank item": _set(("faq", 0, "also", 0), " "),
    "conclusion a list": _set(("conclusion",), ["x"]),
    "finish a boolean": _set(("finish",), False),
    "tips_title a mapping": _set(("tips_title",), {"a": "b"}),
    "commands not a mapping": _set(("commands",), ["next"]),
    "commands unknown intent": _set(("commands",), {"nextt": ["verder"]}),
    "commands faq intent": _set(("commands",), {"faq": ["question"]}),
    "commands unknown is not an intent to add": _set(("commands",), {"unknown": ["huh"]}),
    "commands phrases not a list": _set(("commands",), {"next": "weiter"}),
    "commands empty phrase": _set(("commands",), {"next": [""]}),
    "time a bare number": _set(("time",), 10),
    "time digits as text": _set(("time",), "10"),
    "step time a list": _set(("steps", 0, "time"), ["10 minutes"]),
    "needs not a list": _set(("needs",), "a kettle"),
    "need empty": _set(("needs",), [""]),
    "need mapping without name": _set(("needs",), [{"amount": "4"}]),
    "need unknown key": _set(("needs",), [{"name": "eggs", "count": 4}]),
    "need tool not a boolean": _set(("needs",), [{"name": "pan", "tool": "yes please"}]),
}

VALID = {
    "base": _set(("title",), "A test guide"),
    "no optional fields": lambda doc: [
        doc.pop(key) for key in ("tips", "faq", "summary", "conclusion")
    ],
    "null optional lists": lambda doc: doc.update(tips=None, faq=None, summary=None),
    "empty optional lists": lambda doc: doc.update(tips=[], faq=[], summary=[]),
    "empty optional texts": lambda doc: doc.update(conclusion="", finish="", tips_title=""),
    "null optional texts": lambda doc: doc.update(conclusion=None, finish=None, tips_title=None),
    "number as text": _set(("steps", 0, "title"), 1984),
    "numeric id": _set(("id",), 2024),
    "id with dots and underscores": _set(("id",), "guide_v1.2-x"),
    "language with region": _set(("language",), "en-GB"),
    "language with script": _set(("language",), "zh-Hant-TW"),
    "three-letter language": _set(("language",), "nds"),
    "faq without also": _drop(("faq", 0, "also")),
    "faq null also": _set(("faq", 0, "also"), None),
    "commands": _set(("commands",), {"next": ["weiter"], "stop": ["halt", "ende"]}),
    "commands null": _set(("commands",), None),
    "commands intent null": _set(("commands",), {"next": None}),
    "time in words": _set(("time",), "an hour and a half"),
    "time ISO 8601": _set(("time",), "PT10M"),
    "time Dutch": _set(("time",), "anderhalf uur"),
    "time null": _set(("time",), None),
    "step time": _set(("steps", 1, "time"), "6 minutes"),
    "needs": _set(
        ("needs",),
        ["a kettle", {"name": "eggs", "amount": 4}, {"name": "saucepan", "tool": True}],
    ),
    "needs null": _set(("needs",), None),
    "all fields": lambda doc: doc.update(
        finish="Now chat.", tips_title="Tips", commands={"help": ["hilfe"]}
    ),
}


def loader_accepts(text: str) -> bool:
    try:
        parse_guide(text, "case.yaml")
    except GuideError:
        return False
    return True


def schema_accepts(validator: jsonschema.Draft202012Validator, text: str) -> bool:
    return bool(validator.is_valid(yaml.safe_load(text)))


def test_schema_is_valid_draft_2020_12() -> None:
    document = schema()
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(document)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scripts_validate(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text("utf-8")))]
    assert errors == []


def test_bundled_scripts_exist() -> None:
    assert {p.name for p in BUNDLED} >= {"amazon-chat.en.yaml", "amazon-chat.nl.yaml"}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_documents_rejected_by_both(
    validator: jsonschema.Draft202012Validator, name: str
) -> None:
    text = variant(INVALID[name])
    assert not loader_accepts(text), "loader accepted it"
    assert not schema_accepts(validator, text), "schema accepted it"


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_variants_accepted_by_both(
    validator: jsonschema.Draft202012Validator, name: str
) -> None:
    text = variant(VALID[name])
    parse_guide(text, "case.yaml")  # raises with the reason if the loader refuses
    errors = [e.message for e in validator.iter_errors(yaml.safe_load(text))]
    assert errors == []


def test_non_mapping_documents_rejected_by_both(validator: jsonschema.Draft202012Validator) -> None:
    for text in ("- a list\n", "just text\n", "42\n"):
        assert not loader_accepts(text)
        assert not schema_accepts(validator, text)


def test_field_names_match_loader() -> None:
    document = schema()
    assert set(document["properties"]) == set(TOP_FIELDS)
    assert set(document["$defs"]["step"]["properties"]) == set(STEP_FIELDS)
    assert set(document["$defs"]["faqEntry"]["properties"]) == set(FAQ_FIELDS)


def test_command_intents_match_loader() -> None:
    """The loader's accepted intent names, found by asking it about every Intent."""
    accepted = set()
    for intent in Intent:
        text = variant(_set(("commands",), {intent.value: ["some phrase"]}))
        if loader_accepts(text):
            accepted.add(intent.value)
    enum = schema()["properties"]["commands"]["propertyNames"]["enum"]
    assert set(enum) == accepted
    assert len(enum) == len(set(enum))
    assert {"next", "goto", "stop", "yes", "no"} <= accepted
