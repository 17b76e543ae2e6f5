"""voice-guide installed like any Python package: the sdist and wheel are built, installed into
fresh virtualenvs (with and without the ``speech`` extra) and run through the console script.

The slow tests need PyPI (the dependencies) and, for the ``speech`` extra, a C compiler and
PortAudio's headers (PyAudio has no Linux wheel); ``./run.sh`` installs both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

from tests.test_cli import voice_guide
from voice.audio.devices import MIC_PACKAGES_MISSING
from voice.guide.bundled import (
    DEFAULT_GUIDE,
    UnknownGuideError,
    bundled_dir,
    bundled_names,
    resolve_guide,
)
from voice.guide.loader import load_guide

ROOT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT = 600
"""Building the sdist and wheel, each in an isolated environment that installs setuptools."""
INSTALL_TIMEOUT = 900
"""Installing numpy, vosk, pocketsphinx... into a fresh virtualenv (from pip's cache: ~40 s)."""
RUN_TIMEOUT = 120
NL = load_guide(ROOT / "scripts" / "amazon-chat.nl.yaml")


def test_every_package_folder_is_in_the_wheel_list() -> None:
    """pyproject.toml lists the packages (the bundled guides' mapping needs a list, not
    discovery): a new subpackage left out would be missing from every wheel."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    folders = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in ROOT.glob("voice/**/__init__.py")
    }
    assert folders | {"voice.data", "voice.guide.bundled_guides"} == listed


def test_bundled_guides_are_package_data() -> None:
    assert bundled_names() == sorted(p.stem for p in (ROOT / "scripts").glob("*.yaml"))
    assert "amazon-chat.nl" in bundled_names()
    assert DEFAULT_GUIDE.parent == bundled_dir() and DEFAULT_GUIDE.is_file()
    assert resolve_guide("amazon-chat.nl") == bundled_dir() / "amazon-chat.nl.yaml"
    assert resolve_guide("nope.yaml") == Path("nope.yaml")  # a file name stays a file name


def test_an_unknown_name_lists_the_available_guides() -> None:
    with pytest.raises(UnknownGuideError) as raised:
        resolve_guide("kettle")
    assert str(raised.value).startswith("kettle: ")
    assert "amazon-chat.en, amazon-chat.nl" in str(raised.value)


@pytest.mark.parametrize(
    "args",
    [("kettle", "--text"), ("check", "kettle"), ("export", "kettle", "--format", "markdown")],
)
def test_unknown_guide_name_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    result = voice_guide(*args, stdin="stop\n")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "kettle" in lines[0] and "amazon-chat.nl" in lines[0]


def test_guides_lists_name_language_steps_and_title() -> None:
    result = voice_guide("guides")
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("amazon-chat.nl "))
    assert f"{len(NL.steps)} steps" in line and NL.title in line and " nl " in line


def test_check_and_export_take_a_bundled_name() -> None:
    checked = voice_guide("check", "amazon-chat.nl")
    assert checked.returncode == 0 and "amazon-chat.nl: ok" in checked.stdout
    exported = voice_guide("export", "amazon-chat.nl", "--format", "markdown")
    assert exported.returncode == 0 and NL.steps[0].title in exported.stdout


# --- the real thing: build, install into a fresh virtualenv, run the console script ----------


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One wheel for every install test, built from the sdist (``python -m build`` does both),
    so a file missing from the sdist is missing from the wheel too."""
    out = tmp_path_factory.mktemp("dist")
    built = _run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], BUILD_TIMEOUT)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (found,) = out.glob("voice_guide-*.whl")
    return found


def _run(
    command: list[str], timeout: float, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, timeout=timeout, check=False, env=env
    )


def _install(requirement: str, where: Path) -> Path:
    """A fresh virtualenv at ``where`` with ``requirement`` installed; its bin directory."""
    venv.EnvBuilder(with_pip=True).create(where)
    bin_dir = where / ("Scripts" if sys.platform == "win32" else "bin")
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "-q", requirement]
    installed = _run(pip, INSTALL_TIMEOUT)
    assert installed.returncode == 0, installed.stderr[-3000:]
    return bin_dir


def _outside_env(state: Path) -> dict[str, str]:
    """No PYTHONPATH: the installed package must stand on its own, not borrow the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "VOICE_GUIDE_STATE_DIR": str(state)}


def _installed(
    bin_dir: Path, state: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """The installed console script, run from a folder that is not the checkout."""
    command = [str(bin_dir / "voice-guide"), *args]
    result = subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
        env=_outside_env(state),
        cwd=state,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _walks_a_bundled_guide(bin_dir: Path, state: Path) -> None:
    """Text mode, ``guides`` and ``check NAME`` work from the installed package's own data."""
    walked = _installed(bin_dir, state, "amazon-chat.nl", "--text", stdin="volgende\nstop\n")
    assert walked.returncode == 0, walked.stderr
    assert NL.steps[0].text in walked.stdout
    listed = _installed(bin_dir, state, "guides")
    assert listed.returncode == 0 and NL.title in listed.stdout
    checked = _installed(bin_dir, state, "check", "amazon-chat.nl")
    assert checked.returncode == 0 and "amazon-chat.nl: ok" in checked.stdout


@pytest.mark.slow
def test_plain_install_runs_and_names_the_speech_extra(wheel: Path, tmp_path: Path) -> None:
    bin_dir = _install(str(wheel), tmp_path / "venv")
    state = tmp_path / "state"
    state.mkdir()
    _walks_a_bundled_guide(bin_dir, state)
    spoken = _installed(bin_dir, state, "amazon-chat.en", "--mute", stdin="stop\n")
    assert spoken.returncode == 0, spoken.stderr
    assert f"voice-guide: {MIC_PACKAGES_MISSING}; using text mode" in spoken.stderr
    mics = _installed(bin_dir, state, "mics")
    assert mics.returncode == 1 and mics.stderr.strip() == f"voice-guide: {MIC_PACKAGES_MISSING}"


@pytest.mark.slow
def test_speech_extra_brings_the_microphone_stack(wheel: Path, tmp_path: Path) -> None:
    if not shutil.which("cc") and not shutil.which("gcc"):
        pytest.skip("no C compiler: PyAudio (the speech extra) builds from source on Linux")
    bin_dir = _install(f"{wheel}[speech]", tmp_path / "venv")
    state = tmp_path / "state"
    state.mkdir()
    _walks_a_bundled_guide(bin_dir, state)
    imported = _run([str(bin_dir / "python"), "-c", "import pyaudio, speech_recognition"], 60)
    assert imported.returncode == 0, imported.stderr
    mics = _installed(bin_dir, state, "mics")  # a machine without sound devices may say so
    assert "pip install" not in mics.stderr, mics.stderr
