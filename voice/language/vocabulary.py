"""Built-in command phrases, fillers and number words for English and Dutch.

Kept apart from the parsing code so that adding a language is adding data, not logic. Phrases are
written as people say them; they are normalised (and fillers removed) when a vocabulary is built.
"""

from __future__ import annotations

from voice.language.intents import Intent

PHRASES: dict[str, dict[Intent, tuple[str, ...]]] = {
    "en": {
        Intent.NEXT: (
            "next",
            "next step",
            "continue",
            "go on",
            "go ahead",
            "forward",
            "go forward",
            "proceed",
            "move on",
            "what's next",
            "what now",
            "and then",
            "done",
            "i'm done",
            "got it",
            "next one",
            "the next step",
            "following step",
        ),
        Intent.PREVIOUS: (
            "back",
            "go back",
            "previous",
            "previous step",
            "step back",
            "one step back",
            "back one step",
            "the step before",
            "backwards",
            "go back one step",
            "previous one",
        ),
        Intent.REPEAT: (
            "repeat",
            "again",
            "say again",
            "say that again",
            "repeat that",
            "pardon",
            "come again",
            "once more",
            "read it again",
            "repeat the step",
            "what did you say",
            "one more time",
            "repeat step",
            "what",
        ),
        Intent.START_OVER: (
            "start over",
            "restart",
            "from the beginning",
            "start again",
            "begin again",
            "go to the beginning",
            "back to the beginning",
            "start from the beginning",
            "from the top",
        ),
        Intent.LAST: (
            "last step",
            "final step",
            "go to the end",
            "skip to the end",
            "the last one",
            "go to the last step",
        ),
        Intent.WHERE: (
            "where am i",
            "which step",
            "what step",
            "which step am i on",
            "what step am i on",
            "how many steps",
            "how far am i",
            "progress",
            "status",
            "where are we",
            "what step is this",
            "how many steps are there",
        ),
        Intent.SUMMARY: (
            "summary",
            "summarize",
            "summarise",
            "sum up",
            "overview",
            "recap",
            "give me a summary",
            "read the summary",
            "the summary",
        ),
        Intent.TIPS: (
            "tips",
            "tip",
            "any tips",
            "give me tips",
            "give me a tip",
            "hints",
            "hint",
            "advice",
            "read the tips",
            "do you have tips",
            "do you have any tips",
        ),
        Intent.NEXT_TIP: (
            "next tip",
            "another tip",
            "more tips",
            "other tip",
            "one more tip",
            "the next tip",
        ),
        Intent.FAQ_LIST: (
            "what can i ask",
            "questions",
            "faq",
            "frequently asked questions",
            "which questions",
            "list questions",
            "what questions can i ask",
            "what can i ask you",
        ),
        Intent.HELP: (
            "help",
            "what can i say",
            "commands",
            "options",
            "how does this work",
            "what can you do",
            "list commands",
            "help me",
        ),
        Intent.PAUSE: (
            "pause",
            "wait",
            "hold on",
            "one moment",
            "just a moment",
            "hang on",
            "wait a moment",
            "wait a second",
            "hold on a second",
            "one second",
        ),
        Intent.RESUME: (
            "resume",
            "unpause",
            "i'm back",
            "i am back",
            "i'm ready",
            "ready",
            "carry on",
        ),
        Intent.SLOWER: (
            "slower",
            "slow down",
            "speak slower",
            "more slowly",
            "too fast",
            "talk slower",
            "speak more slowly",
        ),
        Intent.FASTER: ("faster", "speed up", "speak faster", "quicker", "too slow", "talk faster"),
        Intent.YES: (
            "yes",
            "yeah",
            "yep",
            "sure",
            "correct",
            "that's right",
            "exactly",
            "yes please",
            "right",
        ),
        Intent.NO: ("no", "nope", "no thanks", "wrong", "not that", "no that's wrong"),
        Intent.STOP: (
            "stop",
            "quit",
            "exit",
            "goodbye",
            "bye",
            "that's all",
            "i'm finished",
            "end",
            "stop the guide",
            "close",
            "good bye",
            "bye bye",
        ),
        Intent.TRANSCRIPT: (
            "transcript",
            "where is the transcript",
            "show the transcript",
            "transcript file",
            "where is the transcript file",
        ),
    },
    "nl": {
        Intent.NEXT: (
            "volgende",
            "volgende stap",
            "verder",
            "ga verder",
            "door",
            "ga door",
            "doorgaan",
            "klaar",
            "en nu",
            "wat nu",
            "de volgende stap",
            "en dan",
            "gedaan",
            "volgende graag",
        ),
        Intent.PREVIOUS: (
            "terug",
            "vorige",
            "vorige stap",
            "ga terug",
            "een stap terug",
            "stap terug",
            "achteruit",
            "de vorige stap",
            "ga een stap terug",
        ),
        Intent.REPEAT: (
            "herhaal",
            "herhalen",
            "nog een keer",
            "nog eens",
            "opnieuw",
            "wat zei je",
            "pardon",
            "zeg het nog eens",
            "herhaal dat",
            "herhaal de stap",
            "kun je dat herhalen",
            "wat",
        ),
        Intent.START_OVER: (
            "begin opnieuw",
            "opnieuw beginnen",
            "vanaf het begin",
            "terug naar het begin",
            "herstart",
            "overnieuw",
            "van voren af aan",
            "ga naar het begin",
            "opnieuw starten",
        ),
        Intent.LAST: (
            "laatste stap",
            "naar het einde",
            "ga naar het einde",
            "de laatste stap",
            "ga naar de laatste stap",
        ),
        Intent.WHERE: (
            "waar ben ik",
            "welke stap",
            "bij welke stap ben ik",
            "hoeveel stappen",
            "hoe ver ben ik",
            "waar zijn we",
            "welke stap is dit",
            "hoeveel stappen zijn er",
        ),
        Intent.SUMMARY: (
            "samenvatting",
            "samenvatten",
            "overzicht",
            "vat samen",
            "geef een samenvatting",
            "lees de samenvatting",
            "de samenvatting",
        ),
        Intent.TIPS: (
            "tips",
            "tip",
            "geef tips",
            "heb je tips",
            "advies",
            "geef me een tip",
            "lees de tips",
            "heb je nog tips",
        ),
        Intent.NEXT_TIP: (
            "volgende tip",
            "nog een tip",
            "andere tip",
            "meer tips",
            "de volgende tip",
        ),
        Intent.FAQ_LIST: (
            "wat kan ik vragen",
            "vragen",
            "veelgestelde vragen",
            "welke vragen",
            "welke vragen kan ik stellen",
            "faq",
        ),
        Intent.HELP: (
            "help",
            "hulp",
            "wat kan ik zeggen",
            "commando's",
            "opties",
            "hoe werkt dit",
            "wat kun je doen",
            "help me",
        ),
        Intent.PAUSE: (
            "pauze",
            "wacht",
            "even wachten",
            "momentje",
            "moment",
            "wacht even",
            "een moment",
            "pauzeer",
        ),
        Intent.RESUME: ("hervat", "hervatten", "ik ben terug", "ik ben er weer", "ik ben klaar"),
        Intent.SLOWER: (
            "langzamer",
            "praat langzamer",
            "rustiger",
            "trager",
            "te snel",
            "spreek langzamer",
        ),
        Intent.FASTER: ("sneller", "praat sneller", "te langzaam", "spreek sneller", "vlotter"),
        Intent.YES: (
            "ja",
            "jawel",
            "zeker",
            "klopt",
            "inderdaad",
            "ja graag",
            "dat klopt",
            "precies",
        ),
        Intent.NO: ("nee", "neen", "nee dank je", "klopt niet", "dat klopt niet", "niet dat"),
        Intent.STOP: (
            "stop",
            "stoppen",
            "afsluiten",
            "einde",
            "doei",
            "tot ziens",
            "ophouden",
            "klaar ermee",
            "stop maar",
            "sluit af",
        ),
        Intent.TRANSCRIPT: (
            "transcript",
            "waar is het transcript",
            "verslag",
            "gespreksverslag",
            "waar is het verslag",
        ),
    },
}

