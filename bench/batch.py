"""``crosscheck batch`` on generated days of news: articles per minute, memory per worker, growth.

A generated day of ``n`` articles is made of story instances: each instance is one
of the labelled mixture's clusters (``bench/mixture.py``: the fixture stories and
their decoys) with every proper name replaced by names made up for that instance, so
instances of one template are different stories, and most of their topic words (60%) are
made up too, so two instances share what two stories on one subject share. About one in five has a
syndicated copy (``mixture._copy``). Publication days are spread over two weeks.

Rows: each corpus size, in process with 1 and 2 workers and on local Ray with 2
actors (when ray is installed), every run in a fresh interpreter so its peak memory
is its own; the fake NLI model (``bench/fake.py``) stands in for the model, so the
figures are grouping plus the pipeline (ingest, segment, extract, align, judge,
reports), not NLI. One small row uses the real model. Grouping is also timed alone
per size, with its candidate pairs, to show it is not quadratic in the articles.

Cross-story batching: the 200-article day in process with 1 worker, chunks of one
story (each story's questions its own model call, as before chunking) against the
shipped chunks (``crosscheck.batch._chunks``), with the fake and the real model:
articles per minute, model calls, the pairs they held, seconds in the model and (real
model) forward batches; then the real model alone on the same questions, chunked and
per story paired chunk by chunk (``_paired_nli``), which a shared machine's load sways less.

    python bench/batch.py [--sizes 200,1000] [--big] [--workers 1,2] [--no-ray] [--real-size 60]
                          [--cross-size 200] [--no-cross-real]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from options import BenchOptions, peak_rss_mb  # noqa: E402

#: A capitalised word after a lower-case word or a comma: a name, not a sentence's first word.
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,})\b")
#: A lower-case word of five letters or more: a story's topic words ("balloon", "typhoon").
_WORD = re.compile(r"\b[a-z]{5,}\b")
#: Share of an instance's topic words replaced by made-up words (names always are): instances of
#: one template then share under half of their topic words, as two stories on one subject do.
RENAMED_WORDS = 0.8
_SYLLABLES = tuple(c + v for c in "bdfgklmnprstvz" for v in "aeiou")  # 70 syllables
DEFAULT_SIZES = (200, 1000)
BIG_SIZE = 5000


def _templates() -> list[list[dict[str, object]]]:
    """The mixture's stories (fixture clusters and decoys, copies left out), each a list of records."""
    from mixture import build

    records, labels = build(seed=7)
    stories: dict[str, list[dict[str, object]]] = {}
    for record in sorted(records, key=lambda r: str(r["id"])):
        label = labels[str(record["id"])]
        if label["copy_of"] is None:
            stories.setdefault(str(label["story"]), []).append(record)
    return [stories[name] for name in sorted(stories)]


def _made_up(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()
        if name not in taken:
            taken.add(name)
            return name


def generate(size: int, seed: int = 0) -> tuple[list[dict[str, object]], dict[str, str]]:
    """``size`` records (a day's feed) and each record's true story."""
    import datetime as dt

    from mixture import _copy

    rng = random.Random(seed)
    templates = _templates()
    taken: set[str] = set()
    records: list[dict[str, object]] = []
    truth: dict[str, str] = {}
    instance = 0
    while len(records) < size:
        template = templates[instance % len(templates)]
        names: dict[str, str] = {}
        texts = " ".join(f"{r['title']} {r['text']}" for r in template)
        for name in sorted(set(_NAME.findall(texts))):
            names[name] = _made_up(rng, taken)
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        for word in sorted(set(_WORD.findall(texts)) - set(names) - ENGLISH_STOP_WORDS):
            if rng.random() < RENAMED_WORDS:
                names[word] = _made_up(rng, taken).lower()
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b") if names else None

        def renamed(text: object, pattern: re.Pattern[str] | None = pattern, names: dict = names) -> object:
            if not isinstance(text, str) or pattern is None:
                return text
            return pattern.sub(lambda m: names[m.group(1)], text)

        day = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randint(0, 13))
        story = f"story-{instance}"
        made = []
        for number, record in enumerate(template):
            made.append(
                {
                    "id": f"{story}-{number}",
                    "outlet": f"{renamed(record['outlet'])} {instance % 7}",
                    "published": (day + dt.timedelta(days=number % 2)).isoformat(),
                    "title": renamed(record["title"]),
                    "url": None,
                    "text": renamed(record["text"]),
                }
            )
        if rng.random() < 0.2:
            made.append(
                {**_copy(made[0], instance, f"Wire Carrier {instance % 5}", True), "id": f"{story}-copy"}
            )
        for record in made[: size - len(records)]:
            records.append(record)
            truth[str(record["id"])] = story
        instance += 1
    rng.shuffle(records)
    return records, truth


