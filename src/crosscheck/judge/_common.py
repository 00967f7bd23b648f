"""Small helpers every check shares: finding ids, time and attribution relations."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence

from crosscheck.judge.rules import rule
from crosscheck.models import Article, Claim, Evidence, Finding, FindingKind, Severity, Span

_SPACE = re.compile(r"\s+")
#: A word as the judge counts them: letters and digits, with inner apostrophes and hyphens.
WORD = re.compile(r"[\w’'-]+", re.UNICODE)
#: Words are compared by their first letters, so "conceded" meets "concede", "warnings"
#: "warning" and "economy" "economic".
STEM = 5


def stems(words: Iterable[str]) -> frozenset[str]:
    """The words' stems (``STEM``), to compare words across their endings."""
    return frozenset(word[:STEM] for word in words)


def finding_id(kind: str, claims: Sequence[Claim]) -> str:
    """Stable across unrelated edits: hashes the kind, article ids and claim texts, not offsets."""
    parts = sorted(f"{claim.article.id}\x1f{_SPACE.sub(' ', claim.text.strip())}" for claim in claims)
    digest = hashlib.sha1("\x1e".join([kind, *parts]).encode("utf-8")).hexdigest()
    return f"{kind}-{digest[:10]}"


def make_finding(
    rule_code: str,
    kind: FindingKind,
    severity: Severity,
    score: float,
    explanation: str,
    evidence: Sequence[tuple[Claim, Iterable[Span]]],
) -> Finding:
    items = tuple(
        Evidence(claim, tuple(sorted(set(spans), key=lambda s: s.start))) for claim, spans in evidence
    )
    return Finding(
        id=finding_id(kind, [item.claim for item in items]),
        kind=kind,
        severity=severity,
        score=round(float(score), 4),
        explanation=as_sentence(explanation),
        evidence=items,
        rule=rule(rule_code).code,
    )


def as_sentence(text: str) -> str:
    """An explanation reads as a sentence: one space between words and a full stop (its first
    word is an outlet's name, kept as the outlet writes it)."""
    flat = " ".join(text.split())
    return flat if flat.endswith((".", "!", "?", '."', ".'")) else flat + "."


def days_apart(first: Article, second: Article) -> int | None:
    if first.published is None or second.published is None:
        return None
    return abs((first.published - second.published).days)


def party(claim: Claim) -> str | None:
    return claim.facts.attribution.source if claim.facts.attribution else None


def same_party(a: str | None, b: str | None) -> bool:
    """'directorate' and "directorate's latest bulletin" are one source."""
    if a is None or b is None:
        return a is b
    return a == b or a in b or b in a


def is_a_side(claim: Claim) -> bool:
    """The claim's source is a party to the story (a government, a country, a named person
    speaking), not just a source of facts ("police said", "the agency said")."""
    from crosscheck.extract.sources import country_of

    source = party(claim)
    if source is None:
        return False
    if any(country_of(word) for word in [source, *source.split()]):
        return True
    people = {m.normalized for m in claim.facts.mentions if m.label == "PERSON"}
    return any(source == person or source in person or person in source for person in people) or (
        claim.facts.attribution is not None and claim.facts.attribution.kind == "quote"
    )


def share_a_name(first: Claim, second: Claim) -> bool:
    return bool(first.names & second.names)


def names(articles: Iterable[Article]) -> str:
    """'NPR, DW and CNBC': article labels joined for an explanation."""
    labels = list(dict.fromkeys(article.label for article in articles))
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def word_spans(claim: Claim, keep: Callable[[str], bool]) -> list[Span]:
    """Spans of the claim's words whose lower-cased form ``keep`` accepts: for highlighting."""
    return [
        Span(match.start(), match.end(), match.group())
        for match in WORD.finditer(claim.article.text, claim.start, claim.end)
        if keep(match.group().lower())
    ]


def content_words(text: str) -> set[str]:
    from crosscheck.align import STOP_WORDS

    return {word for word in words(text) if word not in STOP_WORDS}


def words(text: str) -> list[str]:
    """The text's words, lower-cased, in order."""
    return [word.lower() for word in WORD.findall(text)]


def in_quote(claim: Claim, span: Span | None) -> bool:
    """The span lies inside one of the claim's quotes: someone's words, not the outlet's."""
    return span is not None and any(q.start <= span.start and span.end <= q.end for q in claim.facts.quotes)
