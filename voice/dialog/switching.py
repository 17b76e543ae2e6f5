"""Other guides in the dialog: listing them, and opening one by name. The engine only asks for
the switch (``State.switch_to``); the CLI carries it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from voice.dialog.core import EngineCore, _sentence
from voice.dialog.guide_choice import (
    MIN_SCORE,
    UNASKED_SCORE,
    GuideRef,
    chosen_guides,
    fitting_guides,
    requested_title,
    says_guide,
    titles_text,
)
from voice.dialog.state import Reply, State
from voice.language.intents import Command, Intent


class Switching(EngineCore):
    """The guide-library half of the engine."""

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
        fit = chosen_guides(text, among, self.guide.lang)
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
