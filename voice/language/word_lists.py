"""Word lists for matching questions: stop words, synonyms and number words per language.

Kept as data, apart from the code in ``text_norm``, so a language is added by adding entries here.
Words are written as people type them; ``text_norm`` normalises and stems them when it loads.
"""

from __future__ import annotations

SNOWBALL: dict[str, str] = {"en": "english", "nl": "dutch"}
"""Language subtag -> snowballstemmer algorithm. Other languages with a Snowball stemmer work too
(their subtag is looked up in ``LANGUAGE_NAMES``); languages without one are matched unstemmed."""

LANGUAGE_NAMES: dict[str, str] = {
    "da": "danish",
    "de": "german",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "no": "norwegian",
    "nb": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}

STOP_WORDS: dict[str, str] = {
    "en": """
        a an the i me my mine myself you your yours we us our they them their he she it
        its him her this that these those there here is am are was were be been being do
        does did doing done have has had having can could will would shall should may
        might must need needs what whats which who whom whose when where wheres why how
        hows if then so than too very just also of at by for with about to from in into
        on onto off out up down over under again and or but nor im ive id ill youre some
        any all each every both few more most other such only own same as until while
        during before after please okay ok um uh er hey get gets got getting happen
        happens happened now anything something thing way possible want like know let
        lets go going gonna wanna really actually still yet ever else there theres one
        ones someone anyone somebody sure able per next much many each theyre youve weve
        theyve hes shes thats youll theyll itll youd theyd whos heres shouldve wouldve
        stuff things anybody basically literally pretty kind sort bit
        couldve
    """,
    "nl": """
        de het een en of ik me mij mijn je jij jou jouw u uw we wij ons onze ze zij hun
        hen hij haar hem dit dat deze die daar hier er is ben bent zijn was waren wordt
        word worden werd geworden kan kun kunt kunnen kon zal zult zou zullen moet
        moeten mag mogen wil wilt willen heb hebt heeft hebben had doe doet doen gedaan
        wat welke welk wie wanneer waar waarom hoe als dan dus zo te van voor met aan op
        in uit bij naar om over tot door onder nog al ook maar even wel toch nou eh ehm
        graag alsjeblieft alstublieft gebeurt gebeuren gebeurd nu iets ding manier
        mogelijk weten eigenlijk gewoon zelf iemand ergens mee men s kom komt komen ga
        gaat gaan krijg krijgt krijgen per hoeveel veel elke elk ieder iedere waarmee nodig
        erin eruit erbij erop eraf eraan erover ermee ervan ervoor erna erachter erom erdoor
        erheen ertegen daarin daaruit daarbij daarop daaraan daarmee daarvan daarvoor
        daarover daardoor hierin hieruit hierbij hierop hiermee hiervan hiervoor waarin
        waaruit waarbij waarop waaraan waarvan waarvoor
        spul spullen dingen echt soort beetje zeg
    """,
}
"""Words that carry no meaning for telling one answer from another."""

