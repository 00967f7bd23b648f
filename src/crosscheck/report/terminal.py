"""The terminal report: the conflicting sentences side by side with the disagreeing words lit.

Plain (no ANSI codes at all) when ``color`` is false, so it stays readable in logs and pipes;
evidence words are then also listed under each sentence, since highlighting is gone.
"""

from __future__ import annotations

import shutil
from io import StringIO

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from crosscheck.models import Evidence, Finding, Report
from crosscheck.report._common import (
    by_severity,
    display_path,
    locate,
    ordered_evidence,
    plural,
    score_text,
    segments,
    verdict,
)

SIDE_BY_SIDE_MIN_WIDTH = 80
#: Width when stdout is not a terminal and COLUMNS is not set (logs, pipes, files).
PIPED_WIDTH = 100
EVIDENCE_STYLE = "bold red reverse"
SEVERITY_STYLE = {"high": "bold red", "medium": "bold yellow", "low": "cyan"}


def _articles_table(report: Report) -> Table:
    table = Table(title="Articles", box=box.SIMPLE_HEAD, title_justify="left")
    for column in ("id", "outlet", "published", "sentences", "path"):
        table.add_column(column, justify="right" if column == "sentences" else "left", overflow="fold")
    for article in report.articles:
        table.add_row(
            article.id,
            article.outlet or "-",
            article.published.isoformat() if article.published else "-",
            str(report.sentences.get(article.id, 0)),
            display_path(article.path),
        )
    return table


def _claim_text(item: Evidence) -> Text:
    text = Text()
    for piece, lit in segments(item.claim, item.spans):
        text.append(piece, style=EVIDENCE_STYLE if lit else "")
    return text


def _claim_cell(item: Evidence, plain: bool) -> Group:
    claim = item.claim
    parts: list[Text] = [_claim_text(item)]
    words = [span.text for span in item.spans]
    if plain and words:
        parts.append(Text("evidence: " + " | ".join(words), style="dim"))
    who = claim.source_as_written
    if who:
        parts.append(Text(f"according to {who}", style="dim italic"))
    return Group(*parts)


def _claim_header(item: Evidence) -> Text:
    return Text.assemble((item.claim.article.label, "bold"), "  ", (str(locate(item.claim)), "blue"))


def _finding(report: Report, finding: Finding, width: int, plain: bool) -> Group:
    head = Text.assemble(
        (finding.severity.upper(), SEVERITY_STYLE[finding.severity]),
        "  ",
        (finding.kind, "bold"),
        f"  score {score_text(finding.score)}  ",
        (f"[{finding.rule}]  " if finding.rule else "", "cyan"),
        (f"[{finding.id}]", "dim"),
    )
    evidence = ordered_evidence(report, finding)
    if width >= SIDE_BY_SIDE_MIN_WIDTH and len(evidence) > 1:
        claims = Table(box=box.ROUNDED, expand=True, show_lines=False)
        for item in evidence:
            claims.add_column(_claim_header(item), ratio=1, overflow="fold")
        claims.add_row(*(_claim_cell(item, plain) for item in evidence))
        return Group(head, Text(finding.explanation), claims, Text())
    stacked: list[Text | Padding] = [head, Text(finding.explanation)]
    for item in evidence:
        stacked.extend(
            [Padding(_claim_header(item), (0, 0, 0, 2)), Padding(_claim_cell(item, plain), (0, 0, 0, 4))]
        )
    stacked.append(Text())
    return Group(*stacked)


def terminal_width() -> int:
    """``COLUMNS`` when set, else the terminal's width, else ``PIPED_WIDTH`` (never under 40)."""
    return max(40, shutil.get_terminal_size(fallback=(PIPED_WIDTH, 24)).columns)


def render(report: Report, *, color: bool | None = None, width: int | None = None) -> str:
    """The report as terminal text; ``color`` None means plain, as the CLI decides for pipes."""
    out = StringIO()
    console = Console(
        file=out,
        width=width or terminal_width(),
        force_terminal=bool(color),
        no_color=not color,
        color_system="standard" if color else None,
        force_jupyter=False,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    console.print(_articles_table(report))
    for item in report.syndicated:
        console.print(
            Text(
                f"one source carried by {plural(len(item.outlets), 'outlet')} "
                f"in {plural(len(item.copies) + 1, 'article')} ({', '.join(item.outlets)}): "
                f"{item.article.id} compared, "
                f"{', '.join(copy.id for copy in item.copies)} left out as copies",
                style="dim",
            )
        )
    for severity, findings in by_severity(report.findings):
        console.rule(Text(f"{severity} ({len(findings)})", style=SEVERITY_STYLE[severity]), align="left")
        for finding in findings:
            console.print(_finding(report, finding, console.width, not color))
    if report.corroborations:
        console.rule("corroborated", align="left")
        for item in report.corroborations:
            where = ", ".join(str(locate(claim)) for claim in item.claims)
            console.print(Text.assemble((plural(item.sources, "source"), "green"), f": {item.statement}"))
            console.print(Text(f"  {where}", style="dim"))
    if report.skipped:
        console.rule("skipped inputs", align="left")
        for skipped in report.skipped:
            console.print(Text.assemble((display_path(skipped.path), "bold"), f": {skipped.problem}"))
    console.print(
        Text(verdict(report), style="bold red" if report.findings else "bold green"), soft_wrap=True
    )
    return out.getvalue()
