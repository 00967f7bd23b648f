"""Property tests: arbitrary text through ingest never raises, and every body region lies in the text."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.ingest import ingest
from crosscheck.ingest.clutter import scan

_NEWLINES = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\u2028", "\x0c"])
_FRAGMENTS = st.sampled_from(
    [
        "Advertisement",
        "Copy link",
        "---",
        "title: x",
        "<p>",
        "</div>",
        "• ",
        "1. ",
        "By Ann Lee",
        "Feb. 3, 2024",
        "  ",
    ]
)
_TEXT = st.lists(st.one_of(st.text(max_size=80), _NEWLINES, _FRAGMENTS), max_size=40).map("".join)


def _check_regions(text: str, body: tuple[tuple[int, int], ...]) -> None:
    previous_end = 0
    for start, end in body:
        assert previous_end <= start < end <= len(text)
        region = text[start:end]
        assert region == region.strip()
        previous_end = end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_scan_regions_are_ordered_trimmed_and_inside(text: str) -> None:
    _check_regions(text, scan(text).body)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_txt_ingest_never_raises_and_offsets_are_exact(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        result = ingest([str(path)])
    assert len(result.articles) + len(result.skipped) == 1
    for article in result.articles:
        assert article.text == text
        assert article.body
        _check_regions(article.text, article.body)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "blob.txt"
        path.write_bytes(data)
        result = ingest([str(path)])
    assert len(result.articles) + len(result.skipped) == 1
    for article in result.articles:
        _check_regions(article.text, article.body)


@settings(max_examples=60, deadline=None)
@given(_TEXT)
def test_stdin_and_json_records_never_raise(text: str) -> None:
    for payload in (text, json.dumps([{"text": text}, {"text": text[::-1]}])):
        result = ingest(["-"], stdin=io.StringIO(payload))
        for article in result.articles:
            _check_regions(article.text, article.body)
