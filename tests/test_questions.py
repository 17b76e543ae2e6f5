"""The question matcher on the bundled guides, its development sets and small inline guides."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.question_sets import (
    GUIDES,
    LANGUAGES,
    SPLITS,
    guide_path,
    match_key,
    read_set,
    set_path,
)
from voice.guide.loader import load_guide, parse_guide
from voice.guide.model import FaqEntry, Guide, Step
from voice.language.analysis import TextAnalyzer
from voice.language.guide_lexicon import Lexicon
from voice.language.word_data import compound_parts, non_nouns, related_words, word_zipf
from voice.language.word_forms import infinitives
from voice.questions.config import DEFAULT_CONFIG
from voice.questions.expand import expand, foreign_count
from voice.questions.index import Part
from voice.questions.matcher import LexicalMatcher, QuestionMatch, build_matcher, question_slots

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
TOP1_FLOOR = 0.65
"""Targets are 90%; the bundled guide's development set holds its authors' questions and, since
2026-11-30, blind ones, on which the matcher is far weaker; the floor catches a step back."""
REJECT_FLOOR = 0.85


def bundled(lang: str) -> Guide:
    return load_guide(ROOT / "scripts" / f"amazon-chat.{lang}.yaml")


def rates(lang: str, name: str) -> tuple[float, float, list[str]]:
    """(top-1 accuracy, out-of-scope rejection, misses) of one question set."""
    matcher = build_matcher(bundled(lang))
    rows = read_set(DATA / f"questions.{name}{lang}.tsv")
    misses = [
        f"{q!r}: expected {exp}, got {match_key(matcher.match(q))}"
        for exp, q in rows
        if match_key(matcher.match(q)) not in exp
    ]
    in_scope = [(exp, q) for exp, q in rows if exp != {"none"}]
    right = sum(match_key(matcher.match(q)) in exp for exp, q in in_scope)
    out = [q for exp, q in rows if exp == {"none"}]
    rejected = sum(matcher.match(q) is None for q in out)
    return right / len(in_scope), rejected / len(out), misses


FLOORS: dict[tuple[str, str], tuple[float, float]] = {
    ("amazon-chat", "dev"): (0.7, 0.9),
    ("amazon-chat", "heldout"): (0.4, 0.85),  # 47% / 43%, rejected 90% / 91%
    ("descale-coffee", "dev"): (0.65, 0.9),
    ("descale-coffee", "heldout"): (0.33, 0.8),  # 50% / 38%, 82% / 92%
    ("pancakes", "dev"): (0.65, 0.95),
    ("pancakes", "heldout"): (0.33, 0.9),  # 37% / 46%, 92% / 91%
    ("soft-boiled-eggs", "dev"): (0.4, 0.7),
    ("soft-boiled-eggs", "heldout"): (0.33, 0.9),  # 47% / 37%, 100% / 92%
}
"""(top-1, out-of-scope rejected) floors per guide and split, a little below today's lowest
figure over the two languages (``python -m benchmarks.bench_questions``). The targets are 90% and
95%; the blind held-out sets of 2026-11-30 show how far the matcher still is from them on
questions its authors did not write. These floors catch a step back, nothing more."""


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("guide", GUIDES)
def test_every_guide_meets_its_floors(guide: str, lang: str, split: str) -> None:
    matcher = build_matcher(load_guide(guide_path(guide, lang)))
    rows = read_set(set_path(guide, lang, split))
    found = [(expected, match_key(matcher.match(q))) for expected, q in rows]
    in_scope = [key in expected for expected, key in found if expected != {"none"}]
    out = [key == "none" for expected, key in found if expected == {"none"}]
    assert len(in_scope) >= 25 and len(out) >= 10
    top1, reject = FLOORS[guide, split]
    assert sum(in_scope) / len(in_scope) >= top1
    assert sum(out) / len(out) >= reject


def test_an_answer_inside_a_paragraph_is_that_sentence() -> None:
    guide = load_guide(DATA / "guides" / "pancakes.en.yaml")
    found = build_matcher(guide).match("is the recipe enough for four people")
    assert found is not None and match_key(found) == "intro"
    assert found.text == "This recipe makes about twelve pancakes, enough for four people."


def test_word_forms_meet_and_compounds_split_into_everyday_words() -> None:
    en = TextAnalyzer("en")
    assert en.term("descale") == en.term("descaled") == en.term("descaling")
    index = LexicalMatcher(load_guide(DATA / "guides" / "pancakes.nl.yaml")).index
    slots = expand(index, index.analyzer.words("kan ik amandelmelk gebruiken"))
    assert [slot.word for slot in slots] == ["amandel", "melk", "gebruiken"]


def test_related_words_and_everyday_words() -> None:
    """WordNet's "frequently" meets the guide's "often"; an everyday word the guide does not
    know ("much") weighs less than a rare one ("waffles")."""
    guide = load_guide(DATA / "guides" / "descale-coffee.en.yaml")
    matcher = build_matcher(guide)
    assert match_key(matcher.match("how frequently should the machine be descaled")) == (
        "faq:often-descale"
    )
    assert matcher.match("how do i make waffles with the machine") is None


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_development_set_sizes(lang: str) -> None:
    rows = read_set(DATA / f"questions.{lang}.tsv")
    assert sum(exp != {"none"} for exp, _ in rows) >= 40
    assert sum(exp == {"none"} for exp, _ in rows) >= 20


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_development_set_accuracy(lang: str) -> None:
    top1, rejected, misses = rates(lang, "")
    assert top1 >= TOP1_FLOOR, misses
    assert rejected >= REJECT_FLOOR, misses


@pytest.mark.parametrize(
    ("text", "faq_id"),
    [
        ("what if the cat gets disconnected", "chat-disconnected"),
        ("can i save the chat trans script", "save-transcript"),
        ("what happens next if the chat drops", "chat-disconnected"),
        ("can i ask for a specific represent a tive", "specific-representative"),
        ("is the chat available twenty four seven", "available-24-7"),
    ],
)
def test_paraphrases_and_recognition_errors_reach_the_faq_entry(text: str, faq_id: str) -> None:
    found = build_matcher(bundled("en")).match(text)
    assert found is not None and found.faq_id == faq_id and found.step is None
    assert found.question == bundled("en").faq_by_id(faq_id).question  # type: ignore[union-attr]


def test_a_question_a_step_answers_returns_the_step() -> None:
    found = build_matcher(bundled("en")).match("how do I get to the help section?")
    assert found == QuestionMatch(
        None, 2, found.score if found else 0.0, True, "Go to the ‘Help’ section"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wat als de sjat wordt verbroken", "faq:chat-disconnected"),
        ("waar staat de contactknop", "faq:contact-button"),
        ("kan ik de chat trans script op slaan", "faq:save-transcript"),
        ("is de chat vierentwintig zeven beschikbaar", "faq:available-24-7"),
        ("hoe leg ik mijn probleem uit", "step:5"),
    ],
)
def test_dutch_compounds_numbers_and_sound_alikes(text: str, expected: str) -> None:
    assert match_key(build_matcher(bundled("nl")).match(text)) == expected


@pytest.mark.parametrize(
    "text", ["", "the the the", "how do i bake bread", "what is the capital of france", "next"]
)
def test_out_of_scope_and_empty_questions_give_none(text: str) -> None:
    assert build_matcher(bundled("en")).match(text) is None


@pytest.mark.parametrize("spoken", [False, True])
def test_a_question_form_alone_is_not_a_topic(spoken: bool) -> None:
    """What pocketsphinx heard for "the weather is nice today": "when" asks for a time, but
    says nothing of what about, so no time in the guide answers it."""
    matcher = build_matcher(bundled("en"))
    assert matcher.match("when the", spoken=spoken) is None
    assert matcher.match("why", spoken=spoken) is None
    assert matcher.match("when is the chat available", spoken=spoken) is not None


def test_recognised_speech_needs_the_confidence_of_a_foreign_question() -> None:
    """What pocketsphinx with the guide's language model heard for "this coffee tastes a bit
    bitter": every word is the guide's, which says nothing about spoken text."""
    matcher = build_matcher(bundled("en"))
    heard = "the copy to the briefly to"
    typed = matcher.match(heard)
    assert typed is not None and DEFAULT_CONFIG.maybe_known <= typed.score < DEFAULT_CONFIG.maybe
    assert matcher.match(heard, spoken=True) is None
    assert match_key(matcher.match("can i save the chat transcript", spoken=True)) == (
        "faq:save-transcript"
    )


