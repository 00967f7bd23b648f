"""Named entities of a sentence, and the places among them."""

from __future__ import annotations

from crosscheck.extract.context import ArticleContext, make_span
from crosscheck.models import Mention, Sentence

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def mentions(context: ArticleContext, sentence: Sentence) -> tuple[Mention, ...]:
    """People, organisations, places, nationalities and events, people under their full names."""
    return tuple(
        Mention(make_span(context.article, entity.start, entity.end), entity.label, entity.normalized)
        for entity in context.entities_in(sentence.start, sentence.end)
    )


def places(found: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """The mentions that name a place: countries, cities, regions, buildings."""
    return tuple(mention for mention in found if mention.label in PLACE_LABELS)
