"""voice-guide: an offline voice assistant that walks a person through a how-to guide.

See ``ARCHITECTURE.md`` at the repository root for the map of the subpackages.
"""

__version__ = "0.1.0"
