"""Speech out: replies to audio. The speaker streams each reply sentence by sentence through
pyttsx3 (run in a child process behind a watchdog) to the sound device and to WAV files; voices
picks an installed voice for the guide's language.

May import ``voice.audio``, ``voice.language`` (sentence splitting) and ``voice.session.ports``.
"""
