"""The batch's output folder: a record and reports per story, ``stories.jsonl``, ``index.html`` and ``index.md``.

Each finished story is written at once, atomically (a temporary file renamed), as
``stories/<id>.json`` (its record) beside its reports, so an interrupted run loses
nothing it finished. ``stories.jsonl`` and the index are rebuilt from those records
at the end of every run, in a fixed order: the same stories give the same bytes,
whichever engine or worker count produced them.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from crosscheck.models import SEVERITY_ORDER

RECORDS = "stories"


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def record_path(out: Path, story_id: str) -> Path:
    return out / RECORDS / f"{story_id}.record.json"


def read_record(out: Path, story_id: str) -> dict[str, object] | None:
    try:
        return json.loads(record_path(out, story_id).read_text("utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def write_story(out: Path, record: Mapping[str, object], reports: Mapping[str, tuple[str, str]]) -> None:
    """The story's reports (``fmt -> (relative path, text)``) first, then its record, which marks it done."""
    for relative, text in reports.values():
        write_atomic(out / relative, text)
    write_atomic(
        record_path(out, str(record["id"])), json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
    )


def rank_key(record: Mapping[str, object]) -> tuple[int, int, int, int, int, str]:
    """Most severe finding first, then more high, medium, low findings, then by id."""
    findings = record.get("findings") or {}
    assert isinstance(findings, Mapping)
    severity = SEVERITY_ORDER.get(str(findings.get("top_severity")), 0)
    failed = 1 if record.get("status") == "error" else 0
    return (
        -severity,
        -int(findings.get("high", 0)),
        -int(findings.get("medium", 0)),
        -int(findings.get("low", 0)),
        -failed,
        str(record["id"]),
    )


def write_listing(out: Path, records: Iterable[Mapping[str, object]]) -> list[Mapping[str, object]]:
    """``stories.jsonl`` (by story id) and the ranked index in HTML and Markdown."""
    ordered = sorted(records, key=lambda record: str(record["id"]))
    write_atomic(
        out / "stories.jsonl",
        "".join(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n" for record in ordered),
    )
    ranked = sorted(ordered, key=rank_key)
    write_atomic(out / "index.md", _markdown(ranked))
    write_atomic(out / "index.html", _html(ranked))
    return ranked


def _counts(record: Mapping[str, object]) -> str:
    findings = record.get("findings") or {}
    assert isinstance(findings, Mapping)
    if record.get("status") == "error":
        return "failed"
    if record.get("status") == "single":
        return "one source"
    return f"{findings.get('high', 0)} high, {findings.get('medium', 0)} medium, {findings.get('low', 0)} low"


def _link(record: Mapping[str, object]) -> str | None:
    reports = record.get("reports") or {}
    assert isinstance(reports, Mapping)
    for fmt in ("html", "markdown", "json", "sarif"):
        if fmt in reports:
            return str(reports[fmt])
    return None


def _top(record: Mapping[str, object]) -> str:
    if record.get("status") == "error":
        return str(record.get("error", "")).splitlines()[0]
    findings = record.get("findings") or {}
    assert isinstance(findings, Mapping)
    return str(findings.get("top") or "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(ranked: list[Mapping[str, object]]) -> str:
    lines = [
        "# crosscheck batch: stories by their most severe finding",
        "",
        "| story | title | articles | outlets | findings | most severe |",
        "|---|---|---|---|---|---|",
    ]
    for record in ranked:
        link = _link(record)
        name = f"[{record['id']}]({link})" if link else str(record["id"])
        articles = len(record.get("articles") or []) + len(record.get("copies") or [])  # type: ignore[arg-type]
        lines.append(
            f"| {name} | {_cell(str(record.get('title') or ''))} | {articles} | "
            f"{len(record.get('outlets') or [])} | {_counts(record)} | {_cell(_top(record))} |"  # type: ignore[arg-type]
        )
    return "\n".join(lines) + "\n"


def _html(ranked: list[Mapping[str, object]]) -> str:
    rows = []
    for record in ranked:
        link = _link(record)
        story = html.escape(str(record["id"]))
        name = f'<a href="{html.escape(link)}">{story}</a>' if link else story
        articles = len(record.get("articles") or []) + len(record.get("copies") or [])  # type: ignore[arg-type]
        findings = record.get("findings") or {}
        severity = str(findings.get("top_severity") or "none") if isinstance(findings, Mapping) else "none"
        rows.append(
            f'<tr class="{html.escape(severity)}"><td>{name}</td>'
            f"<td>{html.escape(str(record.get('title') or ''))}</td><td>{articles}</td>"
            f"<td>{len(record.get('outlets') or [])}</td>"  # type: ignore[arg-type]
            f"<td>{html.escape(_counts(record))}</td><td>{html.escape(_top(record))}</td></tr>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>crosscheck batch</title>\n<style>\n"
        "body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}"
        "td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}"
        "tr.high td:first-child{border-left:4px solid #c00}tr.medium td:first-child{border-left:4px solid #d90}"
        "tr.low td:first-child{border-left:4px solid #39c}\n</style>\n</head>\n<body>\n"
        "<h1>Stories by their most severe finding</h1>\n<table>\n"
        "<tr><th>story</th><th>title</th><th>articles</th><th>outlets</th><th>findings</th>"
        "<th>most severe</th></tr>\n" + "\n".join(rows) + "\n</table>\n</body>\n</html>\n"
    )
