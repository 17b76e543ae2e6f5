"""Which other guide the person asks for: "open the kettle guide", "switch to the router guide",
or just a title when asked "which one?". Pure: the engine gets the other guides as ``GuideRef``
values and returns the chosen name; the session opens it.

Matching is fuzzy (rapidfuzz ``WRatio``) on the title and on the name with its dots and dashes
read as spaces, so "the router", "wifi router" and "router reset" all find "How to reset your
home Wi-Fi router". Two guides scoring within ``TIE_MARGIN`` of each other are both returned, so
the engine asks back; the guide's own language breaks such a tie (amazon-chat.en/.nl).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

MIN_SCORE = 80.0
"""Below this nothing fits: the utterance is taken for a question about the current guide."""
UNASKED_SCORE = 90.0
"""The bar for 'open ...'/'go to ...' that does not say "guide": questions start like that too
("go to my chat?"), so only a near-exact title or name switches guides."""
TIE_MARGIN = 5.0
"""Guides scoring within this of the best one fit as well: ask which."""

OPEN_WORDS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"^(?:please\s+)?(?:open|switch\s+to|change\s+to|load|use|start|go\s+to)"
        r"(?:\s+the)?\s+(?P<title>.+?)(?:\s+guide)?[.!?]*$"
    ),
    "nl": re.compile(
        r"^(?:open|wissel\s+naar|schakel\s+over\s+naar|ga\s+naar|start|gebruik)"
        r"(?:\s+de|\s+het)?\s+(?P<title>.+?)(?:\s*(?:handleiding|gids))?[.!?]*$"
    ),
}
"""How a request to open another guide starts, per language; the rest is the title."""


GUIDE_WORDS = frozenset({"guide", "handleiding", "gids"})
"""A request that says one of these is about a guide, not about something in this one."""


@dataclass(frozen=True)
class GuideRef:
    """Another guide the person can switch to, as the engine knows it."""

    name: str
    """What the session opens (``voice-guide NAME``): ``router-reset.en``."""
    title: str
    language: str
    """BCP 47 tag; breaks a tie in favour of the current guide's language."""


def requested_title(utterance: str, lang: str) -> str | None:
    """The title in "open the X guide" (the guide's language, else English); else ``None``."""
    text = " ".join(utterance.casefold().split())
    for pattern in (OPEN_WORDS.get(lang), OPEN_WORDS["en"]):
        found = pattern.match(text) if pattern else None
        if found:
            return found.group("title")
    return None


def says_guide(utterance: str) -> bool:
    """Whether the utterance names a guide as such ("the router guide")."""
    return not GUIDE_WORDS.isdisjoint(re.findall(r"\w+", utterance.casefold()))


def fitting_guides(
    text: str, refs: Sequence[GuideRef], lang: str, min_score: float = MIN_SCORE
) -> tuple[GuideRef, ...]:
    """The guides ``text`` names: one, several (ask which), or none."""
    if len(utils.default_process(text)) < 3:  # "a", "it": every title contains those
        return ()
    scored = [(_score(text, ref), ref) for ref in refs]
    best = max((score for score, _ in scored), default=0.0)
    if best < min_score:
        return ()
    fit = [ref for score, ref in scored if score >= best - TIE_MARGIN]
    same_language = [ref for ref in fit if ref.language.split("-")[0].lower() == lang]
    return tuple(same_language if len(same_language) == 1 else fit)


def chosen_guides(text: str, refs: Sequence[GuideRef], lang: str) -> tuple[GuideRef, ...]:
    """The answer to "which one?": a fuzzy title as for ``fitting_guides``, else the listed
    guides whose title or name shares a word with the answer ("the eggs one, please" -> "Soft-
    boiled eggs"). Only here, among guides just offered, is one shared word enough."""
    fit = fitting_guides(text, refs, lang)
    if fit:
        return fit
    said = _words(text) - CHOICE_FILLERS
    sharing = [ref for ref in refs if said & (_words(ref.title) | _words(ref.name))]
    same_language = [ref for ref in sharing if ref.language.split("-")[0].lower() == lang]
    return tuple(same_language if len(same_language) == 1 else sharing)


CHOICE_FILLERS = frozenset(
    """the a an one that this please guide open want like would i id me take
    de het een die dat deze graag handleiding gids wil ik doe maar""".split()
)
"""Words of an answer to "which one?" that name no guide."""


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", text.casefold()) if len(word) > 2}


def titles_text(refs: Sequence[GuideRef], or_word: str) -> str:
    """'A, B or C': the titles to read out, without their closing full stops."""
    titles = [ref.title.strip().rstrip(".") for ref in refs]
    if len(titles) < 2:
        return "".join(titles)
    return f"{', '.join(titles[:-1])} {or_word} {titles[-1]}"


def _score(text: str, ref: GuideRef) -> float:
    name = re.sub(r"[._-]+", " ", ref.name)
    return max(
        fuzz.WRatio(text, candidate, processor=utils.default_process)
        for candidate in (ref.title, name)
    )
