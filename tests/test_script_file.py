"""Script files: every error names file, line and field; the bundled guides are complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from voice.errors import GuideError, human_size
from voice.guide.loader import load_guide, parse_guide
from voice.guide.model import Guide
from voice.guide.yaml_reader import MAX_BYTES, MAX_LINE, field_path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
SEED = Path(__file__).resolve().parent / "data" / "amazon-chat.nl.txt"
"""Copy of ../shared/seed/amazon-chat.nl.txt: a clone of the repository has no ../shared."""
FAQ_IDS = [
    "contact-button",
    "specific-representative",
    "chat-disconnected",
    "available-24-7",
    "save-transcript",
]
HEAD = "id: x\ntitle: T\nlanguage: en\nintro: I\n"
"""Lines 1-4 of most inline cases; their own lines start at 5."""
STEPS = "steps:\n  - title: A\n    text: a\n"


def problems(text: str | bytes) -> list[str]:
    """Every problem line ``parse_guide`` reports, for source ``x.yaml``."""
    with pytest.raises(GuideError) as caught:
        parse_guide(text, "x.yaml")
    lines = str(caught.value).splitlines()
    assert len(lines) == len(caught.value.problems)
    return lines


def only_problem(text: str | bytes) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# --- message shape for each error class -----------------------------------------------------


def test_missing_field_names_line_and_path() -> None:
    text = HEAD + "steps:\n  - title: A\n  - title: B\n    text: b\n"
    assert only_problem(text) == "x.yaml:6: steps[1].text: missing"


def test_missing_top_level_field() -> None:
    assert problems("id: x\ntitle: T\n" + STEPS) == [
        "x.yaml:1: language: missing",
        "x.yaml:1: intro: missing",
    ]


def test_missing_step_title_in_second_step() -> None:
    text = HEAD + "steps:\n  - title: A\n    text: a\n  - text: b\n"
    assert only_problem(text) == "x.yaml:8: steps[2].title: missing"


def test_unknown_key_with_did_you_mean() -> None:
    assert only_problem(HEAD + STEPS + "sumary: [x]\n") == (
        "x.yaml:8: sumary: unknown field; did you mean 'summary'?"
    )


def test_unknown_nested_key_with_did_you_mean() -> None:
    text = HEAD + "steps:\n  - title: A\n    txt: a\n"
    assert problems(text) == [
        "x.yaml:6: steps[1].text: missing",
        "x.yaml:7: steps[1].txt: unknown field; did you mean 'text'?",
    ]


def test_unknown_key_without_close_match_lists_known_fields() -> None:
    message = only_problem(HEAD + STEPS + "zzzz: 1\n")
    assert message.startswith("x.yaml:8: zzzz: unknown field; known: id, title, language, ")


def test_unknown_command_intent() -> None:
    text = HEAD + STEPS + "commands:\n  nxet: [weiter]\n"
    assert only_problem(text) == "x.yaml:9: commands.nxet: unknown field; did you mean 'next'?"


def test_duplicate_faq_ids() -> None:
    faq = "faq:\n" + "".join(f"  - id: same\n    question: q{i}\n    answer: a\n" for i in range(2))
    assert only_problem(HEAD + STEPS + faq) == (
        "x.yaml:12: faq[2].id: duplicate id 'same' (also faq[1])"
    )


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ("steps: []\n", "x.yaml:5: steps: a guide needs at least one step"),
        ("steps:\n", "x.yaml:5: steps: missing"),
        ("", "x.yaml:1: steps: missing"),
    ],
)
def test_empty_or_missing_steps(steps: str, message: str) -> None:
    assert only_problem(HEAD + steps) == message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("steps: 5\n", "x.yaml:5: steps: expected a list, got a number"),
        ("steps: some text\n", "x.yaml:5: steps: expected a list, got text"),
        ("steps:\n  - just text\n", "x.yaml:6: steps[1]: expected a mapping, got text"),
        (
            "steps:\n  - title: [A]\n    text: a\n",
            "x.yaml:6: steps[1].title: expected text, got a list",
        ),
        (
            "steps:\n  - title: A\n    text: {a: b}\n",
            "x.yaml:7: steps[1].text: expected text, got a mapping",
        ),
        (
            "steps:\n  - title: yes\n    text: a\n",
            "x.yaml:6: steps[1].title: expected text, got true/false",
        ),
        ("steps:\n  - title: ' '\n    text: a\n", "x.yaml:6: steps[1].title: empty"),
    ],
)
def test_wrong_types_in_steps(line: str, message: str) -> None:
    assert only_problem(HEAD + line) == message


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("tips: a tip\n", "x.yaml:8: tips: expected a list, got text"),
        ("tips:\n  - ok\n  - [x]\n", "x.yaml:10: tips[2]: expected text, got a list"),
        ("tips:\n  - ok\n  -\n", "x.yaml:10: tips[2]: empty"),
        ("faq: [x]\n", "x.yaml:8: faq[1]: expected a mapping, got text"),
        (
            "faq:\n  - id: Bad Id\n    question: q\n    answer: a\n",
            "x.yaml:9: faq[1].id: 'Bad Id' is not a slug (lower-case letters, digits, -)",
        ),
        (
            "commands: [next]\n",
            "x.yaml:8: commands: expected a mapping of intent to phrases, got a list",
        ),
        ("conclusion: [x]\n", "x.yaml:8: conclusion: expected text, got a list"),
    ],
)
def test_wrong_types_in_optional_fields(extra: str, message: str) -> None:
    assert only_problem(HEAD + STEPS + extra) == message


def test_bad_id_and_language() -> None:
    text = "id: Not A Slug\ntitle: T\nlanguage: english\nintro: I\n" + STEPS
    assert problems(text) == [
        "x.yaml:1: id: 'Not A Slug' is not a slug (lower-case letters, digits, -)",
        "x.yaml:3: language: 'english' is not a language tag such as 'en' or 'nl'",
    ]


def test_every_problem_reported_in_line_order() -> None:
    text = "id: x\ntitel: T\nlanguage: en\nintro: I\nsteps:\n  - title: A\n"
    assert problems(text) == [
        "x.yaml:1: title: missing",
        "x.yaml:2: titel: unknown field; did you mean 'title'?",
        "x.yaml:6: steps[1].text: missing",
    ]


def test_duplicate_keys() -> None:
    assert only_problem("id: x\ntitle: T\nlanguage: en\ntitle: U\n") == (
        "x.yaml:4: title: duplicate key"
    )


def test_duplicate_nested_keys() -> None:
    text = HEAD + "steps:\n  - title: A\n    text: a\n    title: B\n"
    assert only_problem(text) == "x.yaml:8: steps[1].title: duplicate key"


def test_aliases_refused_where_used() -> None:
    text = "id: x\ntitle: &t T\nlanguage: en\nintro: *t\n" + STEPS
    assert only_problem(text) == "x.yaml:4: intro: YAML aliases (*name) are not supported"


def test_alias_bomb_refused() -> None:
    bomb = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: &c [*b, *b]\n'
    assert only_problem(bomb).endswith("b[1]: YAML aliases (*name) are not supported")


def test_merge_keys_refused() -> None:
    text = HEAD + "steps:\n  - &s {title: A, text: a}\n  - <<: *s\n"
    assert only_problem(text) == "x.yaml:7: steps[2]: YAML merge keys (<<) are not supported"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "!!python/object:os.system x",
            "cannot read 'x' tagged tag:yaml.org,2002:python/object:os.system",
        ),
        ("!!int abc", "cannot read 'abc' tagged tag:yaml.org,2002:int"),
        ("!custom bar", "cannot read 'bar' tagged !custom"),
        ("!!timestamp later", "cannot read 'later' tagged tag:yaml.org,2002:timestamp"),
        ("2024-01-01", "expected text, got date"),
    ],
)
def test_tags_the_safe_loader_cannot_build(value: str, message: str) -> None:
    text = HEAD + f"steps:\n  - title: {value}\n    text: a\n"
    assert only_problem(text) == f"x.yaml:6: steps[1].title: {message}"


def test_binary_file() -> None:
    assert only_problem(b"id: x\x00\x01\x02") == "x.yaml: binary file, not a YAML script"


def test_non_utf8_names_the_line() -> None:
    assert only_problem(b"id: x\ntitle: caf\xe9\n") == "x.yaml:2: not valid UTF-8 text"


def test_utf8_byte_order_mark_accepted() -> None:
    guide = parse_guide(b"\xef\xbb\xbf" + (HEAD + STEPS).encode(), "x.yaml")
    assert guide.id == "x"


@pytest.mark.parametrize("text", ["", "  \n\n", "# only a comment\n", b"", b"\xef\xbb\xbf\n"])
def test_empty_file(text: str | bytes) -> None:
    assert only_problem(text) == "x.yaml: empty file"


def test_empty_document() -> None:
    assert only_problem("---\n") == "x.yaml:2: expected a mapping of guide fields, got nothing"


def test_file_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(HEAD + STEPS + "# padding\n" * (MAX_BYTES // 10 + 1), encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    size = path.stat().st_size
    assert str(caught.value) == f"{path}: file is {human_size(size)}; the limit is 4.0 MiB"


def test_too_long_line() -> None:
    text = HEAD + STEPS + "conclusion: " + "x" * MAX_LINE + "\n"
    assert only_problem(text) == (
        f"x.yaml:8: line is {MAX_LINE + 12:,} characters; the limit is {MAX_LINE:,}"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "id: x\ntitle: T\nlanguage: en\nintro: [I\nsteps: []\n",
            "x.yaml:5: invalid YAML: expected ',' or ']', but got ':'",
        ),
        (
            "id: x\ntitle: T\n  language: en\n",
            "x.yaml:3: a second ':' on the line, or a key indented too far; put text with ': ' "
            "in quotes",
        ),
        (
            "id: x\n\ttitle: T\n",
            "x.yaml:2: a tab character; YAML indents with spaces",
        ),
        (
            "id: x\n---\nid: y\n",
            "x.yaml:2: invalid YAML: expected a single document in the stream, but found another "
            "document",
        ),
    ],
)
def test_invalid_yaml_names_the_line(text: str, message: str) -> None:
    assert only_problem(text) == message


def test_not_a_mapping() -> None:
    assert only_problem("- one\n- two\n") == (
        "x.yaml:1: expected a mapping of guide fields, got a list"
    )


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(GuideError, match=re.escape(f"{path}: no such file")):
        load_guide(path)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(GuideError, match="is a directory"):
        load_guide(tmp_path)


def test_field_path_is_one_based() -> None:
    assert field_path(("steps", 1, "title")) == "steps[2].title"
    assert field_path(("faq", 0, "also", 2)) == "faq[1].also[3]"
    assert field_path(()) == ""


# --- what a valid file becomes --------------------------------------------------------------


def test_text_is_whitespace_normalised_and_numbers_stay_as_written() -> None:
    text = (
        HEAD + "steps:\n  - title: 1984\n    text: >\n      two\n      lines\n"
        "faq:\n  - id: available-24-7\n    question: Open 24/7?\n    answer: 0.50\n"
    )
    guide = parse_guide(text, "x.yaml")
    assert guide.steps[0].title == "1984"
    assert guide.steps[0].text == "two lines"
    assert guide.faq[0].answer == "0.50"
    assert guide.source == "x.yaml"


def test_optional_fields_default_to_empty() -> None:
    guide = parse_guide(HEAD + STEPS, "x.yaml")
    assert (guide.tips, guide.faq, guide.summary, guide.conclusion, guide.commands) == (
        (),
        (),
        (),
        "",
        {},
    )


def test_commands_are_kept_per_intent() -> None:
    guide = parse_guide(HEAD + STEPS + "commands:\n  next: [weiter, nächster]\n", "x.yaml")
    assert guide.commands == {"next": ("weiter", "nächster")}


# --- the bundled guides ---------------------------------------------------------------------


@pytest.fixture(scope="module", params=["en", "nl"])
def bundled(request: pytest.FixtureRequest) -> Guide:
    return load_guide(SCRIPTS / f"amazon-chat.{request.param}.yaml")


def test_bundled_guides_are_complete(bundled: Guide) -> None:
    assert bundled.id == "amazon-chat"
    assert len(bundled.steps) == 5
    assert len(bundled.tips) == 5
    assert [entry.id for entry in bundled.faq] == FAQ_IDS
    assert len(bundled.summary) == 5
    assert bundled.conclusion and bundled.intro and bundled.finish and bundled.tips_title
    assert all(entry.also for entry in bundled.faq)


def test_bundled_languages() -> None:
    assert load_guide(SCRIPTS / "amazon-chat.en.yaml").language == "en"
    assert load_guide(SCRIPTS / "amazon-chat.nl.yaml").language == "nl"


def _norm(text: str) -> str:
    return " ".join(text.split())


def seed_sections() -> dict[str, list[str]]:
    """The seed article cut into its parts by its headings, one entry per non-empty line."""
    lines = [_norm(line) for line in SEED.read_text("utf-8").splitlines() if line.strip()]
    sections: dict[str, list[str]] = {"head": []}
    current = "head"
    for line in lines:
        step = re.match(r"Stap (\d+): ", line)
        if step:
            current = f"step{step.group(1)}"
            sections[current] = [line[step.end() :]]
        elif line.startswith("Tips: "):
            current = "tips"
            sections[current] = [line.removeprefix("Tips: ")]
        elif line in ("Veelgestelde vragen", "Samenvatting", "Conclusie"):
            current = line
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


@pytest.fixture(scope="module")
def dutch() -> Guide:
    return load_guide(SCRIPTS / "amazon-chat.nl.yaml")


def test_dutch_head_is_faithful(dutch: Guide) -> None:
    intro_1, title, intro_2 = seed_sections()["head"]
    assert dutch.title == title
    assert intro_1 in dutch.intro and intro_2 in dutch.intro


def test_dutch_steps_are_faithful(dutch: Guide) -> None:
    sections = seed_sections()
    for number, step in enumerate(dutch.steps, start=1):
        title, *sentences = sections[f"step{number}"]
        assert step.title == title
        for sentence in sentences:
            # The paragraph after the last step is the guide's 'finish', not part of step 5.
            assert sentence in step.text or sentence == dutch.finish, sentence
    assert dutch.finish in sections["step5"]


def test_dutch_tips_are_faithful(dutch: Guide) -> None:
    title, *tips = seed_sections()["tips"]
    assert dutch.tips_title == title
    assert list(dutch.tips) == [tip.removeprefix("- ") for tip in tips]


def test_dutch_faq_is_faithful_without_read_more_link(dutch: Guide) -> None:
    lines = seed_sections()["Veelgestelde vragen"]
    kept = [line for line in lines if not line.startswith("Lees meer:")]
    assert len(kept) == len(lines) - 1
    pairs = list(zip(kept[::2], kept[1::2], strict=True))
    assert [(entry.question, entry.answer) for entry in dutch.faq] == pairs


def test_dutch_summary_and_conclusion_are_faithful(dutch: Guide) -> None:
    sections = seed_sections()
    assert list(dutch.summary) == [item.removeprefix("- ") for item in sections["Samenvatting"]]
    assert dutch.conclusion == " ".join(sections["Conclusie"])


def test_dutch_leaves_out_read_more_line(dutch: Guide) -> None:
    texts = [
        dutch.title,
        dutch.intro,
        dutch.finish,
        dutch.conclusion,
        dutch.tips_title,
        *dutch.tips,
        *dutch.summary,
    ]
    texts += [part for step in dutch.steps for part in (step.title, step.text)]
    texts += [part for entry in dutch.faq for part in (entry.question, entry.answer, *entry.also)]
    assert not any("Lees meer" in text or "Xbox" in text for text in texts)
