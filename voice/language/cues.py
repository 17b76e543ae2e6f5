"""Evidence for the command parser: short patterns per intent, and the words that carry no intent.

Data only, like ``voice.language.vocabulary``: adding a language is adding tables here.

A *cue* is a short pattern whose words must appear in order in an utterance, with at most
``MAX_GAP`` other words between them ("sla deze stap over" matches ``sla over``). Each word a cue
covers counts one point for its intent (``word=3`` in a cue: three points, for verbs that decide
the intent whatever else is said, such as "repeat the last step"). *Soft* words (pronouns,
auxiliaries, politeness, fillers, acknowledgements) carry no intent but do not make an utterance a
question either; any other word that no command uses does ("chat", "button"), and hands the
utterance to the question matcher.

Sources, beyond the phrases we wrote ourselves:

- Amazon Alexa, standard built-in intents (AMAZON.NextIntent, PreviousIntent, RepeatIntent,
  StartOverIntent, StopIntent, CancelIntent, HelpIntent, PauseIntent, ResumeIntent, YesIntent,
  NoIntent): their common utterances ("skip", "skip forward", "skip back", "back up", "say that
  again", "start over", "restart", "never mind", "forget it", "shut up", "keep going", "pause
  that"). https://developer.amazon.com/en-US/docs/alexa/custom-skills/standard-built-in-intents.html
  (documentation; utterance lists are facts of the interface, re-typed here, not copied text).
- Home Assistant intents (https://github.com/home-assistant/intents, commit aa550032a,
  CC BY 4.0): ``sentences/{en,nl}/media_player_HassMediaNext.yaml`` ("skip", "next item",
  "sla ... over", "volgende"), ``media_player_HassMediaPrevious.yaml`` ("go back", "ga ... terug",
  "vorige"), ``media_player_HassMediaPause.yaml`` ("pause", "pauzeer", "pauzeren"),
  ``media_player_HassMediaUnpause.yaml`` ("resume", "unpause", "hervat", "hervatten", "ga verder
  met"), ``homeassistant_HassNevermind.yaml`` ("never mind", "nevermind", "laat maar [zitten]",
  "annuleer"), and the ``skip_words`` of ``sentences/{en,nl}/_common.yaml`` ("please", "can you",
  "could you", "would you", "for me", "i'd like", "i want"; "alstublieft", "alsjeblieft", "aub",
  "ajb", "graag", "ik wil", "voor mij", "voor me"), which are soft words here.

Cancel and never mind end what is going on (a question asked back, a reading), not the session:
"stop" ends the session.
"""

from __future__ import annotations

from voice.language.intents import Intent

MORE_PHRASES: dict[str, dict[Intent, tuple[str, ...]]] = {
    "en": {
        Intent.CANCEL: ("never mind", "nevermind", "cancel", "forget it"),
        Intent.THANKS: ("thanks", "thank you", "thanks a lot", "cheers"),
        Intent.GREETING: ("hello", "hi", "good morning", "good afternoon", "good evening"),
    },
    "nl": {
        Intent.CANCEL: ("laat maar", "laat maar zitten", "annuleer", "vergeet het"),
        Intent.THANKS: ("bedankt", "dank je wel", "dankjewel", "dank u wel"),
        Intent.GREETING: ("hallo", "hoi", "goedemorgen", "goedemiddag", "goedenavond"),
    },
}
"""Phrases of the intents added after the spoken grammar was measured (``PHRASES`` feeds
``voice.speech_in.grammar.spoken_grammar``, whose accuracy depends on its exact lists); the full
grammar and the parser use these too."""

MAX_GAP = 3
"""Words allowed between two words of one cue: Dutch splits verbs ("sla twee stappen over")."""

