"""The ``crosscheck`` command: a thin typer layer over the Python API.

Each command checks its arguments, builds ``Settings``, calls the API function
of the same name and renders the ``Report``. Library errors become one line on
stderr and exit code 2 here, at one boundary. Nothing heavy is imported at
start-up, so ``crosscheck --help`` is instant.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from crosscheck.config import DEFAULT_THRESHOLD, DEVICES, FAIL_ON, FORMATS, KINDS, Settings, load_settings
from crosscheck.errors import CrosscheckError, UsageError

app = typer.Typer(
    help="Find factual contradictions across news articles about the same story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
model_app = typer.Typer(help="Inspect or prepare the NLI model.", no_args_is_help=True)
app.add_typer(model_app, name="model")

ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help="NLI model: a built-in name, a local folder or a Hugging Face id.",
        show_default=False,
    ),
]
DeviceOpt = Annotated[
    str | None, typer.Option(help=f"Where the model runs: {', '.join(DEVICES)}.", show_default=False)
]
ThresholdOpt = Annotated[
    float | None,
    typer.Option(
        help=f"NLI contradiction probability needed for a statement finding (default {DEFAULT_THRESHOLD}).",
        show_default=False,
    ),
]
KindsOpt = Annotated[
    str | None, typer.Option(help=f"Comma-separated kinds to report: {','.join(KINDS)}.", show_default=False)
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help=f"Output format: {', '.join(FORMATS)} (default rich).", show_default=False
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report to this file.", show_default=False)
]
MaxBytesOpt = Annotated[
    int | None, typer.Option(help="Skip input files larger than this (default 5000000).", show_default=False)
]
BatchOpt = Annotated[int | None, typer.Option(help="NLI batch size (default 16).", show_default=False)]
Int8Opt = Annotated[
    bool,
    typer.Option(
        "--int8", help="Quantize the model's Linear layers to int8 on load (CPU; faster, see bench)."
    ),
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the NLI result cache.")]
TimingsOpt = Annotated[bool, typer.Option("--timings", help="Print the time spent in each stage on stderr.")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Read settings from this file instead of searching.", show_default=False),
]
BaselineOpt = Annotated[
    Path | None,
    typer.Option(
        "--baseline", help="Report only findings not recorded in this baseline file.", show_default=False
    ),
]
WriteBaselineOpt = Annotated[
    Path | None,
    typer.Option("--write-baseline", help="Record today's findings in this file.", show_default=False),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or warnings on stderr.")]
MetaOpt = Annotated[
    Path | None,
    typer.Option(
        "--meta",
        help="A .csv or .json file of outlet, published, title and url per article path or id.",
        show_default=False,
    ),
]
UrlsOpt = Annotated[
    Path | None,
    typer.Option(
        "--urls",
        help="A file of web page addresses to fetch and read, one per line ('#' starts a comment).",
        show_default=False,
    ),
]
MaxArticleCharsOpt = Annotated[
    int | None,
    typer.Option(
        help="Check at most this many characters of each article (default 100000).", show_default=False
    ),
]


def progress_bar(label: str):  # type: ignore[no-untyped-def]
    """A started, transient rich progress bar on stderr (rich imported only when one is shown)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),  # a long article is one step: the clock shows it is moving
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    bar.start()
    return bar


def _handled(command: Callable[..., None]) -> Callable[..., None]:
    """The one boundary where library errors become one line on stderr and exit code 2."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except CrosscheckError as error:
            typer.echo(f"crosscheck: error: {error.line()}", err=True)
            raise typer.Exit(2) from None

    return run


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date must be YYYY-MM-DD, not {value!r}") from None


def _read_urls(urls: Path | None) -> list[str]:
    """``--urls FILE``: one http(s) address per line; blank lines and ``#`` comments are left out."""
    if urls is None:
        return []
    try:
        lines = urls.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        problem = getattr(error, "strerror", None) or "not UTF-8 text"
        raise UsageError(f"cannot read the URL list: {problem}", path=str(urls)) from None
    found = []
    for number, line in enumerate(lines, start=1):
        address = line.split(" #")[0].strip()
        if not address or address.startswith("#"):
            continue
        if not address.lower().startswith(("http://", "https://")) or " " in address:
            raise UsageError(
                f"line {number} is not an http:// or https:// address: {address[:80]!r}", path=str(urls)
            )
        found.append(address)
    return found


