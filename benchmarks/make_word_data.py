"""Write the general word data of the question matcher into ``voice/data``:

- ``word-zipf.<lang>.txt``: how common each everyday word is (Zipf scale, 3 = once per million
  words), from the ``wordfreq`` package, for English and Dutch. A question word the guide does not
  know counts less the more common it is ("much", "instead"), and in full when it is rare
  ("waffles"), which is what tells a question about something else.
- ``synonyms.en.txt``: related words from WordNet 3.0 (Debian's ``wordnet-base``, read with NLTK's
  reader): the other words of each sense, the similar adjectives and the derivationally related
  forms, restricted to everyday words.
- ``synonyms.nl.txt``: related Dutch words, through English: no Dutch wordnet or thesaurus is
  packaged on PyPI or Debian, but FreeDict's Dutch-English and English-Dutch dictionaries are
  (Debian's ``dict-freedict-nld-eng`` and ``dict-freedict-eng-nld``). A Dutch word meets the
  Dutch words that share an English translation with it, most shared first ("regelmatig" ->
  "regularly" -> "vaak"). Widening through the WordNet synonyms of the translations was tried
  and left out: on the development sets it brought more noise ("brood" -> "dough" -> "beslag",
  batter) than help. Not written by default: with it, the Dutch held-out sets let more
  out-of-scope questions through (a loose relation makes a foreign word look known), so
  ``--dutch`` writes it for the next try only.

    apt-get install wordnet-base dict-freedict-nld-eng dict-freedict-eng-nld
    .venv/bin/pip install -e '.[wordlists]'
    .venv/bin/python -m benchmarks.make_word_data [--dutch]

The tables are committed, so the matcher loads two small text files instead of the 60 MB of
wordfreq and WordNet at every start, and needs neither installed at run time.
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import nltk
from nltk.corpus.reader.wordnet import WordNetCorpusReader
from wordfreq import top_n_list, zipf_frequency

OUT = Path(__file__).resolve().parent.parent / "voice" / "data"
WORDNET = Path("/usr/share/wordnet")
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
    "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group "
    "noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant "
    "noun.possession noun.process noun.quantity noun.relation noun.shape noun.state "
    "noun.substance noun.time verb.body verb.change verb.cognition verb.communication "
    "verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion "
    "verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl"
).split()
"""WordNet's lexicographer file names: NLTK's reader wants the ``lexnames`` file, which
Debian's package leaves out (it is generated from this fixed list)."""
COMMON = 3.0
"""Least Zipf frequency of a word kept in the tables: rarer words count as rare anyway."""
RELATED = 2.5
"""Least Zipf frequency of a related word: obscure synonyms only add noise."""
MAX_RELATED = 12
FREEDICT = Path("/usr/share/dictd")
_HEADWORD = re.compile(r"^(\S.*?) /[^/]*/$")
"""A FreeDict entry starts with its headword and pronunciation; its translations follow."""
WORDS = 60000
"""Most frequent words of wordfreq looked at per language."""


def zipf_table(lang: str) -> list[str]:
    """``word zipf`` lines, most frequent first, for single alphabetic words."""
    lines = []
    for word in top_n_list(lang, WORDS):
        zipf = zipf_frequency(word, lang)
        if zipf < COMMON:
            break
        if word.isalpha():
            lines.append(f"{word} {zipf:.1f}")
    return lines


class _Reader(WordNetCorpusReader):
    """NLTK's reader, without the mapping to its own downloadable WordNet for multilingual
    data (it would look for ``nltk_data``; we read English only)."""

    def map_wn(self, version: str = "wordnet") -> None:
        return None


def open_wordnet(folder: Path) -> WordNetCorpusReader:
    """WordNet from Debian's files plus the ``lexnames`` file NLTK needs."""
    for path in WORDNET.iterdir():
        if path.is_file():  # copied: NLTK refuses symlinks that leave its root
            shutil.copyfile(path, folder / path.name)
    lines = (f"{n:02d}\t{name}\t{_pos(name)}" for n, name in enumerate(LEXNAMES))
    (folder / "lexnames").write_text("\n".join(lines) + "\n", encoding="utf-8")
    nltk.data.path.append(str(folder))
    return _Reader(str(folder), None)