def test_confidence_bands() -> None:
    """Direct answers are confident and clear; asked-back ones sit in the middle band."""
    matcher = build_matcher(bundled("en"))
    sure = matcher.match("can i save the chat transcript")
    unsure = matcher.match("how do i start a chat")
    assert sure is not None and sure.sure and DEFAULT_CONFIG.sure <= sure.score <= 1
    assert unsure is not None and not unsure.sure and DEFAULT_CONFIG.maybe <= unsure.score < 1


def test_negation_tells_a_problem_from_a_procedure() -> None:
    matcher = build_matcher(bundled("en"))
    assert match_key(matcher.match("i can't find the contact us button")) == "faq:contact-button"
    assert match_key(matcher.match("how do i find the contact us button")) == "step:3"


def small_guide(lang: str = "en", tips: tuple[str, ...] = ()) -> Guide:
    return Guide(
        id="t",
        title="T",
        language=lang,
        intro="",
        tips=tips,
        steps=(
            Step("Unpack the printer", "Remove the tape and the cardboard."),
            Step("Install the ink cartridges", "Open the lid and click each cartridge in."),
        ),
        faq=(
            FaqEntry(
                "paper-jam",
                "What if the paper jams?",
                "Open the back door and pull.",
                ("The paper is stuck",),
            ),
            FaqEntry(
                "wifi",
                "How do I connect the printer to wifi?",
                "Hold the wifi button for three seconds.",
            ),
        ),
    )


