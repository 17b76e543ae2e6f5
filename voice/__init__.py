"""voice-guide: an offline voice assistant that walks a person through a how-to guide."""

from .errors import ScriptError, VoiceGuideError
from .guide import FaqEntry, Guide, Step
from .intents import Command, Intent
from .script_file import load_script, parse_script

__all__ = [
    "Command",
    "FaqEntry",
    "Guide",
    "Intent",
    "ScriptError",
    "Step",
    "VoiceGuideError",
    "load_script",
    "parse_script",
]
__version__ = "0.1.0"
