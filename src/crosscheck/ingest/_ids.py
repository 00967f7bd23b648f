"""Short article ids that stay unique: clashing ids take their folder (or file) names as prefixes."""

from __future__ import annotations

from collections import defaultdict

from crosscheck.ingest._formats import Draft


def _prefixed(draft: Draft, depth: int) -> str:
    return "-".join([*reversed(draft.scope[:depth]), draft.id])


def assign_ids(drafts: list[Draft], taken: set[str]) -> None:
    """Rename clashing drafts in place, deterministically (``drafts`` sorted by path).

    Two ``x.txt`` in folders ``a`` and ``b`` become ``a-x`` and ``b-x``; ids the
    caller's own ``Article`` objects hold (``taken``) are never reused. Where
    folder names do not tell them apart, a counter does (``x-2``).
    """
    groups: dict[str, list[Draft]] = defaultdict(list)
    for draft in drafts:
        groups[draft.id].append(draft)
    used = set(taken) | set(groups)
    for name in sorted(groups):
        group = groups[name]
        if len(group) == 1 and name not in taken:
            continue
        others = (used - {name}) | taken
        deepest = max(len(draft.scope) for draft in group)
        chosen: list[str] | None = None
        for depth in range(1, deepest + 1):
            candidates = [_prefixed(draft, depth) for draft in group]
            if len(set(candidates)) == len(candidates) and not others & set(candidates):
                chosen = candidates
                break
        if chosen is None:
            chosen = []
            counter = 1
            for draft in group:
                candidate = draft.id
                while candidate in others or candidate in chosen:
                    counter += 1
                    candidate = f"{draft.id}-{counter}"
                chosen.append(candidate)
        for draft, candidate in zip(group, chosen, strict=True):
            draft.id = candidate
        used |= set(chosen)
