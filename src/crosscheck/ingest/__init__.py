"""Ingest: turn the user's paths into ``Article`` objects, and say what could not be read.

Formats by extension: ``.txt``/``.md`` (optional YAML front matter with outlet,
title, url, published), ``.html`` (trafilatura's article text and metadata),
``.json`` (a record, a list of records or ``{"articles": [...]}``) and ``.jsonl``
(a record a line), each record a ``text`` (or ``body``/``content``) field with
optional ``id``, ``outlet``/``source``, ``title``, ``url``, ``published``/``date``.
Folders are walked recursively in sorted order; ``-`` reads standard input; an
``http(s)://`` address is fetched (``_fetch``: timeout, per-host spacing, page cache).

A bad input never raises: it becomes a ``SkippedInput`` with a one-line problem,
and the other inputs are still read. Input files are only ever read. An article not
written in English is skipped with its language named; a very long one is checked
up to ``max_article_chars`` of its text, with a warning; a manifest (``meta``) gives
many articles their outlet, date, title and URL at once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from crosscheck.errors import UsageError
from crosscheck.ingest._decode import Unreadable, decode
from crosscheck.ingest._discover import Source, expand
from crosscheck.ingest._fetch import fetching
from crosscheck.ingest._formats import (
    Draft,
    Records,
    declared_charset,
    read_html,
    read_json,
    read_jsonl,
    read_text,
)
from crosscheck.ingest._ids import assign_ids
from crosscheck.ingest._language import not_english
from crosscheck.ingest._manifest import apply_manifest, read_manifest
from crosscheck.models import Article, SkippedInput

__all__ = [
    "DEFAULT_MAX_ARTICLE_CHARS",
    "DEFAULT_MAX_BYTES",
    "STDIN_PATH",
    "IngestResult",
    "fetching",
    "ingest",
]

#: Largest input read (5 MB): a news article is rarely over 100 kB of text, so
#: anything larger is a dump or a wrong file, and reading it would stall the run.
DEFAULT_MAX_BYTES = 5_000_000
#: Most characters of one article's text that are checked. Cost grows with an
#: article's length (one spaCy parse over it, and more claims to align and score):
#: measured on 2 CPU cores, a 0.5 MB article took 187 s and 1.8 GB (bench/memory.py).
#: 100,000 characters is about 16,000 words, longer than almost any news article.
DEFAULT_MAX_ARTICLE_CHARS = 100_000
#: How standard input (``-``) is named in paths, findings and reports.
STDIN_PATH = "<stdin>"


@dataclass
class IngestResult:
    """The articles read, the inputs skipped (path + problem), and one-line warnings.

    Each warning is prefixed with its input's path; the same notes, unprefixed,
    are on the article they concern (``Article.warnings``).
    """

    articles: list[Article]
    skipped: list[SkippedInput] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def undated(self) -> str | None:
        """A warning naming the articles without a publication date, when several are compared."""
        paths = [article.path for article in self.articles if article.published is None]
        return undated_warning(paths, len(self.articles)) if paths and len(self.articles) > 1 else None


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


def _too_big(size: int, limit: int) -> str:
    return f"{_size(size)}, over the {_size(limit)} limit: raise --max-bytes if it really is one article"


class _Reader:
    """Collects drafts, skipped inputs and warnings while inputs are read."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.drafts: list[Draft] = []
        self.skipped: list[SkippedInput] = []
        self.warnings: list[str] = []

    def skip(self, path: str, problem: str) -> None:
        self.skipped.append(SkippedInput(path, problem))

    def _add(self, path: str, drafts: list[Draft], note: str | None) -> None:
        for draft in drafts:
            if note:
                draft.warnings.insert(0, note)
            self.drafts.append(draft)
        notes = [note] if note else []
        notes += [warning for draft in drafts for warning in draft.warnings if warning != note]
        self.warnings += [f"{path}: {warning}" for warning in dict.fromkeys(notes)]

    def _records(self, path: str, records: Records, note: str | None) -> None:
        for warning in records.warnings:
            self.warnings.append(f"{path}: {warning}")
        for where, problem in records.problems:
            self.skip(where, problem)
        if not records.drafts and not records.problems:
            self.skip(path, "no article records")
        self._add(path, records.drafts, note)

    def read(
        self, text: str, kind: str, *, path: str, stem: str, scope: tuple[str, ...], note: str | None
    ) -> None:
        if kind == "json":
            self._records(path, read_json(text, stem=stem, path=path, scope=scope), note)
        elif kind == "jsonl":
            self._records(path, read_jsonl(text, stem=stem, path=path, scope=scope), note)
        elif kind == "html":
            self._add(path, [read_html(text, id=stem, path=path, scope=scope)], note)
        else:
            self._add(path, [read_text(text, id=stem, path=path, scope=scope)], note)

    def read_file(self, source: Source) -> None:
        try:
            size = os.stat(source.real).st_size
            if size > self.max_bytes:
                raise Unreadable(f"file is {_too_big(size, self.max_bytes)}")
            data = Path(source.real).read_bytes()
            if not data.strip():
                raise Unreadable("file is empty" if not data else "file holds only whitespace")
            declared = declared_charset(data) if source.kind == "html" else None
            decoded = decode(data, declared=declared)
            stem = Path(source.path).stem
            self.read(
                decoded.text,
                source.kind,
                path=source.path,
                stem=stem,
                scope=source.scope,
                note=decoded.warning,
            )
        except Unreadable as problem:
            self.skip(source.path, str(problem))
        except OSError as error:
            self.skip(source.path, f"cannot read the file: {(error.strerror or str(error)).lower()}")

    def read_url(self, url: str) -> None:
        """A web page (``_fetch``): fetched or read from the page cache, then read as HTML."""
        from crosscheck.ingest._fetch import FetchError, read_page

        try:
            self._add(url, [read_page(url, max_bytes=self.max_bytes)], None)
        except (FetchError, Unreadable) as problem:
            self.skip(url, str(problem))

    def read_stdin(self, stream: TextIO | None) -> None:
        """Standard input: JSON records when it parses as such, HTML when it starts like a page, else text."""
        try:
            text, note = self._stdin_text(stream)
            head = text.lstrip()[:1000].lower()
            kind = "text"
            if head.startswith(("{", "[")):
                try:
                    json.loads(text)
                    kind = "json"
                except ValueError:
                    kind = "text"
            elif head.startswith(("<!doctype html", "<html")):
                kind = "html"
            self.read(text, kind, path=STDIN_PATH, stem="stdin", scope=(), note=note)
        except Unreadable as problem:
            self.skip(STDIN_PATH, str(problem))
        except OSError as error:
            self.skip(STDIN_PATH, f"cannot read standard input: {error}")

    def _stdin_text(self, stream: TextIO | None) -> tuple[str, str | None]:
        stream = stream if stream is not None else sys.stdin
        if stream is None:
            raise Unreadable("no standard input to read")
        buffer = getattr(stream, "buffer", None)
        raw: bytes | str = (
            buffer.read(self.max_bytes + 1) if buffer is not None else stream.read(self.max_bytes + 1)
        )
        if len(raw) > self.max_bytes:
            raise Unreadable(f"standard input is over the {_size(self.max_bytes)} limit: raise --max-bytes")
        if isinstance(raw, str):
            if not raw.strip():
                raise Unreadable("standard input is empty")
            return raw, None
        if not raw.strip():
            raise Unreadable("standard input is empty")
        decoded = decode(raw)
        return decoded.text, decoded.warning


