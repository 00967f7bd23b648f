"""Inputs that used to mislead: deep HTML, wrong JSON types, other languages, huge articles,
undated articles, and a manifest that dates many files at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck.errors import UsageError
from crosscheck.ingest import clip, ingest
from crosscheck.models import Article

LEDE = "Mayor Ana Ruiz opened the new harbor bridge on Tuesday, city officials said on the day."
ZH = (
    "美国国务卿布林肯周六在慕尼黑安全会议期间会见了中国外交部长王毅。双方讨论了二月四日被击落的气球事件。"
    "布林肯表示，这种事件绝不能再次发生。王毅称美方的反应是歇斯底里和荒谬的。"
)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_text_nested_a_thousand_divs_deep_is_read(tmp_path):
    paragraphs = "".join(f"<p>{LEDE} The bridge took {n} years to build.</p>" for n in range(2, 5))
    page = (
        "<html><head><title>Bridge opens</title><meta property='og:site_name' content='Harbor Daily'>"
        f"<script>var x = 1;</script></head><body><nav>Home | News</nav>{'<div>' * 1000}{paragraphs}"
        f"{'</div>' * 1000}<footer>Copyright 2024</footer></body></html>"
    )
    result = ingest([_write(tmp_path / "deep.html", page)])
    (article,) = result.articles
    assert article.text.startswith(LEDE) and "var x" not in article.text and "Home" not in article.text
    assert article.outlet == "Harbor Daily" and article.title == "Bridge opens"
    assert any("plain text" in warning for warning in result.warnings)


@pytest.mark.parametrize(
    ("value", "said"),
    [(12345, "a number (12345)"), (["a"], "a list"), ({"a": 1}, "an object"), (True, "a boolean (true)")],
)
def test_a_text_field_of_the_wrong_type_says_what_it_is(tmp_path, value, said):
    result = ingest([_write(tmp_path / "a.json", json.dumps({"text": value}))])
    (skipped,) = result.skipped
    assert skipped.problem == f'the record has a "text" field that is {said}, not text'


def test_a_chinese_article_is_named_and_skipped_not_passed(tmp_path):
    result = ingest([_write(tmp_path / "zh.txt", ZH), _write(tmp_path / "en.txt", LEDE)])
    assert [a.id for a in result.articles] == ["en"]
    (skipped,) = result.skipped
    assert skipped.path.endswith("zh.txt") and "written in Chinese (zh" in skipped.problem


def test_only_non_english_articles_is_one_clear_error(tmp_path):
    from crosscheck import check
    from crosscheck.errors import InputError

    paths = [_write(tmp_path / "a.txt", ZH), _write(tmp_path / "b.txt", ZH.replace("周六", "周日"))]
    with pytest.raises(InputError, match="written in Chinese"):
        check(paths)


@pytest.mark.parametrize(
    "text",
    [
        LEDE,
        "Blinken met Wang Yi in Munich on Saturday.",
        "Gen. Mark Milley told reporters in Brussels that NATO allies would meet again in June.",
    ],
)
def test_short_english_articles_full_of_names_are_kept(tmp_path, text):
    assert len(ingest([_write(tmp_path / "a.txt", text)]).articles) == 1


def test_a_long_article_is_checked_up_to_the_cap_with_a_warning(tmp_path):
    sentences = [f"Sentence number {n} says the bridge cost {n} million dollars." for n in range(4000)]
    text = "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, 4000, 4)) + "\n"
    result = ingest([_write(tmp_path / "long.txt", text)], max_article_chars=10_000)
    (article,) = result.articles
    assert sum(end - start for start, end in article.body) <= 10_000
    assert text.startswith(article.text) and article.text.rstrip().endswith("dollars.")
    assert any("only its first" in w and "max-article-chars" in w for w in result.warnings)
    assert any("only its first" in w for w in article.warnings)


def test_clip_keeps_short_articles_as_they_are():
    article = Article("a", "a.txt", LEDE, ((0, len(LEDE)),))
    assert clip(article, 100_000) is article
    cut = clip(article, 30)
    assert cut.text == LEDE[: cut.body[-1][1]] and len(cut.text) <= 30


@pytest.mark.parametrize(
    ("opening", "day"),
    [
        ("MUNICH, Germany, Feb. 18, 2023 (AP) — ", "2023-02-18"),
        ("WASHINGTON (Reuters), February 18, 2023 - ", "2023-02-18"),
        ("By Jane Doe | Sept. 3, 2024\n\n", "2024-09-03"),
    ],
)
def test_a_dateline_dates_an_article_that_gives_no_date(tmp_path, opening, day):
    (article,) = ingest([_write(tmp_path / "a.txt", opening + LEDE)]).articles
    assert article.published.isoformat() == day


def test_a_date_inside_the_lede_is_the_events_not_the_articles(tmp_path):
    text = "The bridge opened on Feb. 18, 2023, officials said. " + LEDE
    (article,) = ingest([_write(tmp_path / "a.txt", text)]).articles
    assert article.published is None


def test_undated_articles_are_named(tmp_path):
    dated = _write(tmp_path / "a.md", f"---\npublished: 2024-04-10\n---\n{LEDE}\n")
    undated = _write(tmp_path / "b.txt", LEDE.replace("Tuesday", "Monday"))
    result = ingest([dated, undated])
    assert result.undated is not None and "1 of 2 articles has no" in result.undated
    assert str(undated) in result.undated and str(dated) not in result.undated
    assert ingest([dated]).undated is None  # one article is compared with nothing


def _three(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "story"
    folder.mkdir()
    return [
        _write(folder / f"{name}.txt", LEDE.replace("Tuesday", day))
        for name, day in (("a", "Monday"), ("b", "Tuesday"), ("c", "Wednesday"))
    ]


def test_a_csv_manifest_dates_and_names_many_plain_text_articles(tmp_path):
    paths = _three(tmp_path)
    meta = _write(
        tmp_path / "meta.csv",
        "path,outlet,published,title\nstory/a.txt,Harbor Daily,2024-04-10,Bridge opens\n"
        'b.txt,Coast Times,"April 11, 2024",\nc,Wire,2024-04-12,\nmissing.txt,Nobody,2024-01-01,\n',
    )
    result = ingest(paths, meta=meta)
    by_id = {a.id: a for a in result.articles}
    assert (by_id["a"].outlet, str(by_id["a"].published), by_id["a"].title) == (
        "Harbor Daily",
        "2024-04-10",
        "Bridge opens",
    )
    assert (by_id["b"].outlet, str(by_id["b"].published)) == ("Coast Times", "2024-04-11")
    assert (by_id["c"].outlet, str(by_id["c"].published)) == ("Wire", "2024-04-12")
    assert result.undated is None
    assert any("1 entry match no article: missing.txt" in w for w in result.warnings)


def test_a_json_manifest_maps_paths_to_fields(tmp_path):
    paths = _three(tmp_path)
    meta = _write(
        tmp_path / "meta.json",
        json.dumps(
            {
                "story/a.txt": {"outlet": "Harbor Daily", "date": "2024-04-10"},
                "b": {"source": "Coast Times", "published": "not a date"},
            }
        ),
    )
    result = ingest(paths, meta=meta)
    by_id = {a.id: a for a in result.articles}
    assert by_id["a"].outlet == "Harbor Daily" and str(by_id["a"].published) == "2024-04-10"
    assert by_id["b"].outlet == "Coast Times" and by_id["b"].published is None
    assert any("not a date I can read" in w for w in result.warnings)
    assert result.undated is not None and "b.txt" in result.undated


def test_a_file_name_two_articles_share_is_not_applied_by_guess(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        _write(tmp_path / folder / "a.txt", LEDE)
    meta = _write(tmp_path / "meta.csv", "file,outlet\na.txt,Wire\n")
    result = ingest([tmp_path / "x", tmp_path / "y"], meta=meta)
    assert all(a.outlet is None for a in result.articles)
    assert any("several articles share" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("m.csv", "outlet,published\nWire,2024-01-01\n", "no path, file or id column"),
        ("m.json", "{broken", "not valid JSON"),
        ("m.json", "[1, 2]", "expected"),
        ("m.txt", "a", ".csv or .json"),
    ],
)
def test_an_unusable_manifest_is_one_usage_error(tmp_path, name, content, message):
    with pytest.raises(UsageError, match=message):
        ingest([_write(tmp_path / "a.txt", LEDE)], meta=_write(tmp_path / name, content))
