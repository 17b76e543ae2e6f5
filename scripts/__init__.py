"""The bundled guide script files, installed as the data package ``voice.guide.bundled_guides``.

This folder is mapped into the package by ``[tool.setuptools.package-dir]`` in pyproject.toml,
so the guides keep one home in the repository and are found with ``importlib.resources`` in a
wheel, an sdist or an editable install alike (see ``voice.guide.bundled``).
"""
