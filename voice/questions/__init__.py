"""Free-form questions: an index of what a guide can answer, and the match of one question
against it, with a calibrated confidence that decides between answering, asking back and saying so.

Pure. May import ``voice.guide`` and ``voice.language``.
"""
