"""Hostile inputs: each is skipped with a one-line problem, never raises, never stops the others."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from crosscheck.ingest import DEFAULT_MAX_BYTES, ingest
from crosscheck.models import SkippedInput

GOOD = "The bridge reopened on Friday after repairs, the city said.\n"


def _write(path: Path, content: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return str(path)


def _only_skip(paths: list[str], **options: object) -> SkippedInput:
    good = _write(Path(paths[0]).parent / "good.txt", GOOD.encode())
    result = ingest([good, *paths], **options)  # type: ignore[arg-type]
    assert [a.path for a in result.articles] == [good]
    (skipped,) = result.skipped
    assert "\n" not in skipped.problem
    return skipped


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\t\r\n  ", "only whitespace"),
        ("blank.json", b"\n\n", "only whitespace"),
        ("nul.txt", b"The bridge\x00\x00\x01reopened" * 20, "binary"),
        ("noise.txt", bytes(range(1, 32)) * 40, "binary"),
        ("doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("broken.json", b'{"text": "The bridge reopened",\n "outlet": }', "line 2, column"),
        ("list.json", b"[1, 2, 3]", "no article records"),
        ("norecord.json", b'{"text_missing": true, "articles": [{"title": "x"}]}', 'no "text" field'),
        ("chrome.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
        ("clutter.txt", b"Advertisement\n\nCopy link\nShare on Twitter\n", "page clutter"),
        ("frontonly.md", b"---\ntitle: x\n---\n\n", "no article text after the front matter"),
        ("scan.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ],
)
def test_bad_file_is_skipped_with_its_problem(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = _write(tmp_path / name, content)
    skipped = _only_skip([path])
    assert skipped.path.startswith(path)
    assert problem in skipped.problem


def test_missing_path(tmp_path: Path) -> None:
    skipped = _only_skip([str(tmp_path / "nope.txt")])
    assert skipped.path == str(tmp_path / "nope.txt")
    assert "no such file" in skipped.problem


def test_folder_without_articles(tmp_path: Path) -> None:
    folder = tmp_path / "empty-story"
    _write(folder / "image.png", b"\x89PNG")
    skipped = _only_skip([str(folder)])
    assert skipped.path == str(folder) and "no articles in this folder" in skipped.problem


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "dump.txt", GOOD.encode() * 100)
    skipped = _only_skip([path], max_bytes=1000)
    assert "over the 1,000 bytes limit" in skipped.problem and "--max-bytes" in skipped.problem
    assert DEFAULT_MAX_BYTES == 5_000_000


def test_stdin_over_the_size_limit() -> None:
    result = ingest(["-"], stdin=io.StringIO(GOOD * 100), max_bytes=1000)
    assert result.articles == [] and "limit" in result.skipped[0].problem


def test_invalid_jsonl_line_is_named_and_the_other_lines_are_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "First report."}),
        '{"text": "broken',
        "",
        json.dumps({"text": "Third report."}),
    ]
    path = _write(tmp_path / "feed.jsonl", "\n".join(lines).encode())
    result = ingest([path])
    assert [a.path for a in result.articles] == [f"{path}#1", f"{path}#4"]
    (skipped,) = result.skipped
    assert skipped.path == f"{path}#2" and "line 2 is not valid JSON" in skipped.problem


def test_a_record_without_text_is_skipped_and_the_others_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "export.json", json.dumps([{"text": "Kept."}, {"title": "No text"}, "x"]).encode()
    )
    result = ingest([path])
    assert [a.id for a in result.articles] == ["export-1"]
    assert [(s.path, s.problem.split(" has")[0].split(" is")[0]) for s in result.skipped] == [
        (f"{path}#2", "record 2"),
        (f"{path}#3", "record 3"),
    ]


def test_json_lines_in_a_json_file_are_read_with_a_warning(tmp_path: Path) -> None:
    content = "\n".join(json.dumps({"text": f"Report {n}."}) for n in range(2))
    path = _write(tmp_path / "feed.json", content.encode())
    result = ingest([path])
    assert len(result.articles) == 2
    assert result.warnings == [f"{path}: holds one JSON record per line: read as JSON Lines (.jsonl)"]


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("cp1252", "cp1252"), ("utf-16", "UTF-16"), ("koi8-r", "koi8")],
)
def test_non_utf8_text_is_decoded_with_a_warning(tmp_path: Path, encoding: str, expected: str) -> None:
    text = (
        "Москва заявила, что шар был метеорологическим зондом, а не шпионским аппаратом.\n"
        if encoding == "koi8-r"
        else "The café owner said the “résumé” was fine — and the mayor agreed.\n"
    )
    path = _write(tmp_path / "legacy.txt", text.encode(encoding))
    result = ingest([path])
    if encoding == "koi8-r":  # decoded, then named as Russian: crosscheck reads English only
        (skipped,) = result.skipped
        assert "written in Russian (ru" in skipped.problem
        assert result.warnings[0].startswith(f"{path}: decoded as ") and expected in result.warnings[0]
        return
    (article,) = result.articles
    assert article.text == text
    (warning,) = result.warnings
    assert warning.startswith(f"{path}: decoded as ") and expected in warning
    assert article.warnings and expected in article.warnings[0]


def test_html_charset_declaration_is_used(tmp_path: Path) -> None:
    body = (
        "<p>The café reopened on Friday after a two-week closure, the owner told reporters outside.</p>" * 3
    )
    html = f'<html><head><meta charset="windows-1252"><title>Café</title></head><body><article>{body}</article></body></html>'
    path = _write(tmp_path / "page.html", html.encode("cp1252"))
    (article,) = ingest([path]).articles
    assert "café reopened" in article.text


def test_utf8_bom_is_not_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + GOOD.encode())
    result = ingest([path])
    assert result.articles[0].text == GOOD and result.warnings == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "secret.txt", GOOD.encode())
    os.chmod(path, 0)
    try:
        skipped = _only_skip([path])
    finally:
        os.chmod(path, 0o600)
    assert "permission denied" in skipped.problem


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    contents = {
        "a.txt": b"Advertisement\r\nThe bridge reopened.\r\n",
        "b.txt": "café".encode("cp1252") + b" reopened on Friday.",
        "c.jsonl": b'{"text": "x"}\n{broken',
    }
    paths = [_write(tmp_path / name, data) for name, data in contents.items()]
    before = {path: (Path(path).read_bytes(), os.stat(path).st_mtime_ns) for path in paths}
    ingest([str(tmp_path)])
    assert {path: (Path(path).read_bytes(), os.stat(path).st_mtime_ns) for path in paths} == before


def test_nothing_readable_gives_no_articles_and_every_problem(tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty.txt", b"")
    result = ingest([empty, str(tmp_path / "missing")])
    assert result.articles == []
    assert [s.path for s in result.skipped] == [empty, str(tmp_path / "missing")]
