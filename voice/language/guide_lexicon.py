"""The words of one guide, which is what makes recognition errors in a question repairable.

A word the guide does not contain is split ("contactknop" -> "contact knop"), joined with its
neighbour ("trans script" -> "transcript") or replaced by the guide words it sounds or looks like
("cat" -> "chat"), scored by rapidfuzz. Built on the language's ``TextAnalyzer``.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from types import MappingProxyType

from rapidfuzz import fuzz, process

from voice.language.analysis import TextAnalyzer

FUZZY_CUTOFF = 75.0
"""Least rapidfuzz similarity (0-100) for a guide word to stand in for an unknown word."""
MIN_FUZZY_LENGTH = 3
"""Shorter words are never repaired: at two letters everything looks like everything."""
LINKS = ("", "s", "e", "en")
"""Dutch linking sounds between the parts of a compound (klant-en-service, bestel-s-...)."""
MIN_COMPOUND = 7
"""Shorter words are not split into everyday words: "often" is no "of" + "ten"."""
MIN_PART = 4
"""Least length of an everyday word as part of a compound."""
MIN_HEAD_PART = 3
"""Least length of an everyday word as the head of a guide compound (``head``): "steelpan" is
a "pan", "soepkom" a "kom"."""
SOUND_CUTOFF = 90.0
"""Least similarity of sound-alike keys: keys are short and coarse, so nearly equal only."""
SOUND_SKIP = 0.85
"""Spelling similarity from which the sound-alike search is skipped: it would add nothing."""
SOUND_PENALTY = 0.9
"""Sound-alike similarity counts a bit less than spelling similarity."""


class Lexicon:
    """The words of one guide, used to repair words of a question that the guide does not know."""

    def __init__(
        self,
        analyzer: TextAnalyzer,
        words: Iterable[str],
        general: Container[str] = (),
        compounds: Mapping[str, Sequence[str]] = MappingProxyType({}),
    ) -> None:
        self.analyzer = analyzer
        self.known = frozenset(words)
        """Normalised words of the guide."""
        self._compounds = compounds
        """Words of the language written as one word of two everyday words, where a dictionary
        confirms the last part names the thing ("saucepan" -> "sauce", "pan"; English, from
        ``word_data.compound_parts``)."""
        self._parts = self.known | analyzer.synonym_words()
        self._general = general
        """Everyday words of the language: parts of a compound of the guide that it does not
        use alone ("kalkaanslag" -> "kalk aanslag"), so that a question can say them."""
        candidates = sorted(
            word
            for word in self.known
            if len(word) >= MIN_FUZZY_LENGTH
            and word not in analyzer.stop_words
            and not word.isdigit()
        )
        self._by_initial = _by_initial((word, word) for word in candidates)
        """Candidates by first letter: a recogniser rarely mishears the first sound, and a
        bucket is what keeps look-ups fast in a guide with thousands of words."""
        self._by_sound: dict[str, list[tuple[str, str]]] | None = None
        """(sound key, word) by first letter of the key, made on first use."""
        self._candidates = candidates
        self._splits: dict[str, list[str] | None] = {}

    def split(self, word: str) -> list[str] | None:
        """Parts of a compound whose parts are words of the guide, longest head first; for a
        long word that is no everyday word itself, everyday words of 4 letters or more count as
        parts too."""
        if word not in self._splits:
            parts = self._split(word, 2, self._parts)
            if parts is None and len(word) >= MIN_COMPOUND and word not in self._general:
                parts = self._split(word, 2, _Either(self._parts, self._general))
            self._splits[word] = parts
        return self._splits[word]

    def head(self, word: str, zipf: Mapping[str, float]) -> str | None:
        """The last part of a long guide word that is a compound of everyday words, down to
        three letters ("steelpan" -> "pan", "saucepan" -> "pan"): the thing it names, which a
        question may say alone. Not a part the guide text is indexed under, as ``split``
        gives: at three letters, endings ("kuiltje" -> "tje") look like words too, and they
        only matter where a question says one. An everyday word (``zipf``) has a head only
        when it is rarer than the head, as a compound, a kind of its head, is: "understand"
        is commoner than "stand", and no kind of it. In a language with a table of confirmed
        compounds, the table says it for everyday words: "breakfast" is rarer than "fast" and
        no kind of it, "industry" no kind of "try"."""
        confirmed = self.everyday_parts(word)
        if confirmed or (self._compounds and word in zipf):
            return confirmed[-1] if confirmed else None  # a dictionary's word on it stands
        if len(word) < MIN_COMPOUND:
            return None
        parts = _Either(self._parts, self._general)
        split = self._split(word, 2, parts, _Either(self._parts, self._general, MIN_HEAD_PART))
        if not split or zipf.get(word, 0.0) >= zipf.get(split[-1], 0.0) > 0.0:
            return None
        return split[-1]

    def everyday_parts(self, word: str) -> list[str] | None:
        """The parts of a confirmed compound, or of its dictionary form ("teaspoons" -> "tea",
        "spoon"), or ``None``."""
        for form in self.analyzer.base_forms(word) if self._compounds else ():
            parts = self._compounds.get(form)
            if parts:
                return list(parts)
        return None

    def with_parts(self, words: Iterable[str]) -> list[str]:
        """Each word followed by its compound parts, if any: how guide texts are indexed."""
        out: list[str] = []
        splits = self._splits
        for word in words:
            out.append(word)
            parts = splits[word] if word in splits else self.split(word)
            if parts:
                out.extend(parts)
        return out

    def _split(
        self, word: str, depth: int, parts: Container[str], heads: Container[str] | None = None
    ) -> list[str] | None:
        """``word`` as parts (``heads``: what the last part may be, ``parts`` by default)."""
        heads = parts if heads is None else heads
        for cut in range(len(word) - 3, 2, -1):
            head, tail = word[:cut], word[cut:]
            if head not in parts:
                continue
            for link in LINKS:
                if not tail.startswith(link) or len(tail) - len(link) < 3:
                    continue
                rest = tail[len(link) :]
                if rest in heads:
                    return [head, rest]
                deeper = self._split(rest, depth - 1, parts, heads) if depth > 1 else None
                if deeper:
                    return [head, *deeper]
        return None

    def join(self, words: Sequence[str]) -> list[str]:
        """Glue words a recogniser split ("dis connected", "represent a tive") when the whole is
        a guide or synonym word and not every piece is a guide word."""
        out: list[str] = []
        i = 0
        while i < len(words):
            for size in (3, 2):
                piece = words[i : i + size]
                whole = self._glue(piece) if len(piece) == size else None
                if whole is not None:
                    out.append(whole)
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def _glue(self, piece: Sequence[str]) -> str | None:
        """The word the pieces make, also when a sound at the seam was heard twice
        ("trans script" -> "transcript")."""
        if all(part in self.known for part in piece):
            return None
        whole = "".join(piece)
        if whole in self._parts:
            return whole
        merged = piece[0]
        for part in piece[1:]:
            merged += part[1:] if merged[-1:] == part[:1] else part
        return merged if merged in self._parts else None

    def near(self, word: str, limit: int = 3) -> list[tuple[str, float]]:
        """Guide words that look like ``word``, with similarity in [0, 1], best first."""
        if len(word) < MIN_FUZZY_LENGTH or word.isdigit():
            return []
        best = _closest(word, self._by_initial, FUZZY_CUTOFF, limit, 1.0)
        if max(best.values(), default=0.0) >= SOUND_SKIP:
            return sorted(best.items(), key=lambda item: -item[1])
        if self._by_sound is None:
            self._by_sound = _by_initial(
                (self.analyzer.sound_key(word), word) for word in self._candidates
            )
        heard = _closest(
            self.analyzer.sound_key(word), self._by_sound, SOUND_CUTOFF, limit, SOUND_PENALTY
        )
        for candidate, similarity in heard.items():
            best[candidate] = max(best.get(candidate, 0.0), similarity)
        return sorted(best.items(), key=lambda item: -item[1])[:limit]


class _Either:
    """Words of the guide, or everyday words of at least ``least`` letters."""

    def __init__(self, known: Container[str], general: Container[str], least: int = MIN_PART):
        self.known, self.general, self.least = known, general, least

    def __contains__(self, word: object) -> bool:
        if word in self.known:
            return True
        return isinstance(word, str) and len(word) >= self.least and word in self.general


def _by_initial(pairs: Iterable[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """(compared form, word) pairs grouped by the first letter of the compared form."""
    buckets: dict[str, list[tuple[str, str]]] = {}
    for form, word in pairs:
        buckets.setdefault(form[:1], []).append((form, word))
    return buckets


def _closest(
    form: str, buckets: dict[str, list[tuple[str, str]]], cutoff: float, limit: int, weight: float
) -> dict[str, float]:
    """Words whose compared form is most like ``form``, as word -> weighted similarity."""
    bucket = buckets.get(form[:1], [])
    found = process.extract(
        form, [f for f, _ in bucket], scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit
    )
    return {bucket[index][1]: weight * score / 100 for _, score, index in found}
