"""Datelines: the formula that opens a wire story's paragraph ('PARIS, May 13 (Wire) —',
'LONDON (Reuters) -').

It says where and when the story was filed and by whom, not what happened, so it is
not part of the first sentence's claim (``crosscheck.segment`` starts the sentence
after it): two ledes filed by different outlets ("NAPLES (Golfo News) —" / "NAPLES,
March 14 (Southern Italy Wire) —") would otherwise read to the NLI model as two claims
about different sources and days. Its places still name where the story is.
"""

from __future__ import annotations

import re

_DATELINE = re.compile(
    r"^(?P<places>[A-Z][A-Z'.\-]+(?:[ /][A-Z][A-Z'.\-]+)*)(?=[^\n—–]{0,60}?\s(?:—|–|--?)\s)", re.M
)
_DASH = re.compile(r"\s(?:—|–|--?)\s")


def _opens_paragraph(text: str, start: int) -> bool:
    return not start or text[start - 1] == "\n"


def formula_end(text: str, start: int) -> int | None:
    """Where the dateline that opens the paragraph at ``start`` ends (after its dash), or None."""
    if not _opens_paragraph(text, start):
        return None
    match = _DATELINE.match(text, start)
    if match is None:
        return None
    dash = _DASH.search(text, match.end(), match.end() + 61)
    return dash.end() if dash else None


def dateline_places(text: str) -> list[tuple[int, int]]:
    """(start, end) of each place of a paragraph-opening dateline ('OSLO/CHICAGO —' gives two)."""
    found = []
    for match in _DATELINE.finditer(text):
        if not _opens_paragraph(text, match.start()):
            continue
        offset = match.start()
        for part in re.split(r"/", match["places"]):
            stripped = part.strip(" .")
            if len(stripped) >= 3 and not stripped.isdigit():
                start = text.index(stripped, offset)
                found.append((start, start + len(stripped)))
                offset = start + len(stripped)
    return found
