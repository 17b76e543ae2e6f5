"""Write ``voice/data/common-words.en.txt``: the most frequent English words by the unigram
probabilities of the pocketsphinx wheel's generic language model.

    .venv/bin/python benchmarks/make_common_words.py [--count 3000]

The guide language model (``voice.speech_in.guide_lm``) spreads a share of its mass over these
words, so
speech about something else is heard as other words rather than squeezed into the guide's. The
list is committed, so the recogniser need not load the 65 MB generic model to get it.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pocketsphinx

OUT = Path(__file__).resolve().parent.parent / "voice" / "data" / "common-words.en.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=3000)
    count = parser.parse_args().count
    model = os.path.join(pocketsphinx.get_model_path(), "en-us")
    decoder = pocketsphinx.Decoder(
        hmm=os.path.join(model, "en-us"),
        lm=os.path.join(model, "en-us.lm.bin"),
        dict=os.path.join(model, "cmudict-en-us.dict"),
        loglevel="FATAL",
    )
    lm = decoder.get_lm()
    with open(os.path.join(model, "cmudict-en-us.dict"), encoding="utf-8") as handle:
        words = {line.split(" ", 1)[0].split("(")[0] for line in handle if line.strip()}
    ranked = sorted(words, key=lambda word: (-lm.prob([word]), word))
    source = Path(__file__).name
    header = f"# {count} most frequent words of pocketsphinx's en-us.lm.bin; see {source}\n"
    OUT.write_text(header + "\n".join(ranked[:count]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
