"""``python -m voice`` runs the same CLI as the ``voice-guide`` command."""

import sys

from voice.cli.main import main

sys.exit(main())
