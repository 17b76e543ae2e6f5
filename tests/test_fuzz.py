"""Property-based tests: whatever the input, the loader and the engine stay within their contracts.

- The script loader, given any bytes, any text, any YAML document or a mutilated real script,
  returns a valid ``Guide`` or raises ``GuideError`` naming the file, never anything else.
- The engine, given any sequence of utterances from any starting point (including a resume
  offer), keeps the state valid: 0 <= step <= number of steps, 0 <= tip <= number of tips.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voice.dialog.engine import DialogEngine, Reply, State
from voice.errors import GuideError
from voice.guide.loader import TOP_FIELDS, load_guide, parse_guide
from voice.guide.model import Guide
from voice.guide.yaml_reader import MAX_BYTES, MAX_LINE
from voice.language.commands import vocabulary

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = {lang: load_guide(REPO / "scripts" / f"amazon-chat.{lang}.yaml") for lang in ("en", "nl")}
REAL_TEXT = (REPO / "scripts" / "amazon-chat.en.yaml").read_text(encoding="utf-8")
FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def loads_or_explains(raw: bytes | str) -> Guide | None:
    """The loader's contract: a valid guide, or a GuideError that names the source."""
    try:
        guide = parse_guide(raw, "fuzz.yaml")
    except GuideError as err:
        assert err.problems, "a GuideError lists at least one problem"
        assert str(err).startswith("fuzz.yaml"), str(err)
        return None
    assert guide.steps and guide.id and guide.title and guide.language
    assert all(step.title and step.text for step in guide.steps)
    return guide


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes(raw: bytes) -> None:
    loads_or_explains(raw)


@FUZZ
@given(st.text(max_size=2000))
def test_any_text(text: str) -> None:
    loads_or_explains(text)


YAML_BITS = [
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!!python/object/apply:os.system ",
    "!!python/name:os.system ",
    "!include other.yaml",
    "!!binary ",
    "!!timestamp ",
    "!!set ",
    "!!omap ",
    "<<: ",
    "? ",
    ": ",
    "- ",
    "\t",
    "\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "{",
    "}",
    "[",
    "]",
    "|\n",
    ">-\n",
    "'",
    '"',
    "#",
    "@",
    "`",
    "\\",
    "\x85",
    "\u2028",
    "\ufeff",
    "2024-13-45",
    "0x1F",
    ".inf",
    "~",
    "null",
    "yes",
    "1e999",
    "steps:",
    "title:",
    "faq:",
    "id: ",
    "language: ",
]


@st.composite
def mutilated_script(draw: st.DrawFn) -> str:
    """The real guide with a few YAML fragments spliced in and pieces cut out."""
    text = REAL_TEXT
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(YAML_BITS)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
    return text


@FUZZ
@given(mutilated_script())
def test_mutilated_real_script(text: str) -> None:
    loads_or_explains(text)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.dates(),
    st.binary(max_size=10),
)
KEYS = st.one_of(
    st.sampled_from((*TOP_FIELDS, "title", "text", "question", "answer", "also")),
    st.text(max_size=8),
)


def documents() -> st.SearchStrategy[Any]:
    """Any YAML document shape, biased towards the guide's own field names."""
    return st.recursive(
        SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=5), st.dictionaries(KEYS, inner, max_size=8)
        ),
        max_leaves=40,
    )


@FUZZ
@given(documents())
def test_any_yaml_document(document: Any) -> None:
    loads_or_explains(yaml.safe_dump(document, allow_unicode=True))


@FUZZ
@given(st.dictionaries(st.sampled_from(TOP_FIELDS), documents(), max_size=12))
def test_any_guide_shaped_mapping(document: dict[str, Any]) -> None:
    loads_or_explains(yaml.safe_dump(document, allow_unicode=True))


MINIMAL = """\
id: tea
title: Tea
language: en
intro: Tea.
steps: [{title: Boil, text: Boil water.}]
"""


@pytest.mark.parametrize(
    "tagged",
    [
        "tips: !!python/object/apply:os.system ['touch {marker}']",
        "tips: !!python/object/new:subprocess.Popen [['touch', '{marker}']]",
        "summary: !!python/name:os.system",
        "conclusion: !!python/object/apply:os.system ['touch {marker}']",
        "tips: !include {marker}",
        "commands: !!python/object:os.system {{next: [go]}}",
        "tips: !!set {{a: null}}",
    ],
)
def test_tags_that_would_construct_objects_are_refused(tagged: str, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = MINIMAL + tagged.format(marker=marker) + "\n"
    refused = r"evil\.yaml:6: \w+: (YAML tag .* not supported|cannot read)"
    with pytest.raises(GuideError, match=refused):
        parse_guide(text, "evil.yaml")
    assert not marker.exists()
    parse_guide(MINIMAL, "evil.yaml")  # the rest of the file is a valid guide


def test_the_size_limits_are_errors_not_crashes() -> None:
    with pytest.raises(GuideError, match="limit is"):
        parse_guide(b"a" * (MAX_BYTES + 1), "big.yaml")
    with pytest.raises(GuideError, match=r"big\.yaml:2: line is"):
        parse_guide("id: x\nintro: " + "a" * MAX_LINE + "\n", "big.yaml")


# --- the engine -----------------------------------------------------------------------------


def phrases(lang: str) -> list[str]:
    vocab = vocabulary(lang, SCRIPTS[lang].commands)
    said = [phrase for group in vocab.phrases.values() for phrase in group]
    said += [entry.question for entry in SCRIPTS[lang].faq]
    return [
        *said,
        "go to step 0",
        "go to step 7",
        "step 99",
        "3",
        "the fifth step",
        "ga naar stap 2",
    ]


UTTERANCE = {
    lang: st.one_of(
        st.sampled_from(phrases(lang)),
        st.text(alphabet=string.printable, max_size=40),
        st.text(max_size=20),
    )
    for lang in ("en", "nl")
}


def valid(reply: Reply, guide: Guide) -> None:
    state = reply.state
    assert 0 <= state.step <= len(guide.steps), state
    assert 0 <= state.tip <= len(guide.tips), state
    assert state.misses >= 0
    assert not (state.resuming and state.step == 0), state
    assert isinstance(reply.say, str)


@st.composite
def starts(draw: st.DrawFn, guide: Guide) -> State:
    """A fresh start or a resume offer anywhere in the guide."""
    if draw(st.booleans()):
        return State()
    return State(
        step=draw(st.integers(1, len(guide.steps))),
        tip=draw(st.integers(0, len(guide.tips))),
        resuming=True,
    )


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_any_conversation_keeps_the_state_valid(lang: str) -> None:
    guide = SCRIPTS[lang]
    engine = DialogEngine(guide)

    @FUZZ
    @given(start=starts(guide), utterances=st.lists(UTTERANCE[lang], max_size=40))
    def conversation(start: State, utterances: list[str]) -> None:
        reply = engine.start(start)
        valid(reply, guide)
        for utterance in utterances:
            if reply.state.ended:
                break
            reply = engine.respond(reply.state, utterance)
            valid(reply, guide)

    conversation()
