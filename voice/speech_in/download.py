"""Resumable HTTP download with a progress bar and size / checksum verification.

Model archives are tens of megabytes fetched over whatever connection a person has, so a broken
transfer keeps its ``.part`` file and the next attempt asks only for the missing bytes (HTTP
Range). Nothing is trusted until the whole file has the published size and checksum.
"""

from __future__ import annotations

import hashlib
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException, HTTPResponse
from pathlib import Path
from typing import BinaryIO, TextIO

from voice.errors import ModelError, human_size

CHUNK = 64 * 1024
TIMEOUT = 30.0
"""Seconds without data before a transfer counts as broken (then it is resumed or reported)."""


@dataclass(frozen=True)
class Expected:
    """What the published list says the file must be; ``None`` fields are not checked."""

    size: int | None = None
    """Size in bytes."""
    sha256: str | None = None
    """Lower-case hex SHA-256, preferred when the list gives it."""
    md5: str | None = None
    """Lower-case hex MD5: what the official vosk model list publishes."""


class ProgressBar:
    """A one-line bar on stderr; on a pipe it prints a line per quarter instead of redrawing."""

    def __init__(self, label: str, total: int | None, stream: TextIO | None = None) -> None:
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty()
        self._last_draw = 0.0
        self._last_quarter = 0

    def update(self, done: int) -> None:
        """Redraw at most ten times a second: a terminal cannot show more, a log should not."""
        if self.tty:
            now = time.monotonic()
            if now - self._last_draw >= 0.1 or done == self.total:
                self._last_draw = now
                self.stream.write("\r" + self.render(done))
                self.stream.flush()
        elif self.total:
            quarter = min(4, done * 4 // self.total)
            if quarter > self._last_quarter:
                self._last_quarter = quarter
                self.stream.write(self.render(done) + "\n")

    def render(self, done: int) -> str:
        mib = f"{done / 2**20:6.1f}"
        if not self.total:
            return f"{self.label}  {mib} MiB"
        frac = min(1.0, done / self.total)
        bar = "#" * int(frac * 30)
        return f"{self.label}  [{bar:<30}] {frac:4.0%} {mib}/{self.total / 2**20:.1f} MiB"

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def download(url: str, part: Path, expected: Expected, label: str, attempts: int = 3) -> Path:
    """Fetch ``url`` into ``part`` (resuming what is there), verify it, return the path.

    A broken transfer is resumed up to ``attempts`` times; after that the ``.part`` file stays
    for the next run. A file that fails verification is deleted: resuming it would never help.
    """
    part.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, attempts + 1):
        try:
            _transfer(url, part, expected.size, label)
            break
        except _Interrupted as err:
            if attempt == attempts:
                raise ModelError(
                    f"{label}: download interrupted at {human_size(_size(part))} ({err}); "
                    "run the same command again to resume"
                ) from err
    verify(part, expected, label)
    return part


class _Interrupted(Exception):
    """The connection broke mid-file; worth another (resumed) attempt."""


def _transfer(url: str, part: Path, size: int | None, label: str) -> None:
    have = _size(part)
    if size is not None and have >= size:
        return  # complete already (or too long: verification will reject it)
    request = urllib.request.Request(url, headers={"User-Agent": "voice-guide"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response = urllib.request.urlopen(request, timeout=TIMEOUT)
    except urllib.error.HTTPError as err:
        if err.code == 416 and have:
            return  # server says we have it all
        raise ModelError(f"{label}: {url}: HTTP {err.code} {err.reason}") from err
    except (urllib.error.URLError, OSError) as err:
        raise ModelError(f"{label}: cannot reach {url}: {_reason(err)}") from err
    with response:
        resumed = have > 0 and response.status == 206
        total = size if size is not None else _total(response, have if resumed else 0)
        with part.open("ab" if resumed else "wb") as out:
            _copy(response, out, ProgressBar(label, total), have if resumed else 0)


def _copy(response: HTTPResponse, out: BinaryIO, bar: ProgressBar, done: int) -> None:
    expected_end = response.length + done if response.length is not None else None
    try:
        while chunk := response.read(CHUNK):
            out.write(chunk)
            done += len(chunk)
            bar.update(done)
    except (HTTPException, OSError) as err:
        raise _Interrupted(str(err) or type(err).__name__) from err
    finally:
        bar.finish()
    if expected_end is not None and done < expected_end:
        raise _Interrupted(
            f"connection closed after {human_size(done)} of {human_size(expected_end)}"
        )


def verify(path: Path, expected: Expected, label: str) -> None:
    """Check size then checksum; a file that fails is removed so no later step can use it."""
    problem = _mismatch(path, expected)
    if problem is not None:
        path.unlink(missing_ok=True)
        raise ModelError(f"{label}: {problem}; the download was deleted")


def _mismatch(path: Path, expected: Expected) -> str | None:
    if expected.size is not None and _size(path) != expected.size:
        return f"size {human_size(_size(path))}, expected {human_size(expected.size)}"
    for name, want in (("sha256", expected.sha256), ("md5", expected.md5)):
        if want:
            got = file_digest(path, name)
            return None if got == want.lower() else f"{name} {got}, expected {want.lower()}"
    return None


def file_digest(path: Path, algorithm: str) -> str:
    """Hex digest of a file read in chunks (model archives do not belong in memory twice)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, algorithm).hexdigest()


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _total(response: HTTPResponse, offset: int) -> int | None:
    value = response.headers.get("Content-Length")
    return int(value) + offset if value and value.isdigit() else None


def _reason(err: Exception) -> str:
    reason = getattr(err, "reason", None)
    return str(reason) if reason is not None else str(err)
