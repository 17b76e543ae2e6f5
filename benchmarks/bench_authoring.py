"""Authoring speed: import (text, Markdown, JSON-LD HTML), export, and writing the script file.

    python -m benchmarks.bench_authoring [--repeat 20]

Inputs: the three articles in tests/data, and a generated guide of 2,000 steps and 2,000 FAQ
entries exported to Markdown and to a JSON-LD page (about 1 MB each) and imported back.
Prints the median over ``--repeat`` runs of each operation, in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate_guide import generate_guide
from voice.authoring.export import to_html_page, to_markdown
from voice.authoring.importer import import_article, read_source
from voice.guide.writer import write_guide

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
ARTICLES = ("amazon-chat.nl.txt", "router-reset.en.md", "descale-coffee.en.html")


def median_ms(job: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _importer(text: str, name: str) -> Callable[[], object]:
    return lambda: import_article(text, name)


def rows(repeat: int) -> list[tuple[str, float]]:
    """(operation, median ms) for every benchmarked operation."""
    result = []
    for name in ARTICLES:
        result.append(
            (f"import {name}", median_ms(_importer(read_source(DATA / name), name), repeat))
        )
    big = generate_guide(2000, 2000)
    markdown, page = to_markdown(big), to_html_page(big)
    big_repeat = max(3, repeat // 4)
    result += [
        ("export 2000+2000 markdown", median_ms(lambda: to_markdown(big), big_repeat)),
        ("export 2000+2000 jsonld page", median_ms(lambda: to_html_page(big), big_repeat)),
        ("write script 2000+2000", median_ms(lambda: write_guide(big), big_repeat)),
        (
            f"import 2000+2000 markdown ({len(markdown) // 1024} KiB)",
            median_ms(lambda: import_article(markdown, "big.md"), big_repeat),
        ),
        (
            f"import 2000+2000 jsonld page ({len(page) // 1024} KiB)",
            median_ms(lambda: import_article(page, "big.html"), big_repeat),
        ),
    ]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    print(f"{'operation':48} median ms")
    for operation, ms in rows(args.repeat):
        print(f"{operation:48} {ms:9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
