"""A plain text extraction of an HTML page, for pages trafilatura cannot read.

trafilatura parses with lxml, and libxml2 stops building the tree past a nesting
depth of 256: a page whose text sits 1,000 ``<div>``s deep comes back empty. The
standard library's ``html.parser`` reads tags as a stream, with no tree and no
depth limit, so it always gets the text: scripts, styles, navigation, headers,
footers and forms left out, block elements as paragraph breaks, and the page's
title, site name, date and canonical URL from its ``<title>``, ``<meta>`` and
``<link>`` tags.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Elements whose content is never article text.
SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "button"}
)
#: Elements that end a paragraph.
BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figure",
        "figcaption",
        "table",
        "tr",
        "pre",
        "hr",
    }
)
#: Elements without an end tag: they never open a skipped region.
VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr"})
_META = {
    "og:site_name": "outlet",
    "application-name": "outlet",
    "og:title": "title",
    "article:published_time": "published",
    "date": "published",
    "pubdate": "published",
    "og:url": "url",
}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key in _META and values.get("content"):
                self.meta.setdefault(_META[key], values["content"].strip())
        elif tag == "link" and "canonical" in values.get("rel", "").lower() and values.get("href"):
            self.meta.setdefault("url", values["href"].strip())
        elif tag == "title":
            self.in_title = True
        if tag in SKIPPED and tag not in VOID:
            self.skipping += 1
        if tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1
        if tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skipping:
            self.parts.append(data)


_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BREAKS = re.compile(r"\s*\n\s*\n\s*")


def plain_text(html: str) -> tuple[str, dict[str, str]]:
    """The page's visible text, paragraphs separated by blank lines, and the metadata found."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = _SPACES.sub(" ", "".join(parser.parts))
    text = _BREAKS.sub("\n\n", text).strip()
    meta = dict(parser.meta)
    if parser.title.strip() and "title" not in meta:
        meta["title"] = " ".join(parser.title.split())
    return text + "\n" if text else "", meta
