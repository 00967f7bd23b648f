"""The HTML report: one self-contained file (inline CSS and JS, no external URL) that opens offline.

Every piece of article text goes through ``html.escape``; cards carry ``data-kind`` and
``data-severity`` so the filter controls (and tests) can select them.
"""

from __future__ import annotations

import html

from crosscheck.models import Evidence, Finding, Report
from crosscheck.report._common import (
    KIND_HELP,
    SEVERITIES,
    by_severity,
    display_path,
    locate,
    ordered_evidence,
    plural,
    score_text,
    segments,
    verdict,
)

_CSS = """
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fafafa; --card: #fff; --line: #d0d0d0;
  --high: #c62828; --medium: #b26a00; --low: #1565c0; --mark: #ffd54f; --muted: #666; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e6e6; --bg: #161616; --card: #202020;
  --line: #3a3a3a; --mark: #8d6e00; --muted: #aaa; } }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
  background: var(--bg); margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 80rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; }
.verdict { font-weight: 600; font-size: 1.1rem; }
.verdict.fail { color: var(--high); }
.verdict.pass { color: #2e7d32; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
#filters { display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; margin: 1rem 0; }
.finding { background: var(--card); border: 1px solid var(--line); border-left: 6px solid var(--line);
  border-radius: 6px; padding: .8rem 1rem; margin: 0 0 1rem; }
.finding[data-severity="high"] { border-left-color: var(--high); }
.finding[data-severity="medium"] { border-left-color: var(--medium); }
.finding[data-severity="low"] { border-left-color: var(--low); }
.finding header { display: flex; gap: .8rem; align-items: baseline; flex-wrap: wrap; }
.severity { font-weight: 700; text-transform: uppercase; }
.severity.high { color: var(--high); } .severity.medium { color: var(--medium); }
.severity.low { color: var(--low); }
.muted { color: var(--muted); }
.claims { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
.claim blockquote { margin: .3rem 0 0; padding: .5rem .8rem; border-left: 3px solid var(--line); }
mark { background: var(--mark); color: inherit; font-weight: 600; padding: 0 .1em; }
[hidden] { display: none !important; }
"""

_JS = """
(function () {
  var kind = document.getElementById("filter-kind");
  var severity = document.getElementById("filter-severity");
  var count = document.getElementById("shown-count");
  function apply() {
    var shown = 0;
    document.querySelectorAll("#findings .finding").forEach(function (card) {
      var visible = (!kind.value || card.dataset.kind === kind.value) &&
        (!severity.value || card.dataset.severity === severity.value);
      card.hidden = !visible;
      if (visible) { shown += 1; }
    });
    document.querySelectorAll("#findings .group").forEach(function (group) {
      group.hidden = !group.querySelector(".finding:not([hidden])");
    });
    count.textContent = shown + " shown";
  }
  kind.addEventListener("change", apply);
  severity.addEventListener("change", apply);
  apply();
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _sentence(item: Evidence) -> str:
    return "".join(
        f"<mark>{_e(piece)}</mark>" if lit else _e(piece) for piece, lit in segments(item.claim, item.spans)
    )


def _claim(item: Evidence) -> str:
    claim = item.claim
    who = claim.source_as_written
    said = f' <span class="muted">according to {_e(who)}</span>' if who else ""
    return (
        f'<div class="claim" data-article="{_e(claim.article.id)}">'
        f'<div><strong>{_e(claim.article.label)}</strong> <code class="location">{_e(locate(claim))}</code>'
        f"{said}</div><blockquote>{_sentence(item)}</blockquote></div>"
    )


def _card(report: Report, finding: Finding) -> str:
    claims = "".join(_claim(item) for item in ordered_evidence(report, finding))
    return (
        f'<article class="finding" id="finding-{_e(finding.id)}" data-kind="{_e(finding.kind)}" '
        f'data-severity="{_e(finding.severity)}" data-score="{score_text(finding.score, 4)}">'
        f'<header><span class="severity {_e(finding.severity)}">{_e(finding.severity)}</span>'
        f'<strong class="kind" title="{_e(KIND_HELP[finding.kind][0])}">{_e(finding.kind)}</strong>'
        f'<span class="muted">score {score_text(finding.score)} · {_e(finding.id)}</span></header>'
        f'<p class="explanation">{_e(finding.explanation)}</p><div class="claims">{claims}</div></article>'
    )


def _articles(report: Report) -> str:
    rows = "".join(
        f"<tr><td><code>{_e(a.id)}</code></td><td>{_e(a.outlet or '')}</td><td>{_e(a.title or '')}</td>"
        f"<td>{_e(a.published.isoformat() if a.published else '')}</td>"
        f"<td>{report.sentences.get(a.id, 0)}</td><td><code>{_e(display_path(a.path))}</code></td>"
        f"<td>{_e(a.url or '')}</td></tr>"
        for a in report.articles
    )
    columns = ("id", "outlet", "title", "published", "sentences", "path", "url")
    head = "".join(f"<th>{name}</th>" for name in columns)
    return f'<table id="articles-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _filters(report: Report) -> str:
    kinds = sorted({f.kind for f in report.findings})
    kind_options = "".join(f'<option value="{_e(k)}">{_e(k)}</option>' for k in kinds)
    severity_options = "".join(f'<option value="{s}">{s}</option>' for s in SEVERITIES)
    return (
        '<section id="filters">'
        '<label>Kind <select id="filter-kind"><option value="">all kinds</option>'
        f"{kind_options}</select></label>"
        '<label>Severity <select id="filter-severity"><option value="">all severities</option>'
        f'{severity_options}</select></label><span id="shown-count" class="muted"></span></section>'
    )


def _corroborations(report: Report) -> str:
    items = "".join(
        f'<li class="corroboration" data-kind="{_e(c.kind)}">{_e(plural(c.sources, "source"))}: '
        f'{_e(c.statement)} <span class="muted">'
        f"{_e(', '.join(str(locate(claim)) for claim in c.claims))}</span></li>"
        for c in report.corroborations
    )
    return f'<section id="corroborations"><h2>Corroborated</h2><ul>{items}</ul></section>' if items else ""


def _skipped(report: Report) -> str:
    items = "".join(
        f'<li class="skipped"><code>{_e(display_path(s.path))}</code>: {_e(s.problem)}</li>'
        for s in report.skipped
    )
    return f'<section id="skipped"><h2>Skipped inputs</h2><ul>{items}</ul></section>' if items else ""


def render(report: Report) -> str:
    outcome = "fail" if report.findings else "pass"
    cards = "".join(
        f'<section class="group" data-severity="{_e(severity)}"><h2>{_e(severity)} ({len(findings)})</h2>'
        + "".join(_card(report, finding) for finding in findings)
        + "</section>"
        for severity, findings in by_severity(report.findings)
    )
    body = (
        f'<header><h1>crosscheck report</h1><p id="verdict" class="verdict {outcome}">'
        f"{_e(verdict(report))}</p></header>"
        f'<section id="articles"><h2>Articles</h2>{_articles(report)}</section>'
        f"{_filters(report)}"
        f'<section id="findings">{cards}</section>'
        f"{_corroborations(report)}{_skipped(report)}"
        f'<footer><p class="verdict {outcome}">{_e(verdict(report))}</p></footer>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>crosscheck: {_e(verdict(report))}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n<script>{_JS}</script>\n</body>\n</html>\n"
    )
