"""Expand a question into slots: each meaningful word with the guide terms it may stand for.

A word the guide knows stands for its own term. A word it does not know is first split or joined
("contactknop", "trans script"), then replaced by the guide words it looks or sounds like, each
with its similarity; a word with no look-alike still counts, as a rare word nobody answers, so
that a question about something else stays low.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from voice.language.particle_verbs import ParticleVerb
from voice.language.question_kinds import KIND
from voice.language.word_forms import infinitives
from voice.questions.index import COMPOUNDING, QuestionIndex

MIN_COMPOUND = 7
"""Shorter words are not split into everyday words: "often" is no "of" + "ten"."""
LINKS = ("", "s", "e", "en")
"""Linking sounds between the parts of a compound, longest split first."""


@dataclass(frozen=True)
class Slot:
    """One meaningful word of a question: the terms it may stand for, with similarity."""

    word: str
    """The word as said; a word said twice is one slot."""
    options: tuple[tuple[str, float], ...]
    """(term, similarity in [0, 1]); empty for a word the guide does not know at all."""
    idf: float
    """How much the word tells: its term's IDF, or the best of its options'."""
    foreign: bool = False
    """A rare word the guide does not know that can name a thing (a noun or a name), with no
    related word and no close look-alike in it: the sign of a question about something else
    ("how do I make waffles")."""

    @property
    def kind(self) -> bool:
        """The slot is a kind of answer asked for ("#duration"), not a word said."""
        return self.word.startswith(KIND)

    def held(self, terms: Container[str]) -> bool:
        """Whether a target with these terms holds one of the slot's options."""
        return any(term in terms for term, _ in self.options)


def expand(
    index: QuestionIndex,
    words: list[str],
    numbers: Mapping[str, str] | None = None,
    spoken: bool = True,
) -> list[Slot]:
    """The question as weighted term options; unknown words get their look-alikes. A number
    said as a word (``numbers``: digits -> word) may also be read as that word. In typed text
    (not ``spoken``) an everyday word gets no look-alikes: it was typed as meant, where a
    recogniser may have misheard a guide word as an everyday one ("cat" for "chat")."""
    lexicon, idf = index.lexicon, index.idf
    expanded: list[str] = []
    modifiers: set[str] = set()
    for word in lexicon.join(words):
        known = word in lexicon.known
        parts = lexicon.split(word) or (None if known else _general_split(index, word))
        expanded.extend(([word] if known or not parts else []) + (parts or []))
        if parts and not known and parts[-1] in lexicon.known:
            modifiers.update(part for part in parts[:-1] if part not in lexicon.known)
    modifiers.update(_open_modifiers(index, expanded))
    slots: list[Slot] = []
    numbers = numbers or {}
    for token in index.analyzer.tokens(expanded):
        reading = _number_word(index, token.term, numbers.get(token.surface, ""))
        if reading is not None:
            slots.append(reading)
        elif token.term in idf:
            slots.append(Slot(token.surface, ((token.term, 1.0),), idf[token.term]))
        elif token.surface in modifiers:
            slots.append(_modifier(index, _repair(index, token.surface, spoken)))
        else:
            slots.append(_repair(index, token.surface, spoken))
    return list(dict.fromkeys(slots))  # a word said twice is no more evidence


def with_particle_verbs(
    index: QuestionIndex, words: list[str], verbs: Sequence[ParticleVerb]
) -> list[str]:
    """The question's words with each separable verb said whole, when the whole verb meets
    the guide by its term, a base form or a related word ("wanneer keer ik hem om" ->
    "wanneer omkeer ik hem" where the guide says "omkeren"): the particle changes the meaning,
    so the whole verb is what was asked. The infinitive is tried too ("omdraaien"): it is
    the form the related-word table knows. Kept apart otherwise: the first word of a clause
    need not be a verb, and the guide may know the verb alone. Forms without the particle do
    not count: they are the verb alone ("wegchatsessieen" is no "chatsessie")."""
    out = list(words)
    for verb in verbs:
        if verb.verb not in out or verb.particle not in out:
            continue
        lang, particle = index.analyzer.lang, verb.joined[: -len(verb.verb)]
        whole = (verb.joined, *infinitives(lang, verb.joined))
        meets = next((word for word in whole if _word_terms(index, word, particle)), None)
        if meets is not None:
            out[out.index(verb.verb)] = meets
            del out[len(out) - 1 - out[::-1].index(verb.particle)]
    return out


def _number_word(index: QuestionIndex, digits: str, word: str) -> Slot | None:
    """A number said as a word that is also a word the guide knows by its stem or base form
    ("moet ik de bloem zeven": "to sieve", the guide's "zeef"): one slot with both readings,
    the number's only when the guide has that number. ``None`` when the guide knows no other
    reading, so that "zeven minuten" stays a number. The guide decides because nothing in a
    short question tells the readings apart better than what the guide is about."""
    if not word:
        return None
    options = _word_terms(index, word)
    if not options:
        return None
    if digits in index.idf:
        options[digits] = 1.0
    return Slot(word, tuple(options.items()), max(index.idf[term] for term in options))


def _word_terms(index: QuestionIndex, word: str, start: str = "") -> dict[str, float]:
    """Guide terms a word stands for by its stem, or else by its base forms (those that begin
    with ``start``) and related words."""
    term = index.analyzer.term(word)
    if term in index.idf:
        return {term: 1.0}
    return _related_and_forms(index, word, start)