CUES: dict[str, dict[Intent, str]] = {
    "en": {
        Intent.NEXT: (
            "next, skip, skip forward, skip this, continue, proceed, forward, ahead, move on, "
            "moving on, go on, go ahead, keep going, whats next, what next, what now, do now, and "
            "now, and then, then what, comes next, done, did it, did that, got it, following, "
            "onwards, next one, lets go, lets start, lets begin, lets do this, lets do it, ready, "
            "how start, how begin, where start, where begin"
        ),
        Intent.PREVIOUS: (
            "back, go back, back up, skip back, previous, step before, before that, was before, "
            "backwards, earlier step"
        ),
        Intent.REPEAT: (
            "repeat=6, again, say again, say that again, say it again, tell me again, pardon, come "
            "again, once more, one more time, didnt get, didnt catch, didnt hear, did not get, did "
            "not catch, cant hear, couldnt hear, missed that, missed it, what was that, what did "
            "you say, huh, what=1, read again, read it again"
        ),
        Intent.START_OVER: (
            "start over, restart, start again, begin again, beginning, from top, from start, back "
            "to start, back to beginning, go to beginning, all over, start from scratch"
        ),
        Intent.LAST: "last step, final step, the end, to end, last one, final one, very end",
        Intent.WHERE: (
            "where am i, where are we, where was i, which step, what step, how many steps, how "
            "far, how much left, how much is left, steps left, left to go, progress, status"
        ),
        Intent.SUMMARY: "summary, summarize, summarise, sum up, sum it up, overview, recap",
        Intent.TIPS: "tips, tip, advice, hint, hints, suggestions",
        Intent.NEXT_TIP: "next tip=3, another tip=3, more tips=3, other tip=3, one more tip=3",
        Intent.FAQ_LIST: (
            "what can i ask, can i ask, questions, faq, which questions, what to ask, list "
            "questions, frequently asked"
        ),
        Intent.HELP: (
            "help, commands, options, what can i say, what can you do, how does this work, how do "
            "i use, what do i say, how does it work"
        ),
        Intent.PAUSE: (
            "pause, pause that, wait=1, hold on, hang on, moment, minute, sec, break, hold it"
        ),
        Intent.RESUME: (
            "resume, unpause, im back, i am back, im ready, ready, carry on, where we were, where "
            "i was, where we left off, pick up where"
        ),
        Intent.SLOWER: "slower, slow down, too fast, more slowly, slowly",
        Intent.FASTER: "faster, speed up, too slow, quicker, hurry up",
        Intent.YES: (
            "yes, yeah, yep, yup, yea, sure, correct, exactly, uh huh=2, of course, absolutely, "
            "indeed, thats right, thats it"
        ),
        Intent.NO: (
            "no, nope, nah, wrong, not that, not it, not really, incorrect, no thanks, not what i "
            "meant"
        ),
        Intent.STOP: (
            "stop, quit, exit, goodbye, bye, thats all, im finished, end, close, good bye, done "
            "for today, enough for now, done for now, shut up, turn off, thats enough, see you"
        ),
        Intent.TRANSCRIPT: "transcript, transcript file",
        Intent.CANCEL: "cancel, never mind, nevermind, forget it, forget that, forget about it",
        Intent.NEEDS: (
            "what need, stuff need, things need, need to have, need to get, ingredients, "
            "supplies, shopping list, what should have"
        ),
        Intent.TOOLS: "tools, tools need, equipment, what equipment",
        Intent.HOW_LONG: (
            "how long take, how long takes, how much time take, how long gonna, how long will, "
            "how long going to take, how long whole, how long total, how long altogether, "
            "how long overall, take in total, take altogether, take overall, whole thing take"
        ),
        Intent.STEP_TIME: "how long step, how long this step, step take",
    },
    "nl": {
        Intent.NEXT: (
            "volgende, verder, door, doorgaan, ga door, sla over, overslaan, vooruit, klaar, "
            "gedaan, gelukt, en nu, wat nu, nu doen, en dan, hierna, komt er, de volgende, "
            "laten we beginnen, laten we gaan, begin maar"
        ),
        Intent.PREVIOUS: (
            "terug, vorige, ga terug, achteruit, teruggaan, stap terug, hiervoor, stapje terug, "
            "ervoor"
        ),
        Intent.REPEAT: (
            "herhaal=6, herhalen=6, nog een keer, nog eens, opnieuw, wat zei je, wat zeg je, "
            "pardon, verstond niet, versta niet, verstaan, hoorde niet, niet gehoord, gemist, huh, "
            "wat=1, zeg het nog eens"
        ),
        Intent.START_OVER: (
            "begin opnieuw, opnieuw beginnen, vanaf het begin, naar het begin, terug naar begin, "
            "herstart, overnieuw, van voren af aan, helemaal opnieuw, opnieuw starten, begin"
        ),
        Intent.LAST: "laatste stap, naar het einde, naar het eind, het eind, laatste",
        Intent.WHERE: (
            "waar ben ik, waar zijn we, waar was ik, welke stap, hoeveel stappen, hoe ver, hoeveel "
            "nog"
        ),
        Intent.SUMMARY: "samenvatting, samenvatten, overzicht, vat samen",
        Intent.TIPS: "tips, tip, tipje, advies, hint",
        Intent.NEXT_TIP: "volgende tip=3, nog een tip=3, andere tip=3, meer tips=3",
        Intent.FAQ_LIST: "wat kan ik vragen, vragen, veelgestelde vragen, welke vragen, faq",
        Intent.HELP: (
            "help, hulp, wat kan ik zeggen, commandos, opties, hoe werkt dit, wat kun je doen, hoe "
            "werkt het"
        ),
        Intent.PAUSE: (
            "pauze, pauzeer, pauzeren, wacht=1, even wachten, momentje, moment, minuutje, minuut, "
            "ogenblik, seconde"
        ),
        Intent.RESUME: (
            "hervat, hervatten, ik ben terug, ik ben er weer, ben er weer, ik ben klaar, ik ben "
            "zover, zover, waar we waren, waar ik was, ga verder met"
        ),
        Intent.SLOWER: "langzamer, rustiger, trager, te snel, langzaam",
        Intent.FASTER: "sneller, te langzaam, vlotter, te traag",
        Intent.YES: (
            "ja, jawel, jazeker, zeker, klopt, inderdaad, precies, jep, ja hoor, dat klopt, jazeker"
        ),
        Intent.NO: (
            "nee, neen, nee hoor, klopt niet, niet dat, dat niet, niet echt, nope, bedoel niet"
        ),
        Intent.STOP: (
            "stop, stoppen, afsluiten, einde, doei, tot ziens, ophouden, klaar ermee, sluit af, "
            "stop ermee, dat was het, hou op, houd op, uitzetten"
        ),
        Intent.TRANSCRIPT: "transcript, verslag, gespreksverslag",
        Intent.NEEDS: ("wat nodig, benodigdheden, ingrediënten, boodschappen"),
        Intent.TOOLS: "gereedschap, keukengerei",
        Intent.HOW_LONG: (
            "hoe lang duurt, hoeveel tijd kost, hoe lang bezig, hoelang duurt, hoe lang geheel, "
            "hoe lang totaal, duurt geheel, duurt totaal, kost totaal, kost geheel, totaal bezig, "
            "totaal mee bezig, alles bij elkaar"
        ),
        Intent.STEP_TIME: "hoe lang stap, deze stap duurt",
        Intent.CANCEL: (
            "laat maar, annuleer, annuleren, vergeet het, vergeet maar, laat zitten, laat maar "
            "zitten"
        ),
    },
}
"""Patterns per intent, comma-separated, normalised when a vocabulary is built. Whole built-in
phrases (``voice.language.vocabulary.PHRASES``) and a guide's own ``commands:`` are cues too."""