def test_a_tip_answers_in_its_own_words() -> None:
    """Issue 11: answers come from any part of the guide, so a tip answers itself (it used to
    lend its words to the closest FAQ entry, the only kind of reply there was besides steps)."""
    guide = small_guide(tips=("If the paper jams often, fan the stack of paper before loading.",))
    found = build_matcher(guide).match("should i fan the paper stack")
    assert match_key(found) == "tip:1"
    assert found is not None and found.text == guide.tips[0]
    assert build_matcher(small_guide()).match("should i fan the stack") is None


def test_language_without_stemmer_or_word_lists_still_matches() -> None:
    guide = small_guide(lang="xx")
    assert match_key(build_matcher(guide).match("install the ink cartridges")) == "step:2"


def test_analyzer_numbers_stop_words_and_synonyms() -> None:
    en, nl = TextAnalyzer("en"), TextAnalyzer("nl")
    assert en.words("Is it open twenty-four seven?") == ["is", "it", "open", "24", "7"]
    assert nl.words("vierentwintig uur") == ["24", "uur"]
    assert [t.term for t in en.tokens(en.words("the chat got cut off"))] == ["=chat", "=disconnect"]
    assert en.term("agent") == en.term("representatives") == "=representative"


def test_lexicon_splits_joins_and_repairs_against_the_guide_words() -> None:
    analyzer = TextAnalyzer("nl")
    lexicon = Lexicon(analyzer, ["contact", "knop", "chat", "transcript", "verbroken"])
    assert lexicon.split("contactknop") == ["contact", "knop"]
    assert lexicon.split("klapstoel") is None
    assert lexicon.join(["ver", "broken", "chat"]) == ["verbroken", "chat"]
    assert lexicon.join(["trans", "script"]) == ["transcript"]
    assert lexicon.join(["contact", "knop"]) == ["contact", "knop"]
    assert lexicon.near("sjat")[0][0] == "chat"
    assert lexicon.near("zz") == []


def test_everyday_compounds_meet_their_head() -> None:
    """English writes some compounds as one everyday word: a question's "pan" meets the
    guide's "saucepan", and a question's "saucepan" the guide's "pan", where WordNet confirms
    the head ("breakfast" is no kind of "fast", "industry" none of "try")."""
    zipf = word_zipf("en")
    words = ["saucepan", "teaspoons", "eggshell", "breakfast", "industry"]
    lexicon = Lexicon(TextAnalyzer("en"), words, zipf, compound_parts("en"))
    assert [lexicon.head(word, zipf) for word in words] == ["pan", "spoon", "shell", None, None]
    eggs = LexicalMatcher(load_guide(ROOT / "scripts" / "soft-boiled-eggs.en.yaml")).index
    [pan] = expand(eggs, ["pan"])
    assert pan.options == ((eggs.analyzer.term("saucepan"), DEFAULT_CONFIG.form),)
    assert not pan.foreign
    pancakes = LexicalMatcher(load_guide(DATA / "guides" / "pancakes.en.yaml")).index
    slots = expand(pancakes, ["saucepan"])
    assert [(slot.word, slot.foreign) for slot in slots] == [("sauce", False), ("pan", False)]
    assert slots[1].options == (("pan", 1.0),)


