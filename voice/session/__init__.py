"""The session: the loop that takes utterances from a listener, asks the dialog engine, and sends
replies to the speaker and every turn sink (event log, printed text, saved position, transcript).

``ports`` holds the small protocols between the loop and the adapters at the edge; ``keyboard``
is text mode's input, ``push_keys`` push to talk's space key; ``resume`` and ``transcript`` are
turn sinks; ``interrupts`` makes Ctrl-C, kill and a closed terminal end a session cleanly. May
import ``voice.dialog``, ``voice.guide`` and ``voice.language``; never an engine or a device.
"""
