"""The gold files under fixtures/ stay consistent with the articles they describe.

Every finding, trap and corroboration names articles and a `contains` string; the eval
and end-to-end tests match system findings against them. If an article is edited and a
string no longer occurs (or starts occurring in an unlisted article), matching silently
breaks, so this test reads the fixtures with its own tiny loader (independent of
crosscheck.ingest) and checks them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EVAL = FIXTURES / "eval"
GOLD_NAMES = {"expected.json", "gold.json"}
KINDS = {"title", "date", "number", "place", "negation", "quote", "statement"}
ARTICLE_SUFFIXES = {".md", ".txt", ".html", ".json", ".jsonl"}
RECORD_FIELDS = {"id", "outlet", "title", "published", "url", "text"}
SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]?\s+[A-Z\"]")
BLOCK_TAGS = {"p", "div", "li", "br", "title", "header", "footer", "nav", "article", "section", "tr"}
BLOCK_TAGS |= {"figcaption", "h1", "h2", "h3", "h4", "h5", "h6"}
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


class _Text(HTMLParser):
    """Visible text of a page, one line per block element, plus its <meta> tags."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "meta":
            a = dict(attrs)
            key = a.get("property") or a.get("name")
            if key and a.get("content"):
                self.meta[key] = a["content"] or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip -= 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(" ".join(data.split()) if data.strip() else " ")


def _is_iso_date(value: object) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return len(str(value)) == 10


def _md(path: Path) -> tuple[dict, str]:
    raw = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", raw, re.S)
    assert match, f"{path}: no YAML front matter"
    return yaml.safe_load(match.group(1)), raw[match.end() :]


