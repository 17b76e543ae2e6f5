"""``--audio-out DIR``: every spoken reply also lands in a numbered 16-bit PCM WAV file.

Numbering continues after the files already in the directory, so a second session does not
overwrite the first one's replies and a directory listing reads in speaking order.
"""

from __future__ import annotations

import re
from pathlib import Path

from voice.audio.pcm import Clip
from voice.audio.pcm import write_wav as write_clip
from voice.errors import BadInputError

PREFIX = "reply-"
_NUMBERED = re.compile(rf"^{PREFIX}(\d+)\.wav$")


class AudioOutError(BadInputError):
    """The ``--audio-out`` directory cannot be created or written."""


class WavDirectory:
    """Hands out ``reply-0001.wav``, ``reply-0002.wav``... in one directory."""

    def __init__(self, path: Path) -> None:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise AudioOutError(f"cannot create --audio-out directory {path}: {err}") from err
        self.path = path
        self._last = max((_number(p.name) for p in path.iterdir()), default=0)

    def next_path(self) -> Path:
        """The next free numbered file name (the file itself is written later)."""
        self._last += 1
        return self.path / f"{PREFIX}{self._last:04d}.wav"


def _number(name: str) -> int:
    match = _NUMBERED.match(name)
    return int(match.group(1)) if match else 0


def write_wav(path: Path, pcm: bytes, rate: int) -> None:
    """Write mono 16-bit little-endian PCM; a partial file is never left behind under ``path``."""
    partial = path.with_name(path.name + ".part")
    try:
        write_clip(partial, Clip(pcm, rate))
        partial.replace(path)
    except OSError as err:
        raise AudioOutError(f"cannot write {path}: {err}") from err
