"""Authoring speed: import (text, Markdown, JSON-LD HTML), export, and writing the script file.

    python -m benchmarks.bench_authoring [--repeat 20]

Inputs: the articles in tests/data, a generated guide of 2,000 steps and 2,000 FAQ entries
exported to Markdown and to a JSON-LD page (about 1 MB each) and imported back, and a generated
schema.org Recipe page of 2,000 ingredients and 2,000 timed instructions in sections.
Prints the median over ``--repeat`` runs of each operation, in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate_guide import generate_guide
from voice.authoring.export import to_html_page, to_markdown
from voice.authoring.importer import import_article, read_source
from voice.guide.writer import write_guide

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
ARTICLES = (
    "amazon-chat.nl.txt",
    "router-reset.en.md",
    "descale-coffee.en.html",
    "pancakes-recipe.en.html",
    "descale-kettle.en.html",
)
RECIPE_SIZE = 2000


def recipe_page(size: int) -> str:
    """A Recipe page with ``size`` ingredients and instructions, in sections of 20 steps."""
    sections = [
        {
            "@type": "HowToSection",
            "name": f"Part {part + 1}",
            "itemListElement": [
                {
                    "@type": "HowToStep",
                    "name": f"Step {n}",
                    "text": f"Stir the pot number {n} and let it rest for {n % 50 + 1} minutes.",
                    "timeRequired": f"PT{n % 50 + 1}M",
                }
                for n in range(part * 20 + 1, part * 20 + 21)
            ],
        }
        for part in range(size // 20)
    ]
    recipe = {
        "@context": "https://schema.org",
        "@type": "Recipe",
        "name": "A very large stew",
        "description": "Enough for a village.",
        "inLanguage": "en",
        "recipeYield": "400 servings",
        "prepTime": "PT2H",
        "cookTime": "PT6H",
        "totalTime": "PT8H",
        "recipeIngredient": [f"{n} g of ingredient number {n}" for n in range(1, size + 1)],
        "recipeInstructions": sections,
    }
    data = json.dumps(recipe, indent=1)
    return f'<html lang="en"><head><script type="application/ld+json">{data}</script></head></html>'


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
    recipe = recipe_page(RECIPE_SIZE)
    result.append(
        (
            f"import recipe page {RECIPE_SIZE}+{RECIPE_SIZE} ({len(recipe) // 1024} KiB)",
            median_ms(lambda: import_article(recipe, "stew.html"), big_repeat),
        )
    )
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
