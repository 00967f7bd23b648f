"""Which stories a worker checks together: consecutive stories in the driver's order, a few at a time.

A worker scores every NLI question of its chunk's stories in one model call, so a
story's scores can depend (in a float's last digits, with a real model) on its
chunk-mates. Chunks are therefore cut by the driver, from the story ids and sizes
alone, never by the engine or the worker count: the same feed gives the same chunks
and the same bytes everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

#: Stories per chunk. A generated story asks about 55 questions; 8 of them make about 440,
#: full model batches but for one (at a GPU's batch size of 64, a third fewer batches than
#: story by story), while a worker that dies loses at most 8 stories and a day of stories
#: still makes many chunks for the workers to share.
CHUNK_STORIES = 8
#: Distinct articles per chunk: questions grow with the square of a story's articles, so
#: big stories share a chunk with fewer others (a story bigger than this is a chunk alone).
CHUNK_ARTICLES = 32


def chunks(stories: Iterable[tuple[str, int]]) -> list[list[str]]:
    """Story ids, in the order given, cut into runs of at most ``CHUNK_STORIES`` stories and
    ``CHUNK_ARTICLES`` articles; ``stories`` gives each story's id and distinct articles."""
    cut: list[list[str]] = []
    articles = 0
    for story_id, size in stories:
        if not cut or len(cut[-1]) >= CHUNK_STORIES or articles + size > CHUNK_ARTICLES:
            cut.append([])
            articles = 0
        cut[-1].append(story_id)
        articles += size
    return cut


def pending_chunks(planned: Sequence[Sequence[str]], todo: Iterable[str]) -> list[list[str]]:
    """The planned chunks, keeping only stories still to check: a rerun checks each remaining
    story with the chunk-mates it had (those not done yet), not with a new grouping."""
    left = set(todo)
    kept = [[story_id for story_id in chunk if story_id in left] for chunk in planned]
    return [chunk for chunk in kept if chunk]