def test_related_words_meet_both_ways() -> None:
    """A relation is mutual, but each word's list is cut to its closest words: a question's
    "boil" meets the guide's "simmer" because the list of "simmer" holds "boil"."""
    related = related_words("en")
    assert "simmer" not in related["boil"] and "boil" in related["simmer"]
    steps = (Step("Simmer the sauce", "Let it simmer for ten minutes."), Step("Serve", "Pour."))
    guide = Guide(id="s", title="Sauce", language="en", intro="", steps=steps, faq=())
    index = LexicalMatcher(guide).index
    [boil] = expand(index, ["boil"])
    assert index.analyzer.term("simmer") in dict(boil.options)


def test_related_words_by_hand_meet_a_guide_that_words_it_otherwise() -> None:
    """The hand-written tables: Dutch "kapot" meets a guide's "defect", English "fridge"
    meets "refrigerator", and "busted" joins WordNet's words for "broken"; a table word is
    written as the analyser writes a question's words (no accents)."""
    assert "refrigerator" in related_words("en")["fridge"]
    assert {"busted", "faulty"} <= set(related_words("en")["broken"])
    related = related_words("nl")
    assert "defect" in related["kapot"]
    assert all(word.isascii() for words in related.values() for word in words)
    entry = FaqEntry("defect", "Wat als het apparaat defect is?", "Bel de klantenservice.")
    guide = Guide(id="a", title="Apparaat", language="nl", intro="", steps=(), faq=(entry,))
    matcher = LexicalMatcher(guide)
    [broken] = expand(matcher.index, ["kapot"])
    assert matcher.index.analyzer.term("defect") in dict(broken.options)
    assert match_key(matcher.match("wat doe ik als het apparaat kapot is")) == "faq:defect"


def test_a_guide_compound_has_its_everyday_head_as_a_form() -> None:
    """ "pan" is the thing a "steelpan" is, so a question that says "pan" meets the guide's
    "steelpan"; an ending that looks like a short word is no head a question meets."""
    analyzer = TextAnalyzer("nl")
    lexicon = Lexicon(analyzer, ["steelpan", "kuil"], {"steel", "pan", "kuil"})
    assert lexicon.head("steelpan", {}) == "pan"
    assert lexicon.head("steelpan", {"steelpan": 4.0, "pan": 3.0}) is None  # commoner
    assert lexicon.split("steelpan") is None  # the text is not indexed under "pan"
    eggs = LexicalMatcher(load_guide(guide_path("soft-boiled-eggs", "nl")))
    assert eggs.index.analyzer.term("steelpan") in eggs.index.forms["pan"]


def test_a_separable_verb_split_over_a_clause_is_read_whole() -> None:
    """ "keer de pannenkoek dan om" is "omkeren": the guide's step holds the whole verb, and a
    question that splits the verb the same way reads it whole when the guide knows it."""
    nl = TextAnalyzer("nl")
    text = "Bak tot de randen bruin zijn, keer de pannenkoek dan om en bak de andere kant."
    assert [verb.joined for verb in nl.particle_verbs(text, nl.words(text))] == ["omkeer"]
    assert nl.particle_verbs("doe het zout erin", nl.words("doe het zout erin"))[0].joined == (
        "inzout"  # the first meaningful word: a noun joins into a word nothing else says
    )
    pancakes = LexicalMatcher(load_guide(guide_path("pancakes", "nl")))
    step = next(target for target in pancakes.index.targets if target.step == 5)
    assert "omkeer" in step.terms and all("omkeer" not in p for p in step.phrases)
    amazon = LexicalMatcher(load_guide(guide_path("amazon-chat", "nl")))
    slots, _ = question_slots(amazon.index, "mijn chatsessie is weg")
    assert "chatsessie" in {slot.word for slot in slots}  # no verb "wegchatsessieen"
    assert infinitives("nl", "omkeer") == ("omkeeren", "omkeren")
    assert "schrikken" in infinitives("nl", "schrik")


