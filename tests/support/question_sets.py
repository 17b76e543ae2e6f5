"""The question development sets (``tests/data/questions*.tsv``), read one way everywhere.

Each line is ``EXPECTED<TAB>question``; EXPECTED is ``faq:ID``, ``step:N`` or ``none`` (out of
scope), several joined by ``|`` when more than one answer is right. Used by the matcher tests and
by ``benchmarks/bench_questions.py`` and ``bench_spoken_questions.py``.
"""

from __future__ import annotations

from pathlib import Path

from voice.questions.matcher import QuestionMatch

DATA = Path(__file__).resolve().parents[1] / "data"
OUT_OF_SCOPE = "none"


def read_set(path: Path) -> list[tuple[frozenset[str], str]]:
    """(accepted answer keys, question) rows, comments and blank lines skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            expected, question = line.split("\t")
            rows.append((frozenset(expected.split("|")), question))
    return rows


def match_key(found: QuestionMatch | None) -> str:
    """A match written the way the sets write answers: ``faq:ID``, ``step:N`` or ``none``."""
    if found is None:
        return OUT_OF_SCOPE
    return f"faq:{found.faq_id}" if found.faq_id is not None else f"step:{found.step}"