def _article(draft: Draft) -> Article:
    meta = draft.meta
    return Article(
        id=draft.id,
        path=draft.path,
        text=draft.text,
        body=draft.body,
        outlet=meta.outlet,
        title=meta.title,
        url=meta.url,
        published=meta.published,
        warnings=tuple(dict.fromkeys(draft.warnings)),
    )


def _order(path: str, id: str) -> tuple[str, int, str]:
    """Sort by file path, then record number (``x.jsonl#10`` after ``x.jsonl#2``), then id."""
    base, _, number = path.rpartition("#")
    if base and number.isdigit():
        return base, int(number), id
    return path, 0, id


def ingest(
    paths: Sequence[str | Path | Article],
    *,
    date: dt.date | None = None,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
    meta: str | Path | None = None,
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS,
) -> IngestResult:
    """Read every input into articles; inputs that cannot be read are listed in ``skipped``.

    ``meta`` names a manifest (.csv or .json) of outlet, date, title and URL per
    article path or id; it replaces what the files say. ``date`` and ``outlet``
    override the metadata of a single article and raise ``UsageError`` when more
    than one article results. ``Article`` objects are kept as given, except that
    they too are clipped to ``max_article_chars`` and skipped when not English.
    The same inputs in any order give the same articles, sorted by path; a file
    named twice (or also found in a named folder) is read once, under its
    shortest-sorting path. When some of several articles have no date, a warning
    names them (``IngestResult.undated``).
    """
    reader = _Reader(max_bytes)
    given: list[Article] = []
    sources: dict[str, Source] = {}
    read_stdin = False
    urls: list[str] = []
    for item in paths:
        if isinstance(item, Article):
            given.append(item)
            continue
        raw = os.fspath(item)
        if raw == "-":
            read_stdin = True
            continue
        if raw.lower().startswith(("http://", "https://")):  # fetched only when named (see _fetch)
            urls.append(raw)
            continue
        found, problems = expand(raw)
        for path, problem in problems:
            reader.skip(path, problem)
        for source in found:
            kept = sources.get(source.real)
            if kept is None or source.path < kept.path:
                sources[source.real] = source
    for source in sorted(sources.values(), key=lambda source: source.path):
        reader.read_file(source)
    for url in dict.fromkeys(urls):
        reader.read_url(url)
    if read_stdin:
        reader.read_stdin(stdin)

    drafts = sorted(reader.drafts, key=lambda draft: _order(draft.path, draft.id))
    assign_ids(drafts, {article.id for article in given})
    articles = sorted(
        [*given, *(_article(draft) for draft in drafts)], key=lambda article: _order(article.path, article.id)
    )
    if meta is not None:
        entries, notes = read_manifest(Path(meta))
        articles, unmatched = apply_manifest(articles, entries, Path(meta))
        reader.warnings += [f"{meta}: {note}" for note in notes] + unmatched
    articles = _readable(articles, reader, max_article_chars)
    if date is not None or outlet is not None:
        if len(articles) > 1:
            options = " and ".join(
                name for name, value in (("--date", date), ("--outlet", outlet)) if value is not None
            )
            raise UsageError(
                f"{options} apply to a single article, but {len(articles)} were read: "
                "set them per file in front matter instead"
            )
        articles = [
            replace(
                article,
                published=date if date is not None else article.published,
                outlet=outlet if outlet is not None else article.outlet,
            )
            for article in articles
        ]
    skipped = sorted(dict.fromkeys(reader.skipped), key=lambda item: (*_order(item.path, ""), item.problem))
    return IngestResult(articles, skipped, reader.warnings)