def test_generated_guide_is_a_valid_script_file(tmp_path: Path) -> None:
    out = tmp_path / "big.yaml"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.generate_guide",
            "--steps",
            "7",
            "--faqs",
            "9",
            "--seed",
            "3",
            "-o",
            str(out),
        ],
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    guide = parse_guide(out.read_text(encoding="utf-8"), str(out))
    assert (len(guide.steps), len(guide.faq)) == (7, 9)
    assert match_key(build_matcher(guide).match(guide.faq[4].question)) == f"faq:{guide.faq[4].id}"


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("en", "how long does the descaling take", "step:3"),
        ("en", "how much water do i put in the tank", "step:2"),
        ("nl", "hoeveel water doe ik in het reservoir", "step:2"),
    ],
)
def test_how_long_and_how_much_want_a_duration_and_an_amount(
    lang: str, text: str, key: str
) -> None:
    """ "How long" prefers the step that names a duration ("in about 20 minutes"), "how much"
    the one with a number ("half a litre"), not "once a month" or a step without one."""
    matcher = build_matcher(load_guide(guide_path("descale-coffee", lang)))
    assert match_key(matcher.match(text)) == key


def test_kinds_of_answer() -> None:
    en = TextAnalyzer("en")
    assert en.answer_kinds(en.words("It takes about twenty minutes")) == {"#amount", "#duration"}
    assert en.answer_kinds(en.words("About once a month")) == set()
    assert en.cues(en.words("how long does it take")) == ({"#duration"}, ["does", "it"])
    assert en.cues(en.words("how long does it take"), {"take"}) == (
        {"#duration"},
        ["does", "it", "take"],
    )


def test_one_unit_is_a_duration_and_how_many_times_is_how_often() -> None:
    """ "about a minute" names a duration ("once a month" still does not), and "how many
    times" asks what a guide's "how often" asks, so it is no question for an amount; "hoelang"
    is "hoe lang" written as one word."""
    en, nl = TextAnalyzer("en"), TextAnalyzer("nl")
    assert en.answer_kinds(en.words("Fry for about a minute")) == {"#duration"}
    assert nl.answer_kinds(nl.words("Bak ongeveer een minuut")) == {"#duration"}
    assert en.answer_kinds(en.words("About once a month")) == set()
    assert en.rephrase(en.words("how many times a month")) == ["how", "often", "a", "month"]
    assert nl.rephrase(nl.words("hoeveel keer per maand")) == ["hoe", "vaak", "per", "maand"]
    assert nl.rephrase(nl.words("hoelang duurt het ongeveer")) == ["hoe", "lang", "duurt", "het"]
    assert en.cues(en.words("how long does it take"), {"take"})[0] == {"#duration"}


def test_a_compound_with_a_guide_word_as_head_is_a_kind_of_that_thing() -> None:
    """ "amandelmelk" is a kind of "melk": its unknown first part is no sign of another topic,
    so the question is not held to the bar of a question with a foreign word."""
    matcher = LexicalMatcher(load_guide(guide_path("pancakes", "nl")))
    slots = expand(matcher.index, ["amandelmelk"])
    assert [slot.word for slot in slots] == ["amandel", "melk"]
    assert foreign_count(slots) == 0
    assert match_key(matcher.match("kan ik amandelmelk gebruiken")) == "faq:plant-milk"


def test_each_further_foreign_word_raises_the_bar() -> None:
    """Two words the guide does not know at all make a sentence about something else, even
    when the rest meets an entry: "sunday" is one of the bundled guide's times of the week."""
    matcher = LexicalMatcher(bundled("en"))
    slots = expand(
        matcher.index, matcher.index.analyzer.words("the museum opens on sunday afternoon")
    )
    assert foreign_count(slots) == 2
    assert matcher.match("the museum opens on sunday afternoon", spoken=True) is None
    assert match_key(matcher.match("is the chat open on sunday", spoken=True)) == (
        "faq:available-24-7"
    )


def test_only_a_word_that_can_name_a_thing_is_foreign() -> None:
    """An unknown adverb, adjective or verb form tells how a question is put, not that it is
    about something else: "de chat viel ineens weg" is the disconnected chat. An unknown noun
    or name still is a sign of another topic ("PostNL", "router")."""
    matcher = LexicalMatcher(bundled("nl"))
    index = matcher.index
    assert {"ineens", "achteraf", "bereikbaar", "geirriteerd"} <= non_nouns("nl")
    assert not {"router", "postnl", "kerstdag"} & non_nouns("nl")
    assert {"suddenly", "dangerous", "froze"} <= non_nouns("en")
    assert not {"router", "waffles", "pixar"} & non_nouns("en")
    words = index.analyzer.words("de chat viel ineens weg")
    assert foreign_count(expand(index, words)) == 0
    slots = expand(index, index.analyzer.words("de router viel ineens uit"))
    assert [slot.word for slot in slots if slot.foreign] == ["router"]
    assert match_key(matcher.match("de chat viel ineens weg wat moet ik doen")) in {
        "faq:chat-disconnected",
        "tip:5",
    }