def _inputs(given: list[str] | None, urls: Path | None, what: str, command: str) -> list[str]:
    """The command's inputs and the addresses of ``--urls``; at least one of them."""
    inputs = [*(given or []), *_read_urls(urls)]
    if not inputs:
        raise UsageError(f"no inputs: name {what} or give --urls FILE (see 'crosscheck {command} --help')")
    return inputs


def _pages(settings: Settings) -> contextlib.AbstractContextManager[object]:
    """Web pages are fetched with the page cache on or off as the settings say (``--no-cache``)."""
    from crosscheck.ingest import fetching

    return fetching(cache=settings.cache)


def _color_wanted() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _settings(config: Path | None, no_cache: bool, **values: Any) -> Settings:
    """Command-line values over the config file; ``--no-cache`` only ever turns the cache off."""
    return load_settings({**values, "cache": False if no_cache else None}, config_path=config)


#: Inputs with at least this many characters show a bar while their facts are extracted
#: (about two seconds of spaCy on this project's 2-core CI machine).
LONG_INPUT_CHARS = 50_000


class _Progress:
    """Rich progress bars on stderr (terminals only): over articles while a long input's
    facts are extracted, then over pairs while the model scores them."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.task: Any = None

    def extracting(self, articles: int, characters: int) -> None:
        if self.enabled and characters >= LONG_INPUT_CHARS:
            self._begin(f"extracting facts ({characters:,} characters)", articles)

    def start(self, total: int) -> None:
        self.stop()
        if self.enabled and total > 0:
            self._begin("scoring claim pairs", total)

    def _begin(self, label: str, total: int) -> None:
        self.bar = progress_bar(label)
        self.task = self.bar.add_task("stage", total=total)

    def advance(self, done: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, done)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _hooks(progress: _Progress, quiet: bool):  # type: ignore[no-untyped-def]
    from crosscheck.pipeline import Hooks

    def warn(message: str) -> None:
        if not quiet:
            typer.echo(f"crosscheck: warning: {message}", err=True)

    def skipped(item: Any) -> None:
        if not quiet:
            typer.echo(f"crosscheck: skipped {item.path}: {item.problem}", err=True)

    return Hooks(
        on_scoring=progress.start,
        on_scored=progress.advance,
        on_extracting=progress.extracting,
        on_extracted=progress.advance,
        on_warning=warn,
        on_skipped=skipped,
    )


DRAFT_FAIL_ON = "contradiction"
#: Formats whose output is one document, not lines ending with the verdict.
DOCUMENT_FORMATS = ("json", "sarif", "html", "markdown")


def _emit(report: Any, fmt: str | None, output: Path | None, timings: bool) -> None:
    from crosscheck.report import render, verdict

    fmt = fmt or "rich"
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    color = _color_wanted() and output is None and fmt == "rich"
    text = render(report, fmt, color=color)
    if timings:
        stages = report.stats.get("timings", {})
        typer.echo(
            "timings: " + ", ".join(f"{name} {seconds:.2f}s" for name, seconds in stages.items()), err=True
        )
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"cannot write the report: {error.strerror}", path=str(output)) from None
        typer.echo(f"Report written to {output}. {verdict(report)}")
        return
    typer.echo(text, nl=not text.endswith("\n"))
    if fmt in DOCUMENT_FORMATS:  # the document has no last line for a person: say the verdict on stderr
        typer.echo(f"crosscheck: {verdict(report)}", err=True)


class _StderrLog(logging.Handler):
    """The library's log warnings (and notices such as "preparing the model") as
    ``crosscheck:`` lines on stderr, each message once."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seen: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message in self.seen or (
            record.levelno < logging.WARNING and not getattr(record, "notice", False)
        ):
            return
        self.seen.add(message)
        prefix = "crosscheck: warning: " if record.levelno >= logging.WARNING else "crosscheck: "
        typer.echo(prefix + message, err=True)


