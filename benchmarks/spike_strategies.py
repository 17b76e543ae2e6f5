"""The ways ``spike_embeddings`` combines an embedding with the lexical matcher, and how it sets
their thresholds. A set is a ``Case``: its questions with the cosine of every target and what
the lexical matcher did with each; everything here is arithmetic on those numbers.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tests.support.question_sets import OUT_OF_SCOPE

Embed = Callable[[Sequence[str], bool], np.ndarray]
"""(texts, as_query) -> L2-normalised rows."""
REJECT = 0.95
"""Out-of-scope rejection every dev set must keep at the chosen threshold."""
RERANK = 3
"""How many lexical candidates ``rerank`` chooses among (``hybrid`` takes all it is given)."""
SCORES = ("raw", "centred", "margin")
"""What a threshold is set on: see ``score``."""
GATED = ("alone", "fallback", "hybrid", "hybrid-none", "fused")
"""The strategies whose embedding answer must pass a threshold."""


@dataclass(frozen=True)
class Case:
    """One guide in one language with its dev set, embedded and matched lexically."""

    guide: str
    """The guide's name, as ``GUIDES`` has it."""
    lang: str
    """The language of the guide and of the set."""
    rows: list[tuple[frozenset[str], str]]
    """(accepted answer keys, question) as the set has them."""
    by_key: list[dict[str, float]]
    """Per question: target key -> the best cosine over that target's texts."""
    lexical: list[str]
    """Per question: the lexical matcher's key (``none`` when it rejects)."""
    candidates: list[list[str]]
    """Per question: the keys of the lexical top candidates as it ranks them, best first,
    including for questions it then rejects."""


def in_scope(case: Case) -> list[int]:
    return [i for i, (expected, _) in enumerate(case.rows) if expected != {OUT_OF_SCOPE}]


def out_scope(case: Case) -> list[int]:
    return [i for i, (expected, _) in enumerate(case.rows) if expected == {OUT_OF_SCOPE}]


def best_key(case: Case, i: int) -> str:
    """The target with the highest cosine for question ``i``."""
    return max(case.by_key[i].items(), key=lambda kv: kv[1])[0]


def score(case: Case, i: int, key: str, kind: str) -> float:
    """How strongly the embedding says target ``key`` answers question ``i``: its cosine
    (``raw``), less the median over all targets (``centred``), or less the best other target
    (``margin``, negative unless ``key`` is the cosine top-1)."""
    scores = case.by_key[i]
    value = scores.get(key, -1.0)
    if kind == "centred":
        return value - statistics.median(scores.values())
    if kind == "margin":
        return value - max((v for k, v in scores.items() if k != key), default=-1.0)
    return value


def proposal(case: Case, i: int, how: str) -> str | None:
    """The answer the embedding offers under a gated strategy, if any."""
    rejected = case.lexical[i] == OUT_OF_SCOPE
    if how == "alone" or (how == "fallback" and rejected):
        return best_key(case, i)
    if how == "hybrid" or (how in ("hybrid-none", "fused") and rejected):
        picks = case.candidates[i]
        return max(picks, key=lambda k: case.by_key[i].get(k, -1.0)) if picks else None
    return None


def default(case: Case, i: int, how: str) -> str:
    """The answer when the embedding's offer does not pass the threshold."""
    return OUT_OF_SCOPE if how == "alone" else case.lexical[i]


def answer(case: Case, i: int, how: str, kind: str, cut: float) -> str:
    """The key one strategy answers question ``i`` with; ``rerank`` lets the cosine choose
    among the lexical top ``RERANK`` when the lexical matcher answers, with no threshold, and
    ``fused`` fuses the two ranks of the top 5 then (and is ``hybrid-none`` otherwise)."""
    if how == "lexical":
        return case.lexical[i]
    if how == "forced":
        return best_key(case, i)
    if how == "rerank":
        picks = case.candidates[i][:RERANK]
        if case.lexical[i] == OUT_OF_SCOPE or not picks:
            return case.lexical[i]
        return max(picks, key=lambda k: case.by_key[i].get(k, -1.0))
    if how == "fused" and case.lexical[i] != OUT_OF_SCOPE and case.candidates[i]:
        return fused(case, i)
    offer = proposal(case, i, how)
    if offer is not None and score(case, i, offer, kind) >= cut:
        return offer
    return default(case, i, how)


def fused(case: Case, i: int) -> str:
    """The candidate with the best sum of its lexical and its cosine rank (ties: the lexical
    order): rank fusion needs no weight between two scores on different scales."""
    picks = case.candidates[i]
    by_cosine = sorted(picks, key=lambda k: -case.by_key[i].get(k, -1.0))
    return min(picks, key=lambda k: (picks.index(k) + by_cosine.index(k), picks.index(k)))


def threshold(scores: list[float], allowed: int) -> float:
    """The lowest score that lets at most ``allowed`` of ``scores`` through."""
    ranked = sorted(scores, reverse=True)
    return ranked[allowed] + 1e-6 if allowed < len(ranked) else -math.inf


def cut_for(cases: list[Case], how: str, kind: str) -> float:
    """One threshold for every set in ``cases``: each keeps out-of-scope rejection >= ``REJECT``
    or, where the strategy's answers without the embedding already reject less, loses no more
    (with 12 or 18 out-of-scope questions a set, 95 % allows none to be answered)."""
    worst = -math.inf
    for case in cases:
        oos = out_scope(case)
        allowed = math.floor(len(oos) * (1 - REJECT) + 1e-9)
        allowed -= sum(default(case, i, how) != OUT_OF_SCOPE for i in oos)
        offers = [(i, proposal(case, i, how)) for i in oos if default(case, i, how) == OUT_OF_SCOPE]
        pool = [score(case, i, key, kind) for i, key in offers if key is not None]
        worst = max(worst, threshold(pool, max(0, allowed)))
    return worst


def offers_out_of_scope(cases: list[Case], how: str, kind: str) -> list[float]:
    """The scores of the embedding's offers for out-of-scope questions, pooled over ``cases``."""
    pool = []
    for case in cases:
        for i in out_scope(case):
            key = proposal(case, i, how)
            if key is not None and default(case, i, how) == OUT_OF_SCOPE:
                pool.append(score(case, i, key, kind))
    return pool


def gains(cases: list[Case], how: str, kind: str, cut: float) -> tuple[int, int, int]:
    """Over ``cases``: in-scope questions right that the lexical matcher got wrong, right ones
    it made wrong, and out-of-scope questions answered that the lexical matcher rejected."""
    gained = lost = opened = 0
    for case in cases:
        for i, (expected, _) in enumerate(case.rows):
            was, now = case.lexical[i], answer(case, i, how, kind, cut)
            if expected == {OUT_OF_SCOPE}:
                opened += was == OUT_OF_SCOPE and now != OUT_OF_SCOPE
            else:
                gained += now in expected and was not in expected
                lost += was in expected and now not in expected
    return gained, lost, opened
