"""The dialog engine: session state + one utterance -> a reply. Pure: no audio, files or clock.

The engine does not know whether an utterance was typed or spoken; the session loop feeds it text
and acts on the reply (speaks it, logs it, adjusts the voice, ends).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import PurePath

from voice.dialog.messages import messages_for
from voice.guide.model import Guide
from voice.language.commands import Parse, Vocabulary, guide_vocabulary, parse
from voice.language.intents import Command, Intent
from voice.questions.matcher import QuestionMatch, QuestionMatcher, build_matcher

MAX_LISTED_QUESTIONS = 8
"""Questions read out by 'what can I ask'; a long list read aloud helps nobody."""
MISSES_BEFORE_HELP = 2
"""Consecutive misunderstandings from which on the reply includes the full help: the first
gets a short hint, a repeated one the list of commands."""


@dataclass(frozen=True)
class Pending:
    """A question the engine asked back ("Did you mean ...?"), waiting for yes or no."""

    faq_id: str | None
    step: int | None
    question: str = field(default="", compare=False)
    """The question asked back, for 'repeat' (derived from the two fields above)."""


@dataclass(frozen=True)
class State:
    """Everything the engine remembers between turns; replaced, never mutated."""

    step: int = 0
    """Current step, 1-based; 0 while still at the introduction."""
    tip: int = 0
    """Number of the tip read last; 0 when none has been read."""
    last_say: str = ""
    """The last reply with content, for 'repeat'."""
    misses: int = 0
    """Consecutive utterances not understood."""
    paused: bool = False
    pending: Pending | None = None
    finished: bool = False
    """True after the closing words: 'next' no longer moves."""
    ended: bool = False
    """True once the person said stop."""
    resuming: bool = False
    """At a saved position offered back ('continue' or 'start over'), not yet read out."""


@dataclass(frozen=True)
class Reply:
    """What to say after one utterance, and the state that follows."""

    say: str
    intent: Intent
    state: State
    faq: str | None = None
    """FAQ id answered (or asked back about), else ``None``."""
    why: tuple[str, ...] = ()
    """The parser's evidence for the intent (``--explain``); empty for the opening."""

    @property
    def step(self) -> int | None:
        """Current step number after the turn, ``None`` at the introduction (event-log field)."""
        return self.state.step or None


Handler = Callable[["DialogEngine", State, Command], Reply]


