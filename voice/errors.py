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
    """A guide script file cannot be used; ``problems`` lists every issue found, first one first."""

    def __init__(self, problems: list[tuple[Location, str]]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{loc}: {msg}" for loc, msg in problems))

    @classmethod
    def single(cls, location: Location, message: str) -> GuideError:
        return cls([(location, message)])


class SpeechError(UnavailableError):
    """Speech input or output is unavailable or failed; the session goes on in text mode."""


class ModelError(VoiceGuideError):
    """A speech model is missing, corrupt, or for the wrong language."""
