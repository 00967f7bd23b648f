"""Where stories are checked: this process, a pool of processes, or Ray actors; one model per worker.

Each engine takes story tasks lazily and calls ``done`` with every outcome in the
driver process, keeping a few tasks per worker in flight so that a large feed is
never held in memory whole. Ray is imported here only, when asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from crosscheck.batch import ENGINES
from crosscheck.batch._story import StoryOutcome, StoryTask, Worker, init_process, run_in_process
from crosscheck.config import Settings
from crosscheck.errors import UsageError, WorkerLost
from crosscheck.nli.base import NLIModel

#: Tasks queued per worker: enough to keep it busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 2

NLIFactory = Callable[[], NLIModel]
Done = Callable[[StoryOutcome], None]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run(
    tasks: Iterable[StoryTask],
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
        _run_ray(tasks, settings, done, workers=workers, address=ray_address, nli_factory=nli_factory)
    elif workers == 1:
        worker = Worker(settings, nli_factory)
        for task in tasks:
            done(worker(task))
    else:
        _run_pool(tasks, settings, done, workers=workers, nli_factory=nli_factory)


def _run_pool(
    tasks: Iterable[StoryTask],
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
        pending: set[Future[StoryOutcome]] = set()
        try:
            for task in tasks:
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    pending = _collect(pending, done)
                pending.add(pool.submit(run_in_process, task))
            while pending:
                pending = _collect(pending, done)
        except BrokenProcessPool:
            raise WorkerLost(
                "a worker process died before its story was done: rerun the same command to finish"
            ) from None


def _collect(pending: set[Future[StoryOutcome]], done: Done) -> set[Future[StoryOutcome]]:
    """Wait for at least one task; hand over every finished one; what is still running."""
    finished, running = wait(pending, return_when=FIRST_COMPLETED)
    for future in finished:
        done(future.result())
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
    """The Ray actor: one ``Worker`` (one model) for every story sent to it."""

    def __init__(self, settings: Settings, nli_factory: NLIFactory | None) -> None:
        self.worker = Worker(settings, nli_factory)

    def check(self, task: StoryTask) -> StoryOutcome:
        return self.worker(task)


def _run_ray(
    tasks: Iterable[StoryTask],
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
        queue = iter(tasks)
        exhausted = False
        while True:
            while idle and not exhausted:
                task = next(queue, None)
                if task is None:
                    exhausted = True
                    break
                actor = idle.pop()
                running[actor.check.remote(task)] = actor
            if not running:
                break
            ready, _ = ray.wait(list(running), num_returns=1)
            for ref in ready:
                idle.append(running.pop(ref))
                try:
                    done(ray.get(ref))
                except ray.exceptions.RayError:
                    raise WorkerLost(
                        "a Ray worker died before its story was done: rerun the same command to finish"
                    ) from None
    finally:
        if started:
            ray.shutdown()
