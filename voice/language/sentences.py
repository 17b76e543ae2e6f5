"""Cutting a reply into sentences, so speech can start before the whole reply is synthesised.

Pure text in, text pieces out. Pieces must be worth an utterance of their own: a list number
("1.") or an abbreviation's tail on its own would be read with a pause around it, so short
fragments are joined to their neighbour, and punctuation-only pieces (nothing to say; pyttsx3 can
hang on them) never come out alone.
"""

from __future__ import annotations

import re

MIN_PIECE = 12
"""Characters below which a fragment is joined to the next one."""
_BOUNDARY = re.compile(r"(?<=[.!?…;:])\s+|\s*\n\s*")


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` in order; each has a letter or digit; nothing is dropped."""
    pieces: list[str] = []
    carry = ""
    for raw in _BOUNDARY.split(text.strip()):
        piece = f"{carry} {raw}".strip() if carry else raw.strip()
        if len(piece) < MIN_PIECE or not _speakable(piece):
            carry = piece
            continue
        pieces.append(piece)
        carry = ""
    if carry:
        if pieces and (not _speakable(carry) or len(carry) < MIN_PIECE):
            pieces[-1] = f"{pieces[-1]} {carry}"
        elif _speakable(carry):
            pieces.append(carry)
    return pieces


def _speakable(text: str) -> bool:
    return any(char.isalnum() for char in text)
