"""One reader per input format: decoded text in, article drafts (articles without final ids) out."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from crosscheck.ingest._decode import Unreadable
from crosscheck.ingest._metadata import (
    Metadata,
    date_in_name,
    dateline_date,
    from_mapping,
    parse_date,
    split_front_matter,
)
from crosscheck.ingest.clutter import scan

TEXT_FIELDS = ("text", "body", "content")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_DATE_PREFIX = re.compile(r"^(?:(?:last )?updated|published|posted|first published|date)\s*:?\s*", re.I)


@dataclass
class Draft:
    """An article read from one input, before ids are made unique across inputs.

    ``scope`` names the places it came from, nearest first (file stem for a
    record, then folders), used to tell apart articles whose ids clash.
    """

    id: str
    path: str
    text: str
    body: tuple[tuple[int, int], ...]
    meta: Metadata
    scope: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)


@dataclass
class Records:
    """The drafts of a JSON or JSONL file and the records in it that could not be read."""

    drafts: list[Draft] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first few kilobytes."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _dateline(text: str, start: int, end: int) -> str:
    return _DATE_PREFIX.sub("", text[start:end].strip())


def read_text(text: str, *, id: str, path: str, scope: tuple[str, ...] = ()) -> Draft:
    """Plain text or Markdown: the file itself is the text; front matter and clutter stay out of the body.

    Without a ``published`` field, a date line near the top (a dateline such as
    "February 19, 2023" before the third paragraph, left out of the body), else a
    wire dateline or dated byline opening the story ("MUNICH, Feb. 18, 2023 (AP) —"),
    else a date in the file name ("wire-2024-09-03.txt"), gives the publication date.
    """
    if not text.strip():
        raise Unreadable("file is empty" if not text else "file holds only whitespace")
    fields, start, warnings = split_front_matter(text)
    meta = from_mapping(fields)
    found = scan(text, start)
    if not _has_prose(text, found.body):
        if not text[start:].strip():
            raise Unreadable("no article text after the front matter")
        raise Unreadable("no article text: every line looks like page clutter (menus, ads, credits)")
    if meta.published is None:
        top = found.body[min(2, len(found.body) - 1)][0]
        for line in found.dropped:
            if line.rule == "dateline" and line.start < top:
                meta.published = parse_date(_dateline(text, line.start, line.end))
                if meta.published:
                    break
    if meta.published is None:
        opening = sorted([*found.body[:2], *((d.start, d.end) for d in found.dropped if d.start < top)])
        meta.published = dateline_date(text, tuple(opening), lines=len(opening))
    meta.published = meta.published or date_in_name(path)
    return Draft(id, path, text, found.body, meta, scope, warnings=warnings + meta.warnings)


_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")
#: A body region with fewer words than this, and no full stop, is a label ("Home | News").
MIN_PROSE_WORDS = 4


def _has_prose(text: str, body: tuple[tuple[int, int], ...]) -> bool:
    """Some body region reads like a sentence, not only menu labels."""
    return any(
        len(_WORD.findall(text, start, end)) >= MIN_PROSE_WORDS
        or (_WORD.search(text, start, end) and _SENTENCE_END.search(text[start:end]))
        for start, end in body
    )


def read_html(html: str, *, id: str, path: str, scope: tuple[str, ...] = ()) -> Draft:
    """An HTML page: the text is trafilatura's extraction of the article, and offsets refer to it.

    Menus, footers, comments and other page chrome are dropped by trafilatura;
    its title, site name (the outlet), date and canonical URL become metadata.
    A strict extraction is tried first, a recall-oriented one if that finds nothing,
    and a plain text extraction (``_html_text``) before giving up.
    """
    import trafilatura

    document = None
    for favor_recall in (False, True):
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_recall=favor_recall,
        )
        if document is not None and (document.text or "").strip():
            break
    text = (document.text or "") if document is not None else ""
    found = scan(text)
    fields: dict[str, str | None] = {}
    warnings: list[str] = []
    if document is not None:
        fields = {"outlet": document.sitename, "title": document.title, "url": document.url}
        fields["published"] = document.date
    if not _has_prose(text, found.body):
        from crosscheck.ingest._html_text import plain_text

        plain, plain_fields = plain_text(html)
        plain_found = scan(plain)
        if _has_prose(plain, plain_found.body):
            text, found = plain, plain_found
            fields = {**plain_fields, **{k: v for k, v in fields.items() if v}}
            warnings = ["the page's structure could not be read: its text was extracted as plain text"]
    if not text.strip():
        raise Unreadable(
            "no article text found in the HTML: save the article page itself, or its text as .txt"
        )
    if not _has_prose(text, found.body):
        raise Unreadable("no article text found in the HTML, only page chrome: save the article page itself")
    meta = Metadata(
        outlet=fields.get("outlet") or None,
        title=fields.get("title") or None,
        url=fields.get("url") or None,
        published=parse_date(fields["published"]) if fields.get("published") else None,
    )
    return Draft(id, path, text, found.body, meta, scope, warnings)


def _record_draft(record: object, default_id: str, *, path: str, scope: tuple[str, ...]) -> Draft:
    """A record's draft; ``Unreadable`` messages leave the subject ("record 3") to the caller."""
    if not isinstance(record, Mapping):
        raise Unreadable('is not an object with a "text" field')
    lowered = {str(key).lower(): value for key, value in record.items()}
    text = next((lowered[key] for key in TEXT_FIELDS if isinstance(lowered.get(key), str)), None)
    if text is None:
        wrong = next(((key, lowered[key]) for key in TEXT_FIELDS if lowered.get(key) is not None), None)
        if wrong is not None:
            raise Unreadable(f'has a "{wrong[0]}" field that is {_json_type(wrong[1])}, not text')
        raise Unreadable('has no "text" field (also looked for "body" and "content")')
    if not text.strip():
        raise Unreadable("has an empty text")
    meta = from_mapping(record)
    found = scan(text)
    if meta.published is None:
        meta.published = dateline_date(text, found.body)
    if not _has_prose(text, found.body):
        raise Unreadable("holds only page clutter (menus, ads, credits), no article text")
    given = lowered.get("id")
    record_id = str(given).strip() if isinstance(given, (str, int)) and not isinstance(given, bool) else ""
    return Draft(record_id or default_id, path, text, found.body, meta, scope, list(meta.warnings))


