"""What a test may skip for, and what it must fail for.

Why: a skipped test is a silent pass. A missing *system* part (espeak-ng, PulseAudio, network
namespaces) is outside the project, so a test may skip naming it. A missing *project* part (a
package of the ``speech``/``dev`` extras that ``./run.sh test`` installs, the ``voice-guide``
command) means the install is broken or a change lost something: the test fails saying how to
put it back.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

INSTALL = "pip install -e '.[speech,dev]' (./run.sh test does it)"


def need_package(name: str) -> ModuleType:
    """Import ``name``, a package the project's extras install, or fail the test."""
    try:
        return importlib.import_module(name)
    except ImportError as err:
        pytest.fail(f"{name} is not installed but the project needs it: {INSTALL} ({err})")
