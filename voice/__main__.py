"""``python -m voice`` runs the same CLI as the ``voice-guide`` command."""

import sys

from .cli import main

sys.exit(main())
