"""Web pages by URL, served by a local HTTP server on 127.0.0.1 that the tests start.

No test contacts any other address: every URL below is the local server's.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from tests.conftest import FakeNLI
from typer.testing import CliRunner

from crosscheck.cli import app
from crosscheck.ingest import fetching, ingest
from crosscheck.ingest._fetch import FetchError, fetch, page_id

PARAGRAPHS_A = (
    "Mayor Ana Ruiz opened the new harbor bridge in Port Alder on Tuesday, ending three years of "
    "construction that had closed the waterfront road to traffic.",
    "The bridge cost $40 million, paid for by the state and the port authority, and carries two "
    "lanes of traffic and a cycle path across the river mouth.",
    "Hundreds of residents walked across the span after the ribbon was cut, and the first buses "
    "crossed it in the afternoon, the city's transport office said.",
)
PARAGRAPHS_B = (
    "Port Alder's long-awaited harbor bridge was opened by Mayor Ana Ruiz on Wednesday.",
    "Building the crossing took three years and $40 million, with the state sharing the bill with "
    "the port authority; cars, buses and cyclists can now use it.",
    "Ruiz told the crowd at the ceremony that commuters from the northern suburbs would save about "
    "twenty minutes on the way to the ferry terminal.",
)


def _page(outlet: str, title: str, published: str, paragraphs: tuple[str, ...], slug: str) -> bytes:
    body = "".join(f"<p>{text}</p>\n" for text in paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {outlet}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="https://news.invalid/{slug}">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
{body}</article>
<footer>Copyright {outlet}. All rights reserved.</footer>
</body></html>""".encode()


ARTICLE_A = _page("Harbor Daily", "Harbor bridge opens", "2024-04-10T09:00:00Z", PARAGRAPHS_A, "bridge-a")
ARTICLE_B = _page("Coast Times", "New bridge opens to traffic", "2024-04-10T12:00:00Z", PARAGRAPHS_B, "b")
NAV_ONLY = b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
LIMIT = 20_000

#: path: (status, content type, body, seconds to wait before answering, send Content-Length)
ROUTES: dict[str, tuple[int, str, bytes, float, bool]] = {
    "/news/bridge-opens.html": (200, "text/html; charset=utf-8", ARTICLE_A, 0.0, True),
    "/coast/bridge": (200, "text/html", ARTICLE_B, 0.0, True),
    "/missing": (404, "text/html", b"<html><body>gone</body></html>", 0.0, True),
    "/slow": (200, "text/html", ARTICLE_A, 3.0, True),
    "/report.pdf": (200, "application/pdf", b"%PDF-1.4 not a page", 0.0, True),
    "/huge": (200, "text/html", b"<html><body>" + b"x" * (2 * LIMIT) + b"</body></html>", 0.0, True),
    "/huge-streamed": (200, "text/html", b"<p>" + b"y" * (2 * LIMIT) + b"</p>", 0.0, False),
    "/menu": (200, "text/html", NAV_ONLY, 0.0, True),
}


class _Handler(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, float]]] = []

    def do_GET(self) -> None:
        type(self).seen.append((self.path, time.monotonic()))
        status, content_type, body, delay, length = ROUTES.get(
            self.path, (404, "text/html", b"<html>no</html>", 0.0, True)
        )
        if delay:
            time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (the slow page)
            pass

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def local_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No proxy between the client and 127.0.0.1, a fresh cache folder, short timeouts, no spacing."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.setenv("CROSSCHECK_CACHE", str(tmp_path / "cache"))
    _Handler.seen.clear()
    with fetching(timeout=1.0, interval=0.0, cache=True):
        yield


def _requests(path: str) -> int:
    return sum(1 for seen, _ in _Handler.seen if seen == path)


def test_an_article_page_gives_its_text_title_outlet_date_and_url(server: str) -> None:
    url = f"{server}/news/bridge-opens.html"
    result = ingest([url])
    assert result.skipped == []
    (article,) = result.articles
    assert article.path == url and article.id == "bridge-opens"
    assert article.title == "Harbor bridge opens"
    assert article.outlet == "Harbor Daily"
    assert article.published == dt.date(2024, 4, 10)
    assert article.url == "https://news.invalid/bridge-a"  # the page's canonical URL
    body = " ".join(article.text[start:end] for start, end in article.body)
    assert "opened the new harbor bridge in Port Alder on Tuesday" in body
    assert "$40 million" in body
    assert "Home" not in body and "All rights reserved" not in body  # menus and footer left out


