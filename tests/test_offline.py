"""The offline guarantee: a whole session opens no socket; only ``models fetch`` goes out.

Two independent checks. An audit hook (PEP 578, installed through ``sitecustomize`` in the CLI
subprocess) logs every socket the Python process creates or connects and refuses any connection
beyond loopback; a positive control shows the hook does see ``models fetch``. And where the
kernel allows it, the session runs in a network namespace with no network at all
(``unshare -n``), so even C libraries (audio, speech engines) cannot reach out.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_resume import EN, NL, REPO

HOOK = r"""
import errno, json, os, sys

LOG = os.environ["NET_AUDIT_LOG"]
WATCHED = {"socket.__new__", "socket.connect", "socket.bind", "socket.sendto",
           "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
           "urllib.Request", "http.client.connect"}
LOOPBACK = ("127.", "::1", "localhost")


def _text(args):
    return [a if isinstance(a, (str, int, float)) or a is None else repr(a) for a in args]


def _hook(event, args):
    if event not in WATCHED:
        return
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps({"event": event, "args": _text(args)}) + "\n")
    if event == "socket.connect":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else str(address)
        if not str(host).startswith(LOOPBACK) and not str(host).startswith("/"):
            raise OSError(errno.ENETUNREACH, f"network blocked by the offline test: {host}")


sys.addaudithook(_hook)
"""

SESSION = [
    "next",
    "where am i",
    "tips",
    "next tip",
    "what can I ask",
    "how long does it take to get an answer",
    "go to step 4",
    "summary",
    "repeat",
    "back",
    "help",
    "transcript",
    "slower",
    "faster",
    "pause",
    "resume",
    "last step",
    "next",
    "next",
    "start over",
    "stop",
]


def audited_run(
    tmp_path: Path, *args: str, stdin: str = "", extra_env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], list[dict[str, object]]]:
    """The CLI with the audit hook; returns the run and the socket events it logged."""
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir(exist_ok=True)
    (hook_dir / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    log = tmp_path / "net.jsonl"
    log.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        **(extra_env or {}),
        "NET_AUDIT_LOG": str(log),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(hook_dir), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        [sys.executable, "-m", "voice", *args],
        input=stdin,
        text=True,
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return result, events


@pytest.mark.parametrize("mode", [["--text"], []], ids=["text", "voice-or-fallback"])
@pytest.mark.parametrize("script", [EN, NL], ids=["en", "nl"])
def test_a_full_session_opens_no_socket(tmp_path: Path, mode: list[str], script: Path) -> None:
    transcript = tmp_path / "t.jsonl"
    result, events = audited_run(
        tmp_path,
        str(script),
        *mode,
        "--transcript",
        str(transcript),
        stdin="\n".join(SESSION) + "\n",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert len(transcript.read_text(encoding="utf-8").splitlines()) == len(SESSION) + 1
    assert events == []


def test_resuming_and_checking_open_no_socket(tmp_path: Path) -> None:
    audited_run(tmp_path, "--text", "--save-position", stdin="next\nnext\n")
    result, events = audited_run(tmp_path, "--text", stdin="continue\nstop\n")
    assert "Step 2 of 5" in result.stdout and events == []
    result, events = audited_run(tmp_path, "check", str(EN), str(NL))
    assert result.returncode == 0 and events == []


class _NotFound(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_error(404)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def loopback_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_hook_sees_models_fetch(tmp_path: Path, loopback_server: str) -> None:
    """Positive control: the one command that may use the network is seen doing so."""
    env = {
        "VOICE_GUIDE_MODEL_BASE_URL": loopback_server,
        "VOICE_GUIDE_MODELS_DIR": str(tmp_path / "models"),
    }
    result, events = audited_run(tmp_path, "models", "fetch", "nl", extra_env=env)
    assert result.returncode != 0  # the loopback server has no model: a clean failure
    assert "Traceback" not in result.stderr
    connects = [e for e in events if e["event"] == "socket.connect"]
    assert connects and all("127.0.0.1" in str(e["args"]) for e in connects)


def test_the_hook_blocks_the_outside_world(tmp_path: Path) -> None:
    env = {
        "VOICE_GUIDE_MODEL_BASE_URL": "http://192.0.2.1:9",  # TEST-NET-1: never routed
        "VOICE_GUIDE_MODELS_DIR": str(tmp_path / "models"),
    }
    result, events = audited_run(tmp_path, "models", "fetch", "nl", extra_env=env)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert any(e["event"] == "socket.connect" and "192.0.2.1" in str(e["args"]) for e in events)


def _network_namespace() -> list[str] | None:
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True, check=False, timeout=30)
    return [unshare, "-n"] if probe.returncode == 0 else None


def test_a_full_session_in_a_namespace_without_network(tmp_path: Path) -> None:
    prefix = _network_namespace()
    if prefix is None:
        pytest.skip("no network namespaces here (unshare -n needs root or user namespaces)")
    transcript = tmp_path / "t.md"
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "voice", "--transcript", str(transcript)],
        input="\n".join(SESSION) + "\n",
        text=True,
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Goodbye." in result.stdout.splitlines()[-1]
    assert transcript.read_text(encoding="utf-8").count("You:**") == len(SESSION)


def test_a_script_file_cannot_read_other_files(tmp_path: Path) -> None:
    """No includes: a path in a script is text, a tag asking for a file is refused."""
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    script = tmp_path / "guide.yaml"
    script.write_text(
        EN.read_text(encoding="utf-8").replace(
            "id: amazon-chat", f"id: amazon-chat\nconclusion: !include {secret}", 1
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "voice", "check", str(script)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert f"{script}:3: conclusion:" in result.stderr and "the secret" not in result.stderr
    text = script.read_text(encoding="utf-8").replace(f"!include {secret}", str(secret))
    script.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "voice", str(script), "--text"],
        input="next\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert "the secret" not in result.stdout
