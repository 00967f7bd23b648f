"""People with their titles or roles: pre-modifiers, appositives, copulas, promotions.

Titles are normalized to a lower-case role without nationality ("Chinese Foreign
Minister" -> "foreign minister", "top U.S. diplomat" -> "top diplomat"); the country
or body goes to ``affiliation`` ("china", "us"), never into the title string, so
titles compare across outlets that word the nationality differently. On the five seed
articles this finds Wang Yi as "foreign minister" in 004 (twice, the second through
"the foreign minister" anaphora), "top diplomat" in 001, 002 and 003, and 003's
promotion (foreign minister former, director ... current).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import takewhile
from typing import TYPE_CHECKING

from crosscheck.extract.context import ArticleContext, Entity, make_span
from crosscheck.extract.people import PRONOUNS
from crosscheck.extract.sources import country_key, country_of, normalize_source
from crosscheck.models import Sentence, TitleFact

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ROLES = frozenset(
    """minister secretary diplomat president premier chancellor spokesman spokeswoman spokesperson
    adviser advisor councilor councillor director speaker ambassador envoy leader chief governor mayor
    senator congressman congresswoman lawmaker legislator general admiral commander ceo cfo chairman
    chairwoman chair chairperson commissioner king queen prince princess emperor monarch judge justice
    prosecutor attorney coach captain manager founder head executive officer secretary-general
    vice-president sen. rep. gov. gen. pres. lt. col. sgt. mp dictator ruler pope archbishop bishop
    chairman-elect president-elect deputy pilot engineer astronaut cosmonaut negotiator striker goalkeeper
    midfielder defender""".split()
)
FORMER = frozenset(
    {"former", "ex", "ex-", "then", "then-", "previously", "formerly", "erstwhile", "late", "retired"}
)
# Words that make a role ("foreign" minister) rather than name the body it belongs to.
_ROLE_MODIFIERS = frozenset(
    """foreign defense defence finance prime vice deputy state home interior trade justice health
    security national top senior chief general attorney""".split()
)
_TITLE_POS = frozenset({"ADJ", "NOUN", "PROPN"})
_COPULA = {
    "is": False,
    "was": True,
    "remains": False,
    "became": False,
    "becomes": False,
    "serves": False,
    "serving": False,
    "served": True,
}
_SERVE = frozenset({"serves", "serving", "served"})
#: 'who took over as chief executive': the role taken, held since.
_TAKE_OVER = frozenset({"took", "takes", "taken"})
_POSSESSIVE_DETERMINERS = frozenset({"its", "his", "her", "their", "our"})
_APPOINTED = frozenset({"appointed", "named", "promoted", "elevated", "nominated", "elected", "made"})
# One spelling per title, so outlets that word a title differently compare equal.
# Kept apart on purpose: 'head coach' and 'coach' (a team has assistant coaches),
# 'deputy X' and 'X', 'district judge' and 'judge' (different offices or unsure).
_CANONICAL = (
    (re.compile(r"^(?:the|a|an)\s+"), ""),
    (re.compile(r"^(?:other|longtime|long-time|veteran|current|incumbent|new)\s+"), ""),
    (re.compile(r"\bspokes(?:man|woman|person)\b"), "spokesperson"),
    (re.compile(r"\badvisor\b"), "adviser"),
    (re.compile(r"\bcouncillor\b"), "councilor"),
    (re.compile(r"\bdefence\b"), "defense"),
    (re.compile(r"\bminister (?:of|for) foreign affairs\b|\bforeign affairs minister\b"), "foreign minister"),
    (re.compile(r"\bvice-president\b"), "vice president"),
    (re.compile(r"\bchief executive officer\b|\bceo\b"), "chief executive"),
    (re.compile(r"\bchief financial officer\b|\bcfo\b|\bfinance chief\b"), "chief financial officer"),
    (re.compile(r"\bchief operating officer\b|\bcoo\b"), "chief operating officer"),
    (re.compile(r"\bchair(?:man|woman|person)?\b"), "chair"),
    (re.compile(r"^mission commander$|^crew commander$"), "commander"),
    (re.compile(r"^sen\.$"), "senator"),
    (re.compile(r"^rep\.$"), "representative"),
    (re.compile(r"^gov\.$"), "governor"),
    (re.compile(r"^gen\.$"), "general"),
    (re.compile(r"^pres\.$"), "president"),
)
_MAX_TOKENS = 20


def titles(context: ArticleContext, sentence: Sentence) -> tuple[TitleFact, ...]:
    """Titles stated next to a name in the sentence (anaphora is resolved by ``anaphora``)."""
    tokens = context.sentence_tokens(sentence)
    if not len(tokens):
        return ()
    first, last = tokens.start, tokens.end
    people = [e for e in context.entities_in(sentence.start, sentence.end) if e.label == "PERSON"]
    found: list[TitleFact] = []
    for person in people:
        found += _before(context, person, first)
        found += _after(context, person, last)
    found += _promotions(context, sentence, first, last)
    return tuple(_unique(found))


def anaphora(
    context: ArticleContext, sentence: Sentence, known: Iterable[TitleFact], explicit: Sequence[TitleFact]
) -> tuple[TitleFact, ...]:
    """'the foreign minister' / "China's top diplomat" standing for the one person the article gives that title."""
    holders: dict[tuple[str, str | None], set[str]] = {}
    for fact in known:
        if not fact.former:
            holders.setdefault((fact.title, fact.affiliation), set()).add(fact.person)
    doc = context.doc
    tokens = context.sentence_tokens(sentence)
    taken = {i for fact in explicit for i in range(fact.span.start, fact.span.end)}
    found: list[TitleFact] = []
    for token in tokens:
        if token.lower_ not in ROLES or token.tag_ in {"NNS", "NNPS"} or token.idx in taken:
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and (_is_person(context, nxt) or nxt.lower_ == "of"):
            continue
        start = _walk_left(context, token.i + 1, tokens.start)
        phrase = list(doc[start : token.i + 1])
        owner = _owner(context, start, tokens.start)
        has_article = start > tokens.start and doc[start - 1].lower_ == "the"
        if owner is None and not has_article:
            continue
        parsed = _parse(context, phrase, owner)
        if parsed is None:
            continue
        title, affiliation, former = parsed
        people = {
            person
            for (held, held_by), persons in holders.items()
            for person in persons
            if held == title and (affiliation is None or held_by in (None, affiliation))
        }
        if len(people) == 1 and not former:
            begin = doc[start - 1].idx if has_article else doc[start].idx
            if owner is not None:
                begin = owner[0]
            end = token.idx + len(token.text)
            found.append(
                TitleFact(people.pop(), title, make_span(context.article, begin, end), False, affiliation)
            )
    return tuple(found)


def _before(context: ArticleContext, person: Entity, first: int) -> list[TitleFact]:
    """'Chinese Foreign Minister Wang Yi' and "China's top diplomat, Wang Yi," (then split on 'and')."""
    doc = context.doc
    end = person.tokens.start
    while end > first and doc[end - 1].is_space:
        end -= 1
    comma = end > first and doc[end - 1].text == ","
    if comma:
        follower = doc[person.tokens.end] if person.tokens.end < len(doc) else None
        if follower is not None and follower.pos_ in {"VERB", "AUX"}:
            return []
        end -= 1
    start = _walk_left(context, end, first)
    if start >= end:
        return []
    owner = _owner(context, start, first)
    before = doc[start - 1] if start > first else None
    opener = (
        before is None
        or before.lower_ in {"the", "and", ",", "between"} | _POSSESSIVE_DETERMINERS
        or before.pos_ in {"VERB", "ADP"}
    )
    if _object_of_role(doc, start, end):
        return []
    if comma and owner is None and not opener:
        return []
    begin = owner[0] if owner else doc[start].idx
    return _facts(context, person, list(doc[start:end]), owner, begin, person.end, former=False)


def _after(context: ArticleContext, person: Entity, last: int) -> list[TitleFact]:
    """'Wang Yi, China's top diplomat,' / 'Qin Gang is China's foreign minister' / 'X, who was Y until'."""
    doc = context.doc
    i = person.tokens.end
    if i >= last:
        return []
    if doc[i].text == ",":
        if i + 1 < last and doc[i + 1].lower_ == "who":
            return _relative_role(context, person, i + 2, last)
        return _title_right(context, person, i + 1, last, former=False)
    if doc[i].lower_ in _COPULA:
        return _copular_role(context, person, i, last)
    if doc[i].lower_ == "as":
        return _title_right(context, person, i + 1, last, former=False)
    return []


def _copular_role(context: ArticleContext, person: Entity, i: int, last: int) -> list[TitleFact]:
    """The role after the copula at token ``i``: 'is Y', 'was Y' (former), 'serves as Y'."""
    doc = context.doc
    word = doc[i].lower_
    i += 1
    if word in _SERVE and i < last and doc[i].lower_ == "as":
        i += 1
    return _title_right(context, person, i, last, _COPULA[word])


def _relative_role(context: ArticleContext, person: Entity, i: int, last: int) -> list[TitleFact]:
    """The role a relative clause gives: 'X, who is Y', 'who was Y until', 'who serves as Y',
    'who took over as Y in 2021', 'who as Y has overseen the work'. A role told with a clause
    in the simple past ('who as deputy minister drafted the 2019 law') may be one held before:
    no claim either way."""
    doc = context.doc
    if i >= last:
        return []
    word = doc[i].lower_
    if word in _COPULA:
        return _copular_role(context, person, i, last)
    if word in _TAKE_OVER and i + 2 < last and doc[i + 1].lower_ == "over" and doc[i + 2].lower_ == "as":
        return _title_right(context, person, i + 3, last, former=False, clause_goes_on=True)
    if word != "as":
        return []
    found = _title_right(context, person, i + 1, last, former=False, clause_goes_on=True)
    if not found:
        return []
    end = next((k for k in range(i + 1, last) if doc[k].idx >= found[-1].span.end), last)
    verb = next((t for t in doc[end : min(end + 3, last)] if t.pos_ in {"VERB", "AUX"}), None)
    return [] if verb is None or verb.tag_ == "VBD" else found


def _object_of_role(doc: Doc, start: int, end: int) -> bool:
    """'the founder of crypto lender Quillfin': the name after 'of' + a common noun is not the holder."""
    ofs = [k for k in range(start, end) if doc[k].lower_ in {"of", "for"}]
    return bool(ofs) and any(
        doc[k].pos_ == "NOUN" and doc[k].text.islower() and doc[k].lower_ not in ROLES
        for k in range(ofs[-1] + 1, end)
    )


def _title_right(
    context: ArticleContext, person: Entity, i: int, last: int, former: bool, *, clause_goes_on: bool = False
) -> list[TitleFact]:
    """The title phrase starting at token ``i``; a verb right after it makes the phrase the
    subject of a clause ("X, the company said"), not a title, unless the phrase sits inside a
    relative clause that ``clause_goes_on`` ("who as technical director has overseen")."""
    doc = context.doc
    owner = None
    if i >= last or doc[i].pos_ in {"CCONJ", "ADP", "VERB", "AUX", "PUNCT"}:
        return []
    if doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    # a possessor before the title: "China's top diplomat", "the zoo's deputy director"
    j = i
    while j < last and j - i < 5 and doc[j].tag_ != "POS" and doc[j].pos_ not in {"CCONJ", "PUNCT", "VERB"}:
        j += 1
    if j < last and doc[j].tag_ == "POS" and j > i:
        owner = (doc[i].idx, doc[i:j].text)
        i = j + 1
    end = _walk_right(context, i, last)
    if end <= i:
        return []
    if (
        not clause_goes_on
        and end < last
        and doc[end].pos_ in {"VERB", "AUX"}
        and doc[end].text not in {",", "."}
    ):
        return []
    named = context.entity_at(doc[end]) if end < last else None
    if named is not None and _object_of_role(doc, i, end):
        end = min(named.tokens.end, last)
    phrase = list(doc[i:end])
    if end < last and doc[end].lower_ == "until":
        former = True
    return _facts(
        context, person, phrase, owner, person.start, doc[end - 1].idx + len(doc[end - 1].text), former
    )


def _promotions(context: ArticleContext, sentence: Sentence, first: int, last: int) -> list[TitleFact]:
    """'promoted from X to Y' (X former, Y current), 'appointed Y', 'making him Y'."""
    doc = context.doc
    found: list[TitleFact] = []
    for token in doc[first:last]:
        lower = token.lower_
        if lower in _APPOINTED or lower == "making":
            person = _subject(context, token, sentence)
            if person is None:
                continue
            i = token.i + 1
            if lower in {"making", "made"}:
                if i < last and (doc[i].lower_ in PRONOUNS or _is_person(context, doc[i])):
                    i += 1
                else:
                    continue
            if i < last and doc[i].lower_ == "from":
                stop = next((k for k in range(i + 1, last) if doc[k].lower_ == "to"), last)
                found += _role_in(context, person, i + 1, stop, former=True)
                i = stop + 1
            elif i < last and doc[i].lower_ in {"as", "to"}:
                i += 1
            found += _role_in(context, person, i, last, former=False)
    return found


def _role_in(context: ArticleContext, person: Entity, i: int, last: int, former: bool) -> list[TitleFact]:
    """The title phrase that starts at the first role word after ``i`` ('the more senior position of Director ...')."""
    doc = context.doc
    j = i
    owner = None
    while j < last and doc[j].lower_ not in ROLES:
        if doc[j].tag_ == "POS":
            owner = (doc[i].idx, doc[i:j].text)
        if doc[j].pos_ in {"VERB", "AUX"} or doc[j].text in {",", ";", "."}:
            return []
        j += 1
    if j >= last:
        return []
    start = j
    while start > i and doc[start - 1].pos_ in _TITLE_POS and doc[start - 1].tag_ != "POS":
        start -= 1
    end = _walk_right(context, j, last)
    phrase = list(doc[start:end])
    begin = owner[0] if owner else doc[start].idx
    parsed = _parse(context, phrase, owner)
    if parsed is None:
        return []
    title, affiliation, was = parsed
    span = make_span(context.article, begin, doc[end - 1].idx + len(doc[end - 1].text))
    return [TitleFact(person.normalized, title, span, former or was, affiliation)]


def _subject(context: ArticleContext, verb: Token, sentence: Sentence) -> Entity | None:
    """The person a promotion is about: a name before the verb, else 'he'/'she' resolved backwards."""
    doc = context.doc
    for k in range(verb.i - 1, max(context.sentence_tokens(sentence).start, verb.i - 6) - 1, -1):
        entity = context.entity_at(doc[k])
        if entity is not None and entity.label == "PERSON":
            return entity
        if doc[k].lower_ in PRONOUNS:
            name = context.people.last_before(sentence.start)
            if name is None:
                return None
            return Entity(doc[k].idx, doc[k].idx + len(doc[k].text), "PERSON", name, doc[k : k + 1])
    return None


def _facts(
    context: ArticleContext,
    person: Entity,
    phrase: list[Token],
    owner: tuple[int, str] | None,
    begin: int,
    end: int,
    former: bool,
) -> list[TitleFact]:
    """One fact per role in the phrase ('state councilor and foreign minister' gives two)."""
    parts: list[list[Token]] = [[]]
    for k, token in enumerate(phrase):
        # "and" starts a second role only when one follows ("state councilor and foreign
        # minister"); "minister of industry and trade" is one office
        if token.lower_ == "and" and any(t.lower_ in ROLES for t in _until_and(phrase[k + 1 :])):
            parts.append([])
        else:
            parts[-1].append(token)
    found: list[tuple[str, str | None, bool]] = []
    for index, part in enumerate(parts):
        parsed = _parse(context, part, owner)
        if parsed is None:
            if index == len(parts) - 1:
                return []
            if not found and index + 1 < len(parts) and parts[index + 1] and owner is None:
                begin = parts[index + 1][0].idx
            continue
        found.append(parsed)
    span = make_span(context.article, begin, end)
    return [
        TitleFact(person.normalized, title, span, former or was, affiliation)
        for title, affiliation, was in found
    ]


def _until_and(tokens: list[Token]) -> list[Token]:
    """The tokens up to the next "and"."""
    return list(takewhile(lambda token: token.lower_ != "and", tokens))


def _parse(
    context: ArticleContext, phrase: list[Token], owner: tuple[int, str] | None
) -> tuple[str, str | None, bool] | None:
    """(title, affiliation, former) from the tokens of a title phrase, or None without a role word."""
    former = any(token.lower_.rstrip("-") in FORMER for token in phrase)
    phrase = [
        token
        for k, token in enumerate(phrase)
        if token.lower_.rstrip("-") not in FORMER
        and not (token.text == "-" and (k == 0 or phrase[k - 1].lower_.rstrip("-") in FORMER))
    ]
    role_at = next((k for k, token in enumerate(phrase) if token.lower_ in ROLES), None)
    if role_at is None:
        return None
    affiliation = None
    if owner and not any(
        e.start == owner[0]
        and e.label == "PERSON"
        and (
            context.people.knows_word(e.tokens[-1].text)
            or (e.tokens.start > 0 and context.doc[e.tokens.start - 1].lower_ in ROLES)
        )
        for e in context.entities
    ):
        affiliation = _affiliation(context, owner[1])
    role_text = phrase[role_at].text
    lower_role = role_text.islower() or (role_text.isupper() and len(role_text) <= 4)
    kept: list[Token] = []
    body: list[Token] = []
    for k, token in enumerate(phrase):
        entity = context.entity_at(token)
        label = entity.label if entity else ""
        nationality = label in {"GPE", "NORP"} or country_of(token.text) is not None
        if k < role_at and (token.pos_ == "DET" or nationality):
            if nationality and affiliation is None:
                affiliation = _affiliation(context, entity.tokens.text if entity else token.text)
            continue
        if (
            k < role_at
            and label == "ORG"
            and entity is not None
            and not all(word.lower_ in _ROLE_MODIFIERS for word in entity.tokens)
        ):
            affiliation = affiliation or _affiliation(context, entity.tokens.text)
            continue
        if k < role_at and lower_role and not kept and _organisation_word(token, context):
            body.append(token)
            continue
        kept.append(token)
    if body and affiliation is None:
        affiliation = _affiliation(context, " ".join(token.text for token in body))
    words = [token.lower_ for token in kept]
    words, tail = _split_affiliation(context, kept, words)
    if tail:
        affiliation = affiliation or _affiliation(context, tail)
    title = " ".join(words).replace(" - ", "-")
    for pattern, replacement in _CANONICAL:
        title = pattern.sub(replacement, title)
    if not title or not any(word in ROLES for word in words):
        return None
    return title, affiliation, former


def _organisation_word(token: Token, context: ArticleContext | None = None) -> bool:
    """A capitalized name before a lower-case role: 'Brightwater' in 'Brightwater chief executive'.

    A sentence-opening word counts when the article also capitalizes it mid-sentence,
    so 'Mission commander X' keeps 'mission' in the title.
    """
    known = context is not None and token.text in context.names_mid_sentence
    return (
        (token.pos_ == "PROPN" or (token.pos_ == "NOUN" and (not token.is_sent_start or known)))
        and token.text[:1].isupper()
        and not (token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-")
        and token.lower_ not in ROLES
        and token.lower_ not in _ROLE_MODIFIERS
    )


def _affiliation(context: ArticleContext, text: str) -> str:
    """The body a title belongs to, one key per country ('Valdorian', "Valdoria's" -> 'valdoria')."""
    return country_key(normalize_source(text), context.place_names)


def _split_affiliation(context: ArticleContext, kept: list[Token], words: list[str]) -> tuple[list[str], str]:
    """Cut 'for the State Department' / 'of the Chinese Communist Party' off the role, as its affiliation."""
    for k in range(len(words) - 1, 0, -1):
        if words[k] == "for" or (words[k] == "of" and k + 1 < len(words) and words[k + 1] == "the"):
            rest = kept[k + 1 :]
            national = any(
                country_of(token.text) or (context.entity_at(token) or _NO).label in {"GPE", "NORP"}
                for token in rest
            )
            if words[k] == "for" or national:
                return words[:k], " ".join(token.text for token in rest)
        if words[k] == "of" and _organisation_word(kept[-1]):
            name = kept[k + 1 :]
            while name and not _organisation_word(name[0]):
                name = name[1:]
            if name and kept[k + 1].text.islower():
                return words[:k], " ".join(token.text for token in name)
    return words, ""


class _NoEntity:
    label = ""


_NO = _NoEntity()


def _walk_left(context: ArticleContext, end: int, first: int) -> int:
    """Start of the title phrase that ends just before token ``end``."""
    doc = context.doc
    start = end
    while start > first and end - start < _MAX_TOKENS:
        token = doc[start - 1]
        if token.is_space:
            start -= 1
            continue
        entity = context.entity_at(token)
        if entity is not None and entity.label == "PERSON":
            if start < end and doc[start].text.islower() and entity.tokens.start >= first:
                start = entity.tokens.start  # 'Helion chief executive X': a company taken for a name
            break
        if token.lower_ == "the":
            if start - 2 >= first and doc[start - 2].lower_ in {"of", "for"}:
                start -= 1
                continue
            break
        if token.tag_ == "POS" or not _title_token(token):
            break
        start -= 1
    roles = [k for k in range(start, end) if doc[k].lower_ in ROLES]
    if roles:
        cut = [k for k in range(start, roles[0]) if doc[k].lower_ in {"of", "for"}]
        if cut:
            start = cut[-1] + 1
    while start < end and (doc[start].lower_ in {"of", "for", "and"} or doc[start].is_space):
        start += 1
    return start


def _walk_right(context: ArticleContext, start: int, last: int) -> int:
    """End of the title phrase that starts at token ``start``."""
    doc = context.doc
    end = start
    while end < last and end - start < _MAX_TOKENS:
        token = doc[end]
        entity = context.entity_at(token)
        if entity is not None and entity.label == "PERSON":
            break
        if token.lower_ == "the" and end > start and doc[end - 1].lower_ in {"of", "for"}:
            end += 1
            continue
        if not _title_token(token):
            break
        end += 1
    while end > start and doc[end - 1].lower_ in {"of", "for", "and", "the"}:
        end -= 1
    return end


def _title_token(token: Token) -> bool:
    """A word of a title phrase; a participle only right before a role word ("returning
    officer", "presiding judge"), where it names the role rather than an action."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.pos_ in _TITLE_POS
        or (token.tag_ in {"VBG", "VBN"} and following is not None and following.lower_ in ROLES)
        or token.lower_ in {"of", "for", "and", "-"}
        or token.lower_.rstrip("-") in FORMER
        or token.lower_ in ROLES
    )


def _owner(context: ArticleContext, start: int, first: int) -> tuple[int, str] | None:
    """The possessor before a title phrase: "China's" in "China's top diplomat"."""
    doc = context.doc
    if start - 1 <= first or doc[start - 1].tag_ != "POS":
        return None
    k = start - 2
    entity = context.entity_at(doc[k])
    begin = entity.tokens.start if entity is not None else k
    return doc[begin].idx, doc[begin : start - 1].text


def _is_person(context: ArticleContext, token: Token) -> bool:
    entity = context.entity_at(token)
    return entity is not None and entity.label == "PERSON"


def _unique(found: list[TitleFact]) -> list[TitleFact]:
    seen: set[tuple[str, str, bool]] = set()
    unique = []
    for fact in found:
        key = (fact.person, fact.title, fact.former)
        if key not in seen:
            seen.add(key)
            unique.append(fact)
    return unique
