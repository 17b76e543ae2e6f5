"""The tuning constants of the question matcher, in one frozen value.

Every number here was set on the development sets in ``tests/data`` (see
``benchmarks/bench_questions``); keeping them together is what lets a benchmark or a test try
another setting without editing code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MatcherConfig:
    """Field weights, thresholds and limits of the lexical matcher."""

    phrase: float = 1.0
    """Weight of a FAQ question, an ``also`` phrasing or a step title."""
    body: float = 0.7
    """Weight of a FAQ answer or a step text: they mention much that they do not answer."""
    tip: float = 0.5
    """Weight of a tip's words lent to the FAQ entry or step it is closest to."""
    text: float = 0.85
    """Weight of the words of a tip or a sentence of prose in its own target."""
    tip_factor: float = 0.9
    """Confidence multiplier of a tip: FAQ entries and steps come first."""
    prose_factor: float = 0.6
    """Confidence multiplier of a sentence of the introduction, summary or conclusion."""
    complete_factor: float = 1.0
    """Confidence multiplier of a tip or a sentence of prose that holds every word of a
    question of two words or more."""
    how_step: float = 0.05
    """Lead, as a share of its confidence, that a step gets in the ranking (not in the
    confidence) of a question that opens with a how-word: such a question asks for a
    procedure."""
    tip_link: float = 0.3
    """Least confidence for a tip to be attached to an answer; tips below it are left out."""
    unknown: float = 1.0
    """IDF of a word the guide does not know, as a share of the rarest known term's IDF."""
    rare_zipf: float = 4.5
    """Zipf frequency up to which an unknown word weighs in full: "joke" (4.5) still tells that
    a question is about something else."""
    common_zipf: float = 6.5
    """Zipf frequency from which an unknown word weighs least ("much", "put")."""
    common_weight: float = 0.2
    """Least share of ``unknown`` that an everyday unknown word still weighs."""
    related_zipf: float = 5.5
    """Zipf frequency from which a word's related words are not looked up: the everyday verbs
    ("take", "go") relate to too much."""
    related: float = 0.6
    """Similarity of a related word (synonym, similar or derived word) to the guide term."""
    form: float = 1.0
    """Similarity of a word to a guide word with the same base form ("trager", "traag",
    "gebroken", "breken"): the same word, inflected."""
    floor: float = 0.5
    """Share of the question coverage that counts even when little of the target's question
    was said."""
    evidence: float = 3.0
    """Matched IDF mass, in rare-word units, that counts as fully said without the target's
    question."""
    modifier: float = 0.5
    """Weight of the first part of a compound whose head is a guide word ("amandel" of
    "amandelmelk"), as a share of the weight it would have alone: the compound is a kind of
    the guide's thing."""
    sure: float = 0.65
    """Confidence from which the engine answers without asking back."""
    maybe: float = 0.42
    """Confidence below which a question with a foreign word is out of scope."""
    more_foreign: float = 0.1
    """Confidence added to ``maybe`` for each foreign word after the first."""
    maybe_known: float = 0.38
    """Confidence below which a typed question made of words the guide knows (or words like
    them) is out of scope: such a question is more likely about the guide. Not for recognised
    speech: a recogniser decoding with the guide's language model forces any speech into the
    guide's words, so there they are no sign of a question about the guide."""
    agree: float = 0.1
    """Confidence taken off ``maybe_known`` when two or more words of a typed question meet in
    the best target: words that meet by chance rarely come in pairs, so such a question is
    about that target even when it is worded away from the guide ("how do i get rid of lumps
    in the batter")."""
    foreign: float = 0.7
    """Rarity (share of an unknown word's full weight) from which an unknown word without a
    related word or a close look-alike in the guide is foreign to it."""
    close_look_alike: float = 0.85
    """Spelling or sound similarity from which a look-alike makes a word not foreign: a
    recogniser's "cat" for "chat" is not a question about cats."""
    margin: float = 0.1
    """Lead over the runner-up needed to be sure; closer calls are asked back."""
    cue: float = 1.2
    """Weight of the kind of answer asked for ("how long": a duration, "how do I stop": a way to
    avoid), as a share of its IDF: set on the development sets with their blind rows, where
    the form of a question tells more than in its authors' own."""
    candidates: int = 8
    """Targets ranked by coverage that get the full confidence computed."""


DEFAULT_CONFIG = MatcherConfig()
"""The setting the benchmarks report and the engine uses."""
