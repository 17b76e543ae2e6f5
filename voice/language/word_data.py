"""General word data for matching questions on any guide, per language, read once per process.

Two tables in ``voice/data``, made by ``benchmarks/make_word_data.py`` from maintained sources
(the ``wordfreq`` package and WordNet 3.0 from Debian's ``wordnet-base``) and committed, so that
nothing needs installing at run time and a start costs two small reads instead of 60 MB:

- how common a word is (Zipf scale): a question word the guide does not know weighs less the more
  everyday it is, so "how much water do I put in" is about water, not about "much" and "put";
- related words (English): "frequently" meets "often", "manufacturer" meets "maker".

A language without a table gets empty ones: matching works as before, without this help.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType


@cache
def word_zipf(lang: str) -> Mapping[str, float]:
    """Word -> Zipf frequency (3 = once per million words) for everyday words of ``lang``."""
    table = {}
    for line in _lines(f"word-zipf.{lang}.txt"):
        word, zipf = line.split(" ")
        table[word] = float(zipf)
    return MappingProxyType(table)


@cache
def related_words(lang: str) -> Mapping[str, tuple[str, ...]]:
    """Word -> everyday words related to it (synonyms, similar and derived words)."""
    table = {}
    for line in _lines(f"synonyms.{lang}.txt"):
        word, near = line.split("\t")
        table[word] = tuple(near.split(" "))
    return MappingProxyType(table)


def _lines(name: str) -> list[str]:
    try:
        text = resources.files("voice").joinpath(f"data/{name}").read_text("utf-8")
    except FileNotFoundError:
        return []
    return [line for line in text.splitlines() if line and not line.startswith("#")]
