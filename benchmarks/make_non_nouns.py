"""Write ``voice/data/non-nouns.<lang>.txt``: the everyday words of ``word-zipf.<lang>.txt``
that are never nouns and never names (adverbs, adjectives, verb forms: "suddenly", "ineens",
"froze", "bereikbaar").

Why: a question word the guide does not know is the matcher's sign of a question about
something else, and it raises the out-of-scope line. That holds for what the question is
about (a noun or a name: "router", "podcast", "PostNL") but not for how the asker says it.
People who had read only the guide ask "de chat viel ineens weg" and "is it dangerous to use
vinegar": "ineens" and "dangerous" say nothing about another topic. On the development sets,
no longer counting such words as foreign answered 10 more questions and let no more
out-of-scope question through.

Sources, all maintained and installable here:

- English: WordNet 3.0 (Debian's ``wordnet-base``, read with NLTK): a word with senses, none
  of them a noun.
- Dutch: the lemma tables of ``spacy-lookups-data`` (MIT): the nouns of its lemma index, the
  noun forms of its exceptions, and the words its lookup table leads to a noun; a word is known
  when any table or the Dutch spelling dictionary lists it.
- Names, both languages: a word that the Hunspell dictionary (Debian's ``hunspell-en-us``,
  SCOWL, and ``hunspell-nl``, OpenTaal, BSD or CC BY 3.0) lists only with a capital.

    apt-get install wordnet-base hunspell-en-us hunspell-nl
    .venv/bin/pip install -e '.[wordlists]'
    .venv/bin/python -m benchmarks.make_non_nouns
"""

from __future__ import annotations

import gzip
import json
import tempfile
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from benchmarks.make_word_data import open_wordnet, write
from voice.language.lexicon import normalise
from voice.language.word_data import word_zipf

HUNSPELL = Path("/usr/share/hunspell")
SOURCE = f"made by benchmarks/{Path(__file__).name}"


def spellings(lang: str) -> dict[str, set[bool]]:
    """Word -> whether the spelling dictionary writes it in lower case, with a capital, or both."""
    name = {"en": "en_US.dic", "nl": "nl.dic"}[lang]
    text = (HUNSPELL / name).read_text(encoding="utf-8", errors="replace")
    cases: dict[str, set[bool]] = defaultdict(set)
    for line in text.splitlines()[1:]:
        stem = line.split("/")[0].strip()
        if stem:
            cases[normalise(stem)].add(stem == stem.lower())
    return cases


def names(cases: dict[str, set[bool]]) -> set[str]:
    """Words the dictionary writes only with a capital: names ("Amsterdam", "PostNL")."""
    return {word for word, lower in cases.items() if True not in lower}


def english() -> list[str]:
    named = names(spellings("en"))
    with tempfile.TemporaryDirectory() as folder:
        wordnet = open_wordnet(Path(folder))
        return [
            word
            for word in word_zipf("en")
            if word not in named and wordnet.synsets(word) and not wordnet.synsets(word, pos="n")
        ]


def _spacy_table(name: str) -> dict[str, Any]:
    """One Dutch table of spacy-lookups-data (a form or lemma -> its lemma, or a part of
    speech -> its words or forms)."""
    data = resources.files("spacy_lookups_data").joinpath(f"data/nl_{name}.json.gz")
    return json.loads(gzip.decompress(data.read_bytes()))


def dutch() -> list[str]:
    index, exceptions = _spacy_table("lemma_index"), _spacy_table("lemma_exc")
    lookup = {normalise(k): normalise(str(v)) for k, v in _spacy_table("lemma_lookup").items()}
    nouns = {normalise(w) for w in index["noun"]} | {normalise(w) for w in exceptions["noun"]}
    cases = spellings("nl")
    known = {normalise(w) for words in index.values() for w in words}
    known |= {normalise(w) for forms in exceptions.values() for w in forms}
    known |= set(lookup) | {word for word, lower in cases.items() if True in lower}
    known -= names(cases)
    return [w for w in word_zipf("nl") if w in known and not {w, lookup.get(w)} & nouns]


def main() -> int:
    header = "# Everyday {} words that are never nouns or names ({}); " + SOURCE + "\n"
    write("non-nouns.en.txt", header.format("English", "WordNet 3.0, Hunspell en_US"), english())
    sources = "spacy-lookups-data (MIT), Hunspell nl (OpenTaal, BSD or CC BY 3.0)"
    write("non-nouns.nl.txt", header.format("Dutch", sources), dutch())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
