"""Word-form data for ``word_forms``, per language: inflection and diminutive endings,
separable particles and spelling rules, the forms a dictionary lists a word under.

Kept as data, apart from the code in ``word_forms``, so a language is added by adding entries.
"""

from __future__ import annotations

BASE_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
    ),
    "nl": (
        ("ere", ""),
        ("er", ""),
        ("ste", ""),
        ("st", ""),
        ("en", ""),
        ("e", ""),
        ("s", ""),
        ("t", ""),
        ("d", ""),
    ),
}
"""Endings that a dictionary form does not have, and what replaces them: "descaled" ->
"descale", Dutch "trager" -> "trag" (-> "traag", see ``OPEN_SYLLABLES``), "drukt" -> "druk"."""

DIMINUTIVES: dict[str, tuple[tuple[str, str], ...]] = {
    "nl": (
        ("etjes", ""),
        ("tjes", ""),
        ("pjes", ""),
        ("kjes", "g"),
        ("jes", ""),
        ("etje", ""),
        ("tje", ""),
        ("pje", ""),
        ("kje", "g"),
        ("je", ""),
    ),
}
"""Dutch diminutive endings and what replaces them: "eitje" -> "ei", "lampje" -> "lamp",
"balletje" -> "ball" (-> "bal", see ``OPEN_SYLLABLES``), "koninkje" -> "koning"; with the
plural "s". A diminutive is the same thing, smaller: "een lopend eitje" asks about the guide's
"ei". The base may be two letters long ("ei"), unlike the base of ``BASE_ENDINGS``."""

FINAL_DEVOICING: dict[str, tuple[tuple[str, str], ...]] = {"nl": (("v", "f"), ("z", "s"))}
"""Dutch writes a "v" or "z" before a vowel as "f" or "s" at the end of a word: "zeven" is
"zeef" + "en", "vriezer" is "vries" + "er"."""

SEPARABLE: dict[str, tuple[str, ...]] = {
    "nl": (
        "aan",
        "af",
        "bij",
        "door",
        "in",
        "mee",
        "na",
        "om",
        "op",
        "over",
        "terug",
        "toe",
        "uit",
        "vast",
        "weg",
    ),
}
"""Separable verb particles: written before the verb in the infinitive ("omdraaien",
"invriezen") and after it, at the end of the clause, in a main clause ("draai hem om",
"vries ze in")."""

PARTICIPLES: dict[str, tuple[str, ...]] = {
    "nl": ("", "aan", "af", "door", "in", "mee", "na", "om", "op", "over", "toe", "uit", "weg"),
}
"""Dutch past participles: an optional separable particle, then "ge": "ingedrukt" -> "druk",
"opgelost" -> "los", so that "drukken" and "ingedrukt" meet."""

PARTICIPLE_MARK = "ge"
"""The prefix of a Dutch past participle ("gebroken", "ingedrukt")."""

OPEN_SYLLABLES = frozenset({"nl"})
"""Languages that write a long vowel single before a syllable and double at the end of a word:
Dutch "trager" is "traag" + "er"."""

PRONOMINAL: dict[str, tuple[str, ...]] = {"nl": ("er", "daar", "hier")}
"""Words that join a particle at the end of a clause: "doe het zout erin" holds "in"."""

CLAUSE_WORDS: dict[str, tuple[str, ...]] = {
    "nl": ("en", "of", "maar", "want", "zodat", "omdat", "tot", "totdat", "voordat", "nadat"),
}
"""Conjunctions that start a new clause: "dek de kom af en laat het rusten" is two clauses, so
the particle "af" ends the first."""

INFINITIVE: dict[str, str] = {"nl": "en"}
"""The ending of the infinitive, the form a dictionary lists a verb under ("draai" ->
"draaien"); ``word_forms.infinitives`` undoes the spelling rules of a stem before it."""