def test_everyday_words_with_accents_are_everyday() -> None:
    """The frequency table is read as the analyser writes a question's words, so an accented
    everyday word ("geïrriteerd", "café") counts as everyday, not as unheard of."""
    zipf = word_zipf("nl")
    assert zipf["geinteresseerd"] >= 4.0 and zipf["cafe"] >= zipf["cafés".replace("é", "e")]
    assert "café" not in zipf


def test_how_much_of_a_thing_wants_the_text_that_counts_it() -> None:
    """ "how many pancakes" is answered by the sentence with "twelve pancakes", not by the
    FAQ entry that says "pancakes" and a number of tablespoons."""
    en = TextAnalyzer("en")
    assert "#amount:flour" in en.counted(en.words("Sift 250 grams of flour into a bowl"))
    assert en.counted(en.words("Mix the flour")) == set()
    assert en.asked_count(en.words("how much milk goes in")) == "#amount:milk"
    assert en.asked_count(en.words("how long does it take")) is None
    matcher = build_matcher(load_guide(guide_path("pancakes", "en")))
    assert match_key(matcher.match("how many pancakes does this make")) == "intro"


def test_a_cue_word_the_guide_uses_in_another_form_stays() -> None:
    """The guide says "Preparation takes about ten minutes": "take" in "how long does it
    take" is a word of that sentence, not only a repeat of the cue."""
    matcher = LexicalMatcher(load_guide(guide_path("pancakes", "en")))
    index = matcher.index
    assert index.analyzer.cues(index.analyzer.words("how long does it take"), index.idf)[1] == [
        "does",
        "it",
        "take",
    ]


def test_irregular_english_forms_meet_their_dictionary_form() -> None:
    """No ending rule finds "lose" in "lost" nor "stick" in "stuck": WordNet's exception lists
    do, so a question's "stuck" meets a guide's "sticking"."""
    en = TextAnalyzer("en")
    assert "lose" in en.base_forms("lost") and "knife" in en.base_forms("knives")
    assert "stick" in en.base_forms("stuck") and "stick" in en.base_forms("sticking")
    index = LexicalMatcher(load_guide(DATA / "guides" / "pancakes.en.yaml")).index
    [stuck] = expand(index, ["stuck"])
    assert (en.term("sticking"), DEFAULT_CONFIG.form) in stuck.options


def test_dutch_forms_and_everyday_parts_of_guide_compounds_meet() -> None:
    """ "knop" is part of the guide's "reinigingsknop", "drukken" meets "ingedrukt" and
    "trager" meets "traag": questions say the parts and forms the guide does not."""
    nl = TextAnalyzer("nl")
    assert "traag" in nl.base_forms("trager")
    assert set(nl.base_forms("drukken")) & set(nl.base_forms("ingedrukt")) == {"druk"}
    matcher = build_matcher(load_guide(guide_path("descale-coffee", "nl")))
    assert match_key(matcher.match("op welke knop moet ik drukken")) == "step:3"
    assert match_key(matcher.match("maakt kalk het apparaat trager")) in {
        "intro",
        "faq:often-descale",
    }


def test_dutch_diminutives_particles_and_final_devoicing_meet_their_base() -> None:
    """ "eitje" is a small "ei", "invriezen" holds the "vriezen" of "vriezer", "zeven" is
    "zeef" + "en"; the guide's own short word is the form a diminutive reduces to."""
    nl = TextAnalyzer("nl")
    assert "ei" in nl.base_forms("eitje")
    assert "lamp" in nl.base_forms("lampjes")
    assert "ko" not in nl.base_forms("kopje")
    assert "vries" in set(nl.base_forms("invriezen")) & set(nl.base_forms("vriezer"))
    assert "zeef" in nl.base_forms("zeven")
    assert "houd" not in nl.base_forms("inhoud")  # a noun: no verb after the particle
    pancakes = build_matcher(load_guide(guide_path("pancakes", "nl")))
    assert match_key(pancakes.match("kan ik pannenkoeken in de vriezer doen")) == "faq:freeze"


