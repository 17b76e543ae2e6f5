"""The question replies of the dialog engine (issue 11): answers from every part of the guide,
the ask-back between two answers, the short "I don't know" and the FAQ list read a few at a time."""

from __future__ import annotations

import io
from pathlib import Path

from voice.dialog.core import MAX_LISTED_QUESTIONS
from voice.dialog.engine import DialogEngine
from voice.dialog.state import Pending, State
from voice.guide.loader import load_guide
from voice.guide.model import FaqEntry, Guide, Step
from voice.language.intents import Intent
from voice.questions.index import Part
from voice.questions.matcher import QuestionMatch
from voice.session.keyboard import TextListener
from voice.session.loop import Session
from voice.session.ports import Heard, SilentSpeaker

GUIDES = Path(__file__).resolve().parent / "data" / "guides"
AMAZON_CHAT = Path(__file__).resolve().parent.parent / "scripts" / "amazon-chat.en.yaml"


def guide(faqs: int = 2, lang: str = "en") -> Guide:
    return Guide(
        id="g",
        title="G",
        language=lang,
        intro="Nothing to see here.",
        steps=(Step("First", "Do the first thing."), Step("Second", "Do the second thing.")),
        faq=tuple(FaqEntry(f"q{i}", f"Question number {i}?", f"Answer {i}.") for i in range(faqs)),
    )


class TwoWay:
    """A real QuestionMatcher whose every call is between two entries (or names one of them)."""

    def match(self, text: str, spoken: bool = False) -> QuestionMatch | None:
        second = QuestionMatch("q1", None, 0.5, False, "Question number 1?")
        if "number 1" in text:
            return QuestionMatch("q1", None, 0.9, True, "Question number 1?")
        return QuestionMatch("q0", None, 0.55, False, "Question number 0?", other=second)


def test_the_faq_list_is_read_a_few_at_a_time() -> None:
    engine = DialogEngine(guide(faqs=20))
    first = engine.respond(State(step=1), "what can I ask")
    assert "Question number 7?" in first.say and "Question number 8?" not in first.say
    more = engine.respond(first.state, "more")
    assert more.intent is Intent.FAQ_LIST and more.say.startswith(
        "More questions: Question number 8?"
    )
    assert "Question number 15?" in more.say and more.say.endswith(
        "And 4 more: say 'more' to hear them, or just ask in your own words."
    )
    last = engine.respond(more.state, "more")
    assert "Question number 19?" in last.say and "more" not in last.say.split("?")[-1]
    done = engine.respond(last.state, "more")
    assert done.say == "Those were all the questions. Just ask in your own words."
    assert MAX_LISTED_QUESTIONS == 8


def test_more_outside_a_list_is_not_a_list() -> None:
    reply = DialogEngine(guide(faqs=20)).respond(State(step=1), "more")
    assert reply.intent is Intent.UNKNOWN


def test_i_dont_know_is_one_sentence_and_a_hint() -> None:
    reply = DialogEngine(guide(faqs=20)).respond(State(step=1), "what is the capital of peru")
    assert reply.say == (
        "Sorry, I don't know the answer to that. Say 'what can I ask' for the questions I know."
    )


def test_a_close_call_between_two_asks_which_one() -> None:
    engine = DialogEngine(guide(), matcher=TwoWay())
    asked = engine.respond(State(step=1), "something about a question")
    assert (asked.intent, asked.faq) == (Intent.CLARIFY, "q0|q1")
    assert asked.say == (
        "Do you mean: Question number 0? Or: Question number 1? "
        "Say 'the first', 'the second', or no."
    )
    assert asked.state.pending == Pending("q0", None, other=Pending("q1", None))
    assert engine.respond(asked.state, "the second").say == "Answer 1."
    assert engine.respond(asked.state, "the first one").say == "Answer 0."
    assert engine.respond(asked.state, "yes").say == "Answer 0."
    assert engine.respond(asked.state, "I meant question number 1").say == "Answer 1."
    declined = engine.respond(asked.state, "no")
    assert declined.intent is Intent.NO and declined.state.pending is None


def test_a_close_call_in_dutch() -> None:
    engine = DialogEngine(guide(lang="nl"), matcher=TwoWay())
    asked = engine.respond(State(step=1), "iets over een vraag")
    assert asked.say.startswith("Bedoelt u: Question number 0? Of: Question number 1?")
    assert engine.respond(asked.state, "de tweede").say == "Answer 1."


def test_an_answer_inside_the_introduction_is_read_as_that_sentence() -> None:
    engine = DialogEngine(load_guide(GUIDES / "pancakes.en.yaml"))
    reply = engine.respond(State(step=2), "is the recipe enough for four people")
    said = "From the introduction: This recipe makes about twelve pancakes, enough for four people."
    if reply.intent is Intent.CLARIFY:
        reply = engine.respond(reply.state, "yes")
    assert (reply.intent, reply.say, reply.step) == (Intent.FAQ, said, 2)


class NeedsMaybe:
    """A real QuestionMatcher that finds the guide's list of needs, not sure enough to answer."""

    def match(self, text: str, spoken: bool = False) -> QuestionMatch | None:
        return QuestionMatch(
            None,
            None,
            0.5,
            False,
            "4 eggs, a bowl of cold water",
            Part.NEEDS,
            text="4 eggs, a bowl of cold water",
        )


def test_an_ask_back_offers_the_needs_as_a_question_not_the_list() -> None:
    engine = DialogEngine(guide(), matcher=NeedsMaybe())
    asked = engine.respond(State(step=1), "why do they go in cold water")
    assert (asked.intent, asked.say) == (
        Intent.CLARIFY,
        "Did you mean: What do I need? Say yes or no.",
    )
    assert engine.respond(asked.state, "yes").say == "You need: 4 eggs, a bowl of cold water."


def test_a_tip_answers_with_its_label() -> None:
    engine = DialogEngine(load_guide(GUIDES / "descale-coffee.en.yaml"))
    reply = engine.respond(State(step=1), "can i use vinegar")
    if reply.intent is Intent.CLARIFY:
        reply = engine.respond(reply.state, "yes")
    assert reply.say == "A tip: Never use vinegar: it damages the seals."


def test_recognised_speech_is_not_asked_back_from_the_lower_confidence() -> None:
    """The engine gets the utterance's source as an input: the same words asked back when typed
    are not understood when a recogniser produced them (see ``MatcherConfig.maybe_known``)."""
    engine = DialogEngine(load_guide(AMAZON_CHAT))
    typed = engine.respond(State(step=1), "the copy to the briefly to")
    spoken = engine.respond(State(step=1), "the copy to the briefly to", spoken=True)
    assert typed.intent is Intent.CLARIFY and typed.faq == "save-transcript"
    assert spoken.intent is Intent.UNKNOWN and spoken.state.pending is None


def test_the_session_tells_the_engine_what_was_recognised() -> None:
    """``Heard.source``: typed text is ``text``; anything else came from a recogniser."""
    engine = DialogEngine(load_guide(AMAZON_CHAT))
    session = Session(engine, TextListener(io.StringIO("")), SilentSpeaker(), [])
    heard = "the copy to the briefly to"
    assert session.step(Heard(heard, source="pocketsphinx")).intent is Intent.UNKNOWN
    assert session.step(Heard(heard)).intent is Intent.CLARIFY
