"""Write ``voice/data/synonyms-by-hand.<lang>.txt``, related words the project's writers made
by hand: ``python -m benchmarks.make_related_by_hand LANG LIST...`` (a list may be the table
itself, after editing it).

Why by hand: no Dutch wordnet or thesaurus with a licence this package can carry is packaged on
PyPI, Debian or npm (FreeDict's dictionaries are GPL, and their English pivot was noisy), and
English WordNet lacks the everyday and informal words people ask with ("busted", "mend").
Writers who saw no guide, no question set and no code went through the most frequent nouns,
verbs and adjectives (wordfreq frequency >= 3.5; 8,500 Dutch ones, parts of speech from spaCy's
lemma tables, and 10,900 English WordNet lemmas) and wrote, for each, the everyday words a
speaker could use instead of it: synonyms, informal and formal (and British and American)
variants, the same meaning as another part of speech ("ontkalken" -> "ontkalking"), and other
verbs saying the same ("uitvallen" -> "wegvallen haperen"); no broader, narrower or sister
words, and no line at all where precision was in doubt.

Each ``word<TAB>related words`` line is written as the analyser writes words (no accents), and
keeps only related words that are everyday words of the language (in ``word-zipf.<lang>.txt``):
a slip of the pen or a rare word cannot make a question look known.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.make_word_data import MAX_RELATED, write
from voice.language.lexicon import normalise
from voice.language.word_data import word_zipf

HEADER = (
    "# Related {} words, written by hand for voice-guide (general vocabulary, no guide in "
    "view; MIT); made by benchmarks/make_related_by_hand.py\n"
)
LANGUAGES = {"en": "English", "nl": "Dutch"}


def table(lang: str, paths: list[Path]) -> list[str]:
    everyday = word_zipf(lang)
    related: dict[str, list[str]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "\t" not in line:
                continue
            head, words = line.split("\t", 1)
            word = normalise(head)
            near = related.setdefault(word, [])
            for other in map(normalise, words.split()):
                if other != word and other in everyday and other not in near:
                    near.append(other)
    return [f"{w}\t{' '.join(near[:MAX_RELATED])}" for w, near in related.items() if near]


def main(argv: list[str] | None = None) -> int:
    lang, *lists = sys.argv[1:] if argv is None else argv
    header = HEADER.format(LANGUAGES[lang])
    write(f"synonyms-by-hand.{lang}.txt", header, table(lang, [Path(name) for name in lists]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
