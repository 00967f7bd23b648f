from __future__ import annotations

import re

from crosscheck.models import Article, Claim, Evidence, Finding, Report, Sentence
from crosscheck.report import render

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(text: str) -> str:
    for code, char in (("%0A", "\n"), ("%0D", "\r"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    properties = dict(item.split("=", 1) for item in match.group(2).split(","))
    return (
        match.group(1),
        {key: unescape(value) for key, value in properties.items()},
        unescape(match.group(3)),
    )


def test_one_annotation_per_finding_then_the_verdict(report: Report) -> None:
    lines = render(report, "github").splitlines()
    assert len(lines) == len(report.findings) + 1
    assert lines[0] == (
        "::error file=stories/wire.md,line=7,col=1,endLine=7,endColumn=50,title=crosscheck title::"
        "Wire calls Wang Yi foreign minister; Daily <News> calls him top diplomat. (vs stories/daily.txt:1:1)"
    )
    assert [parse(line)[0] for line in lines[:-1]] == ["error", "warning", "notice"]
    assert lines[-1] == "3 contradictions (1 high) across 2 articles (1 input skipped)"


def test_messages_escape_percent_and_newlines(report: Report) -> None:
    line = render(report, "github").splitlines()[1]
    assert "50%25" in line and "%0A" in line
    assert parse(line)[2].startswith(report.findings[1].explanation)


def test_properties_escape_colon_and_comma() -> None:
    text = "One, two: three.\nFour.\n"
    article = Article(id="odd", path="c:\\news\\a,b.txt", text=text, body=((0, len(text)),))
    claim = Claim(Sentence(article, 1, 17, 22))
    finding = Finding("x", "number", "medium", 0.5, "100% off\r\nyes", (Evidence(claim),))
    line = render(Report(articles=[article], findings=[finding]), "github").splitlines()[0]
    assert "file=c%3A/news/a%2Cb.txt," in line
    kind, properties, message = parse(line)
    assert kind == "warning"
    assert properties == {
        "file": "c:/news/a,b.txt",
        "line": "2",
        "col": "1",
        "endLine": "2",
        "endColumn": "6",
        "title": "crosscheck number",
    }
    assert message == "100% off\r\nyes"


def test_draft_check_points_at_the_draft(draft_report: Report) -> None:
    lines = render(draft_report, "github").splitlines()
    assert all(parse(line)[1]["file"] == "stories/daily.txt" for line in lines[:-1])
