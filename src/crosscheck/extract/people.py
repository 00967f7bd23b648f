"""Who is who in one article: full names, and which full name a surname stands for.

The small English pipeline often tags a bare surname as GPE or ORG ('Blinken said'
came out as GPE in the seed articles) or misses it; a word that is part of a full
person name seen in the same article is taken as that person.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from crosscheck.extract.names import normalize

PRONOUNS = frozenset({"he", "she", "him", "her"})
#: Which pronouns an honorific rules out: "Ms Hanafin" is not who "he said" points at.
_HONORIFIC_RULES_OUT = {
    "mr": frozenset({"she", "her"}),
    "sir": frozenset({"she", "her"}),
    "ms": frozenset({"he", "him"}),
    "mrs": frozenset({"he", "him"}),
    "miss": frozenset({"he", "him"}),
    "dame": frozenset({"he", "him"}),
}
_HONORIFIC = re.compile(
    rf"(?:^|\s)(?P<word>{'|'.join(sorted(_HONORIFIC_RULES_OUT, key=len, reverse=True))})\.?\s+(?:\S+\s*)?$",
    re.I,
)


@dataclass
class PeopleIndex:
    """Full names (two words or more) seen in an article, by offset, and every person mention."""

    full_names: list[tuple[int, str]] = field(default_factory=list)
    _mentions: list[tuple[int, str]] = field(default_factory=list)
    _name_words: set[str] = field(default_factory=set)
    _ruled_out: dict[str, frozenset[str]] = field(default_factory=dict)

    def add_full_name(self, offset: int, name: str) -> None:
        self.full_names.append((offset, name))
        self._name_words.update(name.split())

    def knows_word(self, word: str) -> bool:
        """Whether ``word`` is one word of a full name seen in the article."""
        return normalize(word) in self._name_words

    def resolve(self, name: str, offset: int) -> str:
        """The full name a short name stands for (nearest earlier one wins), else the name."""
        name = normalize(name)
        if len(name.split()) != 1:
            return name
        candidates = [(at, full) for at, full in self.full_names if name in full.split()]
        if not candidates:
            return name
        distinct = {full for _, full in candidates}
        if len(distinct) == 1:
            return distinct.pop()
        earlier = [(at, full) for at, full in candidates if at <= offset]
        return max(earlier)[1] if earlier else min(candidates)[1]

    def add_mention(self, offset: int, name: str, written: str = "") -> None:
        """A mention of ``name`` at ``offset``; ``written`` is the text up to its first word,
        where an honorific ("Ms Hanafin", "Mr Justice") tells which pronouns cannot stand for
        the person."""
        bisect.insort(self._mentions, (offset, name))
        honorific = _HONORIFIC.search(written)
        if honorific:
            self._ruled_out[name] = _HONORIFIC_RULES_OUT[honorific["word"].lower()]

    def last_before(self, offset: int, pronoun: str | None = None) -> str | None:
        """The person mentioned last before ``offset``: what 'he said' most often points at,
        skipping people an honorific says ``pronoun`` cannot be."""
        index = bisect.bisect_left(self._mentions, (offset, ""))
        for _, name in reversed(self._mentions[:index]):
            if pronoun is None or pronoun.lower() not in self._ruled_out.get(name, frozenset()):
                return name
        return None
