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
    "faq_list_more": " And {count} more: just ask in your own words.",
    "no_faq": "This guide has no questions and answers.",
    "ask_back": "Did you mean: {question} Say yes or no.",
    "ask_back_no": "Okay. {faq_list}",
    "dont_know": "Sorry, I don't know the answer to that. {faq_list}",
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
    "faq_list_more": " En nog {count} andere: vraag het gewoon in uw eigen woorden.",
    "no_faq": "Deze handleiding heeft geen vragen en antwoorden.",
    "ask_back": "Bedoelt u: {question} Zeg ja of nee.",
    "ask_back_no": "Goed. {faq_list}",
    "dont_know": "Sorry, daar weet ik het antwoord niet op. {faq_list}",
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
}

TABLES: Mapping[str, Mapping[str, str]] = {"en": EN, "nl": NL}


def messages_for(lang: str) -> Mapping[str, str]:
    """The message table for a primary language subtag, English when we have none."""
    return TABLES.get(lang, EN)
