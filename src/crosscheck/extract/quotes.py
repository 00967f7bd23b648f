"""Direct quotations: the inner text of straight, curly and single-quoted passages."""

from __future__ import annotations

import re

from crosscheck.extract.context import make_span
from crosscheck.models import Article, Sentence, Span

# Curly and straight double quotes pair up; single quotes only when they cannot be an
# apostrophe: the opening one after a space or bracket, the closing one before a
# space or punctuation.
_DOUBLE = re.compile(r"“([^”“]+)”|\"([^\"]+)\"|«([^»]+)»")
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘']([^‘'’\n]+?)[’'](?=[\s,.;:!?)\]—–-]|$)")
_OPEN_ONLY = re.compile(r"[“\"]([^”\"]+)$")


def quotes(article: Article, sentence: Sentence) -> tuple[Span, ...]:
    """Spans of quoted text (marks excluded), in order; a quote still open at the end runs to it."""
    text = sentence.text
    found: list[tuple[int, int]] = []
    for match in _DOUBLE.finditer(text):
        group = next(index for index in (1, 2, 3) if match.group(index) is not None)
        found.append((match.start(group), match.end(group)))
    for match in _SINGLE.finditer(text):
        if not _inside(match.start(), found):
            found.append((match.start(1), match.end(1)))
    if not found:
        tail = _OPEN_ONLY.search(text)
        if tail and len(tail.group(1).split()) >= 3:
            found.append((tail.start(1), tail.end(1)))
    spans = [make_span(article, sentence.start + start, sentence.start + end) for start, end in sorted(found)]
    return tuple(span for span in spans if span.text.strip(" ,.;:!?"))


def _inside(offset: int, found: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in found)