def _related_and_forms(index: QuestionIndex, word: str, start: str = "") -> dict[str, float]:
    """Guide terms of a word's related words and of the guide words that share a base form with
    it (forms that begin with ``start``), each with its similarity."""
    options = _related(index, word, start)
    for form in index.analyzer.base_forms(word):
        for term in index.forms.get(form, ()) if form.startswith(start) else ():
            options[term] = max(index.config.form, options.get(term, 0.0))
    return options


def _modifier(index: QuestionIndex, slot: Slot) -> Slot:
    """The first part of a compound whose head is a guide word ("amandel" of "amandelmelk"):
    the compound is a kind of the guide's thing, so the part weighs less and is not foreign."""
    return Slot(slot.word, slot.options, slot.idf * index.config.modifier)


def _open_modifiers(index: QuestionIndex, words: list[str]) -> set[str]:
    """In a language that writes compounds apart, an unknown word right before a guide word
    is the first part of an open compound ("almond milk", English for "amandelmelk"), or a word
    that says which of the guide's things ("leftover pancakes"): a modifier, as the first part
    of a closed compound is (see ``_modifier``)."""
    if index.analyzer.lang in COMPOUNDING:
        return set()
    known, stop = index.lexicon.known, index.analyzer.stop_words
    return {
        word
        for word, head in pairwise(words)
        if word not in known and word not in stop and head in known and head not in stop
    }


def kind_slots(index: QuestionIndex, kinds: set[str]) -> list[Slot]:
    """A slot per kind of answer asked for ("how long" -> "#duration"), when the guide has
    answers of that kind: a guide without durations does not make the question less likely."""
    weight = index.config.cue
    return [
        Slot(kind, ((kind, 1.0),), weight * index.idf[kind])
        for kind in sorted(kinds)
        if kind in index.idf
    ]


def _general_split(index: QuestionIndex, word: str) -> list[str] | None:
    """A compound the guide does not know, split into a guide word and another word: the last
    part is the one that names the thing ("amandelmelk" -> "amandel melk"), or the first is a
    guide word and the rest an everyday word ("ontkalkingslampje" -> "ontkalking lampje")."""
    known, general = index.lexicon.known, index.zipf
    if word in general:  # an everyday word is no compound, unless it is known to be one
        return _everyday_split(index, word)
    if len(word) < MIN_COMPOUND:
        return None
    for cut in range(len(word) - 3, 2, -1):
        head, tail = word[:cut], word[cut:]
        for link in LINKS:
            stem = head[: len(head) - len(link)] if link and head.endswith(link) else head
            if (link and stem == head) or len(stem) < 4 or len(tail) < 4:
                continue
            if tail in known or (stem in known and tail in general):
                return [stem, tail]
    return None


def _everyday_split(index: QuestionIndex, word: str) -> list[str] | None:
    """An everyday compound ("saucepan") the guide does not say, as its parts, of which the
    guide may say the head ("pan"). Not a word the guide says in another form ("pancake" of
    "pancakes"): that meets the guide as it is."""
    if index.analyzer.term(word) in index.idf:
        return None
    return index.lexicon.everyday_parts(word)


def _repair(index: QuestionIndex, word: str, spoken: bool = True) -> Slot:
    """A word the guide does not know: its related words and look-alikes that it does know
    (look-alikes of an everyday word only when it was ``spoken``)."""
    options = _related_and_forms(index, word)
    related = bool(options)
    typed = not spoken and word in index.zipf
    for candidate, similarity in () if typed else index.lexicon.near(word):
        term = index.analyzer.term(candidate)
        if term in index.idf:
            options[term] = max(similarity, options.get(term, 0.0))
    rarity = _rarity(index, word)
    config = index.config
    close = max(options.values(), default=0.0) >= config.close_look_alike
    names_thing = word not in index.non_nouns  # "suddenly" tells how it is asked, not about what
    foreign = names_thing and not related and not close and rarity >= config.foreign
    own = index.unknown_idf * rarity
    if not options:
        return Slot(word, (), own, foreign)
    idf = max(index.idf[t] for t in options)
    if not close:  # a related word tells no more than the word itself: "goes" is everyday
        idf = min(idf, own)
    return Slot(word, tuple(options.items()), idf, foreign)


def _related(index: QuestionIndex, word: str, start: str = "") -> dict[str, float]:
    """Guide terms of the words related to ``word`` (or to its base forms that begin with
    ``start``), and of the guide words whose related words list it (``listed_by``)."""
    options: dict[str, float] = {}
    similarity = index.config.related
    if (_zipf(index, word) or 0.0) >= index.config.related_zipf:
        return options
    for form in index.analyzer.base_forms(word):
        for near in index.related.get(form, ()) if form.startswith(start) else ():
            term = index.analyzer.term(near)
            if term in index.idf:
                options[term] = similarity
        for term in index.listed_by.get(form, ()) if form.startswith(start) else ():
            options[term] = similarity
    return options


def _zipf(index: QuestionIndex, word: str) -> float | None:
    """How common a word is, or the most common of its base forms: "goes" is as everyday as
    "go", "times" as "time"."""
    found = [index.zipf[form] for form in index.analyzer.base_forms(word) if form in index.zipf]
    return max(found) if found else None


def _rarity(index: QuestionIndex, word: str) -> float:
    """How much an unknown word tells, in [common_weight, 1]: everyday words tell little."""
    zipf = _zipf(index, word)
    if zipf is None:
        return 1.0
    config = index.config
    share = (config.common_zipf - zipf) / (config.common_zipf - config.rare_zipf)
    return min(1.0, max(config.common_weight, share))


def foreign_count(slots: list[Slot]) -> int:
    """How many foreign words the question holds: each one more makes it likelier to be
    about something else ("the museum opens on sunday afternoon")."""
    return sum(slot.foreign for slot in slots)
