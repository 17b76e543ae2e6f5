"""Command vocabulary: numbers, ordinals, fillers, questions left alone; English and Dutch."""

from __future__ import annotations

from collections import defaultdict

import pytest

from voice.language.commands import (
    Vocabulary,
    normalise,
    number_words,
    parse,
    parse_command,
    parse_number,
    vocabulary,
)
from voice.language.intents import Command, Intent
from voice.language.word_forms import base_forms

EN = vocabulary("en")
NL = vocabulary("nl")
VOCABS = {"en": EN, "nl": NL}

# Written out here rather than imported, so a typo in the vocabulary data shows up.
CARDINALS = {
    "en": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split(),
    "nl": "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
    "vijftien zestien zeventien achttien negentien twintig".split(),
}
ORDINALS = {
    "en": "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth".split(),
    "nl": "eerste tweede derde vierde vijfde zesde zevende achtste negende tiende elfde "
    "twaalfde dertiende veertiende vijftiende zestiende zeventiende achttiende "
    "negentiende twintigste".split(),
}


def goto(step: int) -> Command:
    return Command(Intent.GOTO, step)


def test_normalise() -> None:
    assert normalise("  Okay, NEXT step!! ") == "okay next step"
    assert normalise("What's next?") == normalise("whats next") == "whats next"
    assert normalise("Oké, één stap") == "oke een stap"
    assert normalise("go_to step-3") == "go to step 3"
    assert normalise("다음 단계!") == "다음 단계"


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("value", range(1, 21))
def test_number_words_and_ordinals_up_to_twenty(lang: str, value: int) -> None:
    vocab = VOCABS[lang]
    noun = {"en": "step", "nl": "stap"}[lang]
    cardinal, ordinal = CARDINALS[lang][value - 1], ORDINALS[lang][value - 1]
    assert parse_command(f"{noun} {cardinal}", vocab) == goto(value)
    assert parse_command(f"{ordinal} {noun}", vocab) == goto(value)
    assert parse_command(f"{noun} {value}", vocab) == goto(value)
    assert parse_number(cardinal, vocab) == parse_number(ordinal, vocab) == value
    assert number_words(value, lang) == cardinal


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("3", 3),
        ("17", 17),
        ("3rd", 3),
        ("1st", 1),
        ("2nd", 2),
        ("4th", 4),
        ("21st", 21),
        ("3e", 3),
        ("1ste", 1),
        ("2de", 2),
        ("three", 3),
        ("drie", 3),
        ("derde", 3),
    ],
)
def test_parse_number_digits_and_ordinal_suffixes(word: str, value: int) -> None:
    vocab = NL if word in ("drie", "derde") else EN
    assert parse_number(word, vocab) == value


def test_parse_number_rejects_words() -> None:
    assert parse_number("step", EN) is None
    assert parse_number("three", NL) is None  # English number words are not Dutch ones


