"""A library of guides: the bundled ones plus the person's own folder, listed, opened by name,
filled by ``import --save``; the real CLI in a subprocess with piped input."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import pytest

from tests.test_cli import voice_guide
from voice.cli.choice import after_switch
from voice.dialog.engine import DialogEngine, State
from voice.dialog.guide_choice import GuideRef, chosen_guides
from voice.errors import GuideError
from voice.guide.library import (
    GUIDES_DIR_ENV,
    Origin,
    load_library,
    resolve_name,
    user_guides_dir,
)
from voice.guide.loader import load_guide
from voice.guide.model import Guide
from voice.language.intents import Intent
from voice.session.resume import Position, PositionStore, position_of

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


# --- switching guides in the conversation (the engine, pure) ----------------------------------

ROUTER_REF = GuideRef("router-reset.en", "How to reset your home Wi-Fi router", "en")
KETTLE_REFS = (
    GuideRef("kettle-descale.en", "Descale a kettle", "en"),
    GuideRef("kettle-clean.en", "Clean a kettle", "en"),
)
AMAZON_NL = GuideRef("amazon-chat.nl", "Een Amazon-klantenservicechat starten", "nl")


def engine(*refs: GuideRef, lang: str = "en") -> DialogEngine:
    return DialogEngine(load_guide(ROOT / "scripts" / f"amazon-chat.{lang}.yaml"), guides=refs)


def test_what_guides_do_you_have_lists_the_titles() -> None:
    reply = engine(ROUTER_REF, *KETTLE_REFS).respond(State(), "what guides do you have")
    assert reply.intent is Intent.GUIDES and reply.switch_to is None
    assert "How to reset your home Wi-Fi router, Descale a kettle or Clean a kettle" in reply.say
    alone = engine().respond(State(), "which guides do you have")
    assert alone.say == "This is the only guide I have."


@pytest.mark.parametrize(
    "said", ["open the router guide", "switch to the router guide", "open the wifi router guide"]
)
def test_open_a_guide_by_title_ends_the_session_naming_it(said: str) -> None:
    reply = engine(ROUTER_REF, *KETTLE_REFS).respond(State(step=2), said)
    assert reply.intent is Intent.OPEN_GUIDE
    assert reply.switch_to == "router-reset.en" and reply.state.ended
    assert reply.state.step == 2  # this guide's place is kept
    assert reply.say == "Opening How to reset your home Wi-Fi router."


def test_two_fitting_guides_are_asked_back_then_chosen() -> None:
    walk = engine(ROUTER_REF, *KETTLE_REFS)
    asked = walk.respond(State(), "open the kettle guide")
    assert asked.switch_to is None and not asked.state.ended
    assert asked.say == "Which one: Descale a kettle or Clean a kettle?"
    chosen = walk.respond(asked.state, "clean a kettle")
    assert chosen.switch_to == "kettle-clean.en"


def test_switch_guide_without_a_title_asks_which() -> None:
    walk = engine(ROUTER_REF, *KETTLE_REFS)
    asked = walk.respond(State(), "switch guide")
    assert asked.say.startswith("Which guide would you like?")
    assert walk.respond(asked.state, "descale").switch_to == "kettle-descale.en"
    nothing = walk.respond(asked.state, "the toaster")
    assert nothing.switch_to is None and "I have no guide like that" in nothing.say
    assert walk.respond(asked.state, "next").state.step == 1  # a command still works


@pytest.mark.parametrize("said", ["open the chat window", "go to my chat?", "open the box"])
def test_open_something_that_is_no_guide_is_a_question_as_before(said: str) -> None:
    walk = engine(ROUTER_REF, AMAZON_NL)
    reply = walk.respond(State(), said)
    assert reply.switch_to is None and reply.intent is not Intent.OPEN_GUIDE


def test_dutch_requests_and_the_guides_language_breaks_a_tie() -> None:
    refs = (GuideRef("amazon-chat.en", "Starting an Amazon chat", "en"), AMAZON_NL)
    walk = engine(*refs, lang="nl")
    assert walk.respond(State(), "welke handleidingen heb je").intent is Intent.GUIDES
    assert walk.respond(State(), "open de amazon chat handleiding").switch_to == "amazon-chat.nl"


def test_a_start_without_a_guide_asks_which() -> None:
    walk = engine(ROUTER_REF, AMAZON_NL)
    opening = walk.start(State(choosing=("router-reset.en", "amazon-chat.nl")))
    assert opening.say.startswith("Which guide would you like? How to reset")
    assert walk.respond(opening.state, "router").switch_to == "router-reset.en"


# --- switching guides through the real CLI -------------------------------------------------------


def test_cli_switches_guides_mid_session_and_keeps_each_place(
    guides_dir: Path, private_state_dir: Path
) -> None:
    router = load_guide(save(ROUTER))
    en = load_guide(ROOT / "scripts" / "amazon-chat.en.yaml")
    said = "next\nnext\nwhat guides do you have\nopen the router guide\nnext\nstop\n"
    result = voice_guide("amazon-chat.en", "--text", "--save-position", stdin=said)
    assert result.returncode == 0, result.stderr
    assert router.title in result.stdout and "Opening How to reset" in result.stdout
    assert router.steps[0].text in result.stdout  # the router guide was walked
    places = sorted(p.name for p in private_state_dir.glob("*.json"))
    assert places == ["amazon-chat.en.json", f"{router.id}.en.json"]
    back = voice_guide("amazon-chat.en", "--text", stdin="")
    assert f"You were at step 2 of {len(en.steps)}" in back.stdout


def test_cli_asks_which_guide_when_told_to_choose(guides_dir: Path) -> None:
    router = load_guide(save(ROUTER))
    result = voice_guide("--text", "--choose", stdin="router\nnext\nstop\n")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("Which guide would you like?") and router.title in first
    assert "starting an Amazon customer service chat" in first  # the default is a choice too
    assert router.steps[0].text in result.stdout


def test_a_scripted_run_opens_the_default_guide_without_asking(guides_dir: Path) -> None:
    save(ROUTER)
    result = voice_guide("--text", stdin="stop\n")
    assert "Which guide" not in result.stdout and "Amazon" in result.stdout


# --- scripted runs and the saved place ---------------------------------------------------------


def test_a_scripted_run_leaves_the_saved_place_alone(private_state_dir: Path) -> None:
    voice_guide("amazon-chat.en", "--text", "--save-position", stdin="next\n")
    place = private_state_dir / "amazon-chat.en.json"
    before = place.read_text(encoding="utf-8")
    piped = voice_guide("amazon-chat.en", "--text", stdin="continue\nnext\nnext\nstop\n")
    assert "You were at step 1" in piped.stdout  # read, not overwritten
    assert place.read_text(encoding="utf-8") == before
    voice_guide("amazon-chat.en", "--text", "--save-position", stdin="continue\nnext\n")
    assert place.read_text(encoding="utf-8") != before


# --- a place per guide content ------------------------------------------------------------------


def test_a_copy_with_the_same_id_does_not_take_over_the_place(
    tmp_path: Path, private_state_dir: Path
) -> None:
    original = ROOT / "scripts" / "amazon-chat.en.yaml"
    text = original.read_text(encoding="utf-8")
    copy = tmp_path / "my-amazon-chat.yaml"
    copy.write_text(text.replace("on the website", "on the web site", 1), encoding="utf-8")
    assert load_guide(copy).id == load_guide(original).id
    voice_guide("amazon-chat.en", "--text", "--save-position", stdin="go to step 3\nstop\n")
    matched = voice_guide(str(copy), "--text", "--save-position", stdin="start over\nstop\n")
    assert "This guide has changed since you last used it." in matched.stdout  # said so
    assert "You were at step 3 of 5" in matched.stdout
    again = voice_guide("amazon-chat.en", "--text", stdin="")
    assert "You were at step 3 of 5" in again.stdout and "changed" not in again.stdout
    copied = voice_guide(str(copy), "--text", stdin="")
    assert "You were at step 1 of 5" in copied.stdout and "changed" not in copied.stdout
    assert [p.name for p in private_state_dir.glob("*.json")] == ["amazon-chat.en.json"]


def test_finishing_one_version_keeps_the_others_place(tmp_path: Path) -> None:
    store = PositionStore(tmp_path)
    first = load_guide(ROOT / "scripts" / "amazon-chat.en.yaml")
    second = dataclasses.replace(first, steps=first.steps[:4])
    store.save(first, position_at(first, 3))
    store.save(second, position_at(second, 2))
    assert store.load(first) == position_at(first, 3)
    store.forget(second)
    assert store.load(first) == position_at(first, 3) and store.load(second) is not None
    store.forget(first)
    assert not store.path_for(first).exists()


def position_at(guide: Guide, step: int) -> Position:
    position = position_of(guide, State(step=step))
    assert position is not None
    return position


def test_audio_in_goes_on_with_the_files_not_yet_heard_after_a_switch() -> None:
    args = argparse.Namespace(audio_in=["a.wav", "b.wav", "c.wav"], text=False)
    assert after_switch(args, 2).audio_in == ["c.wav"]
    assert after_switch(args, 2).text is False and args.audio_in == ["a.wav", "b.wav", "c.wav"]
    typed = argparse.Namespace(audio_in=None)
    assert after_switch(typed, 5) is typed


def test_which_one_is_answered_with_a_word_of_the_title() -> None:
    """Asked "which one?", people name a guide by one word ("the eggs one"), not its title."""
    chat = GuideRef("amazon-chat.en", "Step-by-step tutorial: starting an Amazon chat", "en")
    eggs = GuideRef("soft-boiled-eggs.en", "Soft-boiled eggs", "en")
    eieren = GuideRef("soft-boiled-eggs.nl", "Zachtgekookte eieren", "nl")
    refs = (chat, eggs, eieren)
    assert chosen_guides("the eggs one please", refs, "en") == (eggs,)
    assert chosen_guides("de eieren graag", refs, "nl") == (eieren,)
    assert chosen_guides("something else", refs, "en") == ()
