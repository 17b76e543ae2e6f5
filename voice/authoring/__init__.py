"""Authoring: turning a how-to article (plain text, Markdown, HTML with schema.org JSON-LD) into a
guide, and exporting a guide back out as Markdown or a HowTo/FAQPage page.

Readers and writers of text only. May import ``voice.guide`` and ``voice.language``.
"""