def write_feed(path: Path, size: int, seed: int = 0) -> dict[str, str]:
    records, truth = generate(size, seed)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return truth


class _WorkerMemory:
    """Samples the resident memory of this process's worker processes (pool or Ray) every 0.2 s."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peaks: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _is_worker(self, process) -> bool:  # type: ignore[no-untyped-def]
        try:
            line = " ".join(process.cmdline())
        except Exception:
            return False
        return "spawn_main" in line or line.startswith("ray::_RayChecker")

    def _sample(self) -> None:
        while not self.stop.is_set():
            try:
                for child in self.me.children(recursive=True):
                    if self._is_worker(child):
                        rss = child.memory_info().rss / 2**20
                        self.peaks[child.pid] = max(self.peaks.get(child.pid, 0.0), rss)
            except Exception:  # a process ended while it was read
                pass
            self.stop.wait(0.2)

    def __enter__(self) -> _WorkerMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


class _Calls:
    """The model's ``predict`` calls in this process, the pairs they held, the seconds they took
    and its forward batches."""

    calls = 0
    pairs = 0
    seconds = 0.0
    batches = 0

    @classmethod
    def counting(cls, model):  # type: ignore[no-untyped-def]
        """``model``, its ``predict`` (and a real model's ``_batch_probabilities``) counted."""
        predict, forward = model.predict, getattr(model, "_batch_probabilities", None)

        def counted_predict(pairs, progress=None):  # type: ignore[no-untyped-def]
            cls.calls += 1
            cls.pairs += len(pairs)
            started = time.perf_counter()
            try:
                return predict(pairs, progress)
            finally:
                cls.seconds += time.perf_counter() - started

        def counted_forward(batch):  # type: ignore[no-untyped-def]
            cls.batches += 1
            return forward(batch)

        model.predict = counted_predict
        if forward is not None:
            model._batch_probabilities = counted_forward
        return model


def _counted_fake():  # type: ignore[no-untyped-def]
    from fake import FakeNLI

    return _Calls.counting(FakeNLI())


def _one(spec: dict[str, object]) -> dict[str, object]:
    """One batch run in this (fresh) interpreter: what the parent asked for in ``spec``.

    With ``chunk_stories`` (1 worker, in process), chunks hold at most that many stories
    and the model's calls are counted."""
    from crosscheck import batch
    from crosscheck.config import Settings

    feed, out = Path(str(spec["feed"])), Path(str(spec["out"]))
    workers, engine, real = int(spec["workers"]), str(spec["engine"]), bool(spec["real"])
    settings = Settings(model=str(spec["model"]) if real else None, cache=False, device="cpu")
    counted = spec.get("chunk_stories") is not None
    factory = None
    if counted:
        import crosscheck.pipeline
        from crosscheck.batch import _chunks

        _chunks.CHUNK_STORIES = int(spec["chunk_stories"])  # type: ignore[arg-type]
        configured = crosscheck.pipeline.configured_model

        def counted_model(settings: Settings):  # type: ignore[no-untyped-def]
            return _Calls.counting(configured(settings))

        crosscheck.pipeline.configured_model = counted_model
        factory = None if real else _counted_fake
    elif not real:
        from fake import FakeNLI

        factory = FakeNLI
    started_ray = False
    if engine == "ray":
        import ray

        paths = os.pathsep.join([str(HERE), str(ROOT / "src")])
        env = {"PYTHONPATH": paths, "HF_HUB_OFFLINE": "1"}
        ray.init(
            num_cpus=workers, include_dashboard=False, log_to_driver=False, runtime_env={"env_vars": env}
        )
        started_ray = True
    try:
        with _WorkerMemory() as memory:
            started = time.perf_counter()
            result = batch([feed], out, settings, workers=workers, engine=engine, nli_factory=factory)
            seconds = time.perf_counter() - started
    finally:
        if started_ray:
            import ray

            ray.shutdown()
    worker_peak = max(memory.peaks.values()) if memory.peaks else peak_rss_mb()
    stories = [json.loads(line) for line in (out / "stories.jsonl").read_text("utf-8").splitlines()]
    checked = [story for story in stories if story["status"] == "done"]
    return {
        "seconds": round(seconds, 2),
        "stories": len(stories),
        "checked_stories": len(checked),
        "failed": result.failed,
        "copies": result.copies,
        "findings": sum(int(story["findings"].get("findings", 0)) for story in checked),
        "worker_peak_mb": round(worker_peak, 1),
        "driver_peak_mb": round(peak_rss_mb(), 1),
        **({"model_calls": _Calls.calls, "pairs": _Calls.pairs} if counted else {}),
        **({"nli_s": round(_Calls.seconds, 2)} if counted else {}),
        **({"forward_batches": _Calls.batches} if counted and real else {}),
    }


def _grouping(feed: Path, truth: dict[str, str]) -> dict[str, object]:
    """Reading, syndication and grouping alone: seconds, candidate pairs, B-cubed F1."""
    from mixture import b_cubed

    from crosscheck.batch._group import Grouper, GroupOptions
    from crosscheck.batch._run import read_feed
    from crosscheck.batch._types import BatchHooks
    from crosscheck.config import Settings

    pairs: list[int] = []
    original = Grouper._candidates

    def counted(self, vectors):  # type: ignore[no-untyped-def]
        found = original(self, vectors)
        pairs.append(len(found[0]))
        return found

    Grouper._candidates = counted  # type: ignore[method-assign]
    try:
        started = time.perf_counter()
        parsed = read_feed([str(feed)], Settings(cache=False), None, GroupOptions(), BatchHooks())
        seconds = time.perf_counter() - started
    finally:
        Grouper._candidates = original  # type: ignore[method-assign]
    groups = [[parsed.entries[n].id for n in story] for story in parsed.stories]
    return {
        "group_s": round(seconds, 2),
        "candidate_pairs": sum(pairs),
        "b_cubed_f1": b_cubed(groups, truth)["f1"],
        "stories_found": len(groups),
        "stories_true": len(set(truth.values())),
    }


def _paired_nli(feed: Path, model: str) -> dict[str, object]:
    """The real model alone on the day's questions, chunk by chunk: one call for the chunk's
    stories, then one call per story (which goes first alternates), the model loaded once.
    Paired a chunk apart, the two see the same load on a shared machine, as two whole runs
    minutes apart do not."""
    from crosscheck.batch._chunks import chunks
    from crosscheck.batch._group import GroupOptions
    from crosscheck.batch._read import read_again
    from crosscheck.batch._run import read_feed, story_record
    from crosscheck.batch._types import BatchHooks
    from crosscheck.config import Settings
    from crosscheck.judge import nli_questions
    from crosscheck.pipeline import align_claims, configured_model, prepare

    settings = Settings(model=model, cache=False, device="cpu")
    parsed = read_feed([str(feed)], settings, None, GroupOptions(), BatchHooks())
    asked: dict[str, list[tuple[str, str]]] = {}
    sizes = []
    for story in parsed.stories:
        record = story_record(story, parsed, "")
        if record["status"] == "pending":
            articles = [read_again(parsed.entries[n], settings.max_bytes) for n in story]
            aligned = align_claims(prepare(articles, settings, collapse_copies=True))
            asked[str(record["id"])] = nli_questions(aligned.prepared.claims, aligned.pairs)
            sizes.append((str(record["id"]), len(record["articles"])))  # type: ignore[arg-type]
    nli = _Calls.counting(configured_model(settings))
    nli.predict(asked[min(asked)][:2])  # loads the weights
    seconds = {"chunked": 0.0, "per_story": 0.0}
    batches = {"chunked": 0, "per_story": 0}
    for number, chunk in enumerate(chunks(sorted(sizes))):
        calls = {
            "chunked": [list(dict.fromkeys(q for story in chunk for q in asked[story]))],
            "per_story": [asked[story] for story in chunk if asked[story]],
        }
        for way in sorted(calls, reverse=number % 2 == 1):
            _Calls.batches = 0
            started = time.perf_counter()
            for pairs in calls[way]:
                nli.predict(pairs)
            seconds[way] += time.perf_counter() - started
            batches[way] += _Calls.batches
    return {
        "pairs": sum(len(pairs) for pairs in asked.values()),
        **{f"{way}_s": round(value, 2) for way, value in seconds.items()},
        **{f"{way}_batches": value for way, value in batches.items()},
    }


def _child(kind: str, spec: dict[str, object]) -> dict[str, object]:
    """Run ``kind`` (a batch run or grouping alone) in a fresh interpreter; its JSON result."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = Path(handle.name)
    try:
        env = dict(os.environ, HF_HUB_OFFLINE="1")
        payload = json.dumps({"kind": kind, **spec})
        subprocess.run([sys.executable, __file__, "--child", payload, str(result_path)], env=env, check=True)
        return json.loads(result_path.read_text("utf-8"))
    finally:
        result_path.unlink(missing_ok=True)


def _configurations(workers: tuple[int, ...], ray: bool) -> list[tuple[str, int]]:
    found = [("process", count) for count in workers]
    if ray:
        try:
            import ray as _  # noqa: F401

            found.append(("ray", 2))
        except ImportError:
            pass
    return found


def measure(
    sizes: tuple[int, ...],
    scratch: Path,
    *,
    workers: tuple[int, ...] = (1, 2),
    ray: bool = True,
    real_size: int | None = 60,
    model: str = "crosscheck-news-nli",
    cross_size: int | None = 200,
    cross_real: bool = True,
) -> dict[str, object]:
    scratch.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    growth: list[dict[str, object]] = []
    runs = [(size, engine, count, False) for size in sizes for engine, count in _configurations(workers, ray)]
    if real_size:
        runs.append((real_size, "process", 1, True))
    feeds: dict[int, Path] = {}
    for size in sorted({size for size, *_ in runs} | ({cross_size} if cross_size else set())):
        feeds[size] = scratch / f"day-{size}.jsonl"
        truth = write_feed(feeds[size], size)
        if size in sizes:
            truths_path = scratch / f"truth-{size}.json"
            truths_path.write_text(json.dumps(truth), "utf-8")
            found = _child("group", {"feed": str(feeds[size]), "truth": str(truths_path)})
            growth.append(
                {"articles": size, **found, "group_ms_per_article": round(1000 * found["group_s"] / size, 2)}
            )
    for size, engine, count, real in runs:
        out = scratch / f"out-{size}-{engine}-{count}-{'real' if real else 'fake'}"
        spec = {
            "feed": str(feeds[size]),
            "out": str(out),
            "workers": count,
            "engine": engine,
            "real": real,
            "model": model,
        }
        shutil.rmtree(out, ignore_errors=True)
        found = _child("batch", spec)
        checked = max(1, int(found["checked_stories"]))
        rows.append(
            {
                "articles": size,
                "engine": engine,
                "workers": count,
                "model": model if real else "fake",
                "articles_per_min": round(60 * size / found["seconds"], 1),
                "s_per_checked_story": round(found["seconds"] / checked, 3),
                "worker_s_per_story": round(found["seconds"] * count / checked, 3),
                **found,
            }
        )
    cross = _cross_story(feeds[cross_size], cross_size, scratch, cross_real, model) if cross_size else []
    paired = (
        _child("nli", {"feed": str(feeds[cross_size]), "model": model}) if cross_size and cross_real else {}
    )
    return {"rows": rows, "growth": growth, "cross_story": cross, "paired_nli": paired}


def _cross_story(feed: Path, size: int, scratch: Path, real: bool, model: str) -> list[dict[str, object]]:
    """The day checked with chunks of one story, then of the shipped ``CHUNK_STORIES``, 1 worker."""
    from crosscheck.batch._chunks import CHUNK_STORIES

    rows = []
    for is_real in (False, True) if real else (False,):
        for chunk in (1, CHUNK_STORIES):
            out = scratch / f"out-{size}-chunk{chunk}-{'real' if is_real else 'fake'}"
            shutil.rmtree(out, ignore_errors=True)
            spec = {
                "feed": str(feed),
                "out": str(out),
                "workers": 1,
                "engine": "process",
                "real": is_real,
                "model": model,
                "chunk_stories": chunk,
            }
            found = _child("batch", spec)
            rows.append(
                {
                    "articles": size,
                    "model": model if is_real else "fake",
                    "stories_per_chunk": chunk,
                    "articles_per_min": round(60 * size / found["seconds"], 1),
                    "seconds": found["seconds"],
                    "checked_stories": found["checked_stories"],
                    "model_calls": found["model_calls"],
                    "pairs": found["pairs"],
                    "nli_s": found["nli_s"],
                    **({"forward_batches": found["forward_batches"]} if is_real else {}),
                    "findings": found["findings"],
                }
            )
    return rows


def run(options: BenchOptions) -> dict[str, object]:
    """The bench/run.py entry point: ``options.batch_sizes`` (cross-story rows on the first),
    the fake model when ``--fake``."""
    result = measure(
        options.batch_sizes,
        options.scratch / "batch",
        ray=options.batch_ray,
        real_size=None if options.fake else options.batch_real_size,
        model=options.model,
        cross_size=options.batch_sizes[0],
        cross_real=not options.fake,
    )
    return {key: result[key] for key in ("rows", "growth", "cross_story", "paired_nli")}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        spec = json.loads(argv[1])
        if spec["kind"] == "group":
            found = _grouping(Path(spec["feed"]), json.loads(Path(spec["truth"]).read_text("utf-8")))
        elif spec["kind"] == "nli":
            found = _paired_nli(Path(spec["feed"]), str(spec["model"]))
        else:
            found = _one(spec)
        Path(argv[2]).write_text(json.dumps(found), "utf-8")
        return 0
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="corpus sizes in articles")
    parser.add_argument("--big", action="store_true", help=f"also {BIG_SIZE:,} articles")
    parser.add_argument("--workers", default="1,2", help="in-process worker counts")
    parser.add_argument("--no-ray", action="store_true", help="leave out the local Ray rows")
    parser.add_argument("--real-size", type=int, default=60, help="articles of the real-model row (0: none)")
    parser.add_argument("--model", default="crosscheck-news-nli")
    parser.add_argument(
        "--cross-size", type=int, default=200, help="articles of the cross-story rows (0: none)"
    )
    parser.add_argument(
        "--no-cross-real", action="store_true", help="cross-story rows with the fake model only"
    )
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(",")) + ((BIG_SIZE,) if args.big else ())
    from table import markdown_table

    result = measure(
        sizes,
        BenchOptions().scratch / "batch",
        workers=tuple(int(w) for w in args.workers.split(",")),
        ray=not args.no_ray,
        real_size=args.real_size or None,
        model=args.model,
        cross_size=args.cross_size or None,
        cross_real=not args.no_cross_real,
    )
    print("### batch runs\n\n" + markdown_table(result["rows"]))  # type: ignore[arg-type]
    print("\n### grouping alone\n\n" + markdown_table(result["growth"]))  # type: ignore[arg-type]
    if result["cross_story"]:
        print("\n### cross-story batching\n\n" + markdown_table(result["cross_story"]))  # type: ignore[arg-type]
    if result["paired_nli"]:
        print("\n### NLI alone, chunked and per story, paired\n\n" + markdown_table([result["paired_nli"]]))  # type: ignore[list-item]
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
