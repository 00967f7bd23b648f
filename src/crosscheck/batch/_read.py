"""Stream a day's feed: one article at a time, remembered by where it is, not by its text.

JSON Lines exports are read line by line (a byte offset kept per record), other files
through ``ingest`` one file at a time, URLs through the fetcher. What stays in memory
per article is an ``Entry``: id, metadata, a content hash and where to read it again,
so grouping a large feed never holds every text at once.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from crosscheck.ingest import _article as draft_article
from crosscheck.ingest import ingest
from crosscheck.ingest._decode import Unreadable
from crosscheck.ingest._discover import Source, expand
from crosscheck.ingest._formats import read_jsonl
from crosscheck.models import Article, SkippedInput


@dataclass(frozen=True)
class Where:
    """How to read an article again: a JSON Lines record at ``offset``, else the ``index``-th of ``source``."""

    source: str
    kind: str
    offset: int = -1
    number: int = 0
    index: int = 0


@dataclass(frozen=True)
class Entry:
    """An article of the feed without its text: what grouping, resuming and the index need."""

    id: str
    path: str
    outlet: str | None
    title: str | None
    published: str | None
    digest: str
    where: Where


def digest(article: Article) -> str:
    """A hash of what the checks read: the text, its body regions and the metadata."""
    parts = [article.text, repr(article.body), article.outlet or "", article.title or "", article.url or ""]
    parts.append(article.published.isoformat() if article.published else "")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _record(line: str, *, source: str, number: int) -> Article | str:
    """One JSON Lines record as an article, or the problem with it."""
    stem = Path(source).stem
    try:
        records = read_jsonl(line, stem=stem, path=source)
    except Unreadable as problem:
        return str(problem)
    if records.problems:
        return (
            records.problems[0][1].replace("record 1", f"record {number}").replace("line 1", f"line {number}")
        )
    draft = records.drafts[0]
    if draft.id == f"{stem}-1":  # the record has no id of its own: name it by its line
        draft.id = f"{stem}-{number}"
    draft.path = f"{source}#{number}"
    return draft_article(draft)


class FeedReader:
    """Reads the inputs once, in a fixed order, giving each article a feed-wide unique id."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.skipped: list[SkippedInput] = []
        self._ids: set[str] = set()

    def _unique(self, article: Article) -> Article:
        wanted = article.id
        candidate, counter = wanted, 1
        while candidate in self._ids:
            counter += 1
            candidate = f"{wanted}-{counter}"
        self._ids.add(candidate)
        return article if candidate == wanted else replace(article, id=candidate)

    def articles(self, inputs: Sequence[str]) -> Iterator[tuple[Article, Where]]:
        sources: dict[str, Source] = {}
        urls: list[str] = []
        for raw in inputs:
            if raw.startswith(("http://", "https://")):
                urls.append(raw)
                continue
            found, problems = expand(raw)
            self.skipped += [SkippedInput(path, problem) for path, problem in problems]
            for source in found:
                if source.real not in sources or source.path < sources[source.real].path:
                    sources[source.real] = source
        for source in sorted(sources.values(), key=lambda item: item.path):
            if source.kind == "jsonl":
                yield from self._jsonl(source)
            else:
                yield from self._file(source.path, source.kind)
        for url in urls:
            yield from self._file(url, "url")

    def _file(self, path: str, kind: str) -> Iterator[tuple[Article, Where]]:
        result = ingest([path], max_bytes=self.max_bytes)
        self.skipped += result.skipped
        for index, article in enumerate(result.articles):
            yield self._unique(article), Where(path, kind, index=index)

    def _jsonl(self, source: Source) -> Iterator[tuple[Article, Where]]:
        try:
            handle = open(source.real, "rb")  # noqa: SIM115 - closed below, read lazily
        except OSError as error:
            self.skipped.append(SkippedInput(source.path, f"cannot read the file: {error.strerror}"))
            return
        with handle:
            offset, number = 0, 0
            for raw in handle:
                number += 1
                start, offset = offset, offset + len(raw)
                if not raw.strip():
                    continue
                if len(raw) > self.max_bytes:
                    self.skipped.append(SkippedInput(f"{source.path}#{number}", "record over --max-bytes"))
                    continue
                found = _record(raw.decode("utf-8", "replace"), source=source.path, number=number)
                if isinstance(found, str):
                    self.skipped.append(SkippedInput(f"{source.path}#{number}", found))
                    continue
                yield self._unique(found), Where(source.path, "jsonl", offset=start, number=number)


def read_again(entry: Entry, max_bytes: int) -> Article:
    """The article an entry stands for, read from its input as the first pass read it."""
    where = entry.where
    if where.kind == "jsonl":
        with open(os.path.realpath(where.source), "rb") as handle:
            handle.seek(where.offset)
            line = handle.readline().decode("utf-8", "replace")
        found = _record(line, source=where.source, number=where.number)
        if isinstance(found, str):
            raise ValueError(f"{entry.path}: {found}")
        article = found
    else:
        article = ingest([where.source], max_bytes=max_bytes).articles[where.index]
    article = replace(article, id=entry.id)
    if digest(article) != entry.digest:
        raise ValueError(f"{entry.path} changed while the batch ran")
    return article
