"""Exit codes of every ``voice-guide`` command, in one place."""

EXIT_OK = 0
EXIT_FAILED = 1
"""The command ran but found problems (``check``) or failed for a reason outside the input."""
EXIT_BAD_INPUT = 2
"""Bad input from the user: a missing or invalid file, a bad option value."""
EXIT_INTERRUPTED = 130
"""Ctrl-C (SIGTERM and SIGHUP give 143 and 129, see ``voice.session.interrupts``)."""