SOFT: dict[str, frozenset[str]] = {
    "en": frozenset(
        """i im ive id ill me my mine you youre youve your we were us our it its this that these
        those there here is are was be been being am do does did doing have has had having a an
        the to of for on in at with from by up about and or but so if then now again please pls
        just really maybe actually kind some bit little can could would will shall should may
        might let lets want wanna need like ok okay alright oh oops hmm um uh er erm ah well hey
        guide sorry great cool fine good nice perfect awesome super lovely thanks thank cheers
        talk talking speak speaking say saying tell read show give take go going get know see
        hear listen gonna
        think mean one ones thing very too much more lot all any also still right yeah sure
        how what which where who when why step steps number mate alexa quickly whats gets got gave
        hows wheres whos whens
        already same along""".split()
    ),
    "nl": frozenset(
        """ik je jij jou u uw we wij ons onze mij me mijn het de een dat dit die deze er hier daar
        is zijn ben bent was waren wordt kan kun kunt kunnen wil wilt willen mag moet moeten zou
        zal ga gaat gaan doe doet doen heb hebt heeft hebben nu nog eens even wel ook al maar dan
        toch hoor graag alsjeblieft alstublieft aub ajb oke ok okay nou eh ehm uh hm oh oeps sorry
        op in naar met voor van aan om te tot bij uit over als en of want dus zo mooi top super
        prima goed fijn lekker weer eerst wat welke waar hoe wie wanneer waarom stap stappen
        stapje nummer zeggen zeg zegt praten praat spreek spreken lees lezen voorlezen laat laten
        zien horen hoor weet weten bedoel bedoelt handleiding keer alle allemaal beetje iets
        heel erg veel meer helemaal ding bedankt dank dankjewel dankuwel ken kent nodig geef geeft
        geven gaf""".split()
    ),
}
"""Words that carry no intent and are no sign of a question (HA's ``skip_words`` among them)."""

