"""The batch run: read the feed, group it, check what is not done yet, write the listing."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from crosscheck.batch._engines import NLIFactory
from crosscheck.batch._group import Grouper, GroupOptions
from crosscheck.batch._read import Entry, FeedReader, digest
from crosscheck.batch._story import EXTENSIONS, StoryOutcome
from crosscheck.batch._types import BatchHooks
from crosscheck.config import Settings
from crosscheck.errors import InputError, UsageError
from crosscheck.models import SkippedInput
from crosscheck.syndication import CopyFinder, fingerprint

DEFAULT_FORMATS = ("html", "json")


def _short(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def settings_key(settings: Settings, formats: Sequence[str], nli_factory: NLIFactory | None) -> str:
    from crosscheck import __version__

    model = getattr(nli_factory, "__qualname__", None) if nli_factory else settings.model
    return repr(
        (
            __version__,
            model,
            settings.threshold,
            settings.kinds,
            settings.int8,
            settings.ignore,
            tuple(formats),
        )
    )


def given_stories(path: Path, entries: Sequence[Entry]) -> list[list[int]]:
    """``--stories FILE``: a JSON object ``{story: [article ids]}``, or JSON Lines with ``id`` and ``articles``.

    A previous run's ``stories.jsonl`` is such a file. Articles it does not name are
    one-article stories; a name that matches no article is an error.
    """
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise UsageError(f"cannot read the stories file: {error.strerror}", path=str(path)) from None
    groups: list[list[str]] = []
    try:
        data = json.loads(text)
        if not isinstance(data, Mapping):
            raise ValueError("not an object")
        groups = [list(map(str, members)) for members in data.values()]
    except ValueError:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                groups.append([*map(str, record["articles"]), *map(str, record.get("copies") or [])])
            except (ValueError, KeyError, TypeError):
                raise UsageError(
                    f'line {number} is neither a JSON object {{story: [ids]}} nor {{"id", "articles"}}',
                    path=str(path),
                ) from None
    index = {entry.id: number for number, entry in enumerate(entries)}
    unknown = sorted({name for group in groups for name in group} - set(index))
    if unknown:
        raise UsageError(f"names articles the inputs do not hold: {', '.join(unknown[:5])}", path=str(path))
    seen: set[int] = set()
    stories = []
    for group in groups:
        members = sorted({index[name] for name in group} - seen)
        seen |= set(members)
        if members:
            stories.append(members)
    stories += [[number] for number in range(len(entries)) if number not in seen]
    return stories


@dataclass
class _Feed:
    entries: list[Entry]
    copy_of: dict[int, int]
    stories: list[list[int]]
    skipped: list[SkippedInput]


def read_feed(
    inputs: Sequence[str],
    settings: Settings,
    stories_file: Path | None,
    options: GroupOptions,
    hooks: BatchHooks,
) -> _Feed:
    reader = FeedReader(settings.max_bytes)
    finder, grouper = CopyFinder(), Grouper(options)
    entries: list[Entry] = []
    for article, where in reader.articles(inputs):
        entries.append(
            Entry(
                id=article.id,
                path=article.path,
                outlet=article.outlet,
                title=article.title,
                published=article.published.isoformat() if article.published else None,
                digest=digest(article),
                where=where,
            )
        )
        finder.add(article.id, fingerprint(article))
        grouper.add(article)
        if hooks.on_article:
            hooks.on_article(len(entries))
    if not entries:
        problems = "; ".join(f"{item.path}: {item.problem}" for item in reader.skipped[:3])
        raise InputError(f"no articles found in the inputs{': ' + problems if problems else ''}")
    copy_of = {member: group[0] for group in finder.groups() for member in group[1:]}
    if stories_file is not None:
        stories = given_stories(stories_file, entries)
    else:
        voters = [number for number in range(len(entries)) if number not in copy_of]
        members: dict[int, list[int]] = {}
        for copy, original in copy_of.items():
            members.setdefault(original, []).append(copy)
        stories = [
            sorted([*story, *(copy for number in story for copy in members.get(number, []))])
            for story in grouper.groups(voters)
        ]
    return _Feed(entries, copy_of, stories, reader.skipped)


def story_record(story: list[int], feed: _Feed, settings_key: str) -> dict[str, object]:
    entries = [feed.entries[number] for number in story]
    copies = sorted(feed.entries[n].id for n in story if n in feed.copy_of and feed.copy_of[n] in story)
    articles = sorted(entry.id for entry in entries if entry.id not in set(copies))
    first = min(entries, key=lambda entry: (entry.published or "9999", entry.path, entry.id))
    story_id = "s-" + _short("\n".join(sorted(entry.id for entry in entries)))
    key = _short(settings_key + "\n" + "\n".join(sorted(f"{e.id}:{e.digest}" for e in entries)))
    dates = sorted(entry.published for entry in entries if entry.published)
    return {
        "id": story_id,
        "key": key,
        "title": first.title,
        "articles": articles,
        "copies": copies,
        "outlets": sorted({entry.outlet or entry.id for entry in entries}),
        "published": [dates[0], dates[-1]] if dates else None,
        "status": "pending" if len(articles) >= 2 else "single",
        "findings": {},
        "reports": {},
        "syndicated": [],
        "error": None,
    }


def outcome_record(
    record: dict[str, object], outcome: StoryOutcome
) -> tuple[dict[str, object], dict[str, tuple[str, str]]]:
    if outcome.error is not None:
        return {**record, "status": "error", "error": outcome.error}, {}
    reports = {
        fmt: (f"stories/{record['id']}.{EXTENSIONS[fmt]}", text)
        for fmt, text in sorted(outcome.reports.items())
    }
    summary = dict(outcome.summary)
    syndicated = summary.pop("syndicated", [])
    return (
        {
            **record,
            "status": "done",
            "findings": summary,
            "syndicated": syndicated,
            "reports": {fmt: path for fmt, (path, _) in reports.items()},
        },
        reports,
    )
