"""Precise facts in a draft that no source states: numbers, days and titles.

A draft may say more than its sources, but a precise figure, date or title that
no source gives is where errors hide, so it is reported at low severity.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosscheck.judge._common import make_finding
from crosscheck.judge.facts import numbers_agree
from crosscheck.models import Claim, Finding


def unsupported_findings(draft_claims: Sequence[Claim], source_claims: Sequence[Claim]) -> list[Finding]:
    from crosscheck.extract.names import same_person

    numbers = [n for c in source_claims for n in c.facts.numbers]
    days = {d.value for c in source_claims for d in c.facts.dates if d.precision == "day"}
    months = {(d.value.year, d.value.month) for c in source_claims for d in c.facts.dates}
    titles = [t for c in source_claims for t in c.facts.titles]
    findings = []
    for claim in draft_claims:
        for number in claim.facts.numbers:
            if number.unit and not any(n.unit == number.unit and numbers_agree(n, number) for n in numbers):
                findings.append(_finding(claim, number.span, f"no source states {number.span.text}"))
        for date in claim.facts.dates:
            known = (
                date.value in days
                if date.precision == "day"
                else (date.value.year, date.value.month) in months
            )
            if date.precision != "year" and not known:
                findings.append(
                    _finding(claim, date.span, f"no source gives the date {date.value.isoformat()}")
                )
        for title in claim.facts.titles:
            if title.former:
                continue
            if not any(t.title == title.title and same_person(t.person, title.person) for t in titles):
                findings.append(
                    _finding(claim, title.span, f"no source calls {title.person.title()} {title.title}")
                )
    return findings


def _finding(claim: Claim, span, text: str) -> Finding:  # type: ignore[no-untyped-def]
    return make_finding(
        "unsupported/no-source-states-it",
        "unsupported",
        "low",
        0.5,
        f"{claim.article.label}: {text}",
        [(claim, [span])],
    )