def test_the_second_fetch_is_read_from_the_page_cache(server: str, tmp_path: Path) -> None:
    url = f"{server}/coast/bridge"
    first = fetch(url, max_bytes=LIMIT)
    second = fetch(url, max_bytes=LIMIT)
    assert (first.cached, second.cached) == (False, True)
    assert second.body == first.body == ARTICLE_B
    assert _requests("/coast/bridge") == 1
    assert list((tmp_path / "cache" / "pages").glob("*.page"))  # under crosscheck's cache folder
    assert ingest([url]).articles[0].title == "New bridge opens to traffic"  # ingest reads it too
    assert _requests("/coast/bridge") == 1


def test_no_cache_neither_reads_nor_writes_the_page_cache(server: str, tmp_path: Path) -> None:
    url = f"{server}/coast/bridge"
    fetch(url, max_bytes=LIMIT)
    with fetching(cache=False):
        assert not fetch(url, max_bytes=LIMIT).cached
        assert fetch(url, max_bytes=LIMIT).cached  # within one run a page is fetched once
    with fetching(cache=False):
        fetch(url, max_bytes=LIMIT)
    assert _requests("/coast/bridge") == 3
    assert len(list((tmp_path / "cache" / "pages").glob("*.page"))) == 1


def test_a_damaged_cache_file_is_fetched_again(server: str, tmp_path: Path) -> None:
    url = f"{server}/coast/bridge"
    fetch(url, max_bytes=LIMIT)
    (cached,) = (tmp_path / "cache" / "pages").glob("*.page")
    cached.write_bytes(b"not json\n" + ARTICLE_B[:100])
    assert fetch(url, max_bytes=LIMIT).body == ARTICLE_B
    assert _requests("/coast/bridge") == 2


def test_two_requests_to_one_host_are_spaced(server: str) -> None:
    with fetching(interval=0.4, cache=False):
        fetch(f"{server}/news/bridge-opens.html", max_bytes=LIMIT)
        fetch(f"{server}/coast/bridge", max_bytes=LIMIT)
    (_, first), (_, second) = _Handler.seen
    assert second - first >= 0.38


def test_a_cached_page_is_not_spaced_or_fetched(server: str) -> None:
    fetch(f"{server}/coast/bridge", max_bytes=LIMIT)
    with fetching(interval=5.0):
        started = time.monotonic()
        fetch(f"{server}/coast/bridge", max_bytes=LIMIT)
        assert time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/missing", "HTTP error 404 (Not Found)"),
        ("/slow", "timed out after 0.3 s"),
        ("/report.pdf", "not a web page: the server sent application/pdf"),
        ("/huge", "page is 40,026 bytes, over the 20,000 bytes limit: raise --max-bytes"),
        ("/huge-streamed", "page is over the 20,000 bytes limit: raise --max-bytes"),
    ],
)
def test_a_page_that_cannot_be_fetched_says_why_in_one_line(server: str, path: str, problem: str) -> None:
    started = time.monotonic()
    with fetching(timeout=0.3), pytest.raises(FetchError) as caught:
        fetch(server + path, max_bytes=LIMIT)
    assert problem in str(caught.value) and "\n" not in str(caught.value)
    assert time.monotonic() - started < 2.0  # the slow page is given up at the timeout


def test_failed_pages_are_skipped_and_the_others_read(server: str) -> None:
    urls = [
        f"{server}/news/bridge-opens.html",
        f"{server}/missing",
        f"{server}/menu",
        f"{server}/coast/bridge",
    ]
    result = ingest(urls, max_bytes=LIMIT)
    assert [a.outlet for a in result.articles] == ["Coast Times", "Harbor Daily"]
    problems = {item.path: item.problem for item in result.skipped}
    assert problems[f"{server}/missing"].startswith("HTTP error 404")
    assert "no article text" in problems[f"{server}/menu"]
    assert not any(_requests(path) for path in ("/slow", "/report.pdf", "/huge"))  # only what was named


def test_unreachable_host_is_one_line() -> None:
    with pytest.raises(FetchError, match=r"cannot reach 127\.0\.0\.1:9"):
        fetch("http://127.0.0.1:9/nothing-listens-here", max_bytes=LIMIT)


def test_page_ids_come_from_the_address() -> None:
    assert page_id("https://example.invalid/news/2024/04/bridge-opens.html?ref=rss") == "bridge-opens"
    assert page_id("https://example.invalid/") == "example.invalid"


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> FakeNLI:
    fake = FakeNLI()
    monkeypatch.setattr("crosscheck.nli.load_model", lambda *args, **kwargs: fake)
    return fake


