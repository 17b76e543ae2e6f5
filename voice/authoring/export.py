"""Guide -> Markdown article or HTML page with schema.org HowTo/FAQPage JSON-LD.

Both formats are written in the shape the importers read, with the headings of
``article_sections``, so import -> export -> import gives the same guide. Voice-only data
(``also`` phrasings, extra ``commands``) has no place in an article and is not written.
"""

from __future__ import annotations

import html
import json
import re
from enum import Enum
from typing import Any

from voice.authoring.needs_times import need_line, time_line
from voice.authoring.sections import Part, export_heading, step_heading, tips_heading
from voice.guide.model import Guide, Need, Step
from voice.language.durations import iso

MD_SPECIAL = re.compile(r"([\\`*_\[\]<#])")
MD_LEADING = re.compile(r"^([-+•·>=]|\d+(?=[.)]\s))")


class ExportFormat(str, Enum):
    """The formats ``voice-guide export`` writes."""

    MARKDOWN = "markdown"
    JSONLD = "jsonld"


def export_guide(guide: Guide, fmt: ExportFormat) -> str:
    """The guide in ``fmt``, as text ready to write to a file."""
    return to_markdown(guide) if fmt == ExportFormat.MARKDOWN else to_html_page(guide)


def _md(text: str) -> str:
    """Escapes what Markdown would read as markup, so the importer gets the text back as is."""
    text = MD_SPECIAL.sub(r"\\\1", text)
    leading = MD_LEADING.match(text)
    if leading and leading.group(1)[0].isdigit():
        end = leading.end()
        return f"{text[:end]}\\{text[end:]}"
    return f"\\{text}" if leading else text


def _sections(guide: Guide) -> list[tuple[Part, str, list[str]]]:
    """(part, heading, texts) for the optional parts that the guide has, in article order."""
    lang = guide.lang
    parts = [
        (Part.FINISH, [guide.finish] if guide.finish else []),
        (Part.TIPS, list(guide.tips)),
        (Part.FAQ, [entry.id for entry in guide.faq]),
        (Part.SUMMARY, list(guide.summary)),
        (Part.CONCLUSION, [guide.conclusion] if guide.conclusion else []),
    ]
    return [
        (
            part,
            tips_heading(guide.tips_title, lang)
            if part == Part.TIPS
            else export_heading(part, lang),
            texts,
        )
        for part, texts in parts
        if texts
    ]


def to_markdown(guide: Guide) -> str:
    """A Markdown article: ``# title``, intro, ``## Step n: ...``, then tips, FAQ, summary..."""
    lines = [
        "---",
        f"id: {guide.id}",
        f"lang: {guide.language}",
        "---",
        "",
        f"# {_md(guide.title)}",
        "",
        _md(guide.intro),
        "",
    ]
    lines += [_md(time_line(guide.time, guide.lang)), ""] if guide.time else []
    lines += _markdown_needs(guide)
    for number, step in enumerate(guide.steps, start=1):
        lines += [f"## {step_heading(number, _md(step.title), guide.lang)}", "", _md(step.text), ""]
        lines += [_md(time_line(step.time, guide.lang)), ""] if step.time else []
    for part, heading, texts in _sections(guide):
        if part == Part.FAQ:
            lines += _markdown_faq(guide)
            continue
        lines += [f"## {_md(heading)}", ""]
        listed = part in (Part.TIPS, Part.SUMMARY)
        lines += [f"- {_md(text)}" if listed else f"{_md(text)}\n" for text in texts]
        lines += [""] if listed else []
    return "\n".join(lines).rstrip("\n") + "\n"


def _needs_lists(guide: Guide) -> list[tuple[str, list[str]]]:
    """(heading, items) for the supplies and the tools, the ones the guide has."""
    groups = ((Part.NEEDS, False), (Part.TOOLS, True))
    lists = [
        (export_heading(part, guide.lang), [need_line(n) for n in guide.needs if n.tool == tool])
        for part, tool in groups
    ]
    return [(heading, items) for heading, items in lists if items]


def _markdown_needs(guide: Guide) -> list[str]:
    lines = []
    for heading, items in _needs_lists(guide):
        lines += [f"## {_md(heading)}", "", *(f"- {_md(item)}" for item in items), ""]
    return lines


def _markdown_faq(guide: Guide) -> list[str]:
    lines = [f"## {_md(export_heading(Part.FAQ, guide.lang))}", ""]
    for entry in guide.faq:
        lines += [f"### {_md(entry.question)} {{#{entry.id}}}", "", _md(entry.answer), ""]
    return lines