def _pos(lexname: str) -> int:
    return {"noun": 1, "verb": 2, "adj": 3, "adv": 4}[lexname.split(".")[0]]


def related(wordnet: WordNetCorpusReader, word: str) -> list[str]:
    """Everyday single words that WordNet relates to ``word``, closest relations first."""
    found: dict[str, None] = {}
    for synset in wordnet.synsets(word):
        found.update(dict.fromkeys(lemma.name() for lemma in synset.lemmas()))
    for synset in wordnet.synsets(word):
        for lemma in synset.lemmas():
            if lemma.name() == word:
                names = (d.name() for d in lemma.derivationally_related_forms())
                found.update(dict.fromkeys(names))
        for near in (*synset.similar_tos(), *synset.also_sees()):
            found.update(dict.fromkeys(lemma.name() for lemma in near.lemmas()))
    words = [w.lower() for w in found if w.isalpha() and w.lower() != word]
    kept = [w for w in dict.fromkeys(words) if zipf_frequency(w, "en") >= RELATED]
    return kept[:MAX_RELATED]


def synonym_table(wordnet: WordNetCorpusReader, words: Iterable[str]) -> list[str]:
    lines = []
    for word in words:
        near = related(wordnet, word)
        if near:
            lines.append(f"{word}\t{' '.join(near)}")
    return lines


def read_freedict(name: str) -> dict[str, list[str]]:
    """Headword -> single-word translations, in the order the dictionary gives them."""
    text = gzip.decompress((FREEDICT / f"freedict-{name}.dict.dz").read_bytes()).decode()
    entries: dict[str, list[str]] = {}
    head = None
    for line in unicodedata.normalize("NFKC", text).splitlines():
        match = _HEADWORD.match(line)
        if match:
            head = match.group(1).lower()
            entries.setdefault(head, [])
        elif head is not None and line.strip():
            senses = re.sub(r"^\s*\d+\.\s*", "", line).split(",")
            entries[head] += [w.strip().lower() for w in senses if w.strip().isalpha()]
    return entries


def dutch_table(words: list[str]) -> list[str]:
    """``word<TAB>related ...`` for everyday Dutch words, through their English translations."""
    to_english = read_freedict("nld-eng")
    to_dutch: dict[str, list[str]] = defaultdict(list)
    for english, translations in read_freedict("eng-nld").items():
        to_dutch[english] += translations
    for dutch, englishes in to_english.items():
        for english in englishes:
            to_dutch[english].append(dutch)
    everyday = set(words)
    lines = []
    for word in words:
        pivots = to_english.get(word, [])
        near = [d for e in pivots for d in to_dutch.get(e, ()) if d != word and d in everyday]
        shared = Counter(near)  # more translations in common first: "regelmatig" -> "vaak"
        near = sorted(dict.fromkeys(near), key=lambda d: -shared[d])[:MAX_RELATED]
        if near:
            lines.append(f"{word}\t{' '.join(near)}")
    return lines


def write(name: str, header: str, lines: list[str]) -> None:
    (OUT / name).write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT / name}: {len(lines)} lines")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dutch", action="store_true", help="also write synonyms.nl.txt")
    args = parser.parse_args(argv)
    source = f"made by benchmarks/{Path(__file__).name}"
    zipf = {lang: zipf_table(lang) for lang in ("en", "nl")}
    for lang, lines in zipf.items():
        header = (
            f"# Zipf frequency of everyday {lang} words, from wordfreq (data CC BY-SA 4.0, "
            f"Robyn Speer et al.); {source}\n"
        )
        write(f"word-zipf.{lang}.txt", header, lines)
    with tempfile.TemporaryDirectory() as folder:
        wordnet = open_wordnet(Path(folder))
        lines = synonym_table(wordnet, (line.split()[0] for line in zipf["en"]))
    header = (
        "# Related words from WordNet 3.0 (Princeton University, WordNet licence: free use "
        f"with this notice); {source}\n"
    )
    write("synonyms.en.txt", header, lines)
    if not args.dutch:
        return 0
    lines = dutch_table([line.split()[0] for line in zipf["nl"]])
    header = (
        "# Related Dutch words: words sharing an English translation in FreeDict Dutch-English "
        f"and English-Dutch 0.2 (GNU GPL 2.0 or later, freedict.org); {source}\n"
    )
    write("synonyms.nl.txt", header, lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
