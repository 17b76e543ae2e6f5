"""Question forms of a language that ask for a kind of answer beyond a number: a reason ("why"),
a time or condition ("when"), the things one needs ("what do I need") and a replacement
("instead of eggs").

Facts of English and Dutch, not of any guide: a person asks "why", a text answers "because"; a
person asks "what can I use instead of eggs", a text says "without eggs" or "replace each egg".
Like ``word_lists`` this is data, with the few pure functions that read it; the kinds become terms
("#reason", "#instead:egg") that ``voice.questions`` indexes and matches like words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from voice.language.commands import normalise

KIND = "#"
"""Prefix of the term of a kind of answer ("#reason"): no stem or synonym starts with it."""
REASON = KIND + "reason"
TIME = KIND + "time"
NEEDS = KIND + "needs"
INSTEAD = KIND + "instead"
GOAL = KIND + "goal"
SUMMARY = KIND + "summary"
TIP = KIND + "tip"
T = TypeVar("T")
OPENING = 1
"""Last word position at which a question form counts: "why" and "when" open a question, and
"so why" may; "what happens when the light comes on" asks no time."""
REPLACED_SPAN = 2
"""Content words after "instead of" that may be what is replaced: "instead of cow's milk"."""

ASKS: dict[str, dict[str, str]] = {
    "en": {
        "why": REASON,
        "how come": REASON,
        "what for": REASON,
        "when": TIME,
        "what do i need": NEEDS,
        "what do you need": NEEDS,
        "what will i need": NEEDS,
        "what is needed": NEEDS,
        "what ingredients": NEEDS,
        "which ingredients": NEEDS,
        "what tools": NEEDS,
        "which tools": NEEDS,
        "what supplies": NEEDS,
        "what equipment": NEEDS,
        "what materials": NEEDS,
        "how do i stop": GOAL,
        "how can i stop": GOAL,
        "how do you stop": GOAL,
        "how do i prevent": GOAL,
        "how can i prevent": GOAL,
        "how do i avoid": GOAL,
        "how can i avoid": GOAL,
        "how do i make sure": GOAL,
        "how to stop": GOAL,
        "how to prevent": GOAL,
        "how to avoid": GOAL,
    },
    "nl": {
        "waarom": REASON,
        "waarvoor": REASON,
        "hoezo": REASON,
        "wanneer": TIME,
        "wat heb ik nodig": NEEDS,
        "wat heb je nodig": NEEDS,
        "wat hebben we nodig": NEEDS,
        "wat is er nodig": NEEDS,
        "welke ingrediënten": NEEDS,
        "welke benodigdheden": NEEDS,
        "welk gereedschap": NEEDS,
        "welke spullen": NEEDS,
        "welke materialen": NEEDS,
        "hoe voorkom ik": GOAL,
        "hoe voorkom je": GOAL,
        "hoe kan ik voorkomen": GOAL,
        "hoe zorg ik": GOAL,
        "hoe zorg je": GOAL,
    },
}
"""Question forms and the kind of answer they ask for; the words of the form go from the
question, the kind stands for them."""

REQUESTS: dict[str, dict[str, str]] = {
    "en": {
        "short version": SUMMARY,
        "quick version": SUMMARY,
        "in short": SUMMARY,
        "in brief": SUMMARY,
        "in a nutshell": SUMMARY,
        "sum up": SUMMARY,
        "sum it up": SUMMARY,
        "summarize": SUMMARY,
        "summarise": SUMMARY,
        "recap": SUMMARY,
        "overview": SUMMARY,
        "gist": SUMMARY,
        "tip": TIP,
        "tips": TIP,
        "advice": TIP,
        "trick": TIP,
        "tricks": TIP,
        "hint": TIP,
        "hints": TIP,
    },
    "nl": {
        "samenvatten": SUMMARY,
        "samenvatting": SUMMARY,
        "samengevat": SUMMARY,
        "in het kort": SUMMARY,
        "kort en bondig": SUMMARY,
        "in een notendop": SUMMARY,
        "overzicht": SUMMARY,
        "beknopt": SUMMARY,
        "tip": TIP,
        "tips": TIP,
        "advies": TIP,
        "trucje": TIP,
        "trucjes": TIP,
        "truc": TIP,
    },
}
"""Words that ask for a part of a guide wherever they stand ("can you give me the short
version", "any tips for peeling"): the summary, or a tip. A guide's summary and tips are its
own word on these, whatever their sentences say."""

NEED_FORMS: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    "en": (
        frozenset({"need", "needs"}),
        frozenset({"what", "which"}),
        frozenset({"anything", "else", "besides", "apart"}),
    ),
    "nl": (
        frozenset({"nodig"}),
        frozenset({"wat", "welke", "welk"}),
        frozenset({"iets", "behalve", "verder", "nog"}),
    ),
}
"""A question for the needs in other words than ``ASKS`` has them: a need word with a which-word
first ("what kitchen things do I need") or a word for more ("do I need anything besides
eggs", "heb ik behalve eieren nog iets nodig"): (need words, which-words, more-words)."""

MARKS: dict[str, dict[str, str]] = {
    "en": {
        "why": REASON,
        "because": REASON,
        "so that": REASON,
        "otherwise": REASON,
        "to prevent": REASON,
        "to avoid": REASON,
        "when": TIME,
        "after": TIME,
        "once": TIME,
        "as soon as": TIME,
        "until": TIME,
        "before": TIME,
        "need": NEEDS,
        "needs": NEEDS,
        "needed": NEEDS,
        "require": NEEDS,
        "requires": NEEDS,
        "required": NEEDS,
    },
    "nl": {
        "waarom": REASON,
        "omdat": REASON,
        "zodat": REASON,
        "anders": REASON,
        "doordat": REASON,
        "om te voorkomen": REASON,
        "wanneer": TIME,
        "zodra": TIME,
        "als": TIME,
        "nadat": TIME,
        "totdat": TIME,
        "voordat": TIME,
        "nodig": NEEDS,
        "benodigd": NEEDS,
        "benodigdheden": NEEDS,
    },
}
"""Words and phrases by which a text gives a kind of answer: "because" a reason, "as soon as"
a time, "need" the things one needs."""

GOAL_MARKS: dict[str, dict[str, str]] = {
    "en": {
        "so that": GOAL,
        "so they": GOAL,
        "so it": GOAL,
        "so you": GOAL,
        "to avoid": GOAL,
        "to prevent": GOAL,
        "prevents": GOAL,
        "avoid": GOAL,
        "otherwise": GOAL,
        "keep": GOAL,
    },
    "nl": {
        "zodat": GOAL,
        "om te voorkomen": GOAL,
        "voorkomt": GOAL,
        "voorkom": GOAL,
        "anders": GOAL,
        "houd": GOAL,
        "houden": GOAL,
    },
}
"""Words by which a text gives a way to reach or avoid an outcome ("lower them in slowly so
they do not crack", "keep them warm"): the answer to "how do I stop them cracking", "hoe
voorkom ik dat ze knappen". Apart from ``MARKS`` because "so that" gives a reason too."""

REPLACES: dict[str, dict[str, int]] = {
    "en": {
        "instead of": 1,
        "in place of": 1,
        "without": 1,
        "replace": 1,
        "substitute": 1,
        "substitute for": 1,
        "replacement for": 1,
        "have no": 1,
        "dont have": 1,
        "do not have": 1,
        "free": -1,
        "free of": 1,
    },
    "nl": {
        "in plaats van": 1,
        "zonder": 1,
        "vervang": 1,
        "vervangen": -1,
        "vervangt": 1,
        "vervanging voor": 1,
        "heb geen": 1,
        "hebt geen": 1,
        "hebben geen": 1,
        "vrij": -1,
        "vrij van": 1,
    },
}
"""Phrases that name a thing one does without, and where that thing stands: after the phrase
(1: "instead of eggs", "zonder eieren") or before it (-1: "eieren vervangen", "egg free")."""


def phrases(table: dict[str, dict[str, T]], lang: str) -> dict[tuple[str, ...], T]:
    """A table's phrases in one language as tuples of normalised words."""
    return {tuple(normalise(key).split()): value for key, value in table.get(lang, {}).items()}


def asks_needs(words: Sequence[str], lang: str) -> set[int]:
    """Where the words of a question for the needs are (``NEED_FORMS``); empty when it asks no
    such thing ("what do I need to do" asks for a step)."""
    need, which, more = NEED_FORMS.get(lang, (frozenset(), frozenset(), frozenset()))
    at = [i for i, word in enumerate(words) if word in need]
    if not at or words[at[0] + 1 : at[0] + 2] in (["to"], ["te"]):
        return set()
    extra = {i for i, word in enumerate(words) if word in more}
    if words[:1] and words[0] in which:
        return {0, at[0], *extra}
    return {at[0], *extra} if extra else set()


def find(words: Sequence[str], key: tuple[str, ...]) -> list[int]:
    """Where ``key`` starts in ``words``."""
    size = len(key)
    return [i for i in range(len(words) - size + 1) if tuple(words[i : i + size]) == key]


def marked(words: Sequence[str], marks: dict[tuple[str, ...], str]) -> set[str]:
    """The kinds of answer a text gives by its words ("because" -> "#reason")."""
    said = set(words)
    return {kind for key, kind in marks.items() if key[0] in said and find(words, key)}


def replaced(
    words: Sequence[str],
    forms: dict[tuple[str, ...], int],
    content: Callable[[str], bool],
    term: Callable[[str], str],
    span: int = REPLACED_SPAN,
) -> set[str]:
    """What a text or question does without, as terms: "instead of cow's milk" ->
    "#instead:cow" and "#instead:milk"; ``content`` tells a word that names a thing."""
    found: set[str] = set()
    said = set(words)
    for key, side in forms.items():
        if key[0] not in said:
            continue
        for i in find(words, key):
            after = words[i + len(key) :] if side > 0 else words[:i][::-1]
            found.update(f"{INSTEAD}:{term(thing)}" for thing in _things(after, content, span))
    return found


def _things(words: Sequence[str], content: Callable[[str], bool], span: int) -> list[str]:
    """The first run of at most ``span`` content words: "each egg with water" -> "egg"."""
    things: list[str] = []
    for word in words:
        if content(word):
            things.append(word)
        elif things:
            break
        if len(things) == span:
            break
    return things
