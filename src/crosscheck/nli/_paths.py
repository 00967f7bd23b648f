"""Where models and scores are cached, and how a folder is built there safely.

Builds happen in a temporary sibling folder renamed into place, under a file
lock, so a crash never leaves a half-written model and two processes do not
convert the same model twice.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger("crosscheck.nli")

CACHE_ENV = "CROSSCHECK_CACHE"
_FELL_BACK: set[Path] = set()


def cache_dir() -> Path:
    """The writable cache root: ``$CROSSCHECK_CACHE``, else the user cache dir, else a temp dir."""
    env = os.environ.get(CACHE_ENV)
    if env:
        wanted = Path(env).expanduser()
    else:
        from platformdirs import user_cache_dir

        wanted = Path(user_cache_dir("crosscheck"))
    if _writable(wanted):
        return wanted
    fallback = Path(tempfile.gettempdir()) / f"crosscheck-cache-{_user_tag()}"
    if wanted not in _FELL_BACK:  # asked for once per cache file: say it once
        _FELL_BACK.add(wanted)
        log.warning("cache dir %s is not writable; using %s instead", wanted, fallback)
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback


def _user_tag() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid else "user"


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".probe-"):
            pass
    except OSError:
        return False
    return True


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``lock_path`` (a no-op where fcntl is missing)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: builds still land atomically through the rename
        yield
        return
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def building(final: Path) -> Iterator[Path]:
    """Yield a fresh temp folder beside ``final``; on success it replaces ``final`` in one rename."""
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-", dir=final.parent))
    try:
        yield work
        if final.exists():
            shutil.rmtree(final)
        os.replace(work, final)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