def _urls_file(tmp_path: Path, server: str, *paths: str) -> Path:
    listing = tmp_path / "urls.txt"
    lines = ["# today's pages", ""] + [f"{server}{path}  # from the feed" for path in paths]
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return listing


FAILING = {
    "/missing": "HTTP error 404 (Not Found)",
    "/slow": "timed out after 1 s",
    "/report.pdf": "not a web page: the server sent application/pdf",
    "/huge": "over the 20,000 bytes limit",
    "/menu": "no article text",
}


def _skipped_lines(stderr: str) -> dict[str, str]:
    lines = [line for line in stderr.splitlines() if line.startswith("crosscheck: skipped ")]
    return {line.split()[2].rstrip(":"): line for line in lines}


def test_check_reads_urls_and_says_one_line_per_failed_page(
    server: str, tmp_path: Path, fake_model: FakeNLI
) -> None:
    listing = _urls_file(tmp_path, server, "/coast/bridge", *FAILING)
    result = CliRunner().invoke(
        app,
        [
            "check",
            f"{server}/news/bridge-opens.html",
            "--urls",
            str(listing),
            "--max-bytes",
            str(LIMIT),
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert sorted(a["outlet"] for a in report["articles"]) == ["Coast Times", "Harbor Daily"]
    skipped = _skipped_lines(result.stderr)
    assert set(skipped) == {server + path for path in FAILING}
    for path, problem in FAILING.items():
        assert problem in skipped[server + path]
    assert "Traceback" not in result.stderr
    assert any(f["kind"] == "date" for f in report["findings"])  # Tuesday against Wednesday


def test_check_exits_2_when_no_page_can_be_checked(server: str, tmp_path: Path, fake_model: FakeNLI) -> None:
    listing = _urls_file(tmp_path, server, "/missing", "/report.pdf")
    result = CliRunner().invoke(app, ["check", "--urls", str(listing)])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("crosscheck: error: E001") and "HTTP error 404" in line


def test_no_cache_fetches_again(server: str, tmp_path: Path, fake_model: FakeNLI) -> None:
    pages = [f"{server}/news/bridge-opens.html", f"{server}/coast/bridge"]
    for extra in ([], [], ["--no-cache"]):
        assert CliRunner().invoke(app, ["check", *pages, *extra, "-q"]).exit_code == 0
    assert _requests("/coast/bridge") == 2


def test_a_bad_urls_file_is_a_usage_error(server: str, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{server}/coast/bridge\nftp://example.invalid/x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--urls", str(listing)])
    assert result.exit_code == 2
    assert "line 2 is not an http:// or https:// address" in result.stderr
    assert _Handler.seen == []
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 2 and "give --urls FILE" in result.stderr


def test_draft_takes_its_sources_from_urls(server: str, tmp_path: Path, fake_model: FakeNLI) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "---\noutlet: Our Paper\npublished: 2024-04-10\n---\n"
        "Mayor Ana Ruiz opened the new harbor bridge in Port Alder on Tuesday.\n\n"
        "The bridge cost $40 million.\n",
        encoding="utf-8",
    )
    listing = _urls_file(tmp_path, server, "/news/bridge-opens.html", "/missing")
    result = CliRunner().invoke(app, ["draft", str(draft), "--urls", str(listing), "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert {a["outlet"] for a in report["articles"]} == {"Our Paper", "Harbor Daily"}
    assert list(_skipped_lines(result.stderr)) == [f"{server}/missing"]


def test_batch_reads_urls_fetching_each_page_once(server: str, tmp_path: Path, fake_model: FakeNLI) -> None:
    listing = _urls_file(tmp_path, server, "/news/bridge-opens.html", "/coast/bridge", "/missing")
    out = tmp_path / "out"
    for extra in ([], ["--no-cache"]):
        result = CliRunner().invoke(
            app, ["batch", "--urls", str(listing), "--out", str(out), "--workers", "1", "-f", "json", *extra]
        )
        assert result.exit_code == 0, result.stderr
        assert list(_skipped_lines(result.stderr)) == [f"{server}/missing"]
    stories = [json.loads(line) for line in (out / "stories.jsonl").read_text("utf-8").splitlines()]
    assert [story["status"] for story in stories] == ["done"]
    assert sorted(stories[0]["outlets"]) == ["Coast Times", "Harbor Daily"]
    # read twice per run (grouping, then the story's check): once from the network per run
    assert _requests("/coast/bridge") == 2