SYNONYMS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (
        (
            "representative",
            "rep",
            "agent",
            "employee",
            "staff",
            "advisor",
            "adviser",
            "associate",
            "operator",
        ),
        (
            "disconnect",
            "disconnection",
            "cut off",
            "cut out",
            "lose connection",
            "lost connection",
            "connection lost",
            "connection dropped",
            "interrupted",
            "crash",
        ),
        ("choose", "pick", "select"),
        ("request", "ask for"),
        ("transcript", "copy", "record", "history"),
        ("save", "download"),
        ("email", "mail", "e mail", "emailed", "mailed"),
        (
            "sign in",
            "signin",
            "log in",
            "login",
            "log on",
            "logon",
            "sign into",
            "log into",
            "sign on",
        ),
        ("problem", "issue", "trouble"),
        ("explain", "describe", "tell", "say"),
        ("find", "locate", "see", "look for"),
        (
            "24 7",
            "around the clock",
            "day and night",
            "24 hours",
            "all day",
            "always",
            "opening hours",
            "opening times",
            "business hours",
        ),
        ("talk", "speak"),
        (
            "not",
            "no",
            "cant",
            "cannot",
            "dont",
            "doesnt",
            "didnt",
            "isnt",
            "arent",
            "wasnt",
            "wont",
            "couldnt",
            "wouldnt",
            "shouldnt",
            "never",
            "nowhere",
            "missing",
            "gone",
        ),
        ("section", "page", "area"),
        ("start", "begin", "initiate", "launch"),
        ("chat", "conversation"),
        ("service", "support", "care"),
    ),
    "nl": (
        ("medewerker", "vertegenwoordiger", "agent", "werknemer", "adviseur"),
        (
            "verbroken",
            "verbreken",
            "verbreekt",
            "wegvallen",
            "wegvalt",
            "valt weg",
            "weggevallen",
            "afgebroken",
            "afbreken",
            "breekt af",
            "uitvallen",
            "uitvalt",
            "valt uit",
            "uitgevallen",
            "onderbroken",
            "verbinding kwijt",
            "verbinding verloren",
        ),
        ("kiezen", "kies", "kiest", "uitkiezen", "selecteren", "selecteer", "uitzoeken"),
        ("aanvragen", "vragen om", "aanvraag", "verzoeken"),
        ("transcript", "transcriptie", "kopie", "geschiedenis", "verslag"),
        ("opslaan", "sla op", "opgeslagen", "downloaden", "download"),
        ("mail", "email", "e mail", "gemaild", "mailen", "mailt"),
        (
            "inloggen",
            "log in",
            "log",
            "ingelogd",
            "aanmelden",
            "meld aan",
            "meld",
            "aangemeld",
            "login",
        ),
        ("probleem", "kwestie", "issue"),
        (
            "uitleggen",
            "leg uit",
            "leg",
            "uitleg",
            "beschrijven",
            "beschrijf",
            "vertellen",
            "vertel",
            "zeggen",
        ),
        ("vinden", "vind", "zien", "zie", "zoeken", "zoek"),
        (
            "24 7",
            "dag en nacht",
            "24 uur",
            "de klok rond",
            "altijd",
            "hele dag",
            "openingstijden",
            "openingsuren",
        ),
        ("praten", "spreken", "spreek", "praat"),
        ("niet", "geen", "nergens", "nooit", "ontbreekt", "ontbreken", "kwijt"),
        ("gedeelte", "pagina", "sectie", "onderdeel"),
        ("starten", "start", "beginnen", "begin"),
        ("chat", "gesprek"),
        ("service", "dienst", "ondersteuning", "support"),
    ),
}
"""Groups of words and phrases that mean the same here; all map to the first of their group.
General words of how-to and customer-service talk, not the answers of one guide: words that
mean something else in another guide stay out ("keep" and "store" are no "save" in a recipe,
"drop" no "disconnect" when eggs are dropped in, "person" no "representative" in "for four
people"); a guide says such things in its own ``also:`` phrasings (the bundled guide's "is the
chat open at night or at the weekend"). The negation group makes "I can't find
X" (a problem, often a FAQ entry) differ from "how do I find X" (a step)."""

HOW_WORDS: dict[str, tuple[str, ...]] = {"en": ("how",), "nl": ("hoe",)}
"""First words of a question about a procedure; such questions prefer steps over FAQ on a tie."""

ANSWER_CUES: dict[str, dict[str, str]] = {
    "en": {"how long": "duration", "how much": "amount", "how many": "amount"},
    "nl": {"hoe lang": "duration", "hoeveel": "amount", "hoe veel": "amount"},
}
"""Question openings that ask for a kind of answer: "how long" wants a text with a duration in
it, "how much" one with a number; the cue stands for that kind (see ``ANSWER_MARKS``)."""

QUESTION_FORMS: dict[str, dict[str, str]] = {
    "en": {
        "how many times": "how often",
        "how frequently": "how often",
        "how regularly": "how often",
    },
    "nl": {
        "hoeveel keer": "hoe vaak",
        "hoeveel keren": "hoe vaak",
        "hoeveel maal": "hoe vaak",
        "hoe dikwijls": "hoe vaak",
        "hoe regelmatig": "hoe vaak",
        "hoelang": "hoe lang",
        "hoevaak": "hoe vaak",
    },
}
"""Other ways to ask the same question, said the way guides write it: a guide asks "how
often", a person "how many times" (or writes "hoelang" as one word); rewritten before the cues,
so "how many" is no amount."""

