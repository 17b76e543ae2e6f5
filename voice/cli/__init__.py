"""The ``voice-guide`` command: one module per subcommand, argument parsing, and the wiring of
adapters (listener, speaker, sinks) to the dialog engine. The only package that imports them all.
"""