@contextlib.contextmanager
def _library_log(quiet: bool) -> Iterator[None]:
    """Route the ``crosscheck`` loggers to stderr for one command (nothing with ``--quiet``)."""
    logger = logging.getLogger("crosscheck")
    handler: logging.Handler = logging.NullHandler() if quiet else _StderrLog()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def _run(quiet: bool, run: Callable[[Any], Any]) -> Any:
    """Run a check with a progress bar on a terminal and warnings on stderr; ``run`` gets the hooks."""
    progress = _Progress(enabled=not quiet and sys.stderr.isatty())
    try:
        with _library_log(quiet):
            return run(_hooks(progress, quiet))
    finally:
        progress.stop()


def _deliver(
    report: Any,
    settings: Settings,
    *,
    fmt: str | None,
    output: Path | None,
    timings: bool,
    baseline: Path | None,
    write_baseline: Path | None,
) -> None:
    """Baseline, render, exit code: what every checking command does with its report."""
    from crosscheck.pipeline import verdict_fails

    _apply_baseline(report, baseline, write_baseline)
    _emit(report, fmt, output, timings)
    if verdict_fails(report, settings.fail_on):
        raise typer.Exit(1)


def _apply_baseline(report: Any, baseline: Path | None, write_baseline: Path | None) -> None:
    from crosscheck.baseline import read_baseline, write_baseline_file

    if baseline is not None:
        known = read_baseline(baseline)
        report.findings = [f for f in report.findings if f.id not in known]
        report.stats["baseline_known"] = len(known)
    if write_baseline is not None:
        write_baseline_file(write_baseline, report.findings)


