"""A metadata file for many articles at once (``--meta FILE``): outlet, date, title, URL per article.

Plain-text articles carry no metadata, and ``--date``/``--outlet`` name one article
only, so a folder of ``.txt`` files could never be dated. A manifest can:

- ``.csv`` with a header row: a ``path`` (or ``file``, ``id``) column, and any of
  ``outlet``, ``published`` (or ``date``), ``title``, ``url``;
- ``.json``: ``{"a.txt": {"outlet": ..., "published": ...}, ...}`` or a list of
  records, each with ``path`` (or ``file``, ``id``) and the fields.

An entry names an article by its path (as given on the command line, or relative to
the manifest's folder), its file name, or its id. What the manifest gives replaces
what the file says; an entry that matches no article, or more than one by file
name alone, is named in a warning, never applied by guess.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from crosscheck.errors import UsageError
from crosscheck.ingest._metadata import Metadata, from_mapping
from crosscheck.models import Article

KEY_FIELDS = ("path", "file", "filename", "id")


@dataclass(frozen=True)
class Entry:
    """One manifest row: which article (``key``), and the metadata it gives."""

    key: str
    meta: Metadata
    row: str


def read_manifest(path: Path) -> tuple[list[Entry], list[str]]:
    """The entries of a manifest and warnings about rows that were left out or fields ignored."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise UsageError(f"cannot read the metadata file: {reason}", path=str(path)) from None
    if path.suffix.lower() == ".json":
        records = _json_records(text, path)
    elif path.suffix.lower() == ".csv":
        records = _csv_records(text, path)
    else:
        raise UsageError("the metadata file must be .csv or .json", path=str(path))
    entries: list[Entry] = []
    warnings: list[str] = []
    for row, record in records:
        lowered = {str(key).strip().lower(): value for key, value in record.items()}
        key = next((str(lowered[k]).strip() for k in KEY_FIELDS if str(lowered.get(k) or "").strip()), "")
        if not key:
            warnings.append(f"{row} names no article (a path, file or id column): left out")
            continue
        meta = from_mapping({k: v for k, v in lowered.items() if k not in KEY_FIELDS and v not in (None, "")})
        warnings += [f"{row} ({key}): {warning}" for warning in meta.warnings]
        entries.append(Entry(key, meta, row))
    return entries, warnings


def _json_records(text: str, path: Path) -> list[tuple[str, Mapping[str, object]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(
            f"the metadata file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})",
            path=str(path),
        ) from None
    if isinstance(data, Mapping) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, Mapping):
        found = []
        for key, value in data.items():
            if not isinstance(value, Mapping):
                raise UsageError(f"entry {key!r} is not an object of fields", path=str(path))
            found.append((f"entry {key!r}", {"path": key, **value}))
        return found
    if isinstance(data, list) and all(isinstance(item, Mapping) for item in data):
        return [(f"record {number}", item) for number, item in enumerate(data, start=1)]
    raise UsageError(
        'expected {"PATH": {"outlet": ..., "published": ...}} or a list of records with "path"',
        path=str(path),
    )


def _csv_records(text: str, path: Path) -> list[tuple[str, Mapping[str, object]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if not any(name in KEY_FIELDS for name in header):
        raise UsageError(
            f"the CSV header ({', '.join(header) or 'empty'}) has no path, file or id column", path=str(path)
        )
    return [
        (f"line {reader.line_num}", row) for row in reader if any((v or "").strip() for v in row.values())
    ]


def _norm(path: str) -> str:
    return os.path.normcase(os.path.normpath(path))


def apply_manifest(
    articles: Sequence[Article], entries: Sequence[Entry], manifest: Path
) -> tuple[list[Article], list[str]]:
    """The articles with each matching entry's metadata applied, and warnings for entries left over."""
    by_path: dict[str, list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    by_id: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        file_path = article.path.split("#")[0]
        by_path[_norm(file_path)].append(index)
        by_path[_norm(os.path.abspath(file_path))].append(index)
        by_name[os.path.basename(file_path)].append(index)
        by_id[article.id].append(index)
    base = manifest.parent
    result = list(articles)
    unmatched: list[str] = []
    ambiguous: list[str] = []
    for entry in entries:
        candidates = {_norm(entry.key), _norm(os.path.abspath(base / entry.key))}
        matches = sorted({i for key in candidates for i in by_path.get(key, [])}) or by_id.get(entry.key, [])
        if not matches and entry.key in by_name:
            matches = by_name[entry.key]
            if len(matches) > 1:
                ambiguous.append(entry.key)
                continue
        if not matches:
            unmatched.append(entry.key)
            continue
        for index in matches:
            result[index] = _with(result[index], entry.meta)
    warnings = []
    if unmatched:
        warnings.append(
            f"{manifest}: {_count(unmatched, 'entry', 'entries')} match no article: {_few(unmatched)}"
        )
    if ambiguous:
        warnings.append(
            f"{manifest}: file names that several articles share, give their paths: {_few(ambiguous)}"
        )
    return result, warnings


def _with(article: Article, meta: Metadata) -> Article:
    changes = {
        name: getattr(meta, name)
        for name in ("outlet", "title", "url", "published")
        if getattr(meta, name) is not None
    }
    return replace(article, **changes)


def _count(items: Sequence[str], one: str, many: str) -> str:
    return f"1 {one}" if len(items) == 1 else f"{len(items)} {many}"


def _few(items: Sequence[str], shown: int = 5) -> str:
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more
