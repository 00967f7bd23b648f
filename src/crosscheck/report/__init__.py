"""Renderers: pure functions from a ``Report`` to text in one of the output formats.

>>> from crosscheck.report import render
>>> print(render(report, "markdown"))  # doctest: +SKIP
"""

from __future__ import annotations

from crosscheck.config import FORMATS
from crosscheck.errors import UsageError
from crosscheck.models import Report
from crosscheck.report import github, html, json, markdown, sarif, terminal
from crosscheck.report._common import verdict
from crosscheck.report.json import to_dict

__all__ = ["FORMATS", "render", "to_dict", "verdict"]


def render(report: Report, fmt: str, *, color: bool | None = None, width: int | None = None) -> str:
    """The report in format ``fmt``; ``color`` and ``width`` only matter to ``rich``."""
    if fmt == "rich":
        return terminal.render(report, color=color, width=width)
    renderers = {
        "json": json.render,
        "markdown": markdown.render,
        "html": html.render,
        "sarif": sarif.render,
        "github": github.render,
    }
    if fmt not in renderers:
        raise UsageError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return renderers[fmt](report)