def undated_warning(paths: Sequence[str], total: int) -> str:
    """One line naming the articles without a publication date, and how to give them one."""
    shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
    which = (
        "none of the articles has a"
        if len(paths) == total
        else f"{len(paths)} of {total} articles {'has' if len(paths) == 1 else 'have'} no"
    )
    return (
        f"{which} publication date ({shown}): relative dates and statements true at different "
        "times cannot be checked for them; give dates in front matter or with --meta FILE"
    )


def _readable(articles: list[Article], reader: _Reader, max_chars: int) -> list[Article]:
    """English articles, each clipped to ``max_chars``; the others become skipped inputs."""
    kept = []
    for article in articles:
        problem = not_english(article)
        if problem is not None:
            reader.skip(article.path, problem)
            continue
        clipped = clip(article, max_chars)
        if clipped is not article:
            checked = clipped.body[-1][1] if clipped.body else 0
            note = (
                f"long article ({_size(len(article.text))} of text): only its first {checked:,} characters "
                f"are checked (raise max-article-chars, now {max_chars:,}, to check more)"
            )
            reader.warnings.append(f"{article.path}: {note}")
            clipped = replace(clipped, warnings=(*clipped.warnings, note))
        kept.append(clipped)
    return kept


#: Where a long article may be cut: after a sentence's end mark (and closing quote) or a line.
_BREAKS = (". ", "? ", "! ", '." ', ".\u201d ", "\n")


def clip(article: Article, max_chars: int) -> Article:
    """The article cut after its first ``max_chars`` characters of prose, at a sentence or line end.

    Memory and time grow with an article's length, so a cap bounds both by design.
    The text is cut too: offsets, lines and columns of what is kept do not change.
    """
    regions = article.body or ((0, len(article.text)),)
    if sum(end - start for start, end in regions) <= max_chars:
        return article
    kept: list[tuple[int, int]] = []
    left = max_chars
    for start, end in regions:
        if end - start <= left:
            kept.append((start, end))
            left -= end - start
            continue
        cut = _last_break(article.text, start, start + left)
        if cut > start:
            kept.append((start, cut))
        break
    end = kept[-1][1] if kept else 0
    return replace(article, text=article.text[:end], body=tuple(kept))


def _last_break(text: str, start: int, limit: int) -> int:
    """The end of the last full sentence (or line) in ``text[start:limit]``, else ``limit``."""
    window = text[start:limit]
    ends = [window.rfind(mark) + len(mark.rstrip()) for mark in _BREAKS if window.rfind(mark) > 0]
    return start + max(ends) if ends else limit
