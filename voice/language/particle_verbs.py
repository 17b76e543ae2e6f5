"""Dutch separable verbs split over a clause: "draai de pannenkoek om" is "omdraaien".

In a Dutch main clause the particle of a separable verb goes to the end ("keer de pannenkoek dan
om", "vries ze in"), while a question or a heading may say the whole verb ("wanneer moet ik
omkeren"). The verb and its particle are joined again ("omkeer"), which is how the stemmer
reads the whole verb, so both ways of saying it meet. The verb is the first meaningful word of
the clause: guides give instructions (the verb first) and questions put it after the question
word ("wanneer draai ik ..."). A word that is no verb joins into a word nothing else says.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass

from voice.language.form_lists import CLAUSE_WORDS, PRONOMINAL, SEPARABLE

CLAUSE_MARKS = re.compile(r"[.,;:!?()\n]+")
"""Punctuation that ends a clause."""


@dataclass(frozen=True)
class ParticleVerb:
    """A separable verb whose particle ends its clause."""

    verb: str
    """The verb as said ("draai")."""
    particle: str
    """The word that holds the particle ("om", or "erin" for "in")."""
    joined: str
    """Particle and verb as one word ("omdraai"), as the stemmer reads the whole verb."""


def clauses(text: str) -> list[str]:
    """The text cut at punctuation that ends a clause."""
    return [part for part in CLAUSE_MARKS.split(text) if part.strip()]


def particle_verbs(lang: str, words: Sequence[str], stop: Container[str]) -> list[ParticleVerb]:
    """The separable verbs of one clause's words (cut again at conjunctions)."""
    if lang not in SEPARABLE:
        return []
    found: list[ParticleVerb] = []
    start = 0
    ends = CLAUSE_WORDS.get(lang, ())
    for i in range(len(words) + 1):
        if i == len(words) or words[i] in ends:
            verb = _in_clause(lang, words[start:i], stop)
            if verb is not None:
                found.append(verb)
            start = i + 1
    return found


def _in_clause(lang: str, clause: Sequence[str], stop: Container[str]) -> ParticleVerb | None:
    if len(clause) < 2:
        return None
    particle = _particle(lang, clause[-1])
    if particle is None:
        return None
    verb = next((word for word in clause[:-1] if word not in stop and word.isalpha()), None)
    return ParticleVerb(verb, clause[-1], particle + verb) if verb else None


def _particle(lang: str, word: str) -> str | None:
    """The particle a word is or holds: "om" -> "om", "erin" -> "in"."""
    particles = SEPARABLE[lang]
    if word in particles:
        return word
    for front in PRONOMINAL.get(lang, ()):
        if word.startswith(front) and word[len(front) :] in particles:
            return word[len(front) :]
    return None
