"""Audio: PCM helpers, reading and writing audio files, microphone capture with endpointing by a
voice-activity detector (``vad``), push to talk's gate in front of the endpointer, playback
through a killable player process, and listing devices.

Knows nothing of speech, guides or the dialog; imports only ``voice.errors``.
"""