NEGATIONS: dict[str, frozenset[str]] = {
    "en": frozenset("not dont didnt doesnt cant wont never isnt arent wasnt shouldnt".split()),
    "nl": frozenset("niet geen nooit".split()),
}
"""A negation outside the matched cue ("don't stop") means the utterance is not that command."""

THANKS: dict[str, frozenset[str]] = {
    "en": frozenset("thanks thank cheers ty thx appreciated appreciate".split()),
    "nl": frozenset("bedankt dank dankjewel dankuwel merci thanks".split()),
}
"""Words of a short acknowledgement; one of them with nothing else is ``Intent.THANKS``."""

GREETINGS: dict[str, frozenset[str]] = {
    "en": frozenset("hi hello hiya howdy morning afternoon evening".split()),
    "nl": frozenset("hoi hallo hai goedemorgen goedemiddag goedenavond goeiemorgen".split()),
}
"""Words of a greeting; an utterance of one of these with only ``GREETING_COMPANIONS`` and
fillers is ``Intent.GREETING``: people greet a voice assistant before they ask it anything."""

GREETING_COMPANIONS: dict[str, frozenset[str]] = {
    "en": frozenset("good there everyone all".split()),
    "nl": frozenset("goede goeie allemaal daar".split()),
}
"""Words said with a greeting ("good morning", "hello there") that are no greeting alone."""

STEP_NOUNS: dict[str, frozenset[str]] = {
    "en": frozenset("step steps number".split()),
    "nl": frozenset("stap stappen stapje nummer".split()),
}
"""A number next to one of these names a step (goto), unless the move is relative."""

TOWARDS: dict[str, frozenset[str]] = {
    "en": frozenset("to step number".split()),
    "nl": frozenset("naar stap nummer".split()),
}
"""A number right after one of these is a step to go to ("back to step one"), not a count."""

PRONOUN_NUMBERS: frozenset[str] = frozenset({"one", "een"})
"""Number words that are also pronouns or articles ("the next one", "een tip"): a number only
right after a step noun ("step one") or when nothing else is said."""

WEIGHT = 2
"""Points per word a cue covers, unless the cue says otherwise (``what=1``, ``repeat=6``)."""

LIGHT = frozenset({Intent.YES, Intent.NO})
"""Intents whose words count one point: 'yes' before a command ('yes, next') is agreement, not
the answer, so the command wins."""

QUESTION_ENDINGS: dict[str, frozenset[str]] = {
    "en": frozenset("what where which why how when who".split()),
    "nl": frozenset("wat waar welke waarom hoe wanneer wie".split()),
}
"""A question word at the end, outside the winning cue, asks about the command ('next to what?')
instead of giving it."""
