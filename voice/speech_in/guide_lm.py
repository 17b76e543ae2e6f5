"""A small trigram language model of one guide's own words, for decoding spoken questions.

A generic dictation model spreads its probability over all of English, so a question about the
guide comes out as common look-alikes ("what if the chat gets disconnected" as "what the topic
at the connected"). People ask about what the guide says, so a model trained on the guide's own
texts (FAQ questions, other phrasings and answers, step titles and texts, tips) plus a few
question frames ("how do i", "what if") puts the mass where the questions are.

Pure text in, ARPA text out: the engine adapter decides which words it can pronounce
(``known``) and loads the result. We write the estimator ourselves (about 60 lines): the
toolkits that build ARPA files (SRILM, KenLM's lmplz, cmuclmtk) are native programs, and a
guide is a few hundred words, built in a few milliseconds at start.

Smoothing is absolute discounting with backoff: every seen n-gram gives up ``DISCOUNT`` of a
count, and the mass freed goes to the lower order. Counts come from one corpus, so every suffix
of a seen n-gram is seen too, and backoff weights come out exactly.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from importlib import resources

from voice.guide.model import Guide
from voice.speech_in.grammar import grammar_text

ORDER = 3
"""Trigrams: enough for "what if the", small enough to build in milliseconds."""
DISCOUNT = 0.5
"""Count given up by each seen n-gram for the lower order (absolute discounting)."""
FILLER_SHARE = 0.5
"""Unigram mass of the common words (``common_words``). Measured with pocketsphinx on the
espeak-ng questions of both English sets (``benchmarks/bench_spoken_questions.py``, free-form
pass only): without fillers 35/70 in-scope questions answered right and 14/48 out-of-scope
ones answered at all; 300 words at 0.1: 33 / 11, 0.3: 34 / 10; 1,000 words at 0.1: 31 / 10,
0.3: 30 / 6; 3,000 words at 0.1: 33 / 6, 0.3: 32 / 6, 0.5: 32 / 4, 0.7: 29 / 3. The generic
model: 18 / 1."""
START, END = "<s>", "</s>"

QUESTION_FRAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "what if",
        "what happens if",
        "what should i do if",
        "what do i do if",
        "what do i do when",
        "how do i",
        "how can i",
        "where is",
        "where do i",
        "where can i",
        "when is",
        "can i",
        "do i need to",
        "do i have to",
        "is it possible to",
        "is there",
        "is the",
        "will i get",
        "i can't",
        "what now",
    ),
}
"""How questions start, per language; the guide's texts supply what they are about."""

_SENTENCE_END = re.compile(r"[.?!;:\n]+")


def common_words(lang: str) -> tuple[str, ...]:
    """The language's frequent words (``voice/data/common-words.<lang>.txt``), most frequent
    first; ``()`` for a language without a list."""
    try:
        text = resources.files("voice").joinpath(f"data/common-words.{lang}.txt").read_text("utf-8")
    except FileNotFoundError:
        return ()
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def guide_sentences(guide: Guide) -> list[str]:
    """Every sentence of the guide a question may echo, in ``grammar_text`` form."""
    texts = [text for entry in guide.faq for text in (entry.question, *entry.also, entry.answer)]
    texts += [text for step in guide.steps for text in (step.title, step.text)]
    texts += [*guide.tips, *QUESTION_FRAMES.get(guide.lang, ())]
    pieces = (piece for text in texts for piece in _SENTENCE_END.split(text))
    return [sentence for sentence in map(grammar_text, pieces) if sentence]


def known_runs(sentence: str, known: Callable[[str], bool]) -> list[list[str]]:
    """The runs of words ``known`` accepts; an unknown word ends a run rather than being
    skipped, so no n-gram joins the words on either side of it."""
    runs: list[list[str]] = [[]]
    for word in sentence.split():
        if known(word):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def count_ngrams(
    runs: Iterable[Sequence[str]], order: int = ORDER
) -> list[Counter[tuple[str, ...]]]:
    """Counts of 1..order-grams over runs padded with ``<s>`` and ``</s>``; index 0 = unigrams."""
    counts: list[Counter[tuple[str, ...]]] = [Counter() for _ in range(order)]
    for run in runs:
        words = (START, *run, END)
        for n in range(1, order + 1):
            for i in range(len(words) - n + 1):
                counts[n - 1][words[i : i + n]] += 1
    return counts


