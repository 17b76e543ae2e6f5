"""Speech out: replies to audio, in pipeline order. ``contract`` is the ``Synthesizer`` protocol
(text in, one audio chunk per sentence out); ``pyttsx3_synthesis`` implements it over
``pyttsx3_worker`` (pyttsx3 in a child process behind a watchdog); ``outputs`` holds the sound
device and the ``--audio-out`` WAV files, each owning its failures; ``speaker`` is the queue
thread between them and ``make_speaker``; ``voices`` picks an installed voice for the guide's
language.

May import ``voice.audio``, ``voice.language`` (sentence splitting) and ``voice.session.ports``.
"""