def test_number_words_past_twenty_are_digits() -> None:
    assert number_words(25, "en") == "25"
    assert number_words(3, "nl-BE") == "drie"


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("step 3", 3),
        ("Step 3.", 3),
        ("3", 3),
        ("3rd", 3),
        ("go to step three", 3),
        ("the third step", 3),
        ("go to the 3rd step", 3),
        ("jump to step 12", 12),
        ("skip to step five", 5),
        ("take me to step 2", 2),
        ("okay, step four please", 4),
        ("step 21", 21),
        ("number 4", 4),
        ("the first step", 1),
        ("twentieth step", 20),
    ],
)
def test_goto_english(text: str, step: int) -> None:
    assert parse_command(text, EN) == goto(step)


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("stap 3", 3),
        ("ga naar stap drie", 3),
        ("derde stap", 3),
        ("3e", 3),
        ("de 3e stap", 3),
        ("ga naar de derde stap", 3),
        ("spring naar stap 4", 4),
        ("stap twintig", 20),
        ("twintigste stap", 20),
        ("1ste stap", 1),
        ("stap een", 1),
        ("graag stap vijf", 5),
    ],
)
def test_goto_dutch(text: str, step: int) -> None:
    assert parse_command(text, NL) == goto(step)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "step"),
        ("en", "go to step"),
        ("en", "step three four"),
        ("en", "step 3 and 4"),
        ("nl", "stap"),
        ("nl", "ga naar stap drie vier"),
        ("nl", "stap three"),
    ],
)
def test_not_a_step_number(lang: str, text: str) -> None:
    assert parse_command(text, VOCABS[lang]).intent is Intent.UNKNOWN


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("okay, next please", Intent.NEXT),
        ("Next.", Intent.NEXT),
        ("NEXT STEP!", Intent.NEXT),
        ("um, what's next?", Intent.NEXT),
        ("hey guide, continue", Intent.NEXT),
        ("thank you, next", Intent.NEXT),
        ("could you repeat that please", Intent.REPEAT),
        ("uh go back", Intent.PREVIOUS),
        ("please stop", Intent.STOP),
        ("okay, where am I?", Intent.WHERE),
        ("what can I ask?", Intent.FAQ_LIST),
        ("so, the next tip please", Intent.NEXT_TIP),
        ("just a moment", Intent.PAUSE),
        ("yes please", Intent.YES),
        ("no thanks", Intent.NO),
        ("let's start over", Intent.START_OVER),
    ],
)
def test_fillers_and_politeness_english(text: str, intent: Intent) -> None:
    assert parse_command(text, EN) == Command(intent)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("volgende stap graag", Intent.NEXT),
        ("Oké, volgende!", Intent.NEXT),
        ("ga maar door", Intent.NEXT),
        ("kun je dat herhalen?", Intent.REPEAT),
        ("eh, vorige stap alsjeblieft", Intent.PREVIOUS),
        ("stop maar", Intent.STOP),
        ("waar ben ik?", Intent.WHERE),
        ("nou, nog een tip", Intent.NEXT_TIP),
        ("wacht even", Intent.PAUSE),
        ("ja graag", Intent.YES),
        ("nee dank je", Intent.NO),
        ("begin maar opnieuw", Intent.START_OVER),
        ("wat kan ik vragen?", Intent.FAQ_LIST),
    ],
)
def test_fillers_and_politeness_dutch(text: str, intent: Intent) -> None:
    assert parse_command(text, NL) == Command(intent)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "what happens next if the chat drops"),
        ("en", "can I go back to a chat I closed"),
        ("en", "what should I do if I can't find the contact button"),
        ("en", "is the chat available 24/7"),
        ("en", "how do I stop the chat from disconnecting"),
        ("en", "next to what"),
        ("nl", "wat gebeurt er als de chat wegvalt"),
        ("nl", "kan ik terug naar een oud gesprek"),
        ("nl", "is de chat 24/7 beschikbaar"),
        ("nl", "hoe stop ik de chat"),
        ("en", ""),
        ("en", "  ...  "),
        ("en", "please"),
        ("nl", "graag"),
    ],
)
def test_questions_and_noise_are_not_commands(lang: str, text: str) -> None:
    assert parse_command(text, VOCABS[lang]).intent is Intent.UNKNOWN


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_built_in_phrases_do_not_collide(lang: str) -> None:
    vocab = VOCABS[lang]
    owners: dict[tuple[str, ...], set[Intent]] = defaultdict(set)
    for intent, phrases in vocab.phrases.items():
        for phrase in phrases:
            key = tuple(w for w in normalise(phrase).split() if w not in vocab.fillers)
            assert key, f"{phrase!r} is only filler words"
            owners[key].add(intent)
    collisions = {key: intents for key, intents in owners.items() if len(intents) > 1}
    assert collisions == {}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_built_in_phrase_means_its_intent(lang: str) -> None:
    vocab = VOCABS[lang]
    wrong = [
        (phrase, intent, parse_command(phrase, vocab).intent)
        for intent, phrases in vocab.phrases.items()
        for phrase in phrases
        if parse_command(phrase, vocab) != Command(intent)
    ]
    assert wrong == []


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_command_intent_has_built_in_phrases(lang: str) -> None:
    without_phrases = {
        Intent.START,
        Intent.GOTO,
        Intent.FAQ,
        Intent.CLARIFY,
        Intent.UNKNOWN,
        Intent.TIMER_DONE,
    }
    assert {i for i in Intent if i not in without_phrases} <= set(VOCABS[lang].phrases)


def test_no_filler_is_a_whole_command_word() -> None:
    for vocab in VOCABS.values():
        for words in vocab.table:
            assert not set(words) & vocab.fillers


def test_regional_tags_use_the_language_vocabulary() -> None:
    assert vocabulary("en-GB").table == EN.table
    assert vocabulary("NL-be").table == NL.table


def german() -> Vocabulary:
    return vocabulary(
        "de",
        {
            "next": ["weiter", "nächster Schritt"],
            "previous": ["zurück"],
            "goto": ["gehe zu Schritt"],
            "stop": ["Ende", "halt"],
        },
    )


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("weiter", Command(Intent.NEXT)),
        ("Nächster Schritt!", Command(Intent.NEXT)),
        ("zurück", Command(Intent.PREVIOUS)),
        ("Halt.", Command(Intent.STOP)),
        ("gehe zu Schritt 3", goto(3)),
        ("Schritt 2", goto(2)),
        ("4", goto(4)),
        ("4.", goto(4)),
        ("gehe zu Schritt", Command(Intent.UNKNOWN)),
        ("next", Command(Intent.UNKNOWN)),
        ("was passiert wenn der Chat abbricht", Command(Intent.UNKNOWN)),
    ],
)
def test_script_commands_work_without_built_in_vocabulary(text: str, command: Command) -> None:
    assert parse_command(text, german()) == command


