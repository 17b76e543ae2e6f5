"""Helpers shared by the tests and the benchmarks: speech synthesis, private PulseAudio servers,
the voice loop driver, and the evaluation-set readers."""
