"""The guide model: what a script file describes, independent of YAML, audio or the terminal."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    """One numbered step; its number is its 1-based position in ``Guide.steps``."""

    title: str
    text: str


@dataclass(frozen=True)
class FaqEntry:
    """A question the guide answers, with other ways people phrase it."""

    id: str
    """Stable slug, used in the event log and in tests."""
    question: str
    answer: str
    also: tuple[str, ...] = ()
    """Other phrasings of the question, matched like the question itself."""


@dataclass(frozen=True)
class Guide:
    """A how-to guide: everything the dialog engine can read aloud."""

    id: str
    title: str
    language: str
    """BCP 47 tag (``en``, ``nl``, ``en-GB``); replies and vocabulary follow its primary subtag."""
    intro: str
    steps: tuple[Step, ...]
    tips: tuple[str, ...] = ()
    faq: tuple[FaqEntry, ...] = ()
    summary: tuple[str, ...] = ()
    conclusion: str = ""
    finish: str = ""
    """Read when the last step is done: what the person should expect now."""
    tips_title: str = ""
    """Heading of the tips section, read before the first tip."""
    commands: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Extra phrases per intent name, added to the built-in vocabulary of the language."""
    source: str = "<memory>"
    """Where the guide was loaded from, for messages."""

    @property
    def lang(self) -> str:
        """Primary language subtag, lower case: the key for vocabularies and voices."""
        return self.language.split("-")[0].lower()

    def faq_by_id(self, faq_id: str) -> FaqEntry | None:
        return next((entry for entry in self.faq if entry.id == faq_id), None)
