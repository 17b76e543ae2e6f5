"""Speech in: one utterance of audio to the text the dialog engine reads.

``contract`` is the recogniser and decoder protocol (it imports nothing else from this package);
one adapter module per engine, which imports its engine package only when that engine is chosen;
the command grammar and the guide language model the engines decode against; model discovery,
the model catalogue and the download behind ``voice-guide models``; the listeners that turn a
microphone or audio files into utterances. May import ``voice.audio``, ``voice.guide``,
``voice.language`` and ``voice.session.ports``.
"""
