"""One parsed article, shared by every fact extractor, and views of it per sentence."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from crosscheck.datelines import dateline_places
from crosscheck.extract.names import normalize
from crosscheck.extract.people import PeopleIndex
from crosscheck.extract.places import locative_name, place_label
from crosscheck.extract.sources import country_of
from crosscheck.models import Article, Sentence, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})


def make_span(article: Article, start: int, end: int) -> Span:
    """A Span of the article text, trimmed of surrounding white space."""
    text = article.text[start:end]
    start += len(text) - len(text.lstrip())
    end -= len(text) - len(text.rstrip())
    return Span(start, max(start, end), article.text[start : max(start, end)])


@dataclass(frozen=True)
class Entity:
    """A named entity with its label corrected and its name normalized (people: full name)."""

    start: int
    end: int
    label: str
    normalized: str
    tokens: SpacySpan


@dataclass
class ArticleContext:
    """The parsed article: spaCy doc, entities with fixed labels, and who is who."""

    article: Article
    doc: Doc
    people: PeopleIndex = field(default_factory=PeopleIndex)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [token.idx for token in self.doc]

    def tokens(self, start: int, end: int) -> SpacySpan:
        """The tokens that start inside [start, end)."""
        first = bisect.bisect_left(self._token_starts, start)
        last = bisect.bisect_left(self._token_starts, end)
        return self.doc[first:last]

    def sentence_tokens(self, sentence: Sentence) -> SpacySpan:
        return self.tokens(sentence.start, sentence.end)

    @cached_property
    def _spacy_ents(self) -> tuple[list[SpacySpan], list[int]]:
        ents = list(self.doc.ents)  # doc.ents rebuilds its list on every access
        return ents, [ent.start_char for ent in ents]

    def spacy_ents_in(self, start: int, end: int) -> list[SpacySpan]:
        """spaCy's raw entities inside [start, end), found by bisection, not a scan."""
        ents, starts = self._spacy_ents
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)
        return [ent for ent in ents[first:last] if ent.end_char <= end]

    def spacy_ents_around(self, start: int, end: int) -> list[SpacySpan]:
        """spaCy's raw entities that contain [start, end)."""
        ents, starts = self._spacy_ents
        last = bisect.bisect_right(starts, start)
        return [
            ent for ent in ents[max(0, last - 8) : last] if ent.start_char <= start and end <= ent.end_char
        ]

    @cached_property
    def entities(self) -> list[Entity]:
        """Entities in text order (lookups bisect on their starts)."""
        return sorted(_entities(self), key=lambda entity: (entity.start, entity.end))

    @cached_property
    def place_names(self) -> tuple[str, ...]:
        """Normalized names of the places the article names: what demonyms are matched against."""
        return tuple(dict.fromkeys(e.normalized for e in self.entities if e.label in {"GPE", "LOC"}))

    @cached_property
    def names_mid_sentence(self) -> frozenset[str]:
        """Capitalized words seen inside a sentence: names, even where a sentence opens with them."""
        return frozenset(t.text for t in self.doc if t.text[:1].isupper() and not t.is_sent_start)

    @cached_property
    def _entity_starts(self) -> list[int]:
        return [entity.start for entity in self.entities]

    def entities_in(self, start: int, end: int) -> list[Entity]:
        first = bisect.bisect_left(self._entity_starts, start)
        last = bisect.bisect_left(self._entity_starts, end)
        return [entity for entity in self.entities[first:last] if entity.end <= end]

    def entity_at(self, token: Token) -> Entity | None:
        last = bisect.bisect_right(self._entity_starts, token.idx)
        for entity in self.entities[max(0, last - 8) : last]:
            if entity.tokens.start <= token.i < entity.tokens.end:
                return entity
        return None


def build_context(article: Article, doc: Doc) -> ArticleContext:
    """Index the article's people first, so that surnames resolve to full names."""
    context = ArticleContext(article, doc)
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            name = normalize(ent.text)
            if len(name.split()) >= 2 and place_label(ent) is None:
                context.people.add_full_name(ent.start_char, name)
    for entity in context.entities:
        if entity.label == "PERSON":
            first_word = article.text.find(" ", entity.start, entity.end)
            written = article.text[
                max(0, entity.start - 6) : first_word + 1 if first_word > 0 else entity.end
            ]
            context.people.add_mention(entity.start, entity.normalized, written)
    return context


def _entities(context: ArticleContext) -> list[Entity]:
    doc, people = context.doc, context.people
    found: list[Entity] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        span = _trim(ent)
        if span is None:
            continue
        label = _label(ent.label_, span, people)
        normalized = normalize(span.text)
        if label == "PERSON":
            normalized = people.resolve(normalized, span.start_char)
        found.append(Entity(span.start_char, span.end_char, label, normalized, span))
        covered.update(range(ent.start, ent.end))
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and end not in covered and _name_word(doc[end], people):
            end += 1
        label = "PERSON"
        if end == i and i not in covered:
            end, label = locative_name(doc, i), "GPE"
            if any(k in covered for k in range(i, end)):
                end = i
        if end == i:
            i += 1
            continue
        span = doc[i:end]
        name = people.resolve(span.text, span.start_char) if label == "PERSON" else normalize(span.text)
        found.append(Entity(span.start_char, span.end_char, label, name, span))
        covered.update(range(i, end))
        i = end
    found = _with_datelines(context, found)
    found.sort(key=lambda entity: entity.start)
    return found


def _label(label: str, span: SpacySpan, people: PeopleIndex) -> str:
    """spaCy's label, fixed: places by their cues, people by the names the article spells out in full."""
    place = place_label(span)
    if place is not None:
        return place
    if label == "PERSON" or country_of(span.text) is not None:
        return label
    if len(span) >= 2 and _person_follows(span):
        return "PERSON"
    name = normalize(span.text)
    if (len(span) == 1 and people.knows_word(span.text)) or any(
        name == full for _, full in people.full_names
    ):
        return "PERSON"
    return label


def _person_follows(span: SpacySpan) -> bool:
    """'Maya Okafor serving as pilot', 'Maya Okafor, who ...': words only people take."""
    doc = span.doc
    after = [token.lower_ for token in doc[span.end : span.end + 3] if token.text != ","]
    return bool(after) and (after[0] == "who" or after[:2] in (["serving", "as"], ["serves", "as"]))


def _with_datelines(context: ArticleContext, found: list[Entity]) -> list[Entity]:
    """Dateline places replace whatever entity spaCy made of them ('OSLO/CHICAGO' as an ORG)."""
    body = context.article.body or ((0, len(context.article.text)),)
    places = [
        (s, e) for s, e in dateline_places(context.article.text) if any(a <= s and e <= b for a, b in body)
    ]
    if not places:
        return found
    kept = [e for e in found if not any(s < e.end and e.start < end for s, end in places)]
    for start, end in places:
        tokens = context.tokens(start, end)
        if len(tokens):
            kept.append(Entity(start, end, "GPE", normalize(context.article.text[start:end]), tokens))
    return kept


def _name_word(token: Token, people: PeopleIndex) -> bool:
    """A capitalized word, not a country, that is part of a full name seen in the article."""
    return (
        token.pos_ in {"PROPN", "NOUN"}
        and token.text[:1].isupper()
        and country_of(token.text) is None
        and people.knows_word(token.text)
    )


def _trim(ent: SpacySpan) -> SpacySpan | None:
    """The entity without a trailing possessive or punctuation, or a leading 'the'."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if start < end else None
