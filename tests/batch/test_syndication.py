"""Near-identical articles are one source carried by several outlets, in check and in batch."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema

from crosscheck import check
from crosscheck.config import Settings
from crosscheck.ingest import ingest
from crosscheck.report import render, to_dict
from crosscheck.syndication import EXACT_UP_TO, CopyFinder, collapse, find_copies, fingerprint
from tests.conftest import FakeNLI, article

ROOT = Path(__file__).resolve().parents[2]
BALLOON = ROOT / "fixtures" / "balloon"
SCHEMA = json.loads((ROOT / "src" / "crosscheck" / "report" / "schema.json").read_text("utf-8"))

WIRE = (
    "Rescuers pulled 14 survivors from the collapsed hotel in Marrow on Tuesday, the fire service said, "
    "as cranes lifted slabs of concrete from the ruins. The building's owner, Petra Vale, was questioned "
    "by police. Engineers said the third floor had been added without a permit in 2019. The mayor declared "
    "three days of mourning and ordered checks on every hotel built since 2015."
)


def test_identical_and_edited_copies_are_one_group_and_different_stories_are_not():
    original = article("wire", WIRE, outlet="Wire")
    verbatim = article("copy-a", WIRE, outlet="Herald")
    edited = article(
        "copy-b",
        "Marrow hotel collapse. " + WIRE + " This story was first published by Wire.",
        outlet="Gazette",
    )
    other = article(
        "other",
        "Petra Vale opened a new hotel in Marrow on Tuesday with 40 rooms and a spa.",
        outlet="Gazette",
    )
    found = find_copies([verbatim, other, edited, original])
    assert len(found) == 1
    group = found[0]
    assert group.article is edited  # the fullest text is the one compared
    assert {copy.id for copy in group.copies} == {"wire", "copy-a"}
    assert group.outlets == ("Gazette", "Herald", "Wire")
    assert group.similarity >= 0.8
    kept, _ = collapse([verbatim, other, edited, original])
    assert [a.id for a in kept] == ["other", "copy-b"]


def test_a_paragraph_quoted_in_a_long_article_is_not_a_copy():
    long_text = (
        WIRE
        + " "
        + " ".join(f"Paragraph {n} about the national budget and its {n} lines." for n in range(40))
    )
    quoted = article("quoted", long_text)
    assert find_copies([article("wire", WIRE), quoted]) == []


def test_the_lsh_path_finds_the_same_copies_as_the_exact_path():
    articles = [
        article(f"a{n}", f"Story {n}: " + " ".join(f"word{n}x{k} thing{k % 7} and{n}" for k in range(60)))
        for n in range(EXACT_UP_TO + 20)
    ]
    articles += [replace(articles[n], id=f"copy{n}") for n in (3, 70, 81)]
    finder = CopyFinder()
    for item in articles:
        finder.add(item.id, fingerprint(item))
    groups = {tuple(sorted(articles[i].id for i in group)) for group in finder.groups()}
    assert groups == {("a3", "copy3"), ("a70", "copy70"), ("a81", "copy81")}


def _with_copies(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    for source in BALLOON.glob("*.md"):
        (folder / source.name).write_bytes(source.read_bytes())
    dw = (BALLOON / "dw-2023-02-19.md").read_text("utf-8")
    for number in range(count):
        (folder / f"copy{number}-2023-02-19.md").write_text(
            dw.replace("outlet: DW", f"outlet: Copy {number}"), "utf-8"
        )
    return folder


def test_check_compares_a_syndicated_article_once_and_says_who_carried_it(tmp_path):
    folder = _with_copies(tmp_path, 3)
    settings = Settings(cache=False)
    report = check([folder], settings, nli=FakeNLI())
    plain = check([BALLOON], settings, nli=FakeNLI())
    assert len(report.syndicated) == 1
    carried = report.syndicated[0]
    assert len(carried.copies) == 3
    assert set(carried.outlets) == {"DW", "Copy 0", "Copy 1", "Copy 2"}
    assert len(report.articles) == len(plain.articles) == 5
    assert report.stats["copies"] == 3
    # the copies add no corroborating sources and no findings
    assert [(c.statement, c.sources) for c in report.corroborations] == [
        (c.statement, c.sources) for c in plain.corroborations
    ]
    assert sorted((f.kind, f.severity) for f in report.findings) == sorted(
        (f.kind, f.severity) for f in plain.findings
    )

    document = to_dict(report)
    jsonschema.validate(document, SCHEMA)
    assert document["syndicated"][0]["outlets"] == list(carried.outlets)
    assert len(document["syndicated"][0]["copies"]) == 3
    text = render(report, "rich", color=False)
    assert "one source carried by 4 outlets in 4 articles" in text


def test_two_identical_files_are_one_source_not_two(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(WIRE, "utf-8")
    report = check([tmp_path], Settings(cache=False), nli=FakeNLI())
    assert [a.id for a in report.articles] == ["a"]
    assert report.corroborations == []
    assert report.findings == []
    assert [c.id for c in report.syndicated[0].copies] == ["b"]
    assert len(ingest([tmp_path]).articles) == 2  # ingest itself still reads both
