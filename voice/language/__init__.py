"""Language: normalising utterances, number words, the command vocabulary per language, the
words used to match questions (stop words, synonyms, stems), sentence splitting, and guessing an
article's language.

The lowest layer of the pure core: it imports nothing else from ``voice``.
"""
