"""What the guide says around the script's own texts, per language.

Languages without their own table use English: a Korean guide still reads its Korean steps, with
English framing, rather than failing.
"""

from __future__ import annotations

from collections.abc import Mapping

EN: Mapping[str, str] = {
    "welcome": "{title} {intro} Say 'next' to begin, or 'help' to hear what you can say.",
    "step": "Step {number} of {total}: {title} {text}",
    "last_done": "That was the last step. {finish}Say {options}.",
    "option_summary": "'summary' for a summary",
    "option_tips": "'tips' for tips",
    "option_conclusion": "'next' for the closing words",
    "option_start_over": "'start over' to begin again",
    "or": "or",
    "conclusion": "{conclusion} Say 'start over' to go through the guide again, or 'stop' to end.",
    "first_already": "You are at the first step. {step}",
    "not_started": "We haven't started yet. Say 'next' to begin.",
    "no_step": "There is no step {number}: this guide has steps 1 to {total}.",
    "where": "You are at step {number} of {total}: {title}",
    "where_intro": "We haven't started yet. The guide has {total} steps. Say 'next' to begin.",
    "summary": "Summary: {items}",
    "no_summary": "This guide has no summary. It has {total} steps.",
    "tip": "Tip {number} of {total}: {text}",
    "tips_title": "{title}. ",
    "tip_more": " Say 'next tip' for another.",
    "tips_done": "Those were all {total} tips. Say 'tips' to hear them again.",
    "no_tips": "This guide has no tips.",
    "faq_list": "You can ask: {questions}",
    "faq_list_more": " And {count} more: say 'more' to hear them, or just ask in your own words.",
    "faq_list_next": "More questions: {questions}",
    "faq_list_done": "Those were all the questions. Just ask in your own words.",
    "no_faq": "This guide has no questions and answers.",
    "ask_back": "Did you mean: {question} Say yes or no.",
    "ask_back_two": "Do you mean: {first} Or: {second} Say 'the first', 'the second', or no.",
    "ask_back_no": "Okay. {faq_list}",
    "dont_know": "Sorry, I don't know the answer to that. Say 'what can I ask' for the questions "
    "I know.",
    "from_tip": "A tip: {text}",
    "from_intro": "From the introduction: {text}",
    "from_needs": "You need: {text}.",
    "offer_needs": "What do I need?",
    "from_finish": "From the closing words: {text}",
    "from_summary": "From the summary: {text}",
    "from_conclusion": "From the conclusion: {text}",
    "help": "You can say: next, back, repeat, go to step {example}, where am I, summary, tips, "
    "what can I ask, start over, pause, slower, faster, or stop. You can also ask a "
    "question in your own words.",
    "unknown": "Sorry, I didn't catch that. Say 'help' to hear what you can say.",
    "unknown_again": "Sorry, I still didn't understand. {help}",
    "paused": "Paused. Say 'resume' when you are ready.",
    "slower": "Okay, I'll speak more slowly.",
    "faster": "Okay, I'll speak faster.",
    "yes_no_idle": "Okay. Say 'next' to go on, or 'help' for what you can say.",
    "goodbye": "Goodbye. You were at step {number} of {total}.",
    "goodbye_intro": "Goodbye.",
    "resume_offer": "{title} You were at step {number} of {total}: {step} Say 'continue' or "
    "'start over'.",
    "changed": "This guide has changed since you last used it.",
    "changed_restart": "This guide has changed since you last used it and your step is no "
    "longer in it, so we start from the beginning.",
    "transcript": "The transcript is being written to {path}",
    "no_voice": "Nothing is being spoken: the replies are only printed.",
    "paused_unknown": "Still paused. Say 'resume' when you are ready.",
    "cancelled": "Okay. Say 'next' to go on, or 'stop' to end the guide.",
    "welcome_thanks": "You're welcome.",
    "no_transcript": "No transcript is being kept. Start with --transcript FILE to keep one.",
    "guides_list": "I have these guides: {titles}. Say 'open' and a title.",
    "guides_none": "This is the only guide I have.",
    "guide_choose": "Which guide would you like? {titles}.",
    "guide_which": "Which one: {titles}?",
    "guide_unknown": "I have no guide like that. I have: {titles}.",
    "guide_opening": "Opening {title}",
    "needs": "You need: {items}.",
    "needs_none": "This guide does not list anything you need.",
    "tools": "The tools you need: {items}.",
    "tools_none": "This guide lists no separate tools. {needs}",
    "and": "and",
    "how_long": "This guide takes about {time}.",
    "how_long_steps": "The guide does not say how long it takes in all; its timed steps take "
    "about {time} together.",
    "how_long_none": "This guide does not say how long it takes.",
    "step_time": "Step {number} takes about {time}.",
    "step_time_none": "Step {number} has no time given.",
    "step_time_intro": "We haven't started yet. {how_long}",
    "step_takes": "This takes about {time}. Say 'start the timer' to time it.",
    "timer_name": "step {number}, {title}",
    "timer_started": "Timer set for {time}: {name}.",
    "timer_running": "The timer for {name} is already running: {left} left.",
    "timer_no_time": "This step has no time given. Say for example 'set a timer for five minutes'.",
    "timer_how_long": "For how long? Say for example 'set a timer for five minutes'.",
    "timer_left": "The timer for {name} has {left} left.",
    "timer_none": "No timer is running.",
    "timer_cancelled": "The timer for {name} is cancelled.",
    "timer_done": "The timer for {name} is done.",
    "timer_ended_away": "The timer for {name} ended while you were away.",
    "timer_still_running": "The timer for {name} is still running: {left} left.",
    "help_more": "For this guide you can also ask: what do I need, how long does it take, start "
    "the timer, how much time is left, or cancel the timer.",
}