def json_ld(guide: Guide) -> dict[str, Any]:
    """schema.org HowTo (+ FAQPage) for the guide; texts HTML-escaped, as the fields allow HTML."""
    esc = html.escape
    steps: list[dict[str, Any]] = [_jsonld_step(n, step) for n, step in enumerate(guide.steps, 1)]
    if guide.tips:
        steps.append(
            {
                "@type": "HowToSection",
                "name": esc(tips_heading(guide.tips_title, guide.lang)),
                "itemListElement": [{"@type": "HowToTip", "text": esc(tip)} for tip in guide.tips],
            }
        )
    howto = {
        "@type": "HowTo",
        "identifier": guide.id,
        "name": esc(guide.title),
        "description": esc(guide.intro),
        "inLanguage": guide.language,
        **_jsonld_needs(guide),
        "step": steps,
    }
    graph: list[dict[str, Any]] = [howto]
    if guide.faq:
        graph.append(
            {
                "@type": "FAQPage",
                "inLanguage": guide.language,
                "mainEntity": [
                    {
                        "@type": "Question",
                        "identifier": entry.id,
                        "name": esc(entry.question),
                        "acceptedAnswer": {"@type": "Answer", "text": esc(entry.answer)},
                    }
                    for entry in guide.faq
                ],
            }
        )
    return {"@context": "https://schema.org", "@graph": graph}


def _jsonld_step(number: int, step: Step) -> dict[str, Any]:
    esc = html.escape
    node = {"@type": "HowToStep", "position": number, "name": esc(step.title)}
    node["text"] = esc(step.text)
    return {**node, "timeRequired": iso(step.time.seconds)} if step.time else node


def _jsonld_needs(guide: Guide) -> dict[str, Any]:
    """``totalTime``, ``supply`` and ``tool``, as far as the guide has them."""
    fields: dict[str, Any] = {"totalTime": iso(guide.time.seconds)} if guide.time else {}
    for key, kind, tool in (("supply", "HowToSupply", False), ("tool", "HowToTool", True)):
        items = [_jsonld_need(need, kind) for need in guide.needs if need.tool == tool]
        fields.update({key: items} if items else {})
    return fields


def _jsonld_need(need: Need, kind: str) -> dict[str, Any]:
    node = {"@type": kind, "name": html.escape(need.name)}
    return {**node, "requiredQuantity": html.escape(need.amount)} if need.amount else node


def to_html_page(guide: Guide) -> str:
    """A standalone HTML page: the guide as visible text plus its JSON-LD in the ``<head>``."""
    data = json.dumps(json_ld(guide), ensure_ascii=False, indent=2).replace("</", "<\\/")
    esc = html.escape
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(guide.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(guide.title)}</title>",
        '<script type="application/ld+json">',
        data,
        "</script>",
        "</head>",
        "<body>",
        "<article>",
        f"<h1>{esc(guide.title)}</h1>",
        f"<p>{esc(guide.intro)}</p>",
    ]
    head += [f"<p>{esc(time_line(guide.time, guide.lang))}</p>"] if guide.time else []
    for heading, needs in _needs_lists(guide):
        listed = "".join(f"<li>{esc(need)}</li>" for need in needs)
        head += [f"<h2>{esc(heading)}</h2>", f"<ul>{listed}</ul>"]
    body = [
        f"<h2>{esc(step_heading(n, step.title, guide.lang))}</h2>\n<p>{esc(step.text)}</p>"
        + (f"\n<p>{esc(time_line(step.time, guide.lang))}</p>" if step.time else "")
        for n, step in enumerate(guide.steps, start=1)
    ]
    for part, heading, texts in _sections(guide):
        if part == Part.FAQ:
            body += _html_faq(guide)
            continue
        body.append(f"<h2>{esc(heading)}</h2>")
        items = "".join(f"<li>{esc(text)}</li>" for text in texts)
        body += (
            [f"<ul>{items}</ul>"]
            if part in (Part.TIPS, Part.SUMMARY)
            else [f"<p>{esc(text)}</p>" for text in texts]
        )
    return "\n".join([*head, *body, "</article>", "</body>", "</html>", ""])


def _html_faq(guide: Guide) -> list[str]:
    esc = html.escape
    lines = [f"<h2>{esc(export_heading(Part.FAQ, guide.lang))}</h2>"]
    for entry in guide.faq:
        lines += [
            f'<h3 id="{esc(entry.id)}">{esc(entry.question)}</h3>',
            f"<p>{esc(entry.answer)}</p>",
        ]
    return lines
