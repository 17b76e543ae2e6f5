"""The dialog engine: session state + one utterance -> a reply. Pure: no audio, files or clock.

The engine does not know whether an utterance was typed or spoken; the session loop feeds it text
and acts on the reply (speaks it, logs it, adjusts the voice, ends).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import PurePath

from voice.dialog.guide_choice import (
    MIN_SCORE,
    UNASKED_SCORE,
    GuideRef,
    fitting_guides,
    requested_title,
    says_guide,
    titles_text,
)
from voice.dialog.messages import messages_for
from voice.dialog.timers import (
    Timer,
    TimerAction,
    TimerEvent,
    away_text,
    done_text,
    how_long_text,
    needs_text,
    next_deadline,
    split_due,
    step_takes,
    step_time_text,
    timer_turn,
)
from voice.guide.model import Guide
from voice.language.commands import Parse, Vocabulary, guide_vocabulary, parse
from voice.language.intents import Command, Intent
from voice.language.lexicon import normalise
from voice.language.timer_requests import timer_request
from voice.language.word_lists import CHOICE_WORDS, MORE_WORDS
from voice.questions.matcher import QuestionMatch, QuestionMatcher, build_matcher

MAX_LISTED_QUESTIONS = 8
"""Questions read out by 'what can I ask' at a time ('more' reads the next ones); a long list
read aloud helps nobody."""
MISSES_BEFORE_HELP = 2
"""Consecutive misunderstandings from which on the reply includes the full help: the first
gets a short hint, a repeated one the list of commands."""


@dataclass(frozen=True)
class Pending:
    """An answer the engine asked back about ("Did you mean ...?"), waiting for yes or no."""

    faq_id: str | None
    step: int | None
    say: str = ""
    """The reply when a tip or a sentence of the guide answers; empty for FAQ entries and steps."""
    other: Pending | None = None
    """The second answer of "Do you mean X, or Y?"; ``None`` when only one was offered."""
    asked: str = field(default="", compare=False)
    """The question asked back, said again on 'repeat'."""


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
    listed: int = 0
    """Questions of the FAQ list read so far, for 'more'; 0 when no list is being read."""
    choosing: tuple[str, ...] = ()
    """Names of the guides the person was asked to choose from ("which one?")."""
    switch_to: str | None = None
    """The guide the person asked to open: the session ends and the CLI opens that one."""
    timers: tuple[Timer, ...] = ()
    """Running timers, each with its deadline on the session's clock."""
    now: float = 0.0
    """The session's clock at this turn (an input: the engine reads no clock)."""


@dataclass(frozen=True)
class Reply:
    """What to say after one utterance, and the state that follows."""

    say: str
    intent: Intent
    state: State
    faq: str | None = None
    """FAQ id answered, else ``None``; on a ``clarify`` turn the candidate FAQ ids, joined by
    ``|`` when two are offered (event-log field)."""
    actions: tuple[TimerAction, ...] = ()
    """Timers started, cancelled or done in this turn, for the session to carry out."""
    why: tuple[str, ...] = ()
    """The parser's evidence for the intent (``--explain``); empty for the opening."""

    @property
    def step(self) -> int | None:
        """Current step number after the turn, ``None`` at the introduction (event-log field)."""
        return self.state.step or None

    @property
    def switch_to(self) -> str | None:
        """The name of the guide to open instead of this one, if the person asked for one."""
        return self.state.switch_to


Handler = Callable[["DialogEngine", State, Command], Reply]


