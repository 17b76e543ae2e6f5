"""Installed TTS voices and the choice of one for a guide's language (BCP 47 tag).

Matching is pure so it is tested without a TTS engine: the Dutch guide (``nl``) must be read by
a Dutch voice even though espeak-ng names it ``gmw/nl`` and tags English ``en-gb``, ``en-us``,
``en-029``. Only ``installed_voices`` touches pyttsx3.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from voice.errors import OptionError, SpeechError

MIN_RATE, MAX_RATE = 80, 450
"""Speaking rates (words per minute) espeak-ng accepts; other drivers clip likewise."""


class UnknownVoiceError(OptionError):
    """``--voice NAME`` names no installed voice (bad input: reported, not papered over)."""


@dataclass(frozen=True)
class VoiceInfo:
    """One installed voice as the TTS driver describes it."""

    id: str
    """What the driver takes to select it (espeak-ng: ``gmw/nl``)."""
    name: str
    """Human-readable name (``Dutch``)."""
    languages: tuple[str, ...] = ()
    """BCP 47-ish tags the voice speaks (``nl``, ``en-gb``); may be empty on some drivers."""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "languages": list(self.languages)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VoiceInfo:
        return cls(str(data["id"]), str(data["name"]), tuple(data.get("languages") or ()))


def normalise_tag(tag: str) -> str:
    """``en_US`` / ``EN-us`` -> ``en-us``: drivers and script files spell tags differently."""
    return tag.strip().replace("_", "-").lower()


def match_score(voice: VoiceInfo, language: str) -> int:
    """How well ``voice`` fits ``language``: 3 exact tag, 2 plain language, 1 other region, 0 no."""
    wanted = normalise_tag(language)
    primary = wanted.split("-")[0]
    tags = [normalise_tag(tag) for tag in voice.languages] or [voice.id.rsplit("/", 1)[-1]]
    best = 0
    for tag in tags:
        if tag == wanted:
            return 3
        if tag == primary or voice.id.lower().rsplit("/", 1)[-1] == primary:
            best = max(best, 2)
        elif tag.split("-")[0] == primary:
            best = max(best, 1)
    return best


def matching_voices(voices: Iterable[VoiceInfo], language: str) -> list[VoiceInfo]:
    """Voices that speak ``language``, best first (ties: shorter tag, then driver order)."""
    scored = [(match_score(v, language), index, v) for index, v in enumerate(voices)]
    fitting = [item for item in scored if item[0] > 0]
    fitting.sort(
        key=lambda item: (-item[0], min((len(t) for t in item[2].languages), default=0), item[1])
    )
    return [voice for _, _, voice in fitting]


def find_voice(voices: Sequence[VoiceInfo], name: str) -> VoiceInfo:
    """The voice ``--voice NAME`` means: its id, name, or the id's last part, any case."""
    wanted = name.strip().lower()
    for voice in voices:
        if wanted in (voice.id.lower(), voice.name.lower(), voice.id.lower().rsplit("/", 1)[-1]):
            return voice
    hint = ", ".join(v.id for v in matching_voices(voices, wanted)[:5])
    suggestion = f" (voices for '{wanted}': {hint})" if hint else ""
    raise UnknownVoiceError(
        f"--voice {name}: no such voice installed{suggestion}; 'voice-guide voices' lists them"
    )


def pick_voice(
    voices: Sequence[VoiceInfo], language: str, override: str | None
) -> VoiceInfo | None:
    """``--voice`` if given, else the best voice for ``language``; ``None``: none speaks it."""
    if override:
        return find_voice(voices, override)
    best = matching_voices(voices, language)
    return best[0] if best else None


def check_rate(wpm: int) -> int:
    """``--rate WPM`` must be a rate the engine can speak at."""
    if not MIN_RATE <= wpm <= MAX_RATE:
        raise OptionError(f"--rate {wpm}: must be between {MIN_RATE} and {MAX_RATE} wpm")
    return wpm


def voices_from_engine(engine: Any) -> list[VoiceInfo]:
    """Read a pyttsx3 engine's voice list (its ``Voice`` objects are untyped)."""
    return [
        VoiceInfo(str(v.id), str(v.name or v.id), tuple(str(t) for t in (v.languages or ())))
        for v in engine.getProperty("voices")
    ]


def check_voice(name: str, driver: str | None = None) -> None:
    """``--voice NAME`` must name an installed voice, even when nothing will be spoken; without
    a working TTS engine there is nothing to check against (speech is off anyway)."""
    try:
        voices = installed_voices(driver)
    except SpeechError:
        return
    find_voice(voices, name)


PYTTSX3_MISSING = "spoken replies need pyttsx3 (pip install pyttsx3)"
"""Why there is no voice when pyttsx3 (a core dependency) is missing, with the fix."""


def installed_voices(driver: str | None = None) -> list[VoiceInfo]:
    """The voices pyttsx3 offers here; ``SpeechError`` when the driver cannot start."""
    try:
        import pyttsx3
    except ImportError as err:
        raise SpeechError(PYTTSX3_MISSING) from err
    try:
        return voices_from_engine(pyttsx3.init(driver))
    except Exception as err:  # any driver failure (ImportError, OSError, RuntimeError) means no TTS
        raise SpeechError(f"text-to-speech is not available ({type(err).__name__}: {err})") from err


def voice_lines(voices: Sequence[VoiceInfo], guides: dict[str, str]) -> list[str]:
    """One line per voice; the voice each guide would get and the other fitting ones are marked."""
    chosen = {name: pick_voice(voices, lang, None) for name, lang in guides.items()}
    width = max((len(v.id) for v in voices), default=0)
    lines = []
    for voice in voices:
        marks = [
            f"{'* default for' if chosen[name] == voice else 'matches'} {name} ({lang})"
            for name, lang in guides.items()
            if match_score(voice, lang)
        ]
        tags = ",".join(voice.languages)
        lines.append(f"{voice.id:<{width}}  {voice.name:<34} {tags:<16} {'; '.join(marks)}")
    return [line.rstrip() for line in lines]
