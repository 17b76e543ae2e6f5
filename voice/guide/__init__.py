"""The guide: the model of a how-to (steps, tips, FAQ, ...), loading and validating guide script
files (YAML), writing them back out, and the guides bundled with the package.

Pure data and parsing: nothing here knows about audio, the dialog or the terminal. May import
``voice.errors`` and ``voice.language`` (the intents a guide's ``commands:`` may extend).
"""