MORE_PHRASES: dict[str, dict[Intent, tuple[str, ...]]] = {
    "en": {
        Intent.CANCEL: ("never mind", "nevermind", "cancel", "forget it"),
        Intent.THANKS: ("thanks", "thank you", "thanks a lot", "cheers"),
    },
    "nl": {
        Intent.CANCEL: ("laat maar", "laat maar zitten", "annuleer", "vergeet het"),
        Intent.THANKS: ("bedankt", "dank je wel", "dankjewel", "dank u wel"),
    },
}
"""Phrases of the intents added after the spoken grammar was measured (``PHRASES`` feeds
``voice.speech_in.grammar.spoken_grammar``, whose accuracy depends on its exact lists); the full
grammar and the parser use these too."""

FILLERS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "okay ok please um uh er erm so well hey guide just you alright "
        "then can could would will let's lets me the a".split()
    ),
    "nl": frozenset(
        "oké oke ok okay graag alsjeblieft alstublieft even eh uh ehm nou dan maar hoor toch "
        "je de het kun kunt u wil ik wilt zou jij".split()
    ),
}
"""Words dropped before matching, from both the utterance and the phrases (so 'go to the step'
and 'go to step' are the same)."""

CARDINALS: dict[str, tuple[str, ...]] = {
    "en": tuple(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    ),
    "nl": tuple(
        "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
        "vijftien zestien zeventien achttien negentien twintig".split()
    ),
}
ORDINALS: dict[str, tuple[str, ...]] = {
    "en": tuple(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
        "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
        "nineteenth twentieth".split()
    ),
    "nl": tuple(
        "nulde eerste tweede derde vierde vijfde zesde zevende achtste negende tiende "
        "elfde twaalfde dertiende veertiende vijftiende zestiende zeventiende achttiende "
        "negentiende twintigste".split()
    ),
}
STEP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("step go to jump skip take read show number move goto".split()),
    "nl": frozenset("stap ga naar spring sla over lees toon nummer neem ga".split()),
}
"""Words allowed around a number in a 'go to step N' command."""
STEP_NOUN: dict[str, str] = {"en": "step", "nl": "stap"}