NL: Mapping[str, str] = {
    "welcome": "{title} {intro} Zeg 'volgende' om te beginnen, of 'help' om te horen wat u "
    "kunt zeggen.",
    "step": "Stap {number} van {total}: {title} {text}",
    "last_done": "Dat was de laatste stap. {finish}Zeg {options}.",
    "option_summary": "'samenvatting' voor een samenvatting",
    "option_tips": "'tips' voor tips",
    "option_conclusion": "'volgende' voor het slotwoord",
    "option_start_over": "'begin opnieuw' om opnieuw te beginnen",
    "or": "of",
    "conclusion": "{conclusion} Zeg 'begin opnieuw' om de handleiding opnieuw te doorlopen, of "
    "'stop' om te stoppen.",
    "first_already": "U bent bij de eerste stap. {step}",
    "not_started": "We zijn nog niet begonnen. Zeg 'volgende' om te beginnen.",
    "no_step": "Er is geen stap {number}: deze handleiding heeft de stappen 1 tot en met {total}.",
    "where": "U bent bij stap {number} van {total}: {title}",
    "where_intro": "We zijn nog niet begonnen. De handleiding heeft {total} stappen. Zeg "
    "'volgende' om te beginnen.",
    "summary": "Samenvatting: {items}",
    "no_summary": "Deze handleiding heeft geen samenvatting. Ze heeft {total} stappen.",
    "tip": "Tip {number} van {total}: {text}",
    "tips_title": "{title}. ",
    "tip_more": " Zeg 'volgende tip' voor nog een tip.",
    "tips_done": "Dat waren alle {total} tips. Zeg 'tips' om ze opnieuw te horen.",
    "no_tips": "Deze handleiding heeft geen tips.",
    "faq_list": "U kunt vragen: {questions}",
    "faq_list_more": " En nog {count} andere: zeg 'meer' om ze te horen, of vraag het gewoon in uw "
    "eigen woorden.",
    "faq_list_next": "Meer vragen: {questions}",
    "faq_list_done": "Dat waren alle vragen. Vraag het gewoon in uw eigen woorden.",
    "no_faq": "Deze handleiding heeft geen vragen en antwoorden.",
    "ask_back": "Bedoelt u: {question} Zeg ja of nee.",
    "ask_back_two": "Bedoelt u: {first} Of: {second} Zeg 'de eerste', 'de tweede', of nee.",
    "ask_back_no": "Goed. {faq_list}",
    "dont_know": "Sorry, daar weet ik het antwoord niet op. Zeg 'wat kan ik vragen' voor de vragen "
    "die ik ken.",
    "from_tip": "Een tip: {text}",
    "from_intro": "Uit de inleiding: {text}",
    "from_needs": "U hebt nodig: {text}.",
    "offer_needs": "Wat heb ik nodig?",
    "from_finish": "Uit het slot: {text}",
    "from_summary": "Uit de samenvatting: {text}",
    "from_conclusion": "Uit de conclusie: {text}",
    "help": "U kunt zeggen: volgende, terug, herhaal, ga naar stap {example}, waar ben ik, "
    "samenvatting, tips, wat kan ik vragen, begin opnieuw, pauze, langzamer, sneller, "
    "of stop. U kunt ook een vraag stellen in uw eigen woorden.",
    "unknown": "Sorry, dat verstond ik niet. Zeg 'help' om te horen wat u kunt zeggen.",
    "unknown_again": "Sorry, ik begrijp het nog steeds niet. {help}",
    "paused": "Gepauzeerd. Zeg 'hervat' als u zover bent.",
    "slower": "Goed, ik spreek langzamer.",
    "faster": "Goed, ik spreek sneller.",
    "yes_no_idle": "Goed. Zeg 'volgende' om verder te gaan, of 'help' voor wat u kunt zeggen.",
    "goodbye": "Tot ziens. U was bij stap {number} van {total}.",
    "goodbye_intro": "Tot ziens.",
    "resume_offer": "{title} U was bij stap {number} van {total}: {step} Zeg 'verder' of "
    "'begin opnieuw'.",
    "changed": "Deze handleiding is veranderd sinds de vorige keer.",
    "changed_restart": "Deze handleiding is veranderd sinds de vorige keer en uw stap staat er "
    "niet meer in, dus we beginnen bij het begin.",
    "transcript": "Het gesprek wordt opgeschreven in {path}",
    "no_voice": "Er wordt niets uitgesproken: de antwoorden worden alleen getoond.",
    "paused_unknown": "Nog steeds gepauzeerd. Zeg 'hervat' als u zover bent.",
    "cancelled": "Goed. Zeg 'volgende' om verder te gaan, of 'stop' om te stoppen.",
    "welcome_thanks": "Graag gedaan.",
    "no_transcript": "Er wordt geen transcript bijgehouden. Start met --transcript BESTAND om "
    "er een bij te houden.",
    "guides_list": "Ik heb deze handleidingen: {titles}. Zeg 'open' en een titel.",
    "guides_none": "Dit is de enige handleiding die ik heb.",
    "guide_choose": "Welke handleiding wilt u? {titles}.",
    "guide_which": "Welke bedoelt u: {titles}?",
    "guide_unknown": "Zo'n handleiding heb ik niet. Ik heb: {titles}.",
    "guide_opening": "Ik open {title}",
    "needs": "U hebt nodig: {items}.",
    "needs_none": "Deze handleiding noemt niets wat u nodig hebt.",
    "tools": "Het gereedschap dat u nodig hebt: {items}.",
    "tools_none": "Deze handleiding noemt geen apart gereedschap. {needs}",
    "and": "en",
    "how_long": "Deze handleiding duurt ongeveer {time}.",
    "how_long_steps": "De handleiding zegt niet hoe lang ze in totaal duurt; de stappen met een "
    "tijd duren samen ongeveer {time}.",
    "how_long_none": "Deze handleiding zegt niet hoe lang ze duurt.",
    "step_time": "Stap {number} duurt ongeveer {time}.",
    "step_time_none": "Bij stap {number} staat geen tijd.",
    "step_time_intro": "We zijn nog niet begonnen. {how_long}",
    "step_takes": "Dit duurt ongeveer {time}. Zeg 'start de timer' om het te timen.",
    "timer_name": "stap {number}, {title}",
    "timer_started": "Timer gezet op {time}: {name}.",
    "timer_running": "De timer voor {name} loopt al: nog {left}.",
    "timer_no_time": "Bij deze stap staat geen tijd. Zeg bijvoorbeeld 'zet een timer op vijf "
    "minuten'.",
    "timer_how_long": "Voor hoe lang? Zeg bijvoorbeeld 'zet een timer op vijf minuten'.",
    "timer_left": "De timer voor {name} heeft nog {left}.",
    "timer_none": "Er loopt geen timer.",
    "timer_cancelled": "De timer voor {name} is gestopt.",
    "timer_done": "De timer voor {name} is afgelopen.",
    "timer_ended_away": "De timer voor {name} is afgelopen terwijl u weg was.",
    "timer_still_running": "De timer voor {name} loopt nog: nog {left}.",
    "help_more": "Bij deze handleiding kunt u ook vragen: wat heb ik nodig, hoe lang duurt het, "
    "start de timer, hoeveel tijd is er nog, of stop de timer.",
}

TABLES: Mapping[str, Mapping[str, str]] = {"en": EN, "nl": NL}


def messages_for(lang: str) -> Mapping[str, str]:
    """The message table for a primary language subtag, English when we have none."""
    return TABLES.get(lang, EN)