class DialogEngine:
    """Walks one guide; build once per guide (vocabulary and question index are precomputed)."""

    def __init__(
        self,
        guide: Guide,
        matcher: QuestionMatcher | None = None,
        transcript: str | None = None,
        vocab: Vocabulary | None = None,
    ) -> None:
        self.guide = guide
        self.transcript = transcript  # said by the 'transcript' command; None: none is kept
        self.vocab = vocab if vocab is not None else guide_vocabulary(guide)
        """The guide's one vocabulary (``guide_vocabulary``), shared with the speech input."""
        self.matcher = matcher if matcher is not None else build_matcher(guide)
        self.text: Mapping[str, str] = messages_for(guide.lang)

    def start(self, state: State | None = None, changed: bool = False) -> Reply:
        """The opening: title, introduction, and how to begin; or the offer to resume.

        ``changed`` says the guide's steps changed since the position was saved.
        """
        state = state or State()
        if state.resuming and 1 <= state.step <= self.total:
            return self._offer(state, changed)
        say = self._msg("welcome", title=_sentence(self.guide.title), intro=self.guide.intro)
        if changed:
            say = self._msg("changed_restart") + " " + say
        return self._reply(say, Intent.START, replace(state, resuming=False))

    def _offer(self, state: State, changed: bool) -> Reply:
        title = _sentence(self.guide.steps[state.step - 1].title)
        say = self._msg(
            "resume_offer",
            title=_sentence(self.guide.title),
            number=state.step,
            total=self.total,
            step=title,
        )
        if changed:
            say = self._msg("changed") + " " + say
        return self._reply(say, Intent.START, state)

    def respond(self, state: State, utterance: str, voice: bool = True) -> Reply:
        """Answer one utterance (typed or recognised text), parsed once here.

        ``voice`` says whether replies are spoken: without a voice, 'slower' has nothing to slow.
        """
        parsed = parse(utterance, self.vocab)
        reply = self._respond(state, utterance, parsed, voice)
        return replace(reply, why=parsed.evidence)

    def _respond(self, state: State, utterance: str, parsed: Parse, voice: bool) -> Reply:
        command = parsed.command
        if state.pending is not None and command.intent in PENDING_INTENTS:
            return self._answer_pending(state, command.intent)
        state = replace(state, pending=None)
        if state.resuming:
            command = _offer_answer(command)
        if command.intent is Intent.UNKNOWN:
            if parsed.command_like:  # a command we could not make out is no question for the FAQ
                return self._not_understood(state, "")
            return self._question(state, utterance)
        if not voice and command.intent in (Intent.SLOWER, Intent.FASTER):
            return self._reply(self._msg("no_voice"), command.intent, state, remember=False)
        state = replace(state, misses=0, paused=False)
        return HANDLERS[command.intent](self, state, command)

    # --- helpers ---------------------------------------------------------------------------

    def _msg(self, key: str, **values: object) -> str:
        return self.text[key].format(**values)

    def _reply(
        self, say: str, intent: Intent, state: State, faq: str | None = None, remember: bool = True
    ) -> Reply:
        if remember:
            state = replace(state, last_say=say)
        return Reply(say, intent, state, faq)

    @property
    def total(self) -> int:
        return len(self.guide.steps)

    def _step_text(self, number: int) -> str:
        step = self.guide.steps[number - 1]
        return self._msg(
            "step", number=number, total=self.total, title=_sentence(step.title), text=step.text
        )

    def _go(self, state: State, number: int, intent: Intent) -> Reply:
        state = replace(state, step=number, finished=False, resuming=False)
        return self._reply(self._step_text(number), intent, state)

    # --- intents ---------------------------------------------------------------------------

    def _next(self, state: State, command: Command) -> Reply:
        if state.step < self.total:
            return self._go(state, min(state.step + command.count, self.total), Intent.NEXT)
        if state.finished and self.guide.conclusion:
            say = self._msg("conclusion", conclusion=self.guide.conclusion)
            return self._reply(say, Intent.NEXT, state)
        finish = _sentence(self.guide.finish) + " " if self.guide.finish else ""
        say = self._msg("last_done", finish=finish, options=self._last_step_options)
        return self._reply(say, Intent.NEXT, replace(state, finished=True))

    @cached_property
    def _last_step_options(self) -> str:
        """Only what this guide has: no 'tips' offer for a guide without tips."""
        present = (
            ("option_summary", self.guide.summary),
            ("option_tips", self.guide.tips),
            ("option_conclusion", self.guide.conclusion),
            ("option_start_over", True),
        )
        options = [self._msg(key) for key, has in present if has]
        if len(options) == 1:
            return options[0]
        return f"{', '.join(options[:-1])} {self._msg('or')} {options[-1]}"

    def _previous(self, state: State, command: Command) -> Reply:
        if state.step == 0:
            return self._reply(self._msg("not_started"), Intent.PREVIOUS, state, remember=False)
        if state.finished:  # after the closing words, 'back' is the last step itself
            return self._go(state, state.step, Intent.PREVIOUS)
        if state.step == 1:
            say = self._msg("first_already", step=self._step_text(1))
            return self._reply(say, Intent.PREVIOUS, replace(state, finished=False))
        return self._go(state, max(state.step - command.count, 1), Intent.PREVIOUS)

    def _repeat(self, state: State, _: Command) -> Reply:
        if state.step and not state.last_say:
            return self._go(state, state.step, Intent.REPEAT)
        return self._reply(state.last_say or self.start(state).say, Intent.REPEAT, state)

    def _start_over(self, state: State, _: Command) -> Reply:
        return self._go(replace(state, tip=0), 1, Intent.START_OVER)

    def _goto(self, state: State, command: Command) -> Reply:
        number = command.step or 0
        if not 1 <= number <= self.total:
            say = self._msg("no_step", number=number, total=self.total)
            return self._reply(say, Intent.GOTO, state, remember=False)
        return self._go(state, number, Intent.GOTO)

    def _last(self, state: State, _: Command) -> Reply:
        return self._go(state, self.total, Intent.LAST)

    def _where(self, state: State, _: Command) -> Reply:
        if state.step == 0:
            return self._reply(
                self._msg("where_intro", total=self.total), Intent.WHERE, state, remember=False
            )
        title = _sentence(self.guide.steps[state.step - 1].title)
        say = self._msg("where", number=state.step, total=self.total, title=title)
        return self._reply(say, Intent.WHERE, state, remember=False)

    def _summary(self, state: State, _: Command) -> Reply:
        if not self.guide.summary:
            return self._reply(self._msg("no_summary", total=self.total), Intent.SUMMARY, state)
        items = " ".join(_sentence(item) for item in self.guide.summary)
        return self._reply(self._msg("summary", items=items), Intent.SUMMARY, state)

    def _tips(self, state: State, _: Command) -> Reply:
        return self._read_tip(replace(state, tip=0), Intent.TIPS)

    def _next_tip(self, state: State, _: Command) -> Reply:
        return self._read_tip(state, Intent.NEXT_TIP)

    def _read_tip(self, state: State, intent: Intent) -> Reply:
        tips = self.guide.tips
        if not tips:
            return self._reply(self._msg("no_tips"), intent, state, remember=False)
        if state.tip >= len(tips):
            return self._reply(self._msg("tips_done", total=len(tips)), intent, state)
        number = state.tip + 1
        say = self._msg("tip", number=number, total=len(tips), text=tips[number - 1])
        if number == 1 and self.guide.tips_title:
            say = self._msg("tips_title", title=self.guide.tips_title.rstrip(".")) + say
        if number < len(tips):
            say += self._msg("tip_more")
        return self._reply(say, intent, replace(state, tip=number))

    def _faq_list(self, state: State, _: Command) -> Reply:
        return self._reply(self._faq_list_text, Intent.FAQ_LIST, state)

    @cached_property
    def _faq_list_text(self) -> str:
        """Built once: on a guide with thousands of questions the join alone costs 0.2 ms."""
        if not self.guide.faq:
            return self._msg("no_faq")
        listed = self.guide.faq[:MAX_LISTED_QUESTIONS]
        questions = " ".join(_question(entry.question) for entry in listed)
        more = len(self.guide.faq) - len(listed)
        tail = self._msg("faq_list_more", count=more) if more else ""
        return self._msg("faq_list", questions=questions) + tail

    def _help(self, state: State, _: Command) -> Reply:
        say = self._msg("help", example=min(3, self.total))
        return self._reply(say, Intent.HELP, state, remember=False)

    def _pause(self, state: State, _: Command) -> Reply:
        return self._reply(
            self._msg("paused"), Intent.PAUSE, replace(state, paused=True), remember=False
        )

    def _resume(self, state: State, _: Command) -> Reply:
        if state.step == 0:
            return self._reply(self.start(state).say, Intent.RESUME, state)
        return self._go(state, state.step, Intent.RESUME)

    def _slower(self, state: State, _: Command) -> Reply:
        return self._reply(self._msg("slower"), Intent.SLOWER, state, remember=False)

    def _faster(self, state: State, _: Command) -> Reply:
        return self._reply(self._msg("faster"), Intent.FASTER, state, remember=False)

    def _yes_no(self, state: State, command: Command) -> Reply:
        if command.intent is Intent.YES and state.step == 0:
            return self._go(state, 1, Intent.NEXT)
        return self._reply(self._msg("yes_no_idle"), command.intent, state, remember=False)

    def _transcript(self, state: State, _: Command) -> Reply:
        if self.transcript is None:
            return self._reply(self._msg("no_transcript"), Intent.TRANSCRIPT, state, remember=False)
        say = self._msg("transcript", path=PurePath(self.transcript).name)
        return self._reply(say, Intent.TRANSCRIPT, state, remember=False)

    def _cancel(self, state: State, _: Command) -> Reply:
        """Nothing is pending here (``_answer_pending`` handles that): the session goes on."""
        return self._reply(self._msg("cancelled"), Intent.CANCEL, state, remember=False)

    def _thanks(self, state: State, _: Command) -> Reply:
        return self._reply(self._msg("welcome_thanks"), Intent.THANKS, state, remember=False)

    def _stop(self, state: State, _: Command) -> Reply:
        if state.step == 0:
            say = self._msg("goodbye_intro")
        else:
            say = self._msg("goodbye", number=state.step, total=self.total)
        return self._reply(say, Intent.STOP, replace(state, ended=True), remember=False)

    # --- questions -------------------------------------------------------------------------

    def _question(self, state: State, utterance: str) -> Reply:
        match = self.matcher.match(utterance) if utterance.strip() else None
        if match is None:
            return self._not_understood(state, utterance)
        state = replace(state, misses=0, paused=False)
        if not match.sure:
            pending = Pending(match.faq_id, match.step, _question(match.question))
            say = self._msg("ask_back", question=pending.question)
            return self._reply(
                say, Intent.FAQ, replace(state, pending=pending), faq=match.faq_id, remember=False
            )
        return self._answer(state, match)

    def _answer(self, state: State, match: QuestionMatch | Pending) -> Reply:
        if match.faq_id is not None:
            entry = self.guide.faq_by_id(match.faq_id)
            if entry is not None:
                return self._reply(entry.answer, Intent.FAQ, state, faq=entry.id)
        if match.step is not None:
            return self._go(state, match.step, Intent.GOTO)
        return self._not_understood(state, "")

    def _answer_pending(self, state: State, answer: Intent) -> Reply:
        """Yes, no, 'repeat' (the question again) or 'never mind' (drop it) while asked back."""
        pending = state.pending
        if answer is Intent.REPEAT and pending is not None:
            say = self._msg("ask_back", question=pending.question)
            return self._reply(say, Intent.REPEAT, state, faq=pending.faq_id, remember=False)
        state = replace(state, pending=None, misses=0)
        if answer is Intent.CANCEL:
            return self._reply(self._msg("cancelled"), Intent.CANCEL, state, remember=False)
        if answer is Intent.YES and pending is not None:
            return self._answer(state, pending)
        say = self._msg("ask_back_no", faq_list=self._faq_list_text)
        return self._reply(say, Intent.NO, state, remember=False)

    def _not_understood(self, state: State, utterance: str) -> Reply:
        """Short while paused (likely background talk); a pointer to help; full help when it
        persists."""
        if state.paused:
            return self._reply(self._msg("paused_unknown"), Intent.UNKNOWN, state, remember=False)
        misses = state.misses + 1
        state = replace(state, misses=misses)
        looks_like_question = len(utterance.split()) >= 4
        if looks_like_question:
            say = self._msg("dont_know", faq_list=self._faq_list_text)
        elif misses >= MISSES_BEFORE_HELP:
            say = self._msg("unknown_again", help=self._msg("help", example=min(3, self.total)))
        else:
            say = self._msg("unknown")
        return self._reply(say, Intent.UNKNOWN, state, remember=False)


