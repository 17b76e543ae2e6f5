"""Big guides for benchmarks: thousands of steps and FAQ entries, the same for the same seed.

Words are made-up syllable strings, so every FAQ entry has its own vocabulary the way real topics
do, mixed with common English words so stop words, stemming and fuzzy look-ups get real work.

    python -m benchmarks.generate_guide --steps 2000 --faqs 2000 -o /tmp/big.yaml
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

from voice.guide.model import FaqEntry, Guide, Step

SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sta",
    "po",
    "vin",
    "tel",
    "dar",
    "qui",
    "bes",
    "om",
    "fra",
    "gu",
    "lek",
    "sor",
    "ta",
    "zen",
    "pri",
)
COMMON = (
    "the",
    "a",
    "to",
    "your",
    "you",
    "can",
    "if",
    "and",
    "of",
    "in",
    "is",
    "what",
    "how",
    "do",
    "i",
    "my",
    "for",
    "with",
    "account",
    "chat",
    "help",
    "page",
    "button",
    "order",
    "open",
    "find",
    "choose",
    "start",
    "save",
    "connect",
    "problem",
    "settings",
)
TOPIC_WORDS = 4
"""Made-up words that make up the topic of one FAQ entry or step."""


def generate_guide(steps: int, faqs: int, seed: int = 0) -> Guide:
    """A valid English guide with ``steps`` steps and ``faqs`` FAQ entries."""
    rng = random.Random(seed)
    lexicon = _lexicon(rng, 4 * (steps + faqs) + 100)
    step_list = tuple(_step(rng, lexicon) for _ in range(steps))
    faq_list = tuple(_faq(rng, lexicon, number) for number in range(1, faqs + 1))
    tips = tuple(_sentence(rng, lexicon, rng.sample(lexicon, 3), 12) for _ in range(5))
    return Guide(
        id=f"generated-{steps}-{faqs}-{seed}",
        title="A generated guide",
        language="en",
        intro="A guide made up for benchmarks.",
        steps=step_list,
        tips=tips,
        faq=faq_list,
        summary=tuple(step.title for step in step_list[:5]),
        conclusion="That is all.",
        finish="You are done.",
        tips_title="Tips",
        source=f"<generated seed={seed}>",
    )


def guide_to_yaml(guide: Guide) -> str:
    """The guide as a script file that ``voice.script_file.parse_guide`` reads back."""
    data: dict[str, Any] = {
        "id": guide.id,
        "title": guide.title,
        "language": guide.language,
        "intro": guide.intro,
        "steps": [{"title": step.title, "text": step.text} for step in guide.steps],
        "tips": list(guide.tips),
        "faq": [
            {"id": e.id, "question": e.question, "answer": e.answer, "also": list(e.also)}
            for e in guide.faq
        ],
        "summary": list(guide.summary),
        "conclusion": guide.conclusion,
        "finish": guide.finish,
        "tips_title": guide.tips_title,
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_guide(guide: Guide, path: str | Path) -> None:
    Path(path).write_text(guide_to_yaml(guide), encoding="utf-8")


def _lexicon(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _sentence(rng: random.Random, lexicon: list[str], topic: list[str], length: int) -> str:
    """``length`` words: the topic words, a few random ones, the rest common English."""
    words = list(topic) + rng.sample(lexicon, 2)
    words += [rng.choice(COMMON) for _ in range(max(0, length - len(words)))]
    rng.shuffle(words)
    return " ".join(words).capitalize()


def _step(rng: random.Random, lexicon: list[str]) -> Step:
    topic = rng.sample(lexicon, TOPIC_WORDS)
    return Step(
        title=_sentence(rng, lexicon, topic[:2], 5), text=_sentence(rng, lexicon, topic, 30) + "."
    )


def _faq(rng: random.Random, lexicon: list[str], number: int) -> FaqEntry:
    topic = rng.sample(lexicon, TOPIC_WORDS)
    also = tuple(_sentence(rng, lexicon, rng.sample(topic, 2), 6) + "?" for _ in range(2))
    return FaqEntry(
        id=f"faq-{number}",
        question=_sentence(rng, lexicon, topic[:3], 9) + "?",
        answer=_sentence(rng, lexicon, topic, 25) + ".",
        also=also,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--faqs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", required=True, help="YAML file to write")
    args = parser.parse_args(argv)
    write_guide(generate_guide(args.steps, args.faqs, args.seed), args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
