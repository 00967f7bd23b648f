"""Which files the user's paths name: files as given, folders walked recursively in sorted order."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: File kinds by extension (lower case).
KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
#: Document formats a user may expect to be read: named in a folder, not silently passed over.
DOCUMENTS = frozenset({".pdf", ".doc", ".docx", ".rtf", ".odt", ".pages", ".epub"})
#: Files that live beside articles in a story folder but are not articles.
NOT_ARTICLES = frozenset(
    {
        "expected.json",
        "gold.json",
        "labels.json",
        "annotations.json",
        "manifest.json",
        "metadata.json",
        "config.json",
        "package.json",
        "package-lock.json",
    }
)
NOT_ARTICLE_STEMS = frozenset(
    {"readme", "license", "licence", "changelog", "contributing", "notice", "authors"}
)
_SKIP_FOLDERS = frozenset({"__pycache__", "node_modules"})
SUPPORTED = ", ".join(sorted({".txt", ".md", ".html", ".json", ".jsonl"}))


@dataclass(frozen=True)
class Source:
    """One file to read: how to show it, where it really is, its kind and enclosing folders."""

    path: str
    real: str
    kind: str
    scope: tuple[str, ...]


def _source(display: str, kind: str) -> Source:
    real = os.path.realpath(display)
    scope = tuple(parent.name for parent in Path(real).parents if parent.name)
    return Source(display, real, kind, scope)


def _is_article_file(name: str) -> bool:
    lowered = name.lower()
    return not (name.startswith(".") or lowered in NOT_ARTICLES or Path(lowered).stem in NOT_ARTICLE_STEMS)


def _walk(folder: str) -> tuple[list[Source], list[tuple[str, str]]]:
    sources: list[Source] = []
    problems: list[tuple[str, str]] = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and name not in _SKIP_FOLDERS
        )
        for name in sorted(files):
            if not _is_article_file(name):
                continue
            display = os.path.join(root, name)
            suffix = Path(name).suffix.lower()
            if suffix in KINDS:
                sources.append(_source(display, KINDS[suffix]))
            elif suffix in DOCUMENTS:
                problems.append((display, f"unsupported file type '{suffix}': crosscheck reads {SUPPORTED}"))
    if not sources and not problems:
        problems.append((folder, f"no articles in this folder (looked for {SUPPORTED} files)"))
    return sources, problems


def expand(raw: str) -> tuple[list[Source], list[tuple[str, str]]]:
    """The files one path names, and (path, problem) for what cannot be read."""
    path = Path(raw)
    if path.is_dir():
        return _walk(raw)
    if not path.exists():
        return [], [(raw, "no such file or directory: check the path")]
    if not path.is_file():
        return [], [(raw, "not a regular file or folder")]
    suffix = path.suffix.lower()
    if suffix and suffix not in KINDS:
        return [], [(raw, f"unsupported file type '{suffix}': crosscheck reads {SUPPORTED}")]
    return [_source(raw, KINDS.get(suffix, "text"))], []
