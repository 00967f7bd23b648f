"""Title conflicts: who holds which office, compared across all articles at once.

Titles are not compared pair by pair: the evidence that "foreign minister" is
wrong for Wang Yi is spread over several articles (one says he was promoted
from it, another names someone else). Three rules, each one a conflict a
fact-checker would flag:

- outdated: X gives a person a title that Y, published no later, calls former;
- shared office: X and Y give the same office of the same country or body to
  two different people, and no article shows two people holding it at once;
- rival office: X and Y give one person two different offices ("deputy foreign
  minister" / "foreign minister", "chief financial officer" / "chief executive"),
  and no article gives anyone both (then they can go together: "state councilor
  and foreign minister").

Descriptive roles ("top diplomat", "official") never conflict with an office.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.judge._common import days_apart, make_finding, names, stems
from crosscheck.lexicon import DESCRIPTIVE_ROLES, OFFICE_HEADS, RANK_MODIFIERS
from crosscheck.models import Article, Claim, Corroboration, Finding, Severity, TitleFact

#: A former title stated this many days after the other article may just be news.
FORMER_GRACE_DAYS = 14
SHARED_OFFICE_DAYS = 31


@dataclass(frozen=True)
class _Stated:
    person: str
    title: str
    claim: Claim
    fact: TitleFact

    @property
    def article(self) -> Article:
        return self.claim.article

    @property
    def affiliation(self) -> str | None:
        return self.fact.affiliation


#: "chief financial officer", "chief technology officer", "chief medical officer": each company
#: officer named this way is one office, whatever it is over.
_CHIEF_OFFICER = re.compile(r"\bchief(?: [a-z-]+)+? officer\b")


def _head(title: str) -> str | None:
    if any(title == d or title.endswith(" " + d) for d in DESCRIPTIVE_ROLES):
        return None
    officer = _CHIEF_OFFICER.search(title)
    if officer:
        return officer.group(0)
    for head in OFFICE_HEADS:
        if title == head or title.endswith(" " + head) or f" {head} of " in f" {title}":
            return head
    return None


def _same_body(a: str | None, b: str | None) -> bool:
    """Affiliations that may be the same country or body (unknown matches anything)."""
    if a is None or b is None:
        return True
    return a == b or a.startswith(b) or b.startswith(a)


def offices_conflict(first: str, second: str, named: frozenset[str] = frozenset()) -> bool:
    """Two titles that one person cannot both hold: another kind of office (minister / director,
    chief executive / chief financial officer), another rank (deputy director / director), or
    the same kind over other bodies (defense minister / interior minister). The same office
    worded twice is no conflict: "fire chief" / "chief of Calcasieu Parish Fire District 2",
    "trade minister" / "minister of industry and trade", "head" / "chief" of the rescue service,
    "director of the city fire department" / "fire chief", "economy minister" / "minister for
    economic affairs";
    nor is a body given by its name against one described in words ("head of ONPE" / "head of
    the electoral office"): ``named`` are the words of the names in the claims that state them."""
    first_head, second_head = _head(first), _head(second)
    if first == second or first_head is None or second_head is None:
        return False
    first_body, second_body = _body(first, first_head), _body(second, second_head)
    shared_body = bool(stems(first_body) & stems(second_body))  # "economy" / "economic"
    kinds = {_OFFICE_KIND.get(first_head, first_head), _OFFICE_KIND.get(second_head, second_head)}
    if len(kinds) > 1 and not (shared_body and kinds <= _LEADER_KINDS):
        return True
    first_words, second_words = set(first.split()), set(second.split())
    if first_words & RANK_MODIFIERS != second_words & RANK_MODIFIERS:
        return True
    if not (first_body and second_body) or shared_body:
        return False
    return (first_body <= named) == (second_body <= named)


#: Heads that name one kind of office: the head of a service is its chief; a cabinet secretary
#: for trade is the trade minister.
_OFFICE_KIND = {"head": "chief", "secretary": "minister"}
#: Kinds that lead one body under either name when the body is named by the same words: the
#: "director of the city fire department" is the "fire chief"; a bare "director" is not the
#: "head of maritime archaeology".
_LEADER_KINDS = frozenset({"chief", "director"})
_LINKING_WORDS = frozenset({"of", "for", "the", "and", "a", "an"})


def _body(title: str, head: str) -> set[str]:
    """What the office is over, as words: 'trade' in 'trade minister' and in 'minister of
    industry and trade'."""
    words = set(title.split()) - set(head.split()) - RANK_MODIFIERS - _LINKING_WORDS
    return {word for word in words if word not in OFFICE_HEADS}


def _people(claims: Sequence[Claim]) -> dict[str, str]:
    """Map every person name to one canonical name (the longest that matches it)."""
    from crosscheck.extract.names import same_person

    canonical: dict[str, str] = {}
    all_names = sorted(
        {fact.person for claim in claims for fact in claim.facts.titles}, key=len, reverse=True
    )
    for name in all_names:
        canonical[name] = next((other for other in canonical.values() if same_person(name, other)), name)
    return canonical


def _statements(claims: Sequence[Claim]) -> tuple[list[_Stated], list[_Stated]]:
    canonical = _people(claims)
    current, former = [], []
    for claim in claims:
        for fact in claim.facts.titles:
            stated = _Stated(canonical[fact.person], fact.title, claim, fact)
            (former if fact.former else current).append(stated)
    former_keys = {(s.article.id, s.person, s.title) for s in former}
    current = [s for s in current if (s.article.id, s.person, s.title) not in former_keys]
    return current, former


def _display(person: str, claims: Sequence[Claim]) -> str:
    for claim in claims:
        for mention in claim.facts.mentions:
            if mention.normalized == person:
                return mention.span.text
    return person.title()


def _first(statements: list[_Stated]) -> dict[str, _Stated]:
    """The earliest statement per article."""
    found: dict[str, _Stated] = {}
    for s in sorted(statements, key=lambda s: (s.article.id, s.claim.start)):
        found.setdefault(s.article.id, s)
    return found


def title_findings(claims: Sequence[Claim]) -> list[Finding]:
    current, former = _statements(claims)
    outdated = _outdated(current, former)
    explained = {(s.person, s.article.id, s.title) for s in current if _is_denied(s, former)}
    rival = [s for s in current if (s.person, s.article.id, s.title) not in explained]
    return outdated + _shared_office(current) + _rival_office(rival)


def _is_denied(stated: _Stated, former: list[_Stated]) -> bool:
    """Another article calls this title of this person former: the outdated rule covers it."""
    return any(
        f.person == stated.person and f.title == stated.title and f.article.id != stated.article.id
        for f in former
    )


def _no_later(denier: Article, stated_in: Article, grace: int) -> bool:
    if denier.published is None or stated_in.published is None:
        return True
    return (denier.published - stated_in.published).days <= grace


def _outdated(current: list[_Stated], former: list[_Stated]) -> list[Finding]:
    findings = []
    by_person_title: dict[tuple[str, str], list[_Stated]] = defaultdict(list)
    for s in current:
        by_person_title[(s.person, s.title)].append(s)
    for (person, title), stated in sorted(by_person_title.items()):
        if _head(title) is None:
            continue  # a role held before ("his former adviser") is no office someone now holds
        denials = [f for f in former if f.person == person and f.title == title]
        for article_id, claim_of_x in sorted(_first(stated).items()):
            valid = [
                f
                for f in denials
                if f.article.id != article_id and _no_later(f.article, claim_of_x.article, FORMER_GRACE_DAYS)
            ]
            if not valid:
                continue
            denial = valid[0]
            others = [
                s for s in current if s.person == person and s.title != title and s.article.id != article_id
            ]
            who = _display(person, [claim_of_x.claim])
            text = f"{claim_of_x.article.label} calls {who} {title}, but {denial.article.label} says {who} is no longer {title}"
            if others:
                outlets = list(dict.fromkeys(s.article.label for s in others))
                verb = "calls" if len(outlets) == 1 else "call"
                text += f"; {names(s.article for s in others)} {verb} {who} {' / '.join(sorted({s.title for s in others}))}"
            # the sentence the explanation cites (the one that says the title is former), then
            # the other title it names
            evidence = [(claim_of_x.claim, [claim_of_x.fact.span]), (denial.claim, [denial.fact.span])]
            preferred = [s for s in others if s.article.id == denial.article.id] or others
            if preferred and preferred[0].claim is not denial.claim:
                evidence.append((preferred[0].claim, [preferred[0].fact.span]))
            findings.append(make_finding("title/outdated", "title", "high", 0.95, text, evidence))
    return findings


def _closest_pair(first: dict[str, _Stated], second: dict[str, _Stated]) -> tuple[_Stated, _Stated] | None:
    """The two statements from different articles published closest in time (within a month)."""
    candidates = []
    for a in first.values():
        for b in second.values():
            if a.article.id == b.article.id or not _same_body(a.affiliation, b.affiliation):
                continue
            apart = days_apart(a.article, b.article)
            if apart is None or apart <= SHARED_OFFICE_DAYS:
                candidates.append((apart or 0, a.article.id, b.article.id, a, b))
    if not candidates:
        return None
    _, _, _, a, b = min(candidates, key=lambda item: item[:3])
    return (a, b) if a.article.id < b.article.id else (b, a)


def _shared_office(current: list[_Stated]) -> list[Finding]:
    """One office of one country or body given to two people by two articles."""
    holders: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for s in current:
        if s.affiliation:
            holders[(s.article.id, s.title, s.affiliation)].add(s.person)
    shared = {(title, body) for (_, title, body), people in holders.items() if len(people) > 1}
    by_office: dict[tuple[str, str], list[_Stated]] = defaultdict(list)
    for s in current:
        if s.affiliation and _head(s.title) and (s.title, s.affiliation) not in shared:
            by_office[(s.title, s.affiliation)].append(s)
    findings = []
    for (title, _), stated in sorted(by_office.items()):
        people = sorted({s.person for s in stated})
        for i, p in enumerate(people):
            for q in people[i + 1 :]:
                pair = _closest_pair(
                    _first([s for s in stated if s.person == p]), _first([s for s in stated if s.person == q])
                )
                if pair is None:
                    continue
                a, b = pair
                text = (
                    f"{a.article.label} names {_display(a.person, [a.claim])} as {title}; "
                    f"{b.article.label} names {_display(b.person, [b.claim])}"
                )
                # without both dates the office may have changed hands between the articles
                dated = a.article.published is not None and b.article.published is not None
                severity: Severity = "high" if dated else "medium"
                evidence = [(a.claim, [a.fact.span]), (b.claim, [b.fact.span])]
                findings.append(
                    make_finding("title/one-office-two-people", "title", severity, 0.9, text, evidence)
                )
    return findings


def _rival_office(current: list[_Stated]) -> list[Finding]:
    """One person given two offices that cannot go together, by two articles."""
    together = {
        frozenset((s.title, t.title))
        for s in current
        for t in current
        if s.article.id == t.article.id and s.person == t.person and s.title != t.title
    }
    by_person: dict[str, list[_Stated]] = defaultdict(list)
    for s in current:
        by_person[s.person].append(s)
    findings = []
    for person, stated in sorted(by_person.items()):
        titles = sorted({s.title for s in stated})
        named = frozenset(word for s in stated for name in s.claim.names for word in name.split())
        for i, t1 in enumerate(titles):
            for t2 in titles[i + 1 :]:
                if not offices_conflict(t1, t2, named) or frozenset((t1, t2)) in together:
                    continue
                pair = _closest_pair(
                    _first([s for s in stated if s.title == t1]), _first([s for s in stated if s.title == t2])
                )
                if pair is None:
                    continue
                a, b = pair
                severity: Severity = "high" if _head(t1) == _head(t2) else "medium"
                who = _display(person, [a.claim])
                text = f"{a.article.label} calls {who} {a.title}; {b.article.label} calls {who} {b.title}"
                evidence = [(a.claim, [a.fact.span]), (b.claim, [b.fact.span])]
                findings.append(
                    make_finding(
                        "title/rival-offices",
                        "title",
                        severity,
                        0.9 if severity == "high" else 0.8,
                        text,
                        evidence,
                    )
                )
    return findings


def title_corroborations(claims: Sequence[Claim]) -> list[Corroboration]:
    """A person's title stated the same way by two or more sources."""
    current, _ = _statements(claims)
    grouped: dict[tuple[str, str], list[_Stated]] = defaultdict(list)
    for s in current:
        grouped[(s.person, s.title)].append(s)
    found = []
    for (person, title), stated in sorted(grouped.items()):
        first = _first(stated)
        if len(first) >= 2:
            who = _display(person, [s.claim for s in stated])
            found.append(Corroboration("title", f"{who} is {title}", tuple(s.claim for s in first.values())))
    return found