def test_a_number_word_that_is_a_guide_word_reads_as_that_word() -> None:
    """ "zeven" is seven and "to sieve": the pancake guide says "Zeef de bloem" and has no 7,
    so the question is about sieving; in the egg guide, which cooks eggs "zeven" minutes, a
    number stays a number."""
    pancakes = LexicalMatcher(load_guide(guide_path("pancakes", "nl")))
    assert match_key(pancakes.match("moet ik de bloem zeven")) == "step:1"
    step, _ = question_slots(pancakes.index, "wat staat er in stap zeven")  # no sieve
    assert "zeef" not in {term for slot in step for term, _ in slot.options}
    eggs = LexicalMatcher(load_guide(guide_path("soft-boiled-eggs", "nl")))
    slots, _ = question_slots(eggs.index, "kook ik ze zeven minuten")
    assert "7" in {term for slot in slots for term, _ in slot.options}


def test_a_guide_compound_splits_on_another_form_of_a_guide_word() -> None:
    """The guide says "ontkalken" and "ontkalkingsprogramma": the compound's head is a form of
    the verb, so a question about "ontkalken" meets the step that starts the programme."""
    matcher = LexicalMatcher(load_guide(guide_path("descale-coffee", "nl")))
    split = matcher.index.lexicon.split("ontkalkingsprogramma")
    assert split == ["ontkalkings", "programma"]
    assert match_key(matcher.match("hoe lang duurt het ontkalken")) == "step:3"


def test_a_sentence_that_holds_every_word_asked_is_confident() -> None:
    """Prose weighs less than entries and steps, unless the sentence holds every word of the
    question: "Preparation takes about ten minutes" answers "how long does it take"."""
    guide = load_guide(DATA / "guides" / "pancakes.en.yaml")
    found = build_matcher(guide).match("how long does it take")
    assert found is not None and match_key(found) == "intro"
    assert found.text.startswith("Preparation takes about ten minutes")


def test_two_words_that_meet_in_one_target_lower_the_line() -> None:
    """ "rid" is no guide word, but "lumps" and "batter" meet in the step that says "without
    lumps": asked back, not rejected; one guide word alone ("time") does not lower the line."""
    matcher = build_matcher(load_guide(DATA / "guides" / "pancakes.en.yaml"))
    found = matcher.match("how do i get rid of lumps in the batter")
    assert found is not None and match_key(found) == "step:2" and not found.sure
    assert matcher.match("what time does the shop close") is None


def test_a_how_question_prefers_a_close_step() -> None:
    """ "How do I start a chat" asks for a procedure: the step that starts the chat leads the
    FAQ entry whose answer mentions starting a new chat, and the call is asked back."""
    found = build_matcher(bundled("en")).match("how do i start a chat")
    assert found is not None and match_key(found) == "step:4" and not found.sure


def test_an_english_word_before_a_guide_word_is_an_open_compound() -> None:
    """ "almond milk" is English for "amandelmelk": "almond" is a kind of the guide's milk, not a
    sign of another topic; a last word ("waffles") stays foreign."""
    matcher = LexicalMatcher(load_guide(DATA / "guides" / "pancakes.en.yaml"))
    index = matcher.index
    almond = expand(index, index.analyzer.words("can i use almond milk"))
    assert foreign_count(almond) == 0
    assert match_key(matcher.match("can i use almond milk")) == "faq:plant-milk"
    assert foreign_count(expand(index, index.analyzer.words("how do i make waffles"))) > 0


def test_question_forms_ask_for_reasons_times_needs_and_replacements() -> None:
    """A question's form asks for a kind of answer that a text gives by its words: "why" a
    reason, "when" a time, "what do I need" the things needed, "instead of eggs" a text that does
    without eggs; the form's own words go from the question."""
    en, nl = TextAnalyzer("en"), TextAnalyzer("nl")
    assert en.asked_forms(en.words("why is it bitter")) == ({"#reason"}, ["is", "it", "bitter"])
    assert en.asked_forms(en.words("what happens when it beeps"))[0] == set()
    assert en.asked_forms(en.words("what do i need to do"))[0] == set()
    assert nl.asked_forms(nl.words("welke ingrediënten heb ik nodig"))[0] == {"#needs"}
    assert en.asked_forms(en.words("what can i use instead of eggs"))[0] == {"#instead:egg"}
    assert nl.asked_forms(nl.words("kan ik de eieren vervangen"))[0] == {"#instead:eier"}
    assert en.form_kinds(en.words("Replace each egg with water")) == {"#instead:egg"}
    assert en.form_kinds(en.words("Flip it as soon as it is golden")) == {"#time"}
    assert nl.form_kinds(nl.words("U hebt bloem nodig, anders lukt het niet")) == {
        "#needs",
        "#reason",
        "#goal",  # "otherwise": a way to avoid an outcome
    }
    assert en.form_kinds(en.words("Pour in the milk")) == set()


