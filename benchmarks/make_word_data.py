"""Write the general word data of the question matcher into ``voice/data``:

- ``word-zipf.<lang>.txt``: how common each everyday word is (Zipf scale, 3 = once per million
  words), from the ``wordfreq`` package, for English and Dutch. A question word the guide does not
  know counts less the more common it is ("much", "instead"), and in full when it is rare
  ("waffles"), which is what tells a question about something else.
- ``synonyms.en.txt``: related words from WordNet 3.0 (Debian's ``wordnet-base``, read with NLTK's
  reader): the other words of each sense, the derivationally related forms, the similar
  adjectives and also-sees, attributes and their values ("temperature" <-> "warm", "lukewarm"),
  and the broader verbs (hypernyms) of a verb's first sense ("stand" -> "rest"), restricted to
  everyday words and ranked by how often WordNet's corpus uses the sense, so that the cut keeps
  the main senses' words. Tried on the development sets and left out: a noun's broader nouns
  name a category that a question about something else meets too ("afternoon" -> "day"),
  narrower words (hyponyms) and a verb's siblings under its broader verb ("drop" ~ "lower")
  let more out-of-scope questions through; counting an inflected word's senses by its lemma
  ("stopped" as "stop") lost a question; derived words two hops away, adjective antonyms
  ("thick" -> "thin"), pertainyms, the other adjectives of a cluster ("firm" ~ "set" through
  "hard") and broader nouns no commoner than the word ("fridge" -> "refrigerator") changed
  nothing, nor did keeping more than ``MAX_RELATED`` words or taking rarer head words.
- ``forms.en.txt``: the dictionary forms of irregular English words ("lost" -> "lose"), from
  WordNet's exception lists, restricted to everyday words.
- ``compounds.en.txt``: English words written as one word of two everyday words ("saucepan" ->
  "sauce pan"), everyday words and WordNet's own single-word lemmas ("eggshell"), where WordNet
  confirms that the last part names the thing.

The Dutch related words, and the everyday English ones WordNet lacks, are written by hand
(``synonyms-by-hand.<lang>.txt``): ``benchmarks/make_related_by_hand.py`` says why.

    apt-get install wordnet-base
    .venv/bin/pip install -e '.[wordlists]'
    .venv/bin/python -m benchmarks.make_word_data

The tables are committed, so the matcher loads two small text files instead of the 60 MB of
wordfreq and WordNet at every start, and needs neither installed at run time.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Container, Iterable
from pathlib import Path

import nltk
from nltk.corpus.reader.wordnet import Synset, WordNetCorpusReader
from wordfreq import top_n_list, zipf_frequency

from voice.language.analysis import TextAnalyzer

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
MIN_PART = 3
"""Least length of a part of an English compound ("tea" of "teaspoon")."""
SHORT_PART = 4.0
"""Least Zipf frequency of a part of ``MIN_PART`` letters: short rare words ("mal", "dis") are
mostly prefixes, not words."""
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


SYNONYM, DERIVED, SIMILAR, BROADER = 1.0, 0.9, 0.8, 0.6
"""Strength of each WordNet relation: a word of the same sense first, then a derived form
("peel" -> "peeler"), a similar adjective or also-see, then the broader verb of a verb's sense."""
EVERYDAY = 3.5
"""Least Zipf frequency of a broader word: "vessel" for "pan" is one nobody asks with."""
MAIN_SENSE = 0.5
"""Least sense weight (see ``_sense_weights``) of the first verb sense (WordNet lists the most
used first) for its broader verbs to be taken: a word's other senses, and a verb sense rarer
than the word's noun or adjective senses, have broad words that have nothing to do with what
people mean by it (a guide's "whisk" would meet "travel")."""


def _sense_weights(synsets: list[Synset], word: str) -> list[float]:
    """How much each sense of ``word`` is what people mean by it, in (0, 1]: WordNet's count
    of the sense in its tagged corpus, against the word's most counted sense (add-one, so that
    uncounted senses weigh a little and a word with no counts weighs all its senses alike)."""
    counts = [sum(lem.count() for lem in s.lemmas() if lem.name().lower() == word) for s in synsets]
    top = max(counts, default=0)
    return [(count + 1) / (top + 1) for count in counts]


def _names(synset: Synset) -> list[str]:
    return [lemma.name() for lemma in synset.lemmas()]


def _relations(
    synset: Synset, word: str, weight: float, first_verb: bool
) -> Iterable[tuple[str, float, float]]:
    """(related word, strength, least Zipf) of one sense of ``word``."""
    for name in _names(synset):
        yield name, weight * SYNONYM, RELATED
    for lemma in synset.lemmas():
        if lemma.name().lower() == word:
            for form in lemma.derivationally_related_forms():
                yield form.name(), weight * DERIVED, RELATED
    for near in (*synset.similar_tos(), *synset.also_sees()):
        for name in _names(near):
            yield name, weight * SIMILAR, RELATED
    yield from _values(synset, weight)
    if first_verb and weight >= MAIN_SENSE:
        for broader in synset.hypernyms():
            for name in _names(broader):
                yield name, weight * BROADER, EVERYDAY


def _values(synset: Synset, weight: float) -> Iterable[tuple[str, float, float]]:
    """An attribute and its values, both ways ("temperature" <-> "warm"), and for an attribute
    also the adjectives like its values ("lukewarm"): a question about the temperature is
    answered by a text that says how warm."""
    for value in synset.attributes():
        for name in _names(value):
            yield name, weight * SIMILAR, EVERYDAY
        if synset.pos() == "n":
            for like in value.similar_tos():
                for name in _names(like):
                    yield name, weight * BROADER, EVERYDAY


