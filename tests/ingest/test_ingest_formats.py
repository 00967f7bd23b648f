"""Every input format, folders, stdin, ids, overrides and argument-order determinism."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from crosscheck.errors import UsageError
from crosscheck.ingest import STDIN_PATH, ingest
from crosscheck.models import Article

PROSE = "Officials confirmed the dam failed on Tuesday.\n\nAt least 12 people were rescued, the mayor said.\n"

MARKDOWN = """\
---
outlet: Valley Courier
title: Dam fails after storm
url: https://example.org/dam
published: 2024-04-02
---
# Dam fails after storm

Officials confirmed the dam failed on Tuesday.
"""

HTML = """<!doctype html>
<html><head>
<title>Dam fails after storm | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="og:title" content="Dam fails after storm">
<meta property="article:published_time" content="2024-04-02T08:30:00Z">
<link rel="canonical" href="https://example.org/dam">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Dam fails after storm</h1>
<p>Officials confirmed the dam on the Grey River failed on Tuesday after two days of heavy rain across the valley.</p>
<p>At least 12 people were rescued from rooftops, the mayor said, and the state sent three helicopters to help.</p>
<p>Engineers had warned in 2021 that the spillway was too small for a major flood, according to a county report.</p>
</article>
<footer><p>Subscribe to our newsletter. Cookie policy. Terms of use.</p></footer>
</body></html>
"""


def _write(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return str(path)


def _body(article: Article) -> list[str]:
    return [article.text[start:end] for start, end in article.body]


def test_plain_text_keeps_the_file_as_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "dam-report.txt", PROSE)
    result = ingest([path])
    (article,) = result.articles
    assert article.id == "dam-report"
    assert article.path == path
    assert article.text == PROSE
    assert _body(article) == [
        "Officials confirmed the dam failed on Tuesday.",
        "At least 12 people were rescued, the mayor said.",
    ]
    assert article.outlet is None and article.published is None
    assert result.skipped == [] and result.warnings == []


def test_markdown_front_matter_is_metadata_and_not_body(tmp_path: Path) -> None:
    path = _write(tmp_path / "courier.md", MARKDOWN)
    (article,) = ingest([path]).articles
    assert article.outlet == "Valley Courier"
    assert article.title == "Dam fails after storm"
    assert article.url == "https://example.org/dam"
    assert article.published == dt.date(2024, 4, 2)
    assert article.text == MARKDOWN
    assert _body(article) == ["Dam fails after storm", "Officials confirmed the dam failed on Tuesday."]
    assert article.body[0][0] > MARKDOWN.index("---\n#")


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("date", "February 3, 2024", dt.date(2024, 2, 3)),
        ("published", "2024-02-03T23:10:00-05:00", dt.date(2024, 2, 3)),
        ("published", "3 Feb 2024", dt.date(2024, 2, 3)),
    ],
)
def test_front_matter_dates_in_common_forms(
    tmp_path: Path, field: str, value: str, expected: dt.date
) -> None:
    path = _write(tmp_path / "a.md", f"---\nsource: Wire\n{field}: '{value}'\n---\nThe vote passed.\n")
    (article,) = ingest([path]).articles
    assert article.published == expected
    assert article.outlet == "Wire"


def test_an_unreadable_front_matter_date_is_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", "---\npublished: next Tuesday\n---\nThe vote passed.\n")
    result = ingest([path])
    assert result.articles[0].published is None
    assert any("next Tuesday" in warning and warning.startswith(path) for warning in result.warnings)


def test_a_dateline_at_the_top_gives_the_publication_date(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "Talks collapse\n\nMarch 9, 2024\n\nThe talks collapsed on Friday.\n")
    (article,) = ingest([path]).articles
    assert article.published == dt.date(2024, 3, 9)
    assert _body(article) == ["Talks collapse", "The talks collapsed on Friday."]


def test_html_article_text_and_metadata_without_page_chrome(tmp_path: Path) -> None:
    path = _write(tmp_path / "courier.html", HTML)
    (article,) = ingest([path]).articles
    assert article.outlet == "Valley Courier"
    assert article.title == "Dam fails after storm"
    assert article.published == dt.date(2024, 4, 2)
    assert article.url == "https://example.org/dam"
    assert "At least 12 people were rescued from rooftops" in article.text
    assert "Home" not in article.text.split() and "newsletter" not in article.text
    for start, end in article.body:
        assert article.text[start:end].strip() == article.text[start:end]
    assert any("Grey River" in region for region in _body(article))


def test_json_list_of_records(tmp_path: Path) -> None:
    records = [
        {"id": "wire-1", "text": "The dam failed on Tuesday.", "source": "Wire", "date": "2024-04-02"},
        {"body": "Twelve people were rescued.", "outlet": "Courier", "title": "Rescue"},
    ]
    path = _write(tmp_path / "export.json", json.dumps(records))
    articles = ingest([path]).articles
    assert [a.id for a in articles] == ["wire-1", "export-2"]
    assert [a.path for a in articles] == [f"{path}#1", f"{path}#2"]
    assert articles[0].outlet == "Wire" and articles[0].published == dt.date(2024, 4, 2)
    assert articles[1].text == "Twelve people were rescued." and articles[1].title == "Rescue"
    assert articles[1].body == ((0, len(articles[1].text)),)


def test_json_single_record_and_articles_wrapper(tmp_path: Path) -> None:
    single = _write(tmp_path / "one.json", json.dumps({"content": "The dam failed.", "publisher": "Wire"}))
    wrapped = _write(tmp_path / "many.json", json.dumps({"articles": [{"text": "A."}, {"text": "B."}]}))
    articles = ingest([single, wrapped]).articles
    assert [(a.id, a.path) for a in articles] == [
        ("many-1", f"{wrapped}#1"),
        ("many-2", f"{wrapped}#2"),
        ("one", single),
    ]


def test_jsonl_records_are_numbered_by_line(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"Report number {n}."}) for n in range(1, 12)]
    path = _write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    articles = ingest([path]).articles
    assert [a.id for a in articles] == [f"feed-{n}" for n in range(1, 12)]
    assert articles[9].path == f"{path}#10" and articles[9].text == "Report number 10."


def test_json_record_text_gets_the_clutter_pass(tmp_path: Path) -> None:
    text = "Advertisement\nThe dam failed.\nCopy link"
    path = _write(tmp_path / "r.json", json.dumps({"text": text}))
    (article,) = ingest([path]).articles
    assert _body(article) == ["The dam failed."]


def test_folders_are_walked_recursively_and_skip_non_articles(tmp_path: Path) -> None:
    story = tmp_path / "story"
    _write(story / "b.txt", PROSE)
    _write(story / "a.md", MARKDOWN)
    _write(story / "wire" / "c.jsonl", json.dumps({"text": "The dam failed."}) + "\n")
    _write(story / ".hidden.txt", PROSE)
    _write(story / ".git" / "notes.txt", PROSE)
    _write(story / "expected.json", json.dumps({"must_find": []}))
    _write(story / "README.md", "# About this folder\n\nNotes.\n")
    _write(story / "photo.png", b"\x89PNG\r\n")
    result = ingest([str(story)])
    assert [a.path for a in result.articles] == [
        str(story / "a.md"),
        str(story / "b.txt"),
        str(story / "wire" / "c.jsonl") + "#1",
    ]
    assert result.skipped == []


def test_a_json_file_without_records_in_a_folder_is_skipped_with_a_reason(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", PROSE)
    _write(tmp_path / "settings.json", json.dumps({"threshold": 0.5}))
    result = ingest([str(tmp_path)])
    assert len(result.articles) == 1
    (skipped,) = result.skipped
    assert skipped.path.endswith("settings.json") and "no article records" in skipped.problem


def test_stdin_is_read_as_text() -> None:
    result = ingest(["-"], stdin=io.StringIO(PROSE))
    (article,) = result.articles
    assert (article.id, article.path, article.text) == ("stdin", STDIN_PATH, PROSE)


def test_stdin_json_records() -> None:
    data = json.dumps([{"text": "One."}, {"text": "Two."}])
    articles = ingest(["-"], stdin=io.StringIO(data)).articles
    assert [a.id for a in articles] == ["stdin-1", "stdin-2"]


def test_clashing_stems_take_their_folder_as_prefix(tmp_path: Path) -> None:
    first = _write(tmp_path / "npr" / "story.txt", PROSE)
    second = _write(tmp_path / "cnbc" / "story.txt", PROSE)
    unique = _write(tmp_path / "cnbc" / "other.txt", PROSE)
    ids = {a.path: a.id for a in ingest([first, second, unique]).articles}
    assert ids == {first: "npr-story", second: "cnbc-story", unique: "other"}


def test_ids_never_reuse_an_id_of_a_given_article(tmp_path: Path) -> None:
    given = Article(id="story", path="mem", text="Given text.", body=((0, 11),))
    path = _write(tmp_path / "news" / "story.txt", PROSE)
    articles = ingest([given, path]).articles
    assert given in articles
    assert sorted(a.id for a in articles) == ["news-story", "story"]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", PROSE)
    assert len(ingest([path, str(tmp_path), path]).articles) == 1


def test_overrides_apply_to_a_single_article(tmp_path: Path) -> None:
    path = _write(tmp_path / "courier.md", MARKDOWN)
    (article,) = ingest([path], date=dt.date(2024, 5, 1), outlet="Other Paper").articles
    assert article.published == dt.date(2024, 5, 1)
    assert article.outlet == "Other Paper"
    assert article.title == "Dam fails after storm"


def test_overrides_with_several_articles_are_a_usage_error(tmp_path: Path) -> None:
    first = _write(tmp_path / "a.txt", PROSE)
    second = _write(tmp_path / "b.txt", PROSE)
    with pytest.raises(UsageError, match="--outlet") as error:
        ingest([first, second], outlet="Wire")
    assert "2" in str(error.value)
    assert len(ingest([first, second]).articles) == 2


def test_argument_order_does_not_change_the_articles(tmp_path: Path) -> None:
    paths = [
        _write(tmp_path / "x" / "story.txt", PROSE),
        _write(tmp_path / "y" / "story.txt", MARKDOWN),
        _write(tmp_path / "feed.jsonl", "\n".join(json.dumps({"text": f"Item {n}."}) for n in range(3))),
        _write(tmp_path / "page.html", HTML),
        str(tmp_path / "missing.txt"),
    ]

    def snapshot(order: list[str]) -> list[tuple]:
        result = ingest(order)
        rows = [(a.id, a.path, a.text, a.body, a.outlet, a.published) for a in result.articles]
        return [*rows, *result.skipped, *result.warnings]

    assert snapshot(paths) == snapshot(list(reversed(paths))) == snapshot(paths[2:] + paths[:2])


def test_front_matter_with_crlf_line_ends(tmp_path: Path) -> None:
    raw = MARKDOWN.replace("\n", "\r\n")
    path = _write(tmp_path / "courier.md", raw)
    (article,) = ingest([path]).articles
    assert article.text == raw and article.outlet == "Valley Courier"
    assert _body(article) == ["Dam fails after storm", "Officials confirmed the dam failed on Tuesday."]


def test_an_undated_file_takes_the_date_in_its_name(tmp_path: Path) -> None:
    dated = _write(tmp_path / "wire-2024-09-03.txt", "The storm hit the coast on Tuesday.\n")
    undated = _write(tmp_path / "notes.txt", "The storm hit the coast on Tuesday.\n")
    stated = _write(
        tmp_path / "desk-2024-09-03.md", "---\npublished: 2024-09-01\n---\nThe storm hit the coast.\n"
    )
    by_name = {Path(a.path).name: a.published for a in ingest([dated, undated, stated]).articles}
    assert by_name == {
        "wire-2024-09-03.txt": dt.date(2024, 9, 3),
        "notes.txt": None,
        "desk-2024-09-03.md": dt.date(2024, 9, 1),
    }
