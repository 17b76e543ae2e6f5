"""Free-form questions in the dialog: answering, asking back ("Did you mean X, or Y?") and
taking the answer to that, and the list of questions read a few at a time.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from voice.dialog.core import MAX_LISTED_QUESTIONS, EngineCore
from voice.dialog.state import Pending, Reply, State
from voice.language.intents import Command, Intent
from voice.language.lexicon import normalise
from voice.language.word_lists import CHOICE_WORDS
from voice.questions.index import Part
from voice.questions.matcher import QuestionMatch


class Asking(EngineCore):
    """The question half of the engine: what the matcher found becomes an answer or an ask-back."""

    def _faq_list(self, state: State, _: Command) -> Reply:
        listed = min(MAX_LISTED_QUESTIONS, len(self.guide.faq))
        return self._reply(self._faq_list_text, Intent.FAQ_LIST, replace(state, listed=listed))

    def _faq_more(self, state: State) -> Reply:
        """The next few questions of the list, after 'more'."""
        faq = self.guide.faq
        page = faq[state.listed : state.listed + MAX_LISTED_QUESTIONS]
        if not page:
            return self._reply(
                self._msg("faq_list_done"), Intent.FAQ_LIST, replace(state, listed=0)
            )
        listed = state.listed + len(page)
        questions = " ".join(_as_question(entry.question) for entry in page)
        say = self._msg("faq_list_next", questions=questions)
        if listed < len(faq):
            say += self._msg("faq_list_more", count=len(faq) - listed)
        return self._reply(say, Intent.FAQ_LIST, replace(state, listed=listed))

    @cached_property
    def _faq_list_text(self) -> str:
        """Built once: on a guide with thousands of questions the join alone costs 0.2 ms."""
        if not self.guide.faq:
            return self._msg("no_faq")
        listed = self.guide.faq[:MAX_LISTED_QUESTIONS]
        questions = " ".join(_as_question(entry.question) for entry in listed)
        more = len(self.guide.faq) - len(listed)
        tail = self._msg("faq_list_more", count=more) if more else ""
        return self._msg("faq_list", questions=questions) + tail

    def _question(self, state: State, utterance: str, spoken: bool = False) -> Reply:
        match = self.matcher.match(utterance, spoken) if utterance.strip() else None
        if match is None:
            return self._not_understood(state, utterance)
        state = replace(state, misses=0, paused=False)
        if match.sure:
            return self._answer(state, self._pending(match))
        return self._ask_back(state, match)

    def _pending(self, match: QuestionMatch) -> Pending:
        """What to answer for a match, kept while asking back about it."""
        say = self._msg(f"from_{match.part.value}", text=match.text) if match.part else ""
        other = self._pending(match.other) if match.other is not None else None
        return Pending(match.faq_id, match.step, say, other)

    def _ask_back(self, state: State, match: QuestionMatch) -> Reply:
        """ "Did you mean X?", or "Do you mean X, or Y?" when two answers are as close."""
        offered = (match,) if match.other is None else (match, match.other)
        questions = [self._offered(m) for m in offered]
        if len(questions) == 2:
            say = self._msg("ask_back_two", first=questions[0], second=questions[1])
        else:
            say = self._msg("ask_back", question=questions[0])
        ids = "|".join(m.faq_id for m in offered if m.faq_id is not None) or None
        pending = replace(state, pending=replace(self._pending(match), asked=say))
        return self._reply(say, Intent.CLARIFY, pending, faq=ids, remember=False)

    def _offered(self, match: QuestionMatch) -> str:
        """What an ask-back offers: the entry's question or the step's title; for the guide's
        list of needs the question it answers, not the list read out as if it were one."""
        if match.part is Part.NEEDS:
            return self._msg("offer_needs")
        return _as_question(match.question)

    def _answer(self, state: State, pending: Pending) -> Reply:
        if pending.faq_id is not None:
            entry = self.guide.faq_by_id(pending.faq_id)
            if entry is not None:
                return self._reply(entry.answer, Intent.FAQ, state, faq=entry.id)
        if pending.step is not None:
            return self._go(state, pending.step, Intent.GOTO)
        if pending.say:
            return self._reply(pending.say, Intent.FAQ, state)
        return self._not_understood(state, "")

    def _answer_pending(self, state: State, utterance: str, intent: Intent) -> Reply | None:
        """The answer to an ask-back: yes, no, or which of the two; ``None`` when the utterance
        is something else (it then drops the question and is handled as usual)."""
        pending = state.pending
        if pending is None:
            return None
        if intent is Intent.REPEAT:  # the question again, still waiting for its answer
            return self._reply(pending.asked, Intent.REPEAT, state, remember=False)
        if intent is Intent.CANCEL:  # 'never mind': drop the question, nothing else
            state = replace(state, pending=None, misses=0)
            return self._reply(self._msg("cancelled"), Intent.CANCEL, state, remember=False)
        answer = intent in (Intent.YES, Intent.NO)
        chosen = None if answer else self._choice(pending, utterance)
        if chosen is None and not answer:
            return None
        state = replace(state, pending=None, misses=0)
        if chosen is not None or intent is Intent.YES:
            return self._answer(state, chosen or replace(pending, other=None))
        say = self._msg("ask_back_no", faq_list=self._faq_list_text)
        listed = min(MAX_LISTED_QUESTIONS, len(self.guide.faq))
        return self._reply(say, Intent.NO, replace(state, listed=listed), remember=False)

    def _choice(self, pending: Pending, utterance: str) -> Pending | None:
        """Which of the two offered answers the person picked: 'the first', 'the second', or
        words of one of them."""
        if pending.other is None:
            return None
        first, second = replace(pending, other=None), pending.other
        said = normalise(utterance)
        firsts, seconds = CHOICE_WORDS.get(self.guide.lang, ((), ()))
        if said in firsts or said in seconds:
            return first if said in firsts else second
        match = self.matcher.match(utterance) if said else None
        picked = replace(self._pending(match), other=None) if match is not None else None
        return picked if picked in (first, second) else None


def _as_question(text: str) -> str:
    """An offered question ends in a question mark when read aloud."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "?"
