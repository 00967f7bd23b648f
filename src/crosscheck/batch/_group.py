"""Story grouping: TF-IDF over hashed terms, candidate pairs by shared rare terms, average linkage.

Articles about one story share their rare words (names, places, the event's nouns)
far more than articles that only share a person. Each article becomes a
sublinear TF-IDF vector (scikit-learn's ``HashingVectorizer``, so the vocabulary
never has to be held, then ``TfidfTransformer``); the title counts twice.
Candidate pairs are the articles sharing one of their top terms, found with one
sparse matrix product over terms held by at most ``max_block_df`` articles: the
cost grows with the pairs that share such a term, not with all pairs. Cosine
similarity is discounted when the publication dates are far apart. Candidate
pairs above ``link`` form connected components; inside each, average-linkage
agglomerative clustering cut at ``cut`` splits a story from another that only
shares a name with it (a single shared person cannot chain two stories, as it
would under single linkage).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from crosscheck.models import Article


@dataclass(frozen=True)
class GroupOptions:
    """Measured on the labelled mixture of bench/batch.py (README: Story grouping)."""

    cut: float = 0.23
    link: float = 0.1
    top_terms: int = 40
    max_block_df: int = 200
    near_days: int = 3
    far_days: int = 60
    far_weight: float = 0.8


_TOKEN = r"(?u)\b[^\W\d_]{3,}\b"
_CHUNK = 256


def _vectorizer():  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        n_features=2**20,
        alternate_sign=False,
        norm=None,
        stop_words="english",
        token_pattern=_TOKEN,
        dtype=np.float32,
    )


def _text(article: Article) -> str:
    body = "\n".join(article.text[start:end] for start, end in article.body)
    title = article.title or ""
    return f"{title}\n{title}\n{body}"


@dataclass
class Grouper:
    """Collects one sparse row of term counts per article (texts are not kept), then groups them."""

    options: GroupOptions = field(default_factory=GroupOptions)
    dates: list[dt.date | None] = field(default_factory=list)
    _pending: list[str] = field(default_factory=list)
    _rows: list[object] = field(default_factory=list)

    def add(self, article: Article) -> None:
        self.dates.append(article.published)
        self._pending.append(_text(article))
        if len(self._pending) >= _CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._rows.append(_vectorizer().transform(self._pending))
            self._pending = []

    def groups(self, members: Sequence[int] | None = None) -> list[list[int]]:
        """Stories as lists of article indices (each sorted, stories by first index).

        ``members`` limits grouping to those articles (the others are left out):
        syndicated copies join the story of the article they copy, not the vote.
        """
        from scipy.sparse import vstack

        self._flush()
        if not self._rows:
            return []
        counts = vstack(self._rows).tocsr()
        chosen = np.arange(counts.shape[0]) if members is None else np.asarray(sorted(members))
        if len(chosen) == 0:
            return []
        vectors = self._tfidf(counts[chosen])
        first, second, similarity = self._candidates(vectors)
        similarity *= self._time_weight(chosen[first], chosen[second])
        local = _cluster(len(chosen), first, second, similarity, self.options)
        stories = [sorted(int(chosen[i]) for i in story) for story in local]
        return sorted(stories, key=lambda story: story[0])

    @staticmethod
    def _tfidf(counts):  # type: ignore[no-untyped-def]
        from sklearn.feature_extraction.text import TfidfTransformer

        return TfidfTransformer(sublinear_tf=True).fit_transform(counts).tocsr()

    def _candidates(self, vectors) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
        """Pairs (i < j) sharing one of their top terms that few articles hold, with their cosine."""
        from scipy.sparse import csr_matrix

        rows, columns, values = [], [], []
        for row in range(vectors.shape[0]):
            start, end = vectors.indptr[row], vectors.indptr[row + 1]
            weights = vectors.data[start:end]
            keep = np.argsort(-weights, kind="stable")[: self.options.top_terms]
            rows.append(np.full(len(keep), row))
            columns.append(vectors.indices[start:end][keep])
            values.append(np.ones(len(keep), dtype=np.float32))
        if not rows:
            return np.array([], int), np.array([], int), np.array([], np.float32)
        top = csr_matrix(
            (np.concatenate(values), (np.concatenate(rows), np.concatenate(columns))), shape=vectors.shape
        )
        df = np.asarray(top.sum(axis=0)).ravel()
        rare = np.flatnonzero((df >= 2) & (df <= self.options.max_block_df))
        blocks = top[:, rare]
        shared = (blocks @ blocks.T).tocoo()
        upper = shared.row < shared.col
        first, second = shared.row[upper], shared.col[upper]
        order = np.lexsort((second, first))
        first, second = first[order], second[order]
        cosine = np.asarray(vectors[first].multiply(vectors[second]).sum(axis=1)).ravel()
        return first, second, cosine.astype(np.float64)

    def _time_weight(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """1 within ``near_days``, falling linearly to ``far_weight`` at ``far_days`` apart; 1 when undated."""
        options = self.options
        weights = np.ones(len(first))
        for index, (a, b) in enumerate(zip(first.tolist(), second.tolist(), strict=True)):
            one, two = self.dates[a], self.dates[b]
            if one is None or two is None:
                continue
            days = abs((one - two).days)
            if days > options.near_days:
                share = min(1.0, (days - options.near_days) / (options.far_days - options.near_days))
                weights[index] = 1.0 - share * (1.0 - options.far_weight)
        return weights


def _cluster(
    count: int, first: np.ndarray, second: np.ndarray, similarity: np.ndarray, options: GroupOptions
) -> list[list[int]]:
    """Connected components over links, each split by average linkage at ``options.cut``."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial.distance import squareform

    linked = similarity >= options.link
    graph = coo_matrix((np.ones(int(linked.sum())), (first[linked], second[linked])), shape=(count, count))
    _, labels = connected_components(graph, directed=False)
    pairs = coo_matrix((similarity, (first, second)), shape=(count, count)).tocsr()
    pairs = pairs + pairs.T
    stories: list[list[int]] = []
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        if len(members) == 1:
            stories.append(members.tolist())
            continue
        distance = 1.0 - pairs[members][:, members].toarray()
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        parts = fcluster(tree, t=1.0 - options.cut, criterion="distance")
        for part in np.unique(parts):
            stories.append(members[parts == part].tolist())
    return stories
