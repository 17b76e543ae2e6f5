"""The parts of a how-to article and the headings that announce them, in English and Dutch.

Both directions live here so that what the exporter writes is exactly what the importer reads:
the round trip import -> export -> import depends on it.
"""

from __future__ import annotations

import re
from enum import Enum


class Part(str, Enum):
    """Where text of an article goes in a guide."""

    INTRO = "intro"
    NEEDS = "needs"
    TOOLS = "tools"
    """Needs that are tools (a heading of their own: "Tools", "Gereedschap")."""
    STEPS = "steps"
    FINISH = "finish"
    TIPS = "tips"
    FAQ = "faq"
    SUMMARY = "summary"
    CONCLUSION = "conclusion"


HEADINGS: dict[Part, str] = {
    Part.NEEDS: r"(?:what |things )?you(?:['’]ll| will)? need\??|what you need\??|"
    r"ingredients|supplies|materials|shopping list|"
    r"wat (?:heb je|heeft u|hebt u) nodig\??|wat u nodig hebt|wat je nodig hebt|benodigdheden|"
    r"ingrediënten|ingredienten|boodschappenlijst|materialen",
    Part.TOOLS: r"tools|equipment|tools (?:and|&) equipment|what tools you need|"
    r"gereedschap|keukengerei|materiaal en gereedschap",
    Part.STEPS: r"steps?|instructions|step[- ]by[- ]step( instructions)?|how to do it|"
    r"stappen|instructies|stappenplan|stap voor stap|werkwijze",
    Part.FINISH: r"when you('re| are) done|done|result|what happens next|"
    r"klaar|als u klaar bent|als je klaar bent|resultaat|wat gebeurt er nu",
    Part.FAQ: r"faqs?|frequently asked questions( \(faqs?\))?|questions and answers|q ?& ?a|"
    r"common questions|veel ?gestelde vragen( \(faq\))?|vragen en antwoorden|"
    r"vragen",
    Part.SUMMARY: r"summary|in short|recap|tl;? ?dr|key takeaways|"
    r"samenvatting|kort samengevat|in het kort|overzicht",
    Part.CONCLUSION: r"conclusion|in conclusion|final thoughts|wrapping up|"
    r"conclusie|tot slot|slotwoord|afsluiting",
}
PATTERNS = {
    part: re.compile(rf"(?:{words})\s*:?", re.IGNORECASE) for part, words in HEADINGS.items()
}
TIPS = re.compile(
    r"(?:tips|tips (?:and|en) (?:tricks|trucs)|handige tips)\b\s*(?:[:–—-]\s*(.*))?", re.IGNORECASE
)
TIPS_FOR = re.compile(r"tips (?:for|voor|om|to)\b.*", re.IGNORECASE)

EXPORT_HEADINGS: dict[str, dict[Part, str]] = {
    "en": {
        Part.NEEDS: "What you need",
        Part.TOOLS: "Tools",
        Part.FINISH: "When you are done",
        Part.TIPS: "Tips",
        Part.FAQ: "Frequently asked questions",
        Part.SUMMARY: "Summary",
        Part.CONCLUSION: "Conclusion",
    },
    "nl": {
        Part.NEEDS: "Benodigdheden",
        Part.TOOLS: "Gereedschap",
        Part.FINISH: "Als u klaar bent",
        Part.TIPS: "Tips",
        Part.FAQ: "Veelgestelde vragen",
        Part.SUMMARY: "Samenvatting",
        Part.CONCLUSION: "Conclusie",
    },
}
STEP_WORD = {"en": "Step", "nl": "Stap"}


def heading_part(text: str) -> tuple[Part, str] | None:
    """The part a heading announces, with the tips title it carries; ``None`` for other text.

    ``"Tips: Better chats"`` -> ``(TIPS, "Better chats")``; a bare ``"Tips"`` has no title,
    and ``"Tips for better chats"`` is its own title.
    """
    text = text.strip().rstrip(":").strip()
    match = TIPS.fullmatch(text)
    if match:
        return Part.TIPS, (match.group(1) or "").strip()
    if TIPS_FOR.fullmatch(text) and not text.endswith((".", "!", "?")):
        return Part.TIPS, text
    for part, pattern in PATTERNS.items():
        if pattern.fullmatch(text):
            return part, ""
    return None


def export_heading(part: Part, lang: str) -> str:
    """The heading the exporters write for ``part``; English for languages we have no words for."""
    return EXPORT_HEADINGS.get(lang, EXPORT_HEADINGS["en"])[part]


def step_heading(number: int, title: str, lang: str) -> str:
    """``Step 3: Open the app`` in the guide's language."""
    return f"{STEP_WORD.get(lang, 'Step')} {number}: {title}"


def tips_heading(tips_title: str, lang: str) -> str:
    """The tips heading that reads back as the same ``tips_title``."""
    base = export_heading(Part.TIPS, lang)
    return f"{base}: {tips_title}" if tips_title else base
