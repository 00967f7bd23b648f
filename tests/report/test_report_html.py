from __future__ import annotations

import re
from html.parser import HTMLParser

from crosscheck.models import Report
from crosscheck.report import render


class Page(HTMLParser):
    """Every element with its attributes and the text inside it, enough to check the DOM."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.marks: list[str] = []
        self.text: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_mark:
            self.marks[-1] += data

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [attrs for _, attrs in self.elements if name in attrs.get("class", "").split()]

    def by_id(self, name: str) -> list[tuple[str, dict[str, str]]]:
        return [(tag, attrs) for tag, attrs in self.elements if attrs.get("id") == name]


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    return page


def test_one_card_per_finding_with_kind_and_severity(report: Report) -> None:
    page = parse(render(report, "html"))
    cards = page.with_class("finding")
    assert [(c["data-kind"], c["data-severity"]) for c in cards] == [
        (f.kind, f.severity) for f in report.findings
    ]
    assert page.by_id("findings") and len(page.with_class("corroboration")) == 1


def test_filter_controls_offer_every_kind_and_severity(report: Report) -> None:
    out = render(report, "html")
    page = parse(out)
    assert page.by_id("filter-kind")[0][0] == "select"
    assert page.by_id("filter-severity")[0][0] == "select"
    options = [attrs["value"] for tag, attrs in page.elements if tag == "option"]
    assert {f.kind for f in report.findings} | {"high", "medium", "low", ""} == set(options)
    assert 'getElementById("filter-kind")' in out and "dataset.severity" in out


def test_evidence_spans_are_marked(report: Report) -> None:
    page = parse(render(report, "html"))
    expected = [span.text for f in report.findings for e in f.evidence for span in e.spans]
    assert page.marks == expected


def test_article_text_is_escaped(report: Report) -> None:
    out = render(report, "html")
    assert "<object>" not in out and "<News>" not in out
    assert "&lt;object&gt;" in out and "Feb. 4 &amp; recovered" in out
    assert "Daily <News>" in "".join(parse(out).text)


def test_self_contained_no_external_resources(report: Report) -> None:
    out = render(report, "html")
    page = parse(out)
    for tag, attrs in page.elements:
        assert tag not in {"link", "iframe", "img", "base"}
        for name in ("src", "href", "action", "srcset"):
            assert name not in attrs, (tag, attrs)
    assert not re.search(r"url\(|@import|//fonts|https?://(?!example\.org/wire)", out)
    assert "https://example.org/wire" in "".join(page.text)


def test_draft_claim_is_shown_first(draft_report: Report) -> None:
    page = parse(render(draft_report, "html"))
    claims = page.with_class("claim")
    assert claims[0]["data-article"] == "daily"
    assert page.with_class("finding")[-1]["data-kind"] == "unsupported"