def related(wordnet: WordNetCorpusReader, word: str) -> list[str]:
    """Everyday single words that WordNet relates to ``word``, the closest relations of its
    most used senses first, so that the cut to ``MAX_RELATED`` drops the rare senses' words
    ("shell" as bombing) rather than whatever WordNet happens to list last."""
    scores: dict[str, float] = {}
    synsets = wordnet.synsets(word)
    first_verb = next((s for s in synsets if s.pos() == "v"), None)
    for synset, weight in zip(synsets, _sense_weights(synsets, word), strict=True):
        for name, score, least in _relations(synset, word, weight, synset is first_verb):
            near = name.lower()
            if near == word or not near.isalpha() or scores.get(near, 0.0) >= score:
                continue
            if zipf_frequency(near, "en") >= least:
                scores[near] = score
    return sorted(scores, key=lambda near: (-scores[near], near))[:MAX_RELATED]


def synonym_table(wordnet: WordNetCorpusReader, words: Iterable[str]) -> list[str]:
    lines = []
    for word in words:
        near = related(wordnet, word)
        if near:
            lines.append(f"{word}\t{' '.join(near)}")
    return lines


def compound_table(wordnet: WordNetCorpusReader, zipf: dict[str, float]) -> list[str]:
    """``word<TAB>first last`` for English words written as one word of two everyday words, where
    WordNet confirms the last part names the thing (see ``_head_confirmed``): the everyday words,
    and WordNet's single-word lemmas, since a guide's rarer compound ("eggshell") names an
    everyday thing as well."""
    stop = TextAnalyzer("en").stop_words
    lines = []
    lemmas = (name.lower() for name in wordnet.all_lemma_names())
    for word in dict.fromkeys([*zipf, *sorted(w for w in lemmas if w.isalpha())]):
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            first, last = word[:cut], word[cut:]
            parts = (first, last)
            if all(_part(wordnet, part, zipf, stop) for part in parts) and _head_confirmed(
                wordnet, word, last
            ):
                lines.append(f"{word}\t{first} {last}")
                break
    return lines


def _part(
    wordnet: WordNetCorpusReader, part: str, zipf: dict[str, float], stop: Container[str]
) -> bool:
    """An everyday content word that WordNet lists ("tea", "spoon"; not "how" of "however")."""
    if part in stop or part not in zipf or not wordnet.synsets(part):
        return False
    return len(part) > MIN_PART or zipf[part] >= SHORT_PART


def _head_confirmed(wordnet: WordNetCorpusReader, word: str, head: str) -> bool:
    """Whether a sense of ``word`` is a kind of ``head`` or another name for it: ``head`` is a
    word of the sense or of its broader sense ("saucepan" is a "pan", "teaspoon" a "spoon"), or
    of a noun's definition ("password": "a secret word or phrase"). What tells a compound from
    two words that happen to spell it ("breakfast" is no "fast", "carpet" no "pet")."""
    heads = {head, wordnet.morphy(head)}  # "teaspoons" is a kind of "spoon"
    for synset in wordnet.synsets(word):
        said = {lem.name().lower() for s in (synset, *synset.hypernyms()) for lem in s.lemmas()}
        if synset.pos() == "n":
            said.update(re.findall(r"[a-z]+", synset.definition().lower()))
        if heads & said:
            return True
    return False


def irregular_table(zipf: Container[str]) -> list[str]:
    """``word<TAB>base ...`` for everyday English words whose dictionary form no ending rule
    finds ("lost" -> "lose", "knives" -> "knife", "stuck" -> "stick", "dropped" -> "drop"):
    WordNet's exception lists of nouns, verbs and adjectives."""
    bases: dict[str, list[str]] = defaultdict(list)
    for pos in ("noun", "verb", "adj"):
        for line in (WORDNET / f"{pos}.exc").read_text(encoding="utf-8").splitlines():
            word, *found = line.split()
            if word in zipf:
                bases[word] += [base for base in found if base in zipf and base != word]
    return [f"{word}\t{' '.join(dict.fromkeys(found))}" for word, found in bases.items() if found]


def write(name: str, header: str, lines: list[str]) -> None:
    (OUT / name).write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT / name}: {len(lines)} lines")


def write_english(zipf: dict[str, str], source: str) -> None:
    """The English tables made from WordNet: related words and compounds."""
    with tempfile.TemporaryDirectory() as folder:
        wordnet = open_wordnet(Path(folder))
        related = synonym_table(wordnet, zipf)
        compounds = compound_table(wordnet, {word: float(value) for word, value in zipf.items()})
    header = "# {} from WordNet 3.0 (Princeton University, WordNet licence: free use with this "
    header += "notice); {}\n"
    write("synonyms.en.txt", header.format("Related words", source), related)
    write("compounds.en.txt", header.format("Compounds split", source), compounds)
    write("forms.en.txt", header.format("Irregular forms", source), irregular_table(zipf))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)  # for --help
    source = f"made by benchmarks/{Path(__file__).name}"
    zipf = {lang: zipf_table(lang) for lang in ("en", "nl")}
    for lang, lines in zipf.items():
        header = (
            f"# Zipf frequency of everyday {lang} words, from wordfreq (data CC BY-SA 4.0, "
            f"Robyn Speer et al.); {source}\n"
        )
        write(f"word-zipf.{lang}.txt", header, lines)
    write_english(dict(line.split() for line in zipf["en"]), source)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