def recipe(lang: str = "en") -> Guide:
    return Guide(
        id="r",
        title="Omelette",
        language=lang,
        intro="An omelette is a quick and filling meal. You need a pan, butter and three eggs.",
        steps=(
            Step("Beat the eggs", "Beat the eggs with a fork."),
            Step("Fry", "Melt the butter and fry the eggs over a low heat."),
            Step("Fold", "Fold the omelette once the top is set."),
        ),
        faq=(
            FaqEntry("no-butter", "Can I fry it without butter?", "Yes, use a little oil."),
            FaqEntry("cheese", "Can I add cheese?", "Yes, add it before you fold the omelette."),
        ),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what can i use instead of butter", "faq:no-butter"),
        ("what do i need", "intro"),
        ("why is an omelette a good meal", "intro"),
        ("when do i fold it", "step:3"),
    ],
)
def test_question_forms_find_their_answers(text: str, expected: str) -> None:
    assert match_key(build_matcher(recipe()).match(text)) == expected


def test_the_needs_list_answers_what_do_i_need() -> None:
    """A guide with a ``needs:`` list answers "what do I need" (and "which tools") from it, in
    its own words, before a tip that says "need" in passing."""
    for lang, text in (("en", "which tools do i need"), ("nl", "welk gereedschap heb ik nodig")):
        guide = load_guide(ROOT / "scripts" / f"soft-boiled-eggs.{lang}.yaml")
        found = build_matcher(guide).match(text)
        assert found is not None and found.part is Part.NEEDS
        assert found.text.startswith(guide.needs[0].spoken)


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("en", "can you recap it for me", "summary"),
        ("nl", "geef me een beknopt overzicht", "summary"),
        ("en", "any advice on peeling them", "tip:2"),
        ("nl", "heb je een trucje om ze te pellen", "tip:2"),
        ("en", "how can i avoid the eggs cracking", "step:2"),
        ("nl", "hoe voorkom ik dat de eieren barsten", "step:2"),
    ],
)
def test_a_question_form_finds_the_part_that_answers(lang: str, text: str, key: str) -> None:
    """Words that name a part of a guide ("recap", "advice") lead to it wherever they stand;
    "how do I stop X" asks for a way to avoid X: "lower them in ... so they do not crack"."""
    matcher = build_matcher(load_guide(ROOT / "scripts" / f"soft-boiled-eggs.{lang}.yaml"))
    assert match_key(matcher.match(text)) == key


def test_something_free_is_the_thing_done_without() -> None:
    matcher = build_matcher(load_guide(DATA / "guides" / "pancakes.en.yaml"))
    assert match_key(matcher.match("are egg free pancakes possible")) == "faq:without-eggs"


def test_a_typed_everyday_word_is_taken_as_meant_a_heard_one_may_be_misheard() -> None:
    """A recogniser may turn a guide word into an everyday one; a person typing "licht" meant
    light, not the guide's "legt"."""
    index = LexicalMatcher(bundled("nl")).index
    heard = expand(index, ["licht"], spoken=True)
    typed = expand(index, ["licht"], spoken=False)
    assert heard[0].options and not typed[0].options and typed[0].foreign


def test_a_question_for_the_needs_in_other_words() -> None:
    """ "What ... do I need" with words between, or a need with "anything besides", asks for
    the needs; "what do I need to do" does not."""
    en, nl = TextAnalyzer("en"), TextAnalyzer("nl")
    assert "#needs" in en.asked_forms(en.words("which tools do i need for this"))[0]
    assert "#needs" in en.asked_forms(en.words("do i need anything apart from a pan"))[0]
    assert "#needs" in nl.asked_forms(nl.words("heb ik verder nog iets nodig"))[0]
    assert "#needs" not in en.asked_forms(en.words("what do i need to do next"))[0]
    assert "#needs" not in en.asked_forms(en.words("do i need to stir it"))[0]
