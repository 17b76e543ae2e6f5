"""The guide model: what a script file describes, independent of YAML, audio or the terminal."""

from __future__ import annotations

from dataclasses import dataclass, field

from voice.language.durations import Duration


@dataclass(frozen=True)
class Step:
    """One numbered step; its number is its 1-based position in ``Guide.steps``."""

    title: str
    text: str
    time: Duration | None = None
    """How long the step takes or waits ("boil for six minutes"); what 'start the timer' times."""


@dataclass(frozen=True)
class Need:
    """Something to have at hand before starting: a supply (eggs) or a tool (a saucepan)."""

    name: str
    amount: str = ""
    """How much, as written ("4", "500 g"); empty when it goes without saying."""
    tool: bool = False
    """A tool is used and kept (a saucepan); a supply is used up (eggs)."""

    @property
    def spoken(self) -> str:
        """The need as read aloud: amount, then name ("4 eggs")."""
        return f"{self.amount} {self.name}" if self.amount else self.name


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
    needs: tuple[Need, ...] = ()
    """Supplies and tools, read on 'what do I need'."""
    time: Duration | None = None
    """How long the whole guide takes, read on 'how long does it take'."""
    source: str = "<memory>"
    """Where the guide was loaded from, for messages."""

    @property
    def lang(self) -> str:
        """Primary language subtag, lower case: the key for vocabularies and voices."""
        return self.language.split("-")[0].lower()

    def faq_by_id(self, faq_id: str) -> FaqEntry | None:
        return next((entry for entry in self.faq if entry.id == faq_id), None)
