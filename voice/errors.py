"""One error hierarchy, so the CLI can turn any expected failure into one clear line.

Two families, told apart by what the caller must do:

- ``BadInputError``: the person gave something unusable (a missing or invalid file, a bad option
  value, an unknown voice, corrupt or empty audio, a model path that does not exist). The run
  ends with one line naming the thing, and exit code 2.
- ``UnavailableError``: a device or engine is not there or stopped working (no microphone, no
  sound server, no speech model installed). The session goes on in text mode and says why in one
  line.
"""

from __future__ import annotations

from dataclasses import dataclass


class VoiceGuideError(Exception):
    """Base of every error the program expects and reports without a traceback."""


class BadInputError(VoiceGuideError):
    """Input from the person cannot be used: one line naming it, exit code 2, nothing lost."""


class UnavailableError(VoiceGuideError):
    """A device or engine is missing or failed: fall back to text mode, saying why in one line."""


@dataclass(frozen=True)
class Location:
    """Where in a script file a problem sits, for messages like ``x.yaml:14: steps[2].title``."""

    file: str
    line: int | None = None
    """1-based line number, when the problem can be pinned to one."""
    field: str | None = None
    """Field path such as ``steps[2].title``; ``None`` for file-level problems."""

    def __str__(self) -> str:
        text = self.file if self.line is None else f"{self.file}:{self.line}"
        return text if self.field is None else f"{text}: {self.field}"


class GuideError(BadInputError):
    """A guide script file cannot be used; ``problems`` lists every issue found, in line order."""

    def __init__(self, problems: list[tuple[Location, str]], lead: int = 0) -> None:
        self.problems = problems
        self.lead = lead
        """Index of the most useful problem, the one a one-line report shows (a typo such as
        ``stepz`` rather than the ``steps: missing`` it causes)."""
        super().__init__("\n".join(f"{loc}: {msg}" for loc, msg in problems))

    @property
    def headline(self) -> str:
        """The most useful problem as one line."""
        location, message = self.problems[self.lead]
        return f"{location}: {message}"

    @classmethod
    def single(cls, location: Location, message: str) -> GuideError:
        return cls([(location, message)])


class OptionError(BadInputError):
    """An option has a value that cannot be used (``--rate -5``, ``--voice klingon``)."""


class SpeechError(UnavailableError):
    """Speech input or output is unavailable or failed; the session goes on in text mode."""


class ModelError(UnavailableError):
    """A speech model is not installed, will not load, or is for another language; or fetching
    one failed. A model path the person typed that holds no model is bad input instead
    (``voice.speech_in.model_discovery.ModelNotFoundError``)."""


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 step``, ``2 steps``, ``0 questions``: every count a message prints goes through here."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def human_size(size: int) -> str:
    """``4194304`` -> ``4.0 MiB``: sizes in messages are read by people, not parsers."""
    if size < 1024:
        return plural(size, "byte")
    value = float(size)
    for unit in ("KiB", "MiB", "GiB"):
        value /= 1024
        if value < 1024 or unit == "GiB":
            break
    return f"{value:.1f} {unit}"