def _sentence(text: str) -> str:
    """Titles end in a full stop when read aloud, so the voice pauses after them."""
    text = text.strip()
    return text if not text or text[-1] in ".!?:;" else text + "."


def _offer_answer(command: Command) -> Command:
    """After the resume offer, 'continue', 'next', 'yes' and 'resume' read the saved step; 'no'
    starts over like 'start over' (any other command works as usual)."""
    if command.intent in (Intent.NEXT, Intent.YES, Intent.RESUME):
        return Command(Intent.RESUME)
    return Command(Intent.START_OVER) if command.intent is Intent.NO else command


def _question(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "?"


HANDLERS: Mapping[Intent, Handler] = {
    Intent.NEXT: DialogEngine._next,
    Intent.PREVIOUS: DialogEngine._previous,
    Intent.REPEAT: DialogEngine._repeat,
    Intent.START_OVER: DialogEngine._start_over,
    Intent.GOTO: DialogEngine._goto,
    Intent.LAST: DialogEngine._last,
    Intent.WHERE: DialogEngine._where,
    Intent.SUMMARY: DialogEngine._summary,
    Intent.TIPS: DialogEngine._tips,
    Intent.NEXT_TIP: DialogEngine._next_tip,
    Intent.FAQ_LIST: DialogEngine._faq_list,
    Intent.HELP: DialogEngine._help,
    Intent.PAUSE: DialogEngine._pause,
    Intent.RESUME: DialogEngine._resume,
    Intent.SLOWER: DialogEngine._slower,
    Intent.FASTER: DialogEngine._faster,
    Intent.YES: DialogEngine._yes_no,
    Intent.NO: DialogEngine._yes_no,
    Intent.STOP: DialogEngine._stop,
    Intent.TRANSCRIPT: DialogEngine._transcript,
    Intent.CANCEL: DialogEngine._cancel,
    Intent.THANKS: DialogEngine._thanks,
}

PENDING_INTENTS = frozenset({Intent.YES, Intent.NO, Intent.REPEAT, Intent.CANCEL})
"""What answers a question asked back; any other command drops the question and is done."""
