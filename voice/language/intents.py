"""The closed set of things a person can ask the guide to do, with the names used in event logs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Intent(str, Enum):
    """What an utterance asks for; the value is the name written to the event log."""

    START = "start"
    NEXT = "next"
    PREVIOUS = "previous"
    REPEAT = "repeat"
    START_OVER = "start_over"
    GOTO = "goto"
    LAST = "last"
    WHERE = "where"
    SUMMARY = "summary"
    TIPS = "tips"
    NEXT_TIP = "next_tip"
    FAQ_LIST = "faq_list"
    FAQ = "faq"
    CLARIFY = "clarify"
    """An ask-back turn ("Did you mean ...?"): the question matcher was not sure."""
    HELP = "help"
    PAUSE = "pause"
    RESUME = "resume"
    SLOWER = "slower"
    FASTER = "faster"
    YES = "yes"
    NO = "no"
    STOP = "stop"
    TRANSCRIPT = "transcript"
    GUIDES = "guides"
    """'What guides do you have': the other guides one can switch to."""
    OPEN_GUIDE = "open_guide"
    """'Switch guide', or 'open the router guide' (then the reply names the guide to open)."""
    NEEDS = "needs"
    TOOLS = "tools"
    HOW_LONG = "how_long"
    STEP_TIME = "step_time"
    TIMER_SET = "timer_set"
    TIMER_START = "timer_start"
    TIMER_LEFT = "timer_left"
    TIMER_CANCEL = "timer_cancel"
    TIMER_DONE = "timer_done"
    """Not a command: the turn in which the guide says a timer has ended."""
    CANCEL = "cancel"
    """'never mind': drop what is going on (a question asked back), not the session."""
    THANKS = "thanks"
    """A short acknowledgement, answered briefly."""
    GREETING = "greeting"
    """'hello' alone: greeted back, with what one can say from here."""
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Command:
    """A parsed utterance: the intent plus its argument (a step number for ``goto``, a count of
    steps for a relative ``next`` / ``previous``)."""

    intent: Intent
    step: int | None = None
    """1-based step number for ``goto``; ``None`` otherwise."""
    seconds: int | None = None
    """Length of the timer asked for by ``timer_set`` ("set a timer for five minutes")."""
    count: int = 1
    """Steps to move for ``next`` / ``previous`` ("go back two steps"); 1 otherwise."""
