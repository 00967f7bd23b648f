"""Web pages by URL: fetched politely, kept on disk, read as HTML articles.

An ``http://`` or ``https://`` input is fetched with the standard library's
``urllib`` (the user's proxy settings apply), with an overall timeout, at most one
request per ``interval`` seconds to any one host, and at most ``max_bytes`` read (the
``--max-bytes`` of files). A page that is fetched is kept in the page cache under
crosscheck's cache folder (``pages/``, one file per URL) and read from there next
time; ``fetching(cache=False)`` (``--no-cache``) neither reads nor writes that cache,
and keeps the pages of the run in a temporary folder that is removed when it ends,
so reading an input twice in one run (``batch`` does) fetches it once.

Nothing here is used unless the user names a URL: this is the only network use
besides a named Hugging Face model. A page that cannot be fetched or read raises
``FetchError`` or ``Unreadable`` with a one-line problem; the caller skips that input.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

#: Seconds a page may take, connecting and reading included.
DEFAULT_TIMEOUT = 20.0
#: Seconds between the starts of two requests to the same host (host and port).
DEFAULT_INTERVAL = 1.0
#: Content types read as web pages.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 64 * 1024
_FOLDER = "pages"


class FetchError(Exception):
    """A page that could not be fetched; the message is the one-line problem."""


@dataclass(frozen=True)
class Page:
    """A fetched page: the URL asked for, where it ended after redirects, and its bytes."""

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes
    cached: bool = False


@dataclass(frozen=True)
class FetchOptions:
    """How pages are fetched: ``timeout`` and ``interval`` in seconds, the page cache on or off.

    ``cache_root`` is where cached pages live (default: ``pages/`` in crosscheck's cache folder).
    """

    timeout: float = DEFAULT_TIMEOUT
    interval: float = DEFAULT_INTERVAL
    cache: bool = True
    cache_root: Path | None = None


@dataclass(frozen=True)
class _Session:
    options: FetchOptions
    #: Where this run keeps pages when the cache is off (removed when the run ends).
    scratch: Path | None = None

    def folder(self) -> Path | None:
        if not self.options.cache:
            return self.scratch
        if self.options.cache_root is not None:
            return self.options.cache_root
        from crosscheck.nli._paths import cache_dir

        return cache_dir() / _FOLDER


_DEFAULT = _Session(FetchOptions())
_SESSION: contextvars.ContextVar[_Session | None] = contextvars.ContextVar("crosscheck_fetch", default=None)


def _session() -> _Session:
    return _SESSION.get() or _DEFAULT


def current_options() -> FetchOptions:
    """The options pages are fetched with here (``fetching`` changes them for a block)."""
    return _session().options


@contextlib.contextmanager
def fetching(
    *,
    timeout: float | None = None,
    interval: float | None = None,
    cache: bool | None = None,
    cache_root: str | os.PathLike[str] | None = None,
) -> Iterator[FetchOptions]:
    """Fetch pages with these options inside the block; what is not given is inherited from outside it.

    >>> with fetching(cache=False):          # doctest: +SKIP
    ...     report = crosscheck.check(["https://example.org/a", "https://example.org/b"])
    """
    outer = _session().options
    changes = {
        name: value
        for name, value in (("timeout", timeout), ("interval", interval), ("cache", cache))
        if value is not None
    }
    if cache_root is not None:
        changes["cache_root"] = Path(cache_root)
    options = replace(outer, **changes)
    scratch = None if options.cache else Path(tempfile.mkdtemp(prefix="crosscheck-pages-"))
    token = _SESSION.set(_Session(options, scratch))
    try:
        yield options
    finally:
        _SESSION.reset(token)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


class _Spacing:
    """At most one request start per ``interval`` seconds per host, across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, host: str, interval: float) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + interval
        if start > now:
            time.sleep(start - now)


_SPACING = _Spacing()


def cache_key(url: str) -> str:
    """The page cache's name for a URL (its fragment left out: it is never sent to the server)."""
    return hashlib.sha256(urldefrag(url)[0].encode("utf-8")).hexdigest()[:32]


def _read_cached(folder: Path, url: str) -> Page | None:
    path = folder / f"{cache_key(url)}.page"
    try:
        with open(path, "rb") as handle:
            header = json.loads(handle.readline())
            body = handle.read()
        if header.get("url") != urldefrag(url)[0] or len(body) != header.get("bytes"):
            raise ValueError("not this page")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, AttributeError):  # damaged or foreign: fetch it again
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    return Page(url, header["final_url"], header["content_type"], header.get("charset"), body, cached=True)


