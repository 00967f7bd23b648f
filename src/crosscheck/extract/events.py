"""The event a date or number belongs to: the verb or event noun it hangs from.

"shot down two days later" and "shot it down on February 4" both date the event
"shoot down"; "killed 41 people" counts "kill". The judge compares dates and
numbers only when their events match, so a date of a meeting is never compared
with a date of a shootdown. The event is the lemma of the nearest verb up the
dependency tree (with its particle: "shoot down"), or an event noun ("toll",
"election") when the fact is attached to a noun phrase headed by one.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from crosscheck.extract.context import ArticleContext
from crosscheck.lexicon import SPEECH_VERBS
from crosscheck.models import Facts

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Verbs that carry no event of their own: the event is their complement's.
LIGHT_VERBS = frozenset({"be", "have", "do", "take", "make", "get", "say", "tell", "report", "add"})
MAX_HOPS = 6


def verb_lemma(token: Token) -> str:
    """The verb's lemma with its particle ('shot down' -> 'shoot down')."""
    particles = [child.lower_ for child in token.children if child.dep_ == "prt"]
    return " ".join([token.lemma_.lower(), *particles])


def event_of(context: ArticleContext, start: int, end: int) -> str | None:
    """The event lemma for the fact at [start, end), or None when the parse gives none."""
    tokens = context.tokens(start, end)
    if len(tokens) == 0:
        return None
    token = tokens.root
    noun_head: str | None = None
    for _ in range(MAX_HOPS):
        head = token.head
        if head.i == token.i:
            break
        token = head
        if token.pos_ in ("VERB", "AUX"):
            lemma = verb_lemma(token)
            if lemma.split()[0] in LIGHT_VERBS:
                continue
            return lemma
        if token.pos_ == "NOUN" and noun_head is None:
            noun_head = token.lemma_.lower()
    return noun_head


def predicate_of(context: ArticleContext, start: int, end: int) -> str | None:
    """The main verb of the sentence at [start, end); past a reporting verb, its complement's verb."""
    tokens = context.tokens(start, end)
    roots = [t for t in tokens if t.head.i == t.i or not (start <= t.head.idx < end)]
    verbs = [t for t in roots if t.pos_ in ("VERB", "AUX")] or roots
    if not verbs:
        return None
    root = verbs[0]
    for _ in range(MAX_HOPS):
        if root.lemma_.lower() not in SPEECH_VERBS:
            break
        complement = [
            c
            for c in root.children
            if c.dep_ in ("ccomp", "xcomp", "parataxis") and c.pos_ in ("VERB", "AUX")
        ]
        if not complement:
            break
        root = complement[0]
    if root.pos_ not in ("VERB", "AUX"):
        return None
    lemma = verb_lemma(root)
    if lemma.split()[0] == "be":
        attribute = [c for c in root.children if c.dep_ in ("attr", "acomp")]
        return f"be {attribute[0].lemma_.lower()}" if attribute else lemma
    return lemma


def with_events(context: ArticleContext, facts: Facts, start: int, end: int) -> Facts:
    """The facts with the sentence's predicate and each date's and number's event filled in."""
    dates = tuple(
        dataclasses.replace(d, event=d.event or event_of(context, d.span.start, d.span.end))
        for d in facts.dates
    )
    numbers = tuple(
        dataclasses.replace(n, event=event_of(context, n.span.start, n.span.end)) for n in facts.numbers
    )
    return dataclasses.replace(
        facts, dates=dates, numbers=numbers, predicate=predicate_of(context, start, end)
    )
