"""The SQLite files behind the on-disk caches (NLI results, extracted facts), opened safely.

A cache is only ever a copy of work that can be redone, so a damaged file (garbage
bytes, a torn page, a stale ``-wal`` file from another database) must never stop a
run: it is moved aside to ``NAME.damaged`` and a fresh one is started, with one
warning. Recovery happens under a file lock and re-checks the file once the lock is
held, so concurrent runs that all hit the damage move it aside once and then share
the new file. Any other failure (read-only folder, locked database) means running
without the cache for this process, also with one warning.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from pathlib import Path

log = logging.getLogger("crosscheck.cache")

#: Suffixes of the files SQLite keeps beside a database in WAL mode.
SIDE_FILES = ("-wal", "-shm", "-journal")
_warned: set[tuple[str, str]] = set()


def warn_once(path: Path, message: str) -> None:
    """Log ``message`` once per cache file and kind of problem in this process."""
    key = (str(path), message.split(" (")[0])
    if key not in _warned:
        _warned.add(key)
        log.warning("%s", message)


def is_damage(error: BaseException) -> bool:
    """Corruption ("file is not a database", "disk image is malformed"), not a lock or a permission."""
    if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError):
        return True
    text = str(error).lower()
    return "malformed" in text or "not a database" in text


def _open(path: Path, schema: str, timeout: float) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=timeout)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(schema)
        db.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
        db.commit()
    except BaseException:
        db.close()
        raise
    return db


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its side files) to ``NAME.damaged``, replacing an older one.

    The side files go first: a run opening the cache without the lock in between then finds the
    damaged database alone (damage: it waits for the lock) or no database (it starts the new one),
    never a fresh database beside the damaged one's write-ahead log, which this would then move
    away with that run's writes in it.
    """
    target = path.with_name(path.name + ".damaged")
    for suffix in (*SIDE_FILES, ""):
        source = path.with_name(path.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            os.replace(source, target.with_name(target.name + suffix))
    return target


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


def open_cache(path: Path, schema: str, *, what: str, timeout: float = 30) -> sqlite3.Connection | None:
    """A connection to the cache at ``path`` with ``schema`` applied, or None to run without it."""
    from crosscheck.nli._paths import locked

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return _open(path, schema, timeout)
    except sqlite3.Error as error:
        if not is_damage(error):
            warn_once(path, f"the {what} cache {path} is unusable ({error}); running without it")
            return None
        first_error = error
    except OSError as error:
        warn_once(path, f"the {what} cache {path} is unusable ({error.strerror}); running without it")
        return None
    try:
        with locked(path.with_name(f".{path.name}.lock")):
            try:  # another run may have rebuilt it while this one waited for the lock
                return _open(path, schema, timeout)
            except sqlite3.Error as error:
                if not is_damage(error):
                    raise
            moved = move_aside(path)
            db = _open(path, schema, timeout)
    except (sqlite3.Error, OSError) as error:
        warn_once(
            path, f"the {what} cache {path} is damaged and could not be rebuilt ({error}); running without it"
        )
        return None
    warn_once(
        path,
        f"the {what} cache {path} was damaged ({first_error}): moved it to {moved} and started a new one",
    )
    return db


class CacheFile:
    """One cache database for the life of a process; any failure turns it off with one warning.

    Damage found after opening (a torn page read mid-run) moves the file aside, unless
    another run already replaced it (the file is no longer the one opened), so the next
    run starts clean.
    """

    def __init__(self, path: Path, schema: str, *, what: str) -> None:
        self.path = path
        self.what = what
        self.db = open_cache(path, schema, what=what)
        self._inode = _inode(path) if self.db is not None else None

    def failed(self, error: sqlite3.Error) -> None:
        """Stop using the cache after ``error``; set aside the file when ``error`` is damage."""
        from crosscheck.nli._paths import locked

        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None
        if not is_damage(error):
            warn_once(self.path, f"the {self.what} cache {self.path} failed ({error}); running without it")
            return
        warn_once(
            self.path,
            f"the {self.what} cache {self.path} is damaged ({error}): set aside, a new one starts next run",
        )
        with contextlib.suppress(OSError), locked(self.path.with_name(f".{self.path.name}.lock")):
            if self._inode is not None and _inode(self.path) == self._inode:
                move_aside(self.path)
