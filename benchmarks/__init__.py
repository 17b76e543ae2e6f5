"""Benchmarks: scripts printing medians over repeated runs; run as python -m benchmarks.NAME."""
