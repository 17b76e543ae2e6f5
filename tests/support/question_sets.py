"""The question development sets (``tests/data/questions*.tsv``), read one way everywhere.

Each line is ``EXPECTED<TAB>question``; EXPECTED is ``faq:ID``, ``step:N``, ``tip:N``, a part of
the guide a sentence of which answers (``intro``, ``finish``, ``summary``, ``conclusion``) or
``none`` (out of scope), several joined by ``|`` when more than one answer is right.
Used by the matcher tests and by ``benchmarks/bench_questions.py`` and
``bench_spoken_questions.py``.

The sets per guide: ``questions.<lang>.tsv`` for the bundled guide, ``questions.<guide>.<lang>.tsv``
for a guide in ``tests/data/guides``, and the same names with ``heldout.`` before the language for
the held-out sets, never tuned on. The held-out sets of 2026-11-30 were written blind, by
writers who had read only the guide (not the matcher nor the other sets); the sets they replaced
had been looked at while tuning and are now the end of the development sets. The
``soft-boiled-eggs`` sets came with them: a bundled guide that no setting was tuned on before.
"""

from __future__ import annotations

from pathlib import Path

from voice.questions.index import Part
from voice.questions.matcher import QuestionMatch

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = DATA.parents[1]
OUT_OF_SCOPE = "none"
GUIDES = ("amazon-chat", "descale-coffee", "pancakes", "soft-boiled-eggs")
"""Guides with question sets: the bundled default first, then the test guides of other kinds, then
the bundled recipe."""
BUNDLED = ("amazon-chat", "soft-boiled-eggs")
"""The guides among them that ``scripts/`` ships."""
LANGUAGES = ("en", "nl")
SPLITS = ("dev", "heldout")


def guide_path(guide: str, lang: str) -> Path:
    """The guide script file a question set is about."""
    if guide in BUNDLED:
        return ROOT / "scripts" / f"{guide}.{lang}.yaml"
    return DATA / "guides" / f"{guide}.{lang}.yaml"


def set_path(guide: str, lang: str, split: str) -> Path:
    """The question set of one guide, language and split (``dev`` or ``heldout``)."""
    name = "" if guide == "amazon-chat" else f"{guide}."
    held = "heldout." if split == "heldout" else ""
    return DATA / f"questions.{name}{held}{lang}.tsv"


def read_set(path: Path) -> list[tuple[frozenset[str], str]]:
    """(accepted answer keys, question) rows, comments and blank lines skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            expected, question = line.split("\t")
            rows.append((frozenset(expected.split("|")), question))
    return rows


def match_key(found: QuestionMatch | None) -> str:
    """A match written the way the sets write answers: ``faq:ID``, ``step:N``, ``tip:N``, the
    part of the guide, or ``none``."""
    if found is None:
        return OUT_OF_SCOPE
    return answer_key(found.faq_id, found.step, found.number, found.part)


def answer_key(faq_id: str | None, step: int | None, tip: int | None, part: Part | None) -> str:
    """An answer, whether a match or one of the matcher's targets, the way the sets write it."""
    if faq_id is not None:
        return f"faq:{faq_id}"
    if step is not None:
        return f"step:{step}"
    if tip is not None:
        return f"tip:{tip}"
    return part.value if part is not None else OUT_OF_SCOPE
