"""Built-in command phrases, fillers and number words for English and Dutch.

Kept apart from the parsing code so that adding a language is adding data, not logic. Phrases are
written as people say them; they are normalised (and fillers removed) when a vocabulary is built.
"""

from __future__ import annotations

from voice.language.intents import Intent
from voice.language.phrases_en import PHRASES_EN
from voice.language.phrases_nl import PHRASES_NL

PHRASES: dict[str, dict[Intent, tuple[str, ...]]] = {"en": PHRASES_EN, "nl": PHRASES_NL}
"""Command phrases per language (``phrases_en``, ``phrases_nl``)."""

FILLERS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "okay ok please um uh er erm so well hey guide just you alright "
        "then can could would will let's lets me the a".split()
    ),
    "nl": frozenset(
        "oké oke ok okay graag alsjeblieft alstublieft even eh uh ehm nou dan maar hoor toch "
        "je de het kun kunt u wil ik wilt zou jij".split()
    ),
}
"""Words dropped before matching, from both the utterance and the phrases (so 'go to the step'
and 'go to step' are the same)."""

CARDINALS: dict[str, tuple[str, ...]] = {
    "en": tuple(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    ),
    "nl": tuple(
        "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
        "vijftien zestien zeventien achttien negentien twintig".split()
    ),
}
ORDINALS: dict[str, tuple[str, ...]] = {
    "en": tuple(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
        "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
        "nineteenth twentieth".split()
    ),
    "nl": tuple(
        "nulde eerste tweede derde vierde vijfde zesde zevende achtste negende tiende "
        "elfde twaalfde dertiende veertiende vijftiende zestiende zeventiende achttiende "
        "negentiende twintigste".split()
    ),
}
STEP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("step go to jump skip take read show number move goto".split()),
    "nl": frozenset("stap ga naar spring sla over lees toon nummer neem ga".split()),
}
"""Words allowed around a number in a 'go to step N' command."""
STEP_NOUN: dict[str, str] = {"en": "step", "nl": "stap"}