class DialogEngine:
    """Walks one guide; build once per guide (vocabulary and question index are precomputed)."""

    def __init__(
        self,
        guide: Guide,
        matcher: QuestionMatcher | None = None,
        transcript: str | None = None,
        guides: Sequence[GuideRef] = (),
        vocab: Vocabulary | None = None,
    ) -> None:
        self.guide = guide
        self.guides = tuple(guides)  # the others one may switch to ('open the router guide')
        self.transcript = transcript  # said by the 'transcript' command; None: none is kept
        self.vocab = vocab if vocab is not None else guide_vocabulary(guide)
        """The guide's one vocabulary (``guide_vocabulary``), shared with the speech input."""
        self.matcher = matcher if matcher is not None else build_matcher(guide)
        self.text: Mapping[str, str] = messages_for(guide.lang)

    def start(
        self, state: State | None = None, changed: bool = False, now: float | None = None
    ) -> Reply:
        """The opening: title, introduction, and how to begin; or the offer to resume.

        ``changed`` says the guide's steps changed since the position was saved; saved timers
        that ended before ``now`` are reported, the others said to be still running.
        """
        state = state or State()
        if now is not None:
            state = replace(state, now=now)
        if state.timers:
            return self._with_away_timers(self.start(replace(state, timers=()), changed), state)
        if state.choosing:  # started without a guide named: which one?
            return self._ask_which(state, self._refs(state.choosing), "guide_choose")
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

    def _with_away_timers(self, opening: Reply, saved: State) -> Reply:
        ended, running = split_due(saved.timers, saved.now)
        away = away_text(ended, running, saved.now, self.guide.lang, self._msg)
        actions = tuple(TimerAction(TimerEvent.DONE, timer) for timer in ended)
        state = replace(opening.state, timers=running)
        return Reply(f"{away} {opening.say}", opening.intent, state, opening.faq, actions)

    def respond(
        self,
        state: State,
        utterance: str,
        now: float | None = None,
        voice: bool = True,
        spoken: bool = False,
    ) -> Reply:
        """Answer one utterance (typed or recognised text), parsed once here.

        ``now`` is the session's clock (the engine reads none); ``voice`` says whether replies
        are spoken: without a voice, 'slower' has nothing to slow; ``spoken`` says a recogniser
        produced the utterance (its questions need more confidence).
        """
        if now is not None:
            state = replace(state, now=now)
        parsed = parse(utterance, self.vocab)
        reply = self._respond(state, utterance, parsed, voice, spoken)
        return replace(reply, why=parsed.evidence)

    def _respond(
        self, state: State, utterance: str, parsed: Parse, voice: bool, spoken: bool
    ) -> Reply:
        command = parsed.command
        seconds = timer_request(utterance) if command.intent is Intent.UNKNOWN else None
        if seconds is not None:
            command = Command(Intent.TIMER_SET, seconds=seconds)
        if state.choosing and command.intent is Intent.UNKNOWN:
            return self._choose(state, utterance)
        answered = self._answer_pending(state, utterance, command.intent)
        if answered is not None:
            return answered
        state = replace(state, pending=None, choosing=())
        if state.resuming:
            command = _offer_answer(command)
        if command.intent is Intent.UNKNOWN:
            return self._not_a_command(state, utterance, parsed, spoken)
        if not voice and command.intent in (Intent.SLOWER, Intent.FASTER):
            return self._reply(self._msg("no_voice"), command.intent, state, remember=False)
        state = replace(state, misses=0, paused=False, listed=0)
        return HANDLERS[command.intent](self, state, command)

    def _not_a_command(self, state: State, utterance: str, parsed: Parse, spoken: bool) -> Reply:
        """'more' of a list being read, a command we could not make out (never a question for
        the FAQ), a request for another guide, or else a question."""
        if state.listed and normalise(utterance) in MORE_WORDS.get(self.guide.lang, ()):
            return self._faq_more(state)
        if parsed.command_like:
            return self._not_understood(state, "")
        opened = self._open_request(state, utterance)
        return opened or self._question(replace(state, listed=0), utterance, spoken)

    def tick(self, state: State, now: float) -> Reply | None:
        """The turn in which timers that ended by ``now`` are announced; ``None`` if none did."""
        due, running = split_due(state.timers, now)
        if not due:
            return None
        actions = tuple(TimerAction(TimerEvent.DONE, timer) for timer in due)
        state = replace(state, timers=running, now=now)
        say = done_text(due, self._msg)
        return Reply(say, Intent.TIMER_DONE, state, actions=actions)

    @staticmethod
    def next_deadline(state: State) -> float | None:
        """When the session must call ``tick`` next, on its clock; ``None`` without timers."""
        return next_deadline(state.timers)

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
        text = self._msg(
            "step", number=number, total=self.total, title=_sentence(step.title), text=step.text
        )
        return text + step_takes(self.guide, number, self._msg)

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
        questions = " ".join(_question(entry.question) for entry in page)
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
        questions = " ".join(_question(entry.question) for entry in listed)
        more = len(self.guide.faq) - len(listed)
        tail = self._msg("faq_list_more", count=more) if more else ""
        return self._msg("faq_list", questions=questions) + tail

    def _help(self, state: State, _: Command) -> Reply:
        say = self._msg("help", example=min(3, self.total)) + self._help_more
        return self._reply(say, Intent.HELP, state, remember=False)

    @cached_property
    def _help_more(self) -> str:
        """A guide with needs or times says what else can be asked about it."""
        guide = self.guide
        timed = guide.time is not None or any(step.time for step in guide.steps)
        return " " + self._msg("help_more") if guide.needs or timed else ""

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

    # --- other guides (see voice.dialog.guide_choice) -------------------------------------

    def _guides(self, state: State, _: Command) -> Reply:
        if not self.guides:
            return self._reply(self._msg("guides_none"), Intent.GUIDES, state, remember=False)
        say = self._msg("guides_list", titles=titles_text(self.guides, self._msg("or")))
        return self._reply(say, Intent.GUIDES, state, remember=False)

    def _open_guide(self, state: State, _: Command) -> Reply:
        if not self.guides:
            return self._reply(self._msg("guides_none"), Intent.OPEN_GUIDE, state, remember=False)
        return self._ask_which(state, self.guides, "guide_choose")

    def _open_request(self, state: State, utterance: str) -> Reply | None:
        """'open the router guide': the guide, a 'which one?', or ``None`` (not a request)."""
        title = requested_title(utterance, self.guide.lang)
        if title is None:
            return None
        bar = MIN_SCORE if says_guide(utterance) else UNASKED_SCORE
        fit = fitting_guides(title, self.guides, self.guide.lang, bar)
        return self._picked(state, fit) if fit else None

    def _choose(self, state: State, utterance: str) -> Reply:
        """The answer to 'which one?': a title or name, alone or as 'open ...'."""
        among = self._refs(state.choosing)
        text = requested_title(utterance, self.guide.lang) or utterance
        fit = fitting_guides(text, among, self.guide.lang)
        if fit:
            return self._picked(state, fit)
        say = self._msg("guide_unknown", titles=titles_text(among, self._msg("or")))
        return self._reply(say, Intent.OPEN_GUIDE, state, remember=False)

    def _picked(self, state: State, fit: Sequence[GuideRef]) -> Reply:
        if len(fit) > 1:
            return self._ask_which(state, fit, "guide_which")
        say = self._msg("guide_opening", title=_sentence(fit[0].title))
        state = replace(state, choosing=(), switch_to=fit[0].name, ended=True)
        return self._reply(say, Intent.OPEN_GUIDE, state, remember=False)

    def _ask_which(self, state: State, refs: Sequence[GuideRef], key: str) -> Reply:
        say = self._msg(key, titles=titles_text(refs, self._msg("or")))
        state = replace(state, choosing=tuple(ref.name for ref in refs))
        return self._reply(say, Intent.OPEN_GUIDE, state, remember=False)

    def _refs(self, names: Sequence[str]) -> tuple[GuideRef, ...]:
        return tuple(ref for ref in self.guides if ref.name in names)

    def _needs(self, state: State, command: Command) -> Reply:
        say = needs_text(self.guide, command.intent is Intent.TOOLS, self._msg)
        return self._reply(say, command.intent, state, remember=False)

    def _how_long(self, state: State, command: Command) -> Reply:
        if command.intent is Intent.STEP_TIME:
            say = step_time_text(self.guide, state.step, self._msg)
        else:
            say = how_long_text(self.guide, self._msg)
        return self._reply(say, command.intent, state, remember=False)

    def _timer(self, state: State, command: Command) -> Reply:
        turn = timer_turn(self.guide, state.step, state.timers, command, state.now, self._msg)
        state = replace(state, timers=turn.timers)
        return Reply(turn.say, command.intent, state, actions=turn.actions)

    # --- questions -------------------------------------------------------------------------

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
        questions = [_question(m.question) for m in offered]
        if len(questions) == 2:
            say = self._msg("ask_back_two", first=questions[0], second=questions[1])
        else:
            say = self._msg("ask_back", question=questions[0])
        ids = "|".join(m.faq_id for m in offered if m.faq_id is not None) or None
        pending = replace(state, pending=replace(self._pending(match), asked=say))
        return self._reply(say, Intent.CLARIFY, pending, faq=ids, remember=False)

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

    def _not_understood(self, state: State, utterance: str) -> Reply:
        """Short while paused (likely background talk); a pointer to help; full help when it
        persists."""
        if state.paused:
            return self._reply(self._msg("paused_unknown"), Intent.UNKNOWN, state, remember=False)
        misses = state.misses + 1
        state = replace(state, misses=misses)
        looks_like_question = len(utterance.split()) >= 4
        if looks_like_question:
            say = self._msg("dont_know")
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
    Intent.GUIDES: DialogEngine._guides,
    Intent.OPEN_GUIDE: DialogEngine._open_guide,
    Intent.NEEDS: DialogEngine._needs,
    Intent.TOOLS: DialogEngine._needs,
    Intent.HOW_LONG: DialogEngine._how_long,
    Intent.STEP_TIME: DialogEngine._how_long,
    Intent.TIMER_SET: DialogEngine._timer,
    Intent.TIMER_START: DialogEngine._timer,
    Intent.TIMER_LEFT: DialogEngine._timer,
    Intent.TIMER_CANCEL: DialogEngine._timer,
    Intent.CANCEL: DialogEngine._cancel,
    Intent.THANKS: DialogEngine._thanks,
}

PENDING_INTENTS = frozenset({Intent.YES, Intent.NO, Intent.REPEAT, Intent.CANCEL})
"""What answers a question asked back; any other command drops the question and is done."""
