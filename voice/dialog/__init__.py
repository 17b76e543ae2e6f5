"""The dialog engine: session state plus one utterance in, a reply and the new state out.

Pure: it knows nothing of audio, files, clocks or the terminal. ``engine`` holds the state machine,
``messages`` what the guide says around the guide's own texts, per language. May import
``voice.guide``, ``voice.language`` and ``voice.questions``.
"""