def _json_type(value: object) -> str:
    """How JSON would name the type of ``value``: "a number", "a list", ..."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return "null"


def _is_record(value: object) -> bool:
    return isinstance(value, Mapping) and any(str(key).lower() in TEXT_FIELDS for key in value)


def _json_records(data: object) -> list[object] | None:
    """The records of a parsed JSON document, or None when it holds no article records."""
    if isinstance(data, Mapping) and isinstance(data.get("articles"), list):
        return list(data["articles"])
    if isinstance(data, list) and data and any(_is_record(item) for item in data):
        return list(data)
    return None


def _collect(
    numbered: Iterator[tuple[int, object]], out: Records, *, stem: str, path: str, scope: tuple[str, ...]
) -> None:
    for number, record in numbered:
        try:
            out.drafts.append(
                _record_draft(record, f"{stem}-{number}", path=f"{path}#{number}", scope=(stem, *scope))
            )
        except Unreadable as problem:
            out.problems.append((f"{path}#{number}", f"record {number} {problem}"))


def read_jsonl(text: str, *, stem: str, path: str, scope: tuple[str, ...] = ()) -> Records:
    """One record a line; a record is numbered by its line, and a broken line does not stop the others."""
    if not text.strip():
        raise Unreadable("file is empty" if not text else "file holds only whitespace")
    out = Records()
    good: list[tuple[int, object]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            good.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            out.problems.append(
                (f"{path}#{number}", f"line {number} is not valid JSON ({error.msg}, column {error.colno})")
            )
    _collect(iter(good), out, stem=stem, path=path, scope=scope)
    if not out.drafts and not out.problems:
        raise Unreadable('no article records (one JSON object with a "text" field per line)')
    return out


def read_json(text: str, *, stem: str, path: str, scope: tuple[str, ...] = ()) -> Records:
    """A record, a list of records, or ``{"articles": [...]}``; one record alone keeps the file's path."""
    if not text.strip():
        raise Unreadable("file is empty" if not text else "file holds only whitespace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            out = read_jsonl(text, stem=stem, path=path, scope=scope)
            out.warnings.append("holds one JSON record per line: read as JSON Lines (.jsonl)")
            return out
        raise Unreadable(
            f"invalid JSON at line {error.lineno}, column {error.colno} ({error.msg}): fix or export it again"
        ) from None
    if _is_record(data) and not isinstance(data.get("articles"), list):  # type: ignore[union-attr]
        try:
            return Records([_record_draft(data, stem, path=path, scope=scope)])
        except Unreadable as problem:
            raise Unreadable(f"the record {problem}") from None
    records = _json_records(data)
    if records is None:
        raise Unreadable(
            'no article records: expected an object with a "text" field, a list of them, '
            'or {"articles": [...]}'
        )
    out = Records()
    _collect(enumerate(records, start=1), out, stem=stem, path=path, scope=scope)
    return out
