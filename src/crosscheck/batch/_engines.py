"""Where stories are checked: this process, a pool of processes, or Ray actors; one model per worker.

Each engine takes chunks of story tasks (``_chunks``) lazily, sends each chunk to one
worker whole and calls ``done`` with every outcome in the driver process, keeping a
few chunks per worker in flight so that a large feed is never held in memory whole.
Ray is imported here only, when asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from crosscheck.batch import ENGINES
from crosscheck.batch._story import StoryOutcome, StoryTask
from crosscheck.batch._worker import Worker, init_process, run_in_process
from crosscheck.config import Settings
from crosscheck.errors import UsageError, WorkerLost
from crosscheck.nli.base import NLIModel

#: Chunks queued per worker: enough to keep it busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 2

NLIFactory = Callable[[], NLIModel]
Done = Callable[[StoryOutcome], None]
Chunk = Sequence[StoryTask]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run(
    chunks: Iterable[Chunk],
    settings: Settings,
    done: Done,
    *,
    engine: str = "process",
    workers: int = 1,
    ray_address: str | None = None,
    nli_factory: NLIFactory | None = None,
) -> None:
    if engine not in ENGINES:
        raise UsageError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    if engine == "ray":
        _run_ray(chunks, settings, done, workers=workers, address=ray_address, nli_factory=nli_factory)
    elif workers == 1:
        worker = Worker(settings, nli_factory)
        for chunk in chunks:
            _hand_over(worker(chunk), done)
    else:
        _run_pool(chunks, settings, done, workers=workers, nli_factory=nli_factory)


def _hand_over(outcomes: list[StoryOutcome], done: Done) -> None:
    for outcome in outcomes:
        done(outcome)


def _run_pool(
    chunks: Iterable[Chunk],
    settings: Settings,
    done: Done,
    *,
    workers: int,
    nli_factory: NLIFactory | None,
) -> None:
    # spawn, not fork: the parent may hold threads (torch, sqlite) that a fork would copy mid-state
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=init_process,
        initargs=(settings, nli_factory),
    ) as pool:
        pending: set[Future[list[StoryOutcome]]] = set()
        try:
            for chunk in chunks:
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    pending = _collect(pending, done)
                pending.add(pool.submit(run_in_process, chunk))
            while pending:
                pending = _collect(pending, done)
        except BrokenProcessPool:
            raise WorkerLost(
                "a worker process died before its stories were done: rerun the same command to finish"
            ) from None


def _collect(pending: set[Future[list[StoryOutcome]]], done: Done) -> set[Future[list[StoryOutcome]]]:
    """Wait for at least one chunk; hand over every finished one; what is still running."""
    finished, running = wait(pending, return_when=FIRST_COMPLETED)
    for future in finished:
        _hand_over(future.result(), done)
    return set(running)


def _ray():  # type: ignore[no-untyped-def]
    try:
        import ray
    except ImportError:
        raise UsageError(
            "--engine ray needs Ray, which is not installed: pip install 'crosscheck[ray]'"
        ) from None
    return ray


class _RayChecker:
    """The Ray actor: one ``Worker`` (one model) for every chunk sent to it."""

    def __init__(self, settings: Settings, nli_factory: NLIFactory | None) -> None:
        self.worker = Worker(settings, nli_factory)

    def check(self, chunk: Chunk) -> list[StoryOutcome]:
        return self.worker(chunk)


def _run_ray(
    chunks: Iterable[Chunk],
    settings: Settings,
    done: Done,
    *,
    workers: int,
    address: str | None,
    nli_factory: NLIFactory | None,
) -> None:
    ray = _ray()
    started = not ray.is_initialized()
    if started:
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    try:
        actor_class = ray.remote(num_cpus=1)(_RayChecker)
        actors = [actor_class.remote(settings, nli_factory) for _ in range(workers)]
        idle = list(actors)
        running: dict[object, object] = {}
        queue = iter(chunks)
        exhausted = False
        while True:
            while idle and not exhausted:
                chunk = next(queue, None)
                if chunk is None:
                    exhausted = True
                    break
                actor = idle.pop()
                running[actor.check.remote(chunk)] = actor
            if not running:
                break
            ready, _ = ray.wait(list(running), num_returns=1)
            for ref in ready:
                idle.append(running.pop(ref))
                try:
                    _hand_over(ray.get(ref), done)
                except ray.exceptions.RayError:
                    raise WorkerLost(
                        "a Ray worker died before its stories were done: rerun the same command to finish"
                    ) from None
    finally:
        if started:
            ray.shutdown()
