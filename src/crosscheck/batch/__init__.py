"""``crosscheck batch``: a day of news grouped into stories, each checked as ``check`` would, resumably.

>>> from crosscheck.batch import batch
>>> result = batch(["feed.jsonl"], "out/")           # doctest: +SKIP
>>> [(story["id"], story["findings"]["high"]) for story in result.ranked[:3]]  # doctest: +SKIP

The feed is read once and streamed (``_read``); syndicated copies are found across
the whole feed (``crosscheck.syndication``) and follow the article they copy;
the rest is grouped into stories (``_group``) unless ``stories`` gives the grouping.
Every story with two or more distinct sources is checked as the pipeline's ``check``
would in a worker (``_engines``: this process, a process pool, or Ray actors), a few
consecutive stories at a time (``_chunks``) so that their NLI questions are scored
in one model call (``_worker``), and the driver writes its record and reports
(``_write``). A story whose record holds the same content key is not checked again,
so rerunning an interrupted batch finishes it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck.batch._types import BatchHooks, BatchResult
from crosscheck.config import Settings

if TYPE_CHECKING:
    from crosscheck.batch._engines import NLIFactory
    from crosscheck.batch._group import GroupOptions

__all__ = ["ENGINES", "FORMATS", "BatchHooks", "BatchResult", "batch"]

#: Where stories can be checked (``--engine``).
ENGINES = ("process", "ray")
#: Report formats a batch writes per story (``--format``).
FORMATS = ("html", "json", "markdown", "sarif")


def _pages_follow_cache(function):  # type: ignore[no-untyped-def]
    """Web pages in the inputs are fetched with the page cache on or off as ``settings.cache`` says."""
    import functools

    @functools.wraps(function)
    def run(inputs, out, settings=None, **options):  # type: ignore[no-untyped-def]
        from crosscheck.ingest import fetching

        with fetching(cache=(settings or Settings()).cache):
            return function(inputs, out, settings, **options)

    return run


@_pages_follow_cache
def batch(
    inputs: Sequence[str | Path],
    out: str | Path,
    settings: Settings | None = None,
    *,
    workers: int | None = None,
    engine: str = "process",
    ray_address: str | None = None,
    stories: str | Path | None = None,
    formats: Sequence[str] = ("html", "json"),
    group_options: GroupOptions | None = None,
    nli_factory: NLIFactory | None = None,
    hooks: BatchHooks | None = None,
) -> BatchResult:
    """Group the inputs into stories, check each one, write ``out``; rerun to finish an interrupted run.

    ``workers`` defaults to the cores this process may use; ``engine`` is
    ``"process"`` or ``"ray"`` (``ray_address`` an existing cluster, else a local
    one is started and stopped). ``stories`` is a grouping to use instead of
    crosscheck's. ``nli_factory`` builds each worker's model instead of the one
    ``settings`` name (a fake in tests); it must be picklable for more than one worker.
    """
    import time

    from crosscheck.batch._chunks import chunks, pending_chunks
    from crosscheck.batch._engines import default_workers, run
    from crosscheck.batch._group import GroupOptions
    from crosscheck.batch._read import read_again
    from crosscheck.batch._run import outcome_record, read_feed, settings_key, story_record
    from crosscheck.batch._story import EXTENSIONS, StoryOutcome, StoryTask
    from crosscheck.batch._write import read_record, write_listing, write_story
    from crosscheck.errors import UsageError

    started = time.perf_counter()
    settings = settings or Settings()
    hooks = hooks or BatchHooks()
    unknown = [fmt for fmt in formats if fmt not in EXTENSIONS]
    if unknown or not formats:
        raise UsageError(
            f"--format takes {', '.join(EXTENSIONS)} (comma-separated), not {','.join(unknown)!r}"
        )
    workers = workers or default_workers()
    out = Path(out)
    feed = read_feed(
        [str(item) for item in inputs],
        settings,
        Path(stories) if stories is not None else None,
        group_options or GroupOptions(),
        hooks,
    )
    key = settings_key(settings, formats, nli_factory)
    records: dict[str, dict[str, object]] = {}
    members: dict[str, list[int]] = {}
    for story in feed.stories:
        record = story_record(story, feed, key)
        records[str(record["id"])] = record
        members[str(record["id"])] = story
    planned = chunks(
        (story_id, len(record["articles"]))  # type: ignore[arg-type]
        for story_id, record in sorted(records.items())
        if record["status"] == "pending"
    )
    todo: list[str] = []
    resumed = 0
    for story_id, record in records.items():
        previous = read_record(out, story_id)
        if record["status"] == "single":
            write_story(out, record, {})
        elif previous and previous.get("key") == record["key"] and previous.get("status") == "done":
            records[story_id] = dict(previous)
            resumed += 1
        else:
            todo.append(story_id)
    if hooks.on_stories:
        hooks.on_stories(len(todo), sum(len(members[story_id]) for story_id in todo))

    def task(story_id: str) -> StoryTask:
        articles = tuple(read_again(feed.entries[n], settings.max_bytes) for n in members[story_id])
        return StoryTask(story_id, str(records[story_id]["key"]), articles, tuple(formats))

    def tasks() -> Iterator[list[StoryTask]]:
        for chunk in pending_chunks(planned, todo):
            yield [task(story_id) for story_id in chunk]

    def done(outcome: StoryOutcome) -> None:
        record, reports = outcome_record(records[outcome.id], outcome)
        write_story(out, record, reports)
        records[outcome.id] = record
        if hooks.on_story:
            hooks.on_story(record)

    try:
        run(
            tasks(),
            settings,
            done,
            engine=engine,
            workers=workers,
            ray_address=ray_address,
            nli_factory=nli_factory,
        )
    finally:
        ranked = write_listing(out, [r for r in records.values() if r["status"] != "pending"])
    return BatchResult(
        ranked=ranked,
        articles=len(feed.entries),
        copies=len(feed.copy_of),
        checked=sum(1 for r in records.values() if r["status"] in ("done", "error")) - resumed,
        resumed=resumed,
        failed=sum(1 for r in records.values() if r["status"] == "error"),
        seconds=round(time.perf_counter() - started, 2),
        skipped=feed.skipped,
    )