@app.command()
@_handled
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH", help="Article files, folders or http(s) URLs; '-' reads standard input."
        ),
    ] = None,
    urls: UrlsOpt = None,
    model: ModelOpt = None,
    device: DeviceOpt = None,
    threshold: ThresholdOpt = None,
    kinds: KindsOpt = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help=f"Exit 1 when findings reach this level: {', '.join(FAIL_ON)} (default never).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    date: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for a single article.", show_default=False),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet name for a single article.", show_default=False)
    ] = None,
    max_bytes: MaxBytesOpt = None,
    max_article_chars: MaxArticleCharsOpt = None,
    meta: MetaOpt = None,
    batch_size: BatchOpt = None,
    int8: Int8Opt = False,
    no_cache: NoCacheOpt = False,
    baseline: BaselineOpt = None,
    write_baseline: WriteBaselineOpt = None,
    config: ConfigOpt = None,
    timings: TimingsOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Report contradictions between articles about one story.

    Example: crosscheck check fixtures/balloon/ --format json --output report.json
    """
    from crosscheck.pipeline import check as run_check

    settings = _settings(
        config,
        no_cache,
        model=model,
        device=device,
        threshold=threshold,
        kinds=kinds,
        fail_on=fail_on,
        max_bytes=max_bytes,
        max_article_chars=max_article_chars,
        meta=meta,
        batch_size=batch_size,
        int8=int8 or None,
    )
    inputs = _inputs(paths, urls, "article paths", "check")
    with _pages(settings):
        report = _run(
            quiet,
            lambda hooks: run_check(
                inputs, settings, date=_parse_date(date), outlet=outlet, stdin=sys.stdin, hooks=hooks
            ),
        )
    _deliver(
        report,
        settings,
        fmt=fmt,
        output=output,
        timings=timings,
        baseline=baseline,
        write_baseline=write_baseline,
    )


#: The spellings of ``draft``'s source option.
SOURCE_FLAGS = ("--source", "-s")


def sources_after_source(args: list[str], takes_value: frozenset[str] = frozenset()) -> list[str]:
    """``draft D.md --source a.md b.md``: paths right after a source are sources too.

    When a draft is named before the first ``--source``, every path that directly
    follows a source value (up to the next option) is another source, so a shell glob
    (``--source sources/*.md``) means what it says. When no draft comes first
    (``draft --source sources/ d1.md d2.md``, as the pre-commit hook runs it), the
    paths after the source are the drafts, as before.
    """
    draft_first = False
    index = 0
    while index < len(args) and not (args[index] in SOURCE_FLAGS or args[index].startswith("--source=")):
        if args[index] == "--":
            return args
        if args[index] in takes_value:  # ``--format json``: json is the option's value, not a draft
            index += 1
        elif not args[index].startswith("-") or args[index] == "-":
            draft_first = True
        index += 1
    if not draft_first:
        return args
    out: list[str] = []
    in_sources = False
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            out += args[index:]
            break
        if arg in SOURCE_FLAGS and index + 1 < len(args):
            out += [arg, args[index + 1]]
            index += 2
            in_sources = True
            continue
        if arg.startswith("--source="):
            out.append(arg)
            in_sources = True
        elif in_sources and not arg.startswith("-"):
            out += ["--source", arg]
        else:
            out.append(arg)
            in_sources = False
        index += 1
    return out


class _DraftCommand(typer.core.TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        takes_value = frozenset(
            name
            for param in self.params
            if getattr(param, "param_type_name", "") == "option" and not getattr(param, "is_flag", False)
            for name in (*param.opts, *param.secondary_opts)
        )
        return super().parse_args(ctx, sources_after_source(list(args), takes_value))


@app.command(cls=_DraftCommand)
@_handled
def draft(
    drafts: Annotated[
        list[str], typer.Argument(metavar="DRAFT...", help="Draft articles to check ('-' for stdin).")
    ],
    source: Annotated[
        list[str],
        typer.Option(
            "--source",
            "-s",
            help="Source articles, folders or URLs: repeat it, or list several after it when the draft comes first.",
        ),
    ] = [],  # noqa: B006 - typer's list default, never mutated
    urls: Annotated[
        Path | None,
        typer.Option(
            "--urls",
            help="A file of source web page addresses, one per line ('#' starts a comment).",
            show_default=False,
        ),
    ] = None,
    all_findings: Annotated[
        bool, typer.Option("--all", help="Also report disagreements between sources.")
    ] = False,
    no_unsupported: Annotated[
        bool, typer.Option("--no-unsupported", help="Do not report draft facts that no source states.")
    ] = False,
    model: ModelOpt = None,
    device: DeviceOpt = None,
    threshold: ThresholdOpt = None,
    kinds: KindsOpt = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help=f"Exit 1 when findings reach this level: {', '.join(FAIL_ON)} (default contradiction).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    max_bytes: MaxBytesOpt = None,
    max_article_chars: MaxArticleCharsOpt = None,
    meta: MetaOpt = None,
    batch_size: BatchOpt = None,
    int8: Int8Opt = False,
    no_cache: NoCacheOpt = False,
    baseline: BaselineOpt = None,
    write_baseline: WriteBaselineOpt = None,
    config: ConfigOpt = None,
    timings: TimingsOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Check drafts against their sources; exit 1 on a contradiction (for CI).

    Example: crosscheck draft fixtures/drafts/wrong-date.md --source fixtures/balloon/ --format github
    """
    from crosscheck.draft import draft as run_draft

    settings = _settings(
        config,
        no_cache,
        model=model,
        device=device,
        threshold=threshold,
        kinds=kinds,
        fail_on=fail_on,
        max_bytes=max_bytes,
        max_article_chars=max_article_chars,
        meta=meta,
        batch_size=batch_size,
        int8=int8 or None,
    )
    if settings.source_of("fail_on") == "default":  # a draft check exists to fail CI
        settings = settings.with_values({"fail_on": DRAFT_FAIL_ON}, "default for draft")
    sources = [*source, *_read_urls(urls)]
    with _pages(settings):
        report = _run(
            quiet,
            lambda hooks: run_draft(
                drafts,
                sources,
                settings,
                include_sources=all_findings,
                unsupported=not no_unsupported,
                stdin=sys.stdin,
                hooks=hooks,
            ),
        )
    _deliver(
        report,
        settings,
        fmt=fmt,
        output=output,
        timings=timings,
        baseline=baseline,
        write_baseline=write_baseline,
    )


class _StoryProgress:
    """A rich progress bar over stories (with their article count) on stderr, terminals only."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def start(self, stories: int, articles: int) -> None:
        if not self.enabled or stories <= 0:
            return
        self.bar = progress_bar(f"checking stories ({articles} articles)")
        self.task = self.bar.add_task("stories", total=stories)

    def advance(self, record: Any) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, 1)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


@app.command("batch")
@_handled
def batch_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for stories.jsonl, reports and index.")],
    inputs: Annotated[
        list[str] | None,
        typer.Argument(metavar="INPUT...", help="Files, folders, JSON/JSONL exports or URLs."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="Report formats per story, comma-separated: html, json, markdown, sarif."
        ),
    ] = "html,json",
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes or Ray actors (default: the cores).", show_default=False),
    ] = None,
    engine: Annotated[str, typer.Option(help="Where stories are checked: process or ray.")] = "process",
    ray_address: Annotated[
        str | None,
        typer.Option(help="An existing Ray cluster (default: start a local one).", show_default=False),
    ] = None,
    stories: Annotated[
        Path | None,
        typer.Option(help="Use this grouping (JSON {story: [ids]} or a stories.jsonl).", show_default=False),
    ] = None,
    urls: UrlsOpt = None,
    model: ModelOpt = None,
    device: DeviceOpt = None,
    threshold: ThresholdOpt = None,
    kinds: KindsOpt = None,
    max_bytes: MaxBytesOpt = None,
    batch_size: BatchOpt = None,
    int8: Int8Opt = False,
    no_cache: NoCacheOpt = False,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Group a feed into stories, check each one, write a report per story and a ranked index.

    Example: crosscheck batch feed.jsonl --out today/ --workers 2
    """
    from crosscheck.batch import BatchHooks, batch

    settings = _settings(
        config,
        no_cache,
        model=model,
        device=device,
        threshold=threshold,
        kinds=kinds,
        max_bytes=max_bytes,
        batch_size=batch_size,
        int8=int8 or None,
    )
    progress = _StoryProgress(enabled=not quiet and sys.stderr.isatty())
    hooks = BatchHooks(on_stories=progress.start, on_story=progress.advance)
    try:
        result = batch(
            _inputs(inputs, urls, "inputs", "batch"),
            out,
            settings,
            workers=workers,
            engine=engine,
            ray_address=ray_address,
            stories=stories,
            formats=[part.strip() for part in fmt.split(",") if part.strip()],
            hooks=hooks,
        )
    finally:
        progress.stop()
    if not quiet:
        for item in result.skipped:
            typer.echo(f"crosscheck: skipped {item.path}: {item.problem}", err=True)
    counts = result.findings()
    typer.echo(
        f"{len(result.ranked)} stories ({result.checked} checked, {result.resumed} already done, "
        f"{result.failed} failed), {result.articles} articles ({result.copies} syndicated copies); "
        f"findings: {counts['high']} high, {counts['medium']} medium, {counts['low']} low; "
        f"{result.seconds:.1f} s. Index: {out / 'index.html'}"
    )
    if result.failed:
        raise typer.Exit(1)


@app.command("eval")
@_handled
def evaluate_command(
    folders: Annotated[
        list[Path],
        typer.Argument(
            metavar="FOLDER",
            help="Folders holding story clusters (gold.json or expected.json) and pairs.jsonl.",
        ),
    ],
    model: ModelOpt = None,
    threshold: ThresholdOpt = None,
    int8: Int8Opt = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="Output format: text, markdown, json (default text).", show_default=False
        ),
    ] = None,
    output: OutputOpt = None,
    baseline_threshold: Annotated[
        float | None,
        typer.Option(
            help="NLI contradiction probability for the naive baseline (default: the threshold).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Precision, recall and F1 per kind against gold, beside the naive NLI baseline.

    Example: crosscheck eval fixtures/eval fixtures/balloon --format markdown
    """
    from crosscheck.evaluate import FORMATS as EVAL_FORMATS
    from crosscheck.evaluate import evaluate, render_evaluation

    fmt = fmt or "text"
    if fmt not in EVAL_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(EVAL_FORMATS)}, not {fmt!r}")
    settings = load_settings({"model": model, "threshold": threshold, "int8": int8 or None})
    evaluation = evaluate(
        folders,
        settings,
        baseline_threshold=baseline_threshold,
        progress=lambda name: typer.echo(f"crosscheck: evaluating {name}", err=True),
    )
    text = render_evaluation(evaluation, fmt)
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write the evaluation: {error.strerror}", path=str(output)) from None
    typer.echo(f"Evaluation written to {output}.")


@app.command("config")
@_handled
def show_config(config: ConfigOpt = None) -> None:
    """Show the effective settings and where each one came from.

    Example: crosscheck config
    """
    from crosscheck.nli import DEFAULT_MODEL

    settings = load_settings({}, config_path=config)
    names = (
        "model",
        "device",
        "threshold",
        "kinds",
        "fail_on",
        "ignore",
        "max_bytes",
        "max_article_chars",
        "meta",
        "batch_size",
        "cache",
        "int8",
    )
    for name in names:
        value = getattr(settings, name)
        if isinstance(value, tuple):
            shown = ",".join(value)
        elif value is None:
            shown = DEFAULT_MODEL if name == "model" else "(none)"
        else:
            shown = str(value)
        typer.echo(f"{name.replace('_', '-'):<11} = {shown}  [{settings.source_of(name)}]")


@model_app.command("info")
@_handled
def model_info_command(
    model: ModelOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the information as JSON.")] = False,
    card: Annotated[bool, typer.Option("--card", help="Also print the model card.")] = False,
) -> None:
    """Which NLI model is used, where it is, its labels and license status.

    Example: crosscheck model info --card
    """
    from crosscheck.nli import model_info

    settings = load_settings({"model": model})
    info = model_info(settings.model)
    fields = {
        "name": info.name,
        "path": str(info.path) if info.path else None,
        "prepared": info.prepared,
        "labels": list(info.labels),
        "license": info.license,
    }
    if as_json:
        typer.echo(json.dumps({**fields, "card": info.card} if card else fields, indent=2))
        return
    for key, value in fields.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        typer.echo(f"{key:<9} {shown}")
    if card:
        typer.echo("")
        typer.echo(info.card)


@model_app.command("prepare")
@_handled
def model_prepare(
    model: ModelOpt = None,
    verify: Annotated[
        bool,
        typer.Option("--verify", help="Hash every file of the prepared model; rebuild it if one differs."),
    ] = False,
) -> None:
    """Build the model ahead of time (CI caches, container images).

    Example: crosscheck model prepare --verify
    """
    from crosscheck.nli import prepare_model

    settings = load_settings({"model": model})
    with _library_log(quiet=False):
        path = prepare_model(settings.model, verify=verify)
    typer.echo(f"model ready{' and verified' if verify else ''}: {path}")


@app.command("rules")
@_handled
def rules_command(
    code: Annotated[
        str | None, typer.Argument(help="One rule's code (e.g. number/same-claim-other-figure).")
    ] = None,
) -> None:
    """List every rule and exemption: what it does, why, an example that fires and one that does not.

    Example: crosscheck rules number/same-claim-other-figure
    """
    from crosscheck.judge.rules import RULES

    chosen = [r for r in RULES if code in (None, r.code)]
    if not chosen:
        raise UsageError(f"no rule {code!r}: `crosscheck rules` lists them")
    for item in chosen:
        if code is None:
            typer.echo(f"{item.code:<34} {item.summary}")
            continue
        typer.echo(f"{item.code} ({item.role}, kind {item.kind})\n\n{item.summary}\n\nWhy: {item.why}")
        typer.echo(f"\nFires:        {item.fires}\nDoes not fire: {item.silent}")


def main() -> None:
    """Entry point for the console script and ``python -m crosscheck``.

    Usage errors (an unknown option, a missing argument) are one line, as library errors are.
    """
    try:  # typer 0.29 and later carry their own copy of click
        from typer._click import exceptions as click_errors
    except ImportError:  # pragma: no cover - older typer uses click itself
        from click import exceptions as click_errors

    try:
        code = app(standalone_mode=False)
    except click_errors.NoArgsIsHelpError as error:
        typer.echo(error.ctx.get_help() if error.ctx else str(error))
        code = 0
    except click_errors.UsageError as error:
        command = error.ctx.command_path if error.ctx else "crosscheck"
        line = UsageError(f"{error.format_message()} (see '{command} --help')").line()
        typer.echo(f"crosscheck: error: {line}", err=True)
        code = 2
    except typer.Abort:
        typer.echo("crosscheck: interrupted", err=True)
        code = 130
    except KeyboardInterrupt:
        typer.echo("crosscheck: interrupted", err=True)
        code = 130
    sys.exit(code if isinstance(code, int) else 0)
