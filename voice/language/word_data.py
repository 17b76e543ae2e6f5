"""General word data for matching questions on any guide, per language, read once per process.

Tables in ``voice/data``, made by ``benchmarks/make_word_data.py`` and
``benchmarks/make_non_nouns.py`` from maintained sources (the ``wordfreq`` package, WordNet 3.0
from Debian's ``wordnet-base``, spaCy's Dutch lemma tables, the Hunspell dictionaries) and
committed, so that nothing needs installing at run time and a start costs a few small reads
instead of 60 MB:

- how common a word is (Zipf scale): a question word the guide does not know weighs less the more
  everyday it is, so "how much water do I put in" is about water, not about "much" and "put";
- related words: English from WordNet ("frequently" meets "often", "manufacturer" meets
  "maker"), and written by hand (``benchmarks/make_related_by_hand.py``): the everyday words
  WordNet lacks, and all of Dutch for want of a Dutch thesaurus with a fitting licence ("kapot"
  meets "defect");
- irregular forms (English): "lost" is a form of "lose", "knives" of "knife";
- words that are never nouns or names (English and Dutch): an unknown "suddenly" or "ineens"
  does not make a question about something else, an unknown "router" does;
- compounds written as one everyday word (English): "saucepan" is "sauce" + "pan", so that a
  question about the pan meets the guide's saucepan.

A language without a table gets empty ones: matching works as before, without this help.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

from voice.language.commands import normalise


@cache
def word_zipf(lang: str) -> Mapping[str, float]:
    """Word -> Zipf frequency (3 = once per million words) for everyday words of ``lang``,
    written as the analyser writes a question's words ("café" as "cafe")."""
    table: dict[str, float] = {}
    for line in _lines(f"word-zipf.{lang}.txt"):
        word, zipf = line.split(" ")
        word = word if word.isascii() else normalise(word)
        table[word] = max(float(zipf), table.get(word, 0.0))
    return MappingProxyType(table)


@cache
def non_nouns(lang: str) -> frozenset[str]:
    """Everyday words that are never nouns or names ("suddenly", "ineens"): they tell how a
    question is put, not what it is about."""
    return frozenset(_lines(f"non-nouns.{lang}.txt"))


@cache
def related_words(lang: str) -> Mapping[str, tuple[str, ...]]:
    """Word -> everyday words related to it (synonyms, similar and derived words): a thesaurus's
    (``synonyms``) first, then those written by hand (``synonyms-by-hand``)."""
    table = dict(_table(f"synonyms.{lang}.txt"))
    for word, words in _table(f"synonyms-by-hand.{lang}.txt").items():
        table[word] = tuple(dict.fromkeys(table.get(word, ()) + words))
    return MappingProxyType(table)


@cache
def irregular_forms(lang: str) -> Mapping[str, tuple[str, ...]]:
    """Word -> its dictionary forms that no ending rule finds ("lost" -> "lose")."""
    return _table(f"forms.{lang}.txt")


@cache
def compound_parts(lang: str) -> Mapping[str, tuple[str, ...]]:
    """Everyday word -> the everyday words it is written of ("saucepan" -> "sauce", "pan")."""
    return _table(f"compounds.{lang}.txt")


def _table(name: str) -> Mapping[str, tuple[str, ...]]:
    """``word<TAB>word word ...`` lines as word -> words."""
    table = {}
    for line in _lines(name):
        word, words = line.split("\t")
        table[word] = tuple(words.split(" "))
    return MappingProxyType(table)


def _lines(name: str) -> list[str]:
    try:
        text = resources.files("voice").joinpath(f"data/{name}").read_text("utf-8")
    except FileNotFoundError:
        return []
    return [line for line in text.splitlines() if line and not line.startswith("#")]
