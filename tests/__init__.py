"""Tests of voice-guide; helpers shared by tests and benchmarks live in ``tests.support``."""
