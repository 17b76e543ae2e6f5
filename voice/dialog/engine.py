"""The dialog engine: session state + one utterance -> a reply. Pure: no audio, files or clock.

The session loop feeds it text (saying whether it was spoken, and the time) and acts on the
reply (speaks it, logs it, adjusts the voice, starts timers, opens another guide, ends). The
parts live in mixins over ``EngineCore``: ``asking`` (questions), ``switching`` (other guides),
``timing`` (needs and timers); this module holds the opening, the turn, and navigation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import cached_property
from pathlib import PurePath

from voice.dialog.asking import Asking
from voice.dialog.core import _sentence
from voice.dialog.state import Reply, State
from voice.dialog.switching import Switching
from voice.dialog.timing import Timing
from voice.language.commands import Parse, parse
from voice.language.intents import Command, Intent
from voice.language.lexicon import normalise
from voice.language.timer_requests import timer_request
from voice.language.word_lists import MORE_WORDS


class DialogEngine(Asking, Switching, Timing):
    """Walks one guide; build once per guide (vocabulary and question index are precomputed)."""

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
        if self._unlisted(command.intent):  # 'what do I need' in a guide with no needs list:
            said = self._said_in_text(state, command.intent)  # its text may say ("All you need")
            if said is not None:
                return said
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
        return self._reply(self._at_step(state), Intent.WHERE, state, remember=False)

    def _at_step(self, state: State) -> str:
        """Where we are: the step's number, of how many, and its title."""
        title = _sentence(self.guide.steps[state.step - 1].title)
        return self._msg("where", number=state.step, total=self.total, title=title)

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

    def _greet(self, state: State, _: Command) -> Reply:
        """Hello back, and where we are, so a greeting is never a dead end."""
        if state.resuming:
            say = self._msg("greeting_offer")
        elif state.step == 0:
            say = self._msg("greeting") + " " + self._msg("not_started")
        else:
            say = self._msg("greeting") + " " + self._at_step(state)
        return self._reply(say, Intent.GREETING, state, remember=False)

    def _stop(self, state: State, _: Command) -> Reply:
        if state.step == 0:
            say = self._msg("goodbye_intro")
        else:
            say = self._msg("goodbye", number=state.step, total=self.total)
        return self._reply(say, Intent.STOP, replace(state, ended=True), remember=False)


Handler = Callable[["DialogEngine", State, Command], Reply]


def _offer_answer(command: Command) -> Command:
    """After the resume offer, 'continue', 'next', 'start', 'yes' and 'resume' read the saved
    step; 'no' starts over like 'start over'; any other command works as usual, a relative move
    too: 'skip ahead two' goes two on from the saved step, which was not read yet."""
    if command.intent in (Intent.YES, Intent.RESUME) or command == Command(Intent.NEXT):
        return Command(Intent.RESUME)
    return Command(Intent.START_OVER) if command.intent is Intent.NO else command


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
    Intent.GREETING: DialogEngine._greet,
}