def test_script_commands_in_a_non_latin_script() -> None:
    korean = vocabulary("ko", {"next": ["다음"], "goto": ["단계"], "stop": ["그만"]})
    assert parse_command("다음!", korean) == Command(Intent.NEXT)
    assert parse_command("3 단계", korean) == goto(3)
    assert parse_command("그만", korean) == Command(Intent.STOP)


def test_script_commands_add_to_built_in_vocabulary() -> None:
    vocab = vocabulary("nl", {"next": ["hup"]})
    assert parse_command("hup", vocab) == Command(Intent.NEXT)
    assert parse_command("volgende", vocab) == Command(Intent.NEXT)
    assert "hup" in vocab.phrases[Intent.NEXT]


# --- issue 11: the evidence parser ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "command"),
    [
        ("en", "go back two steps", Command(Intent.PREVIOUS, count=2)),
        ("en", "skip ahead three", Command(Intent.NEXT, count=3)),
        ("en", "back to step one", goto(1)),
        ("en", "skip to step five", goto(5)),
        ("en", "can you go back one", Command(Intent.PREVIOUS)),
        ("nl", "sla twee stappen over", Command(Intent.NEXT, count=2)),
        ("nl", "ga drie stappen terug", Command(Intent.PREVIOUS, count=3)),
        ("nl", "terug naar stap een", goto(1)),
    ],
)
def test_relative_moves_and_steps(lang: str, text: str, command: Command) -> None:
    assert parse_command(text, VOCABS[lang]) == command


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("en", "the previous step", Intent.PREVIOUS),
        ("en", "what do I do now", Intent.NEXT),
        ("en", "say it again", Intent.REPEAT),
        ("en", "repeat the last step", Intent.REPEAT),
        ("en", "go back to the beginning", Intent.START_OVER),
        ("en", "thanks", Intent.THANKS),
        ("en", "great, thank you", Intent.THANKS),
        ("en", "no thanks", Intent.NO),
        ("en", "never mind", Intent.CANCEL),
        ("nl", "overslaan", Intent.NEXT),
        ("nl", "laat maar zitten", Intent.CANCEL),
        ("nl", "dank je wel", Intent.THANKS),
        ("nl", "geef me nog een tip", Intent.NEXT_TIP),
    ],
)
def test_everyday_phrasings(lang: str, text: str, intent: Intent) -> None:
    assert parse_command(text, VOCABS[lang]) == Command(intent)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "don't stop"), ("en", "next to what"), ("nl", "niet stoppen"), ("en", "stop back")],
)
def test_negated_ambiguous_or_asking_is_unknown_but_command_like(lang: str, text: str) -> None:
    found = parse(text, VOCABS[lang])
    assert found.command.intent is Intent.UNKNOWN and found.command_like, found.evidence


def test_content_words_make_a_question_and_say_so() -> None:
    found = parse("how do I stop the chat from disconnecting", EN)
    assert found.command.intent is Intent.UNKNOWN and not found.command_like
    assert "chat" in found.evidence[0]


def test_a_language_without_vocabulary_falls_back_on_english() -> None:
    bare = vocabulary("de")
    assert not bare.own and bare.fallback is not None
    assert parse_command("next step please", bare) == Command(Intent.NEXT)
    assert parse_command("was passiert wenn der Chat abbricht", bare).intent is Intent.UNKNOWN
    assert german().own and german().fallback is None


def test_english_commands_work_in_a_dutch_guide() -> None:
    found = parse("go back", NL)
    assert found.command == Command(Intent.PREVIOUS) and found.evidence[0] == "en fallback"
    assert parse_command("stap three", NL).intent is Intent.UNKNOWN


@pytest.mark.parametrize("text", ["what time is it", "what is the weather like today"])
def test_small_talk_is_no_command(text: str) -> None:
    assert parse_command(text, EN).intent is Intent.UNKNOWN


def test_dutch_strong_verbs_meet_their_infinitive() -> None:
    """No ending rule turns "gebroken" into "breken" or "ingevroren" into "vriezen"."""
    assert "breken" in base_forms("nl", "gebroken")
    assert {"invriezen", "vriezen"} <= set(base_forms("nl", "ingevroren"))
    assert "verbreken" in base_forms("nl", "verbroken")
    assert "zijn" not in base_forms("nl", "bewaren")