def arpa(
    sentences: Iterable[str],
    known: Callable[[str], bool],
    fillers: Sequence[str] = (),
    filler_share: float = 0.0,
    order: int = ORDER,
) -> str:
    """An ARPA backoff model of ``sentences`` over the words ``known`` accepts.

    ``fillers`` (common words of the language) share ``filler_share`` of the unigram mass and
    have no n-grams of their own: speech about something else can come out as other words,
    which the question matcher then rejects, instead of being squeezed into the guide's."""
    runs = [run for sentence in sentences for run in known_runs(sentence, known)]
    counts = count_ngrams(runs, order)
    probs = _probabilities(counts)
    _add_fillers(probs[0], [w for w in fillers if known(w)], filler_share)
    backoffs = _backoffs(counts, probs)
    return _arpa_text(probs, backoffs)


def _probabilities(counts: list[Counter[tuple[str, ...]]]) -> list[dict[tuple[str, ...], float]]:
    """Unigrams by relative frequency (``<s>`` gets none); higher orders discounted."""
    unigrams = counts[0]
    total = sum(c for gram, c in unigrams.items() if gram != (START,))
    probs = [{gram: c / total for gram, c in unigrams.items() if gram != (START,)}]
    probs[0][(START,)] = 0.0
    for grams in counts[1:]:
        history = Counter[tuple[str, ...]]()
        for gram, c in grams.items():
            history[gram[:-1]] += c
        probs.append({gram: (c - DISCOUNT) / history[gram[:-1]] for gram, c in grams.items()})
    return probs


def _add_fillers(unigrams: dict[tuple[str, ...], float], fillers: list[str], share: float) -> None:
    """Scale the corpus unigrams to ``1 - share``, then spread ``share`` evenly over fillers."""
    new = [(word,) for word in dict.fromkeys(fillers) if (word,) not in unigrams]
    if not new or share <= 0:
        return
    for gram in unigrams:
        unigrams[gram] *= 1.0 - share
    unigrams.update(dict.fromkeys(new, share / len(new)))


def _backoffs(
    counts: list[Counter[tuple[str, ...]]], probs: list[dict[tuple[str, ...], float]]
) -> list[dict[tuple[str, ...], float]]:
    """Backoff weight of each history: the mass its discounts freed, over the lower order's
    mass on the words it was *not* seen with."""
    weights: list[dict[tuple[str, ...], float]] = [{} for _ in probs]
    for n in range(1, len(probs)):
        seen: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for gram in probs[n]:
            seen[gram[:-1]].append(gram)
        for history, grams in seen.items():
            left = 1.0 - sum(probs[n][gram] for gram in grams)
            lower = 1.0 - sum(probs[n - 1][gram[1:]] for gram in grams)
            weights[n - 1][history] = left / lower if lower > 1e-9 else 1.0
    return weights


def _arpa_text(
    probs: list[dict[tuple[str, ...], float]], backoffs: list[dict[tuple[str, ...], float]]
) -> str:
    lines = ["\\data\\"] + [f"ngram {n + 1}={len(p)}" for n, p in enumerate(probs)]
    for n, grams in enumerate(probs):
        lines += ["", f"\\{n + 1}-grams:"]
        last = n == len(probs) - 1
        for gram, prob in grams.items():
            entry = f"{_log10(prob):.4f}\t{' '.join(gram)}"
            lines.append(entry if last else f"{entry}\t{_log10(backoffs[n].get(gram, 1.0)):.4f}")
    return "\n".join([*lines, "", "\\end\\", ""])


def _log10(value: float) -> float:
    return math.log10(value) if value > 0 else -99.0
