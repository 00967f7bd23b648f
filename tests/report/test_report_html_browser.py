"""The HTML report in a real headless Chromium, offline: every finding shows, and the filters work.

Needs Debian's chromium (``apt-get install chromium``; .ci/run installs it); skipped with
that reason where it is not installed.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from crosscheck.report import render

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
)

# Appended after the report's own script: pick a kind in the filter, then record what is visible.
PROBE = """
<script>
  var select = document.getElementById("filter-kind");
  select.value = "%s";
  select.dispatchEvent(new Event("change"));
  var shown = Array.from(document.querySelectorAll("#findings .finding"))
    .filter(function (card) { return card.offsetParent !== null; })
    .map(function (card) { return card.getAttribute("data-kind"); });
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = "visible=" + shown.join(",");
  document.body.appendChild(out);
</script>
"""


def _dom(html: str, tmp_path: Path) -> str:
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    profile = tmp_path / "profile"
    result = subprocess.run(
        [
            CHROMIUM,  # type: ignore[list-item]
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_every_finding_is_shown_with_its_marked_evidence(report, tmp_path):
    dom = _dom(render(report, "html"), tmp_path)
    cards = re.findall(r'<(?:article|div|section)[^>]*class="[^"]*\bfinding\b[^"]*"', dom)
    assert len(cards) == len(report.findings)
    marked = {html.unescape(text) for text in re.findall(r"<mark>(.*?)</mark>", dom)}
    for finding in report.findings:
        assert finding.id in dom
        for evidence in finding.evidence:
            for span in evidence.spans:
                assert span.text in marked


def test_kind_filter_hides_the_other_findings(report, tmp_path):
    kind = report.findings[0].kind
    page = render(report, "html").replace("</body>", PROBE % kind + "</body>")
    dom = _dom(page, tmp_path)
    visible = re.search(r'<pre id="probe">visible=(.*?)</pre>', dom)
    assert visible is not None
    shown = [k for k in visible.group(1).split(",") if k]
    assert shown == [f.kind for f in report.findings if f.kind == kind]
