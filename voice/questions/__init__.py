"""Free-form questions: an index of what a guide can answer, and the match of one question
against it, with a calibrated confidence that decides between answering, asking back and saying so.

One module per step: ``index`` (the frozen index of every part of a guide), ``expand`` (question
words -> weighted guide terms, with related words, look-alikes and compound parts), ``rank``
(targets by confidence) and ``decide`` (answer, ask back about one or two, or out of scope),
tuned by one ``config.MatcherConfig``; ``matcher`` puts them together.

Pure. May import ``voice.guide`` and ``voice.language``.
"""