def _write_cached(folder: Path, page: Page) -> None:
    """One file per page, written beside its final name and renamed into place (never half-written)."""
    header = {
        "url": urldefrag(page.url)[0],
        "final_url": page.final_url,
        "content_type": page.content_type,
        "charset": page.charset,
        "bytes": len(page.body),
        "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".page-", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(json.dumps(header).encode("utf-8") + b"\n" + page.body)
        os.replace(temporary, folder / f"{cache_key(page.url)}.page")
    except OSError:  # a cache that cannot be written only costs a fetch next time
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)


def _too_big(size: int, limit: int) -> FetchError:
    from crosscheck.ingest import _too_big as too_big

    return FetchError(f"page is {too_big(size, limit)}")


def _user_agent() -> str:
    from crosscheck import __version__

    return f"crosscheck/{__version__} (+https://github.com/crosscheck-news/crosscheck)"


def _download(url: str, *, max_bytes: int, options: FetchOptions) -> Page:
    import http.client
    import urllib.error
    import urllib.request

    host = urlsplit(url).netloc.lower()
    _SPACING.wait(host, options.interval)
    deadline = time.monotonic() + options.timeout
    request = urllib.request.Request(
        urldefrag(url)[0],
        headers={
            "User-Agent": _user_agent(),
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        },
    )
    late = FetchError(f"timed out after {options.timeout:g} s: the server did not send the page in time")
    try:
        with urllib.request.urlopen(request, timeout=options.timeout) as response:
            content_type = response.headers.get_content_type()
            if content_type not in HTML_TYPES:
                raise FetchError(
                    f"not a web page: the server sent {content_type}; crosscheck reads HTML articles by URL"
                )
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise _too_big(int(declared), max_bytes)
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise late
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"page is over the {_limit(max_bytes)} limit: raise --max-bytes")
                chunks.append(chunk)
            return Page(
                url,
                response.geturl(),
                content_type,
                response.headers.get_content_charset(),
                b"".join(chunks),
            )
    except urllib.error.HTTPError as error:
        raise FetchError(f"HTTP error {error.code} ({error.reason or 'no reason given'})") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise late from None
        reason = getattr(error.reason, "strerror", None) or str(error.reason)
        raise FetchError(f"cannot reach {host}: {str(reason).lower()}") from None
    except TimeoutError:
        raise late from None
    except (http.client.HTTPException, OSError, ValueError) as error:
        raise FetchError(f"cannot fetch the page: {error or type(error).__name__}") from None


def _limit(max_bytes: int) -> str:
    from crosscheck.ingest import _size

    return _size(max_bytes)


def is_url(raw: str) -> bool:
    return raw.lower().startswith(("http://", "https://"))


def fetch(url: str, *, max_bytes: int) -> Page:
    """The page at ``url``, from the page cache when it holds it; ``FetchError`` says why not."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError("not a web address: expected http://HOST/... or https://HOST/...")
    session = _session()
    folder = session.folder()
    page = _read_cached(folder, url) if folder is not None else None
    if page is None:
        page = _download(url, max_bytes=max_bytes, options=session.options)
        if folder is not None:
            _write_cached(folder, page)
    if len(page.body) > max_bytes:  # cached under a larger --max-bytes
        raise _too_big(len(page.body), max_bytes)
    if not page.body.strip():
        raise FetchError("the server sent an empty page")
    return page


_ID = re.compile(r"[^A-Za-z0-9._-]+")
_HTML_SUFFIX = re.compile(r"\.(?:s?html?|php|aspx?)$", re.IGNORECASE)


def page_id(url: str) -> str:
    """An article id from a URL: its last path segment ("balloon-shot-down"), else its host."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    name = _HTML_SUFFIX.sub("", segments[-1]) if segments else ""
    name = _ID.sub("-", name).strip("-.")
    return name or _ID.sub("-", parts.hostname or "page").strip("-.") or "page"


def read_page(url: str, *, max_bytes: int):  # type: ignore[no-untyped-def]
    """Fetch ``url`` and read it as an HTML article draft named by the URL (without its fragment).

    The page's canonical URL, else the address it was fetched from, becomes the article's URL.
    """
    from crosscheck.ingest._decode import decode
    from crosscheck.ingest._formats import declared_charset, read_html

    page = fetch(url, max_bytes=max_bytes)
    decoded = decode(page.body, declared=page.charset or declared_charset(page.body))
    path = urldefrag(url)[0]
    draft = read_html(decoded.text, id=page_id(path), path=path, scope=(urlsplit(path).hostname or "",))
    draft.meta.url = draft.meta.url or page.final_url
    if decoded.warning:
        draft.warnings.insert(0, decoded.warning)
    return draft