HEDGES: dict[str, frozenset[str]] = {
    "en": frozenset(
        "actually really basically literally just um uh er erm hmm okay ok so hey please "
        "approximately".split()
    ),
    "nl": frozenset(
        "eigenlijk echt gewoon even eh ehm hm nou hoor toch zeg dus ok oké oke ongeveer".split()
    ),
}
"""Words that soften or fill a question without meaning ("what do I actually need", "hoe lang
duurt het eigenlijk"): dropped before question forms are looked for, so "what do I actually
need" asks what "what do I need" asks."""

UNIT_ARTICLES: dict[str, tuple[str, ...]] = {"en": ("a", "an"), "nl": ("een",)}
"""Articles that count one of the unit after them: "about a minute" is a duration."""

REPEATS: dict[str, tuple[str, ...]] = {
    "en": ("once", "twice", "times"),
    "nl": ("keer", "keren", "eens", "maal"),
}
"""Words that make "a month" after them a frequency, not a duration: "once a month"."""

CUE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("take", "takes", "took", "last", "lasts"),
    "nl": ("duurt", "duren", "duurde"),
}
"""Words of a duration question that say nothing more than its cue ("how long does it take")
when the guide does not use them."""

ANSWER_MARKS: dict[str, dict[str, str]] = {
    "en": {
        "duration": "second seconds minute minutes hour hours day days week weeks month months",
        "amount": "half quarter dozen",
    },
    "nl": {
        "duration": "seconde seconden minuut minuten uur uren dag dagen week weken maand maanden",
        "amount": "half halve kwart dozijn",
    },
}
"""Words that make a text an answer of a kind; any number in a text also marks an amount."""

SOUND_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("ph", "f"),
        ("ck", "k"),
        ("c(?=[eiy])", "s"),
        ("c", "k"),
        ("q", "k"),
        ("x", "ks"),
        ("z", "s"),
        ("wh", "w"),
        ("^kn", "n"),
        ("mb$", "m"),
        ("dt$", "t"),
        ("d$", "t"),
    ),
    "nl": (
        ("sj", "ch"),
        ("sch", "sg"),
        ("ch", "g"),
        ("ij", "ei"),
        ("y", "ei"),
        ("au", "ou"),
        ("dt$", "t"),
        ("d$", "t"),
        ("ph", "f"),
        ("c(?=[eiy])", "s"),
        ("c", "k"),
        ("th", "t"),
        ("v", "f"),
        ("z", "s"),
    ),
}
"""Spelling -> sound rewrites, in order, for the sound-alike key that catches recognition errors
such as "sjat" for "chat"; vowels and doubled letters are folded after these."""

TENS: dict[str, tuple[str, ...]] = {
    "en": ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
    "nl": (
        "",
        "",
        "twintig",
        "dertig",
        "veertig",
        "vijftig",
        "zestig",
        "zeventig",
        "tachtig",
        "negentig",
    ),
}
"""Words for 20, 30, ... 90: with the cardinals in ``vocabulary_data`` they spell 0-99."""

MORE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("more", "more please", "more questions", "tell me more", "go on", "and more"),
    "nl": ("meer", "nog meer", "meer vragen", "ga door", "en verder", "meer graag"),
}
"""What asks for the next few questions of the list 'what can I ask' is reading."""

CHOICE_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        ("first", "the first", "the first one", "first one", "the former"),
        ("second", "the second", "the second one", "second one", "the other", "the latter"),
    ),
    "nl": (
        ("eerste", "de eerste", "het eerste", "de eerste vraag"),
        ("tweede", "de tweede", "het tweede", "de tweede vraag", "de andere", "het andere"),
    ),
}
"""What picks the first or the second of the two answers offered by "Do you mean X, or Y?"."""
