"""Syndication: near-identical articles are one source carried by several outlets.

Wire copy is repeated word for word (or with a changed headline, a trimmed last
paragraph, an outlet's own line) across outlets. Compared as independent articles,
30 copies would corroborate each other 30 times and fill alignment with pairs that
cannot disagree. Two articles are copies when most of the shorter one's word
3-shingles are in the longer one (containment) and the two share at least half
of their shingles overall (Jaccard), on the article body only (front matter and
page clutter left out).

A copy may add or drop sentences (an outlet's own line, a trimmed paragraph), but one
that rewrites a sentence of the other (a figure, a day, a name changed) is an edited
copy: it is checked as an article of its own, since an outlet that changed the wire's
facts is what a fact-checker wants to see.

A few articles are compared pair by pair, exactly. Many (a day's feed) go
through datasketch's MinHash LSH first, tuned so that pairs at the Jaccard floor
are found with probability above 0.999, and the candidates are then verified
exactly, so both paths keep the same copies.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence

import numpy as np

from crosscheck.models import Article, Syndicated

__all__ = ["MIN_CONTAINMENT", "MIN_JACCARD", "CopyFinder", "collapse", "find_copies", "fingerprint"]

#: Share of the shorter article's shingles the longer one must hold.
MIN_CONTAINMENT = 0.8
#: Share of the shingles both hold, of all either holds: a paragraph quoted in a long piece is not a copy.
MIN_JACCARD = 0.5
SHINGLE_WORDS = 3
#: Above this many articles, candidates come from MinHash LSH instead of every pair.
EXACT_UP_TO = 64
NUM_PERM = 64
#: A sentence this close to one of the other article's (rapidfuzz ratio), but not the same, is an edit.
EDITED_SENTENCE = 80.0
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _body(article: Article) -> str:
    return "\n".join(article.text[start:end] for start, end in article.body) or article.text


def fingerprint(article: Article) -> np.ndarray:
    """The sorted distinct CRC-32 hashes of the body's lower-cased word 3-shingles (words, if fewer)."""
    words = _WORD.findall(_body(article).lower())
    size = SHINGLE_WORDS if len(words) >= SHINGLE_WORDS else 1
    shingles = {" ".join(words[index : index + size]) for index in range(len(words) - size + 1)}
    hashes = np.fromiter((zlib.crc32(item.encode("utf-8")) for item in shingles), dtype=np.uint32)
    return np.unique(hashes)


def overlap(first: np.ndarray, second: np.ndarray) -> tuple[float, float]:
    """(containment of the smaller in the larger, Jaccard) of two fingerprints."""
    if not len(first) or not len(second):
        return 0.0, 0.0
    shared = len(np.intersect1d(first, second, assume_unique=True))
    return shared / min(len(first), len(second)), shared / (len(first) + len(second) - shared)


def is_copy(first: np.ndarray, second: np.ndarray) -> bool:
    containment, jaccard = overlap(first, second)
    return containment >= MIN_CONTAINMENT and jaccard >= MIN_JACCARD


def _sentences(article: Article) -> set[str]:
    return {" ".join(part.split()) for part in _SENTENCE_END.split(_body(article)) if part.strip()}


def edited(a: set[str], b: set[str]) -> bool:
    """One article (its ``_sentences``) rewrites a sentence of the other instead of carrying it
    word for word."""
    from rapidfuzz import fuzz, process

    only_a, only_b = sorted(a - b), sorted(b - a)
    if not only_a or not only_b:
        return False
    best = process.cdist(only_a, only_b, scorer=fuzz.ratio)
    return bool((best >= EDITED_SENTENCE).any())


def _representative_key(article: Article, size: int) -> tuple[int, str, str, str]:
    """The fullest text first, then the earliest, then by path: the copy that is compared."""
    published = article.published.isoformat() if article.published else "9999-12-31"
    return -size, published, article.path, article.id


class CopyFinder:
    """Groups near-identical articles; ``add`` them one at a time, then ask for ``groups``.

    Keeps only fingerprints (and, past ``EXACT_UP_TO`` articles, MinHash signatures in an
    LSH index), so a day's feed can stream through it without holding the texts.
    """

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.prints: list[np.ndarray] = []
        self._parent: list[int] = []
        self._lsh = None

    def add(self, key: str, print_: np.ndarray) -> None:
        index = len(self.keys)
        self.keys.append(key)
        self.prints.append(print_)
        self._parent.append(index)
        for other in self._candidates(index):
            if is_copy(print_, self.prints[other]):
                self._union(index, other)

    def _candidates(self, index: int) -> Iterable[int]:
        if index < EXACT_UP_TO:
            return range(index)
        lsh = self._index()
        signature = self._signature(self.prints[index])
        found = sorted(int(key) for key in lsh.query(signature))
        lsh.insert(str(index), signature)
        return found

    def _index(self):  # type: ignore[no-untyped-def]
        from datasketch import MinHashLSH

        if self._lsh is None:
            # weights favour recall: a pair at the Jaccard floor is a candidate with p > 0.999
            self._lsh = MinHashLSH(threshold=MIN_JACCARD * 0.6, num_perm=NUM_PERM, weights=(0.1, 0.9))
            for earlier in range(len(self.keys) - 1):
                self._lsh.insert(str(earlier), self._signature(self.prints[earlier]))
        return self._lsh

    @staticmethod
    def _signature(print_: np.ndarray):  # type: ignore[no-untyped-def]
        from datasketch import MinHash

        signature = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int)
        signature.update_batch(print_.tolist())
        return signature

    def _find(self, index: int) -> int:
        while self._parent[index] != index:
            self._parent[index] = self._parent[self._parent[index]]
            index = self._parent[index]
        return index

    def _union(self, first: int, second: int) -> None:
        a, b = self._find(first), self._find(second)
        if a != b:
            self._parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[int]]:
        """Indices (in order added) of each group of two or more copies, groups by first index."""
        found: dict[int, list[int]] = {}
        for index in range(len(self.keys)):
            found.setdefault(self._find(index), []).append(index)
        return [members for _, members in sorted(found.items()) if len(members) > 1]


def find_copies(articles: Sequence[Article]) -> list[Syndicated]:
    """Each group of near-identical articles: the one compared and its copies."""
    finder = CopyFinder()
    for article in articles:
        finder.add(article.id, fingerprint(article))
    found = []
    for members in finder.groups():
        ordered = sorted(members, key=lambda i: _representative_key(articles[i], len(finder.prints[i])))
        kept = ordered[0]
        kept_sentences = _sentences(articles[kept])  # once per group, not once per copy
        copies = [i for i in ordered[1:] if not edited(kept_sentences, _sentences(articles[i]))]
        if not copies:
            continue
        similarity = min(overlap(finder.prints[kept], finder.prints[i])[0] for i in copies)
        found.append(Syndicated(articles[kept], tuple(articles[i] for i in copies), round(similarity, 4)))
    return sorted(found, key=lambda item: (item.article.path, item.article.id))


def collapse(articles: Sequence[Article]) -> tuple[list[Article], list[Syndicated]]:
    """The articles with every copy left out (order kept), and what was left out of what."""
    syndicated = find_copies(articles)
    dropped = {id(copy) for item in syndicated for copy in item.copies}
    return [article for article in articles if id(article) not in dropped], syndicated
