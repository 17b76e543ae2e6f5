"""A library of guides: the bundled ones plus the person's own folder, listed, opened by name,
filled by ``import --save``; the real CLI in a subprocess with piped input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import voice_guide
from voice.errors import GuideError
from voice.guide.library import (
    GUIDES_DIR_ENV,
    Origin,
    load_library,
    resolve_name,
    user_guides_dir,
)
from voice.guide.loader import load_guide

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
ROUTER = DATA / "router-reset.en.md"
COFFEE = DATA / "descale-coffee.en.html"


@pytest.fixture
def guides_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private guides folder (inherited by CLI subprocesses), never the person's own."""
    folder = tmp_path / "my-guides"
    monkeypatch.setenv(GUIDES_DIR_ENV, str(folder))
    return folder


def save(source: Path) -> Path:
    """``voice-guide import SOURCE --save``; the path it wrote."""
    done = voice_guide("import", str(source), "--save")
    assert done.returncode == 0, done.stderr
    wrote = done.stderr.strip().splitlines()[-1].split("wrote ", 1)[1].split(": ", 1)[0]
    return Path(wrote)


def test_guides_dir_comes_from_option_env_or_user_data_dir(tmp_path: Path) -> None:
    assert user_guides_dir(str(tmp_path), {GUIDES_DIR_ENV: "/elsewhere"}) == tmp_path
    assert user_guides_dir(None, {GUIDES_DIR_ENV: str(tmp_path)}) == tmp_path
    default = user_guides_dir(None, {})
    assert default.name == "guides" and default.parent.name == "voice-guide"


def test_import_save_puts_the_guide_in_the_folder_by_id_and_language(guides_dir: Path) -> None:
    path = save(ROUTER)
    guide = load_guide(path)
    assert path == guides_dir / f"{guide.id}.{guide.language}.yaml"
    again = voice_guide("import", str(ROUTER), "--save")
    assert again.returncode == 2 and "--force" in again.stderr  # never overwritten silently
    assert voice_guide("import", str(ROUTER), "--save", "--force").returncode == 0
    both = voice_guide("import", str(ROUTER), "--save", "-o", str(guides_dir / "x.yaml"))
    assert both.returncode == 2


def test_guides_lists_the_persons_and_the_bundled_guides_with_origin(guides_dir: Path) -> None:
    router = load_guide(save(ROUTER))
    listed = voice_guide("guides")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    mine = next(line for line in lines if line.startswith(f"{router.id}.en "))
    assert router.title in mine and f"{len(router.steps)} steps" in mine
    assert str(guides_dir) in mine
    assert any(line.startswith("amazon-chat.nl ") and "(bundled)" in line for line in lines)
    assert str(guides_dir) in listed.stderr  # where to put guides


def test_guides_takes_a_folder_option(tmp_path: Path, guides_dir: Path) -> None:
    save(ROUTER)
    other = tmp_path / "empty"
    listed = voice_guide("guides", "--guides", str(other))
    assert "router" not in listed.stdout and "amazon-chat.en" in listed.stdout


def test_a_broken_guide_in_the_folder_is_named_and_the_rest_listed(guides_dir: Path) -> None:
    guides_dir.mkdir()
    (guides_dir / "broken.yaml").write_text("id: x\n", encoding="utf-8")
    listed = voice_guide("guides")
    assert listed.returncode == 1
    assert "broken.yaml" in listed.stderr and "amazon-chat.en" in listed.stdout


def test_open_check_and_export_a_saved_guide_by_name(guides_dir: Path) -> None:
    path = save(ROUTER)
    router = load_guide(path)
    walked = voice_guide(path.stem, "--text", stdin="next\nstop\n")
    assert walked.returncode == 0, walked.stderr
    assert router.steps[0].text in walked.stdout
    assert voice_guide("check", path.stem).returncode == 0
    exported = voice_guide("export", path.stem, "--format", "markdown")
    assert exported.returncode == 0 and router.steps[0].title in exported.stdout


def test_unknown_name_lists_the_persons_guides_too(guides_dir: Path) -> None:
    path = save(ROUTER)
    result = voice_guide("kettle", "--text")
    assert result.returncode == 2
    assert path.stem in result.stderr and "amazon-chat.nl" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_persons_guide_shadows_a_bundled_one_of_the_same_name(guides_dir: Path) -> None:
    guides_dir.mkdir()
    bundled = (ROOT / "scripts" / "amazon-chat.en.yaml").read_text(encoding="utf-8")
    mine = bundled.replace("Sign in to your Amazon account", "Sign in first", 1)
    (guides_dir / "amazon-chat.en.yaml").write_text(mine, encoding="utf-8")
    library = load_library(guides_dir)
    entry = library.find("amazon-chat.en")
    assert entry is not None and entry.origin is Origin.USER
    assert resolve_name("amazon-chat.en", guides_dir) == guides_dir / "amazon-chat.en.yaml"
    assert library.names().count("amazon-chat.en") == 1


def test_unknown_name_error_is_a_guide_error(tmp_path: Path) -> None:
    with pytest.raises(GuideError, match=r"kettle: .*amazon-chat\.en"):
        resolve_name("kettle", tmp_path)