def load_cluster(folder: Path) -> dict[str, str]:
    """Article id -> text; the id is the file stem, or the record `id` in .json/.jsonl files."""
    articles: dict[str, str] = {}

    def add(article_id: str, text: str, where: Path) -> None:
        assert article_id not in articles, f"{where}: duplicate article id {article_id}"
        assert text.strip(), f"{where}: article {article_id} has no text"
        articles[article_id] = text

    for path in sorted(folder.iterdir()):
        if path.name in GOLD_NAMES or path.name == "README.md" or path.suffix not in ARTICLE_SUFFIXES:
            continue
        if path.suffix == ".md":
            meta, body = _md(path)
            assert {"outlet", "title", "url", "published"} <= set(meta), f"{path}: front matter incomplete"
            assert _is_iso_date(meta["published"]), f"{path}: published is not YYYY-MM-DD"
            add(path.stem, body, path)
        elif path.suffix == ".txt":
            add(path.stem, path.read_text(encoding="utf-8"), path)
        elif path.suffix == ".html":
            parser = _Text()
            parser.feed(path.read_text(encoding="utf-8"))
            assert parser.meta.get("og:title"), f"{path}: no og:title meta"
            assert parser.meta.get("og:site_name"), f"{path}: no og:site_name meta"
            assert _is_iso_date(parser.meta.get("article:published_time", "")[:10]), f"{path}: no date meta"
            add(path.stem, "".join(parser.parts), path)
        else:
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".jsonl":
                records = [json.loads(line) for line in text.splitlines() if line.strip()]
            else:
                records = json.loads(text)
            assert isinstance(records, list) and records, f"{path}: expected a list of records"
            for record in records:
                assert set(record) == RECORD_FIELDS, f"{path}: record fields {sorted(record)}"
                assert _is_iso_date(record["published"]), f"{path}: {record['id']} published"
                add(record["id"], record["text"], path)
    return articles


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks, whitespace collapsed, quotes straightened, casefolded."""
    blocks = re.split(r"\n\s*\n", text.translate(QUOTES))
    return [" ".join(block.split()).casefold() for block in blocks]


def holders(articles: dict[str, str], needle: str) -> set[str]:
    """Articles with `needle` inside one paragraph, matched the way the eval matches sentences."""
    key = " ".join(needle.translate(QUOTES).split()).casefold()
    return {aid for aid, text in articles.items() if any(key in p for p in _paragraphs(text))}


GOLD_FILES = sorted([FIXTURES / "balloon" / "expected.json", *EVAL.rglob("gold.json")])


def _side_errors(side: object, articles: dict[str, str], where: str) -> list[str]:
    if not isinstance(side, dict) or set(side) != {"articles", "contains"}:
        return [f"{where}: side must be {{articles, contains}}"]
    listed, needle = side["articles"], side["contains"]
    errors = []
    if not (isinstance(listed, list) and listed and len(set(listed)) == len(listed)):
        errors.append(f"{where}: articles must be a non-empty list without repeats")
    if not (isinstance(needle, str) and needle.strip()):
        return [*errors, f"{where}: contains must be a non-empty string"]
    if "\n" in needle or SENTENCE_BREAK.search(needle):
        errors.append(f"{where}: contains {needle!r} spans more than one sentence")
    unknown = set(listed) - set(articles)
    if unknown:
        errors.append(f"{where}: unknown articles {sorted(unknown)}")
    found = holders(articles, needle)
    if found != set(listed):
        errors.append(
            f"{where}: {needle!r} occurs in {sorted(found)} but lists {sorted(listed)} "
            "(missing ones lack the text; extra ones must be listed too)"
        )
    return errors


def gold_errors(gold_path: Path) -> list[str]:
    """Every problem in one gold file, so a failing run lists them all at once."""
    articles = load_cluster(gold_path.parent)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    errors: list[str] = []
    if set(gold) != {"findings", "traps", "corroborations"}:
        return [f"top-level keys {sorted(gold)}"]
    ids = [e.get("id") for part in gold.values() for e in part]
    errors += [f"duplicate id {i}" for i, n in Counter(ids).items() if n > 1]
    for f in gold["findings"]:
        where = f"finding {f.get('id')}"
        if set(f) != {"id", "kind", "required", "a", "b", "note"}:
            errors.append(f"{where}: keys {sorted(f)}")
            continue
        if f["kind"] not in KINDS:
            errors.append(f"{where}: kind {f['kind']!r}")
        if not isinstance(f["required"], bool):
            errors.append(f"{where}: required must be true or false")
        errors += _side_errors(f["a"], articles, f"{where}.a") + _side_errors(f["b"], articles, f"{where}.b")
        if len(set(f["a"]["articles"]) | set(f["b"]["articles"])) < 2:
            errors.append(f"{where}: a contradiction needs two different articles")
    for t in gold["traps"]:
        where = f"trap {t.get('id')}"
        if set(t) != {"id", "max_severity", "a", "b", "note"}:
            errors.append(f"{where}: keys {sorted(t)}")
            continue
        if t["max_severity"] not in (None, "low"):
            errors.append(f"{where}: max_severity must be null or 'low'")
        errors += _side_errors(t["a"], articles, f"{where}.a") + _side_errors(t["b"], articles, f"{where}.b")
    for c in gold["corroborations"]:
        where = f"corroboration {c.get('id')}"
        if set(c) != {"id", "kind", "value", "articles"}:
            errors.append(f"{where}: keys {sorted(c)}")
            continue
        if c["kind"] not in KINDS or not isinstance(c["value"], str):
            errors.append(f"{where}: kind/value")
        if c["kind"] == "date" and not _is_iso_date(c["value"]):
            errors.append(f"{where}: a date value must be YYYY-MM-DD")
        if len(set(c["articles"])) < 2 or set(c["articles"]) - set(articles):
            errors.append(f"{where}: needs two or more known articles")
    return errors


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.parent.name)
def test_gold_matches_articles(gold_path: Path) -> None:
    assert gold_errors(gold_path) == []


def test_balloon_has_the_known_discrepancy_and_traps() -> None:
    gold = json.loads((FIXTURES / "balloon" / "expected.json").read_text(encoding="utf-8"))
    required = {f["id"] for f in gold["findings"] if f["required"]}
    assert required == {"wang-yi-title"}
    assert {"balloon-vs-airship", "photo-caption-2022", "shootdown-date-relative"} <= {
        t["id"] for t in gold["traps"]
    }
    assert {
        "id": "shootdown-date",
        "kind": "date",
        "value": "2023-02-04",
        "articles": ["npr-2023-02-18", "dw-2023-02-19"],
    } in gold["corroborations"]


def test_balloon_keeps_web_clutter_for_the_cleaner() -> None:
    texts = " ".join(p.read_text(encoding="utf-8") for p in (FIXTURES / "balloon").glob("*.md"))
    for clutter in ("Skip to content", "Listen to Today's Edition", "Copy link", "Getty Images"):
        assert clutter in texts


def test_eval_set_covers_topics_and_kinds() -> None:
    clusters = sorted(p.parent for p in EVAL.rglob("gold.json"))
    assert len(clusters) >= 8
    kinds: Counter[str] = Counter()
    suffixes: set[str] = set()
    for folder in clusters:
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        assert 1 <= len([f for f in gold["findings"] if f["required"]]) <= 5, folder.name
        assert len(gold["traps"]) >= 2, folder.name
        assert len(load_cluster(folder)) >= 3, folder.name
        kinds.update(f["kind"] for f in gold["findings"] if f["required"])
        suffixes |= {p.suffix for p in folder.iterdir() if p.name not in GOLD_NAMES}
    assert all(kinds[k] >= 2 for k in KINDS), kinds
    assert all(kinds[k] >= 3 for k in ("title", "date", "number")), kinds
    assert {".md", ".txt", ".html"} <= suffixes and suffixes & {".json", ".jsonl"}


def test_eval_pairs_are_balanced_and_typed() -> None:
    lines = (EVAL / "dev" / "pairs.jsonl").read_text(encoding="utf-8").splitlines()
    pairs = [json.loads(line) for line in lines if line.strip()]
    fields = {"id", "source", "claim", "label", "kind", "source_published", "claim_published"}
    assert len(pairs) >= 60
    assert len({p["id"] for p in pairs}) == len(pairs)
    for p in pairs:
        assert set(p) == fields, p["id"]
        assert p["label"] in {"contradiction", "consistent"}, p["id"]
        assert p["kind"] in KINDS, p["id"]
        assert _is_iso_date(p["source_published"]) and _is_iso_date(p["claim_published"]), p["id"]
    labels = Counter(p["label"] for p in pairs)
    assert abs(labels["contradiction"] - labels["consistent"]) <= len(pairs) // 5, labels
    assert {p["kind"] for p in pairs if p["label"] == "contradiction"} == KINDS
