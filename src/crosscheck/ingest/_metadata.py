"""Article metadata from front matter, JSON fields and HTML: outlet, title, URL, date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

#: Accepted spellings of each metadata field, first match wins.
FIELDS: dict[str, tuple[str, ...]] = {
    "outlet": ("outlet", "source", "publisher", "sitename", "site_name", "site", "publication"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "published": (
        "published",
        "date",
        "published_at",
        "publish_date",
        "published_date",
        "pubdate",
        "datetime",
    ),
}
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ]|\s*$)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)")
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.MULTILINE)


@dataclass
class Metadata:
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    warnings: list[str] = field(default_factory=list)


def parse_date(value: object) -> dt.date | None:
    """A calendar day from an ISO string, a written date ("Feb. 18, 2023"), a date or a Unix time.

    Relative words ("tomorrow", "Saturday") are refused: metadata must not depend on today.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return dt.datetime.fromtimestamp(value, tz=dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_DAY.match(value)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    import dateparser

    parsed = dateparser.parse(
        value.strip(),
        languages=["en"],
        settings={
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["custom-formats", "absolute-time"],
        },
    )
    return parsed.date() if parsed else None


def _text_value(value: object) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def from_mapping(record: Mapping[str, object]) -> Metadata:
    """Read the metadata fields of a front matter block or JSON record (keys case-insensitive)."""
    lowered = {str(key).lower(): value for key, value in record.items()}
    meta = Metadata()
    for name, keys in FIELDS.items():
        value = next((lowered[key] for key in keys if lowered.get(key) not in (None, "")), None)
        if value is None:
            continue
        if name == "published":
            meta.published = parse_date(value)
            if meta.published is None:
                meta.warnings.append(f"published date {value!r} is not a date I can read: ignored")
        else:
            text = _text_value(value)
            if text is None:
                meta.warnings.append(f"{name} field is not text: ignored")
            setattr(meta, name, text)
    return meta


def split_front_matter(text: str) -> tuple[Mapping[str, object], int, list[str]]:
    """YAML front matter between ``---`` lines at the top: (fields, where the body starts, warnings)."""
    opening = _FRONT_MATTER.match(text)
    if not opening:
        return {}, 0, []
    closing = _FENCE.search(text, opening.end())
    if not closing:
        return {}, 0, []
    import yaml

    block = text[opening.end() : closing.start()]
    try:
        fields = yaml.safe_load(block)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return {}, closing.end(), [f"front matter is not valid YAML{where}: its metadata was ignored"]
    if fields is None:
        return {}, closing.end(), []
    if not isinstance(fields, dict):
        return {}, closing.end(), ["front matter is not a list of key: value fields: ignored"]
    return fields, closing.end(), []


_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def date_in_name(path: str) -> dt.date | None:
    """A date written into the file name ("npr-2023-02-18.txt"), as archives and scrapers name files."""
    match = _NAME_DATE.search(Path(path).stem)
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
_AGENCY = r"(?:\((?:[A-Z][\w.&' ]{0,30})\)\s*)?"
#: A wire dateline opening the story ("MUNICH, Germany, Feb. 18, 2023 (AP) —") or a byline with
#: a date ("By Jane Doe | February 18, 2023"): a place in capitals or a byline, then the date.
_TEXT_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Z.'’\- ]{{1,40}}(?:,\s*[A-Z][A-Za-z.'’\- ]{{1,40}}){{0,2}}|By\s+[^|\n—–]{{2,60}}?)"
    rf"\s*{_AGENCY}[,|·—–-]\s*(?P<date>{_FULL_DATE})\s*{_AGENCY}(?:[—–-]|\||$|\n)",
)


def dateline_date(text: str, regions: tuple[tuple[int, int], ...], lines: int = 2) -> dt.date | None:
    """A publication date from the dateline or byline that opens an article, where it gives a year.

    Only the first ``lines`` body regions are read, and only a date in the opening
    formula counts: a date inside the lede's sentence is the event's, not the article's.
    """
    for start, end in regions[:lines]:
        match = _TEXT_DATELINE.match(text, start, min(end, start + 200))
        if match:
            return parse_date(match.group("date").replace("Sept.", "Sep."))
    return None
