"""The installed ``voice-guide import`` / ``export`` commands, run as subprocesses."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from voice.guide.loader import load_guide

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
EXECUTABLE = Path(sys.executable).parent / "voice-guide"
COMMAND = str(EXECUTABLE) if EXECUTABLE.exists() else shutil.which("voice-guide")


def voice_guide(*args: str | Path) -> subprocess.CompletedProcess[str]:
    if COMMAND is None:  # the project's own command: missing means a broken install, not a skip
        pytest.fail("the voice-guide command is not installed: pip install -e . in the venv")
    return subprocess.run(
        [str(COMMAND), *map(str, args)], capture_output=True, text=True, timeout=60, check=False
    )


def test_import_writes_a_script_that_passes_check(tmp_path: Path) -> None:
    out = tmp_path / "amazon-chat.yaml"
    done = voice_guide("import", DATA / "amazon-chat.nl.txt", "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "amazon-chat.nl.txt:29: dropped link line 'Lees meer:" in done.stderr
    assert "5 steps, 5 tips, 5 questions, language nl (detected)" in done.stderr
    checked = voice_guide("check", out)
    assert checked.returncode == 0, checked.stderr
    assert load_guide(out).steps[0].title == "Log in op uw Amazon-account"


def test_import_to_stdout_with_lang_and_keep_from() -> None:
    bundled = ROOT / "scripts" / "amazon-chat.nl.yaml"
    done = voice_guide(
        "import", DATA / "amazon-chat.nl.txt", "--lang", "nl", "--keep-from", bundled
    )
    assert done.returncode == 0, done.stderr
    assert "  - id: contact-button" in done.stdout
    assert "      - Ik kan de contactknop niet vinden" in done.stdout


def test_import_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "guide.yaml"
    out.write_text("hand edited\n")
    done = voice_guide("import", DATA / "router-reset.en.md", "-o", out)
    assert done.returncode == 2
    assert "exists; add --force" in done.stderr
    assert out.read_text() == "hand edited\n"
    assert voice_guide("import", DATA / "router-reset.en.md", "-o", out, "--force").returncode == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        (b"", "empty file"),
        (b"<html><script type='application/ld+json'>{oops</script></html>", "malformed JSON-LD"),
        (b"Title\n\nNo steps here.\n", "no steps found"),
    ],
)
def test_bad_input_is_one_line_without_traceback(
    tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "article.html"
    source.write_bytes(content)
    done = voice_guide("import", source)
    assert done.returncode == 2
    assert done.stderr.startswith(f"voice-guide: {source}")
    assert message in done.stderr and len(done.stderr.splitlines()) == 1


def test_bad_lang_is_refused() -> None:
    done = voice_guide("import", DATA / "amazon-chat.nl.txt", "--lang", "dutch!")
    assert done.returncode == 2 and "not a language tag" in done.stderr


@pytest.mark.parametrize(("fmt", "suffix"), [("markdown", ".md"), ("jsonld", ".html")])
def test_export_then_import_round_trip(tmp_path: Path, fmt: str, suffix: str) -> None:
    first = tmp_path / "first.yaml"
    assert voice_guide("import", DATA / "router-reset.en.md", "-o", first).returncode == 0
    page = tmp_path / f"router-reset{suffix}"
    done = voice_guide("export", first, "--format", fmt, "-o", page)
    assert done.returncode == 0, done.stderr
    second = tmp_path / "second.yaml"
    assert voice_guide("import", page, "-o", second).returncode == 0
    assert load_guide(second) == replace(load_guide(first), source=str(second))


def test_export_bundled_guide_by_name_to_stdout() -> None:
    done = voice_guide("export", "amazon-chat.nl", "--format", "jsonld")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>")
    assert '"@type": "FAQPage"' in done.stdout
    assert "'also' phrasings are voice-only" in done.stderr


def test_export_of_a_broken_script_names_file_and_line(tmp_path: Path) -> None:
    script = tmp_path / "broken.yaml"
    script.write_text("id: x\ntitle: t\nlanguage: en\nintro: i\nsteps: []\n")
    done = voice_guide("export", script, "--format", "markdown")
    assert done.returncode == 2
    assert f"{script}:5: steps" in done.stderr
