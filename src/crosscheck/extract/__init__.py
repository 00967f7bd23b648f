"""The extract stage: the facts of each sentence and who asserts it.

spaCy runs once per article (``nlp.parse``); every extractor reads that one parse
through an ``ArticleContext`` and maps entities and tokens to sentences by
character offset, so every Span is an offset into ``article.text``.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosscheck.extract.attribution import attribution
from crosscheck.extract.context import ArticleContext, build_context
from crosscheck.extract.dates import dates, last_day_date
from crosscheck.extract.events import with_events
from crosscheck.extract.mentions import mentions, places
from crosscheck.extract.names import normalize, same_person
from crosscheck.extract.negation import asserted, denied
from crosscheck.extract.nlp import load_pipeline, parse
from crosscheck.extract.numbers import numbers
from crosscheck.extract.quotes import quotes
from crosscheck.extract.titles import anaphora, titles
from crosscheck.models import Article, Claim, DateFact, Facts, Sentence, TitleFact

__all__ = ["extract_claims", "load_pipeline", "normalize", "same_person"]


def extract_claims(article: Article, sentences: Sequence[Sentence]) -> list[Claim]:
    """One Claim per sentence, in order, each with its facts."""
    if not sentences:
        return []
    context = build_context(article, parse(article))
    explicit = [titles(context, sentence) for sentence in sentences]
    known = [fact for found in explicit for fact in found]
    claims = []
    anchor = speaker = None
    previous_end = None
    for sentence, own_titles in zip(sentences, explicit, strict=True):
        if previous_end is not None and "\n\n" in article.text[previous_end : sentence.start]:
            anchor = None
        found_dates = dates(context, sentence, anchor)
        anchor = last_day_date(found_dates) or anchor
        previous_end = sentence.end
        facts = _facts(context, sentence, own_titles, known, found_dates, speaker)
        source = facts.attribution.source if facts.attribution else None
        speaker = (
            source
            if source and len(source.split()) > 1 and context.people.knows_word(source.split()[-1])
            else None
        )
        claims.append(Claim(sentence, facts))
    return claims


def _facts(
    context: ArticleContext,
    sentence: Sentence,
    own_titles: tuple[TitleFact, ...],
    known: list[TitleFact],
    found_dates: tuple[DateFact, ...],
    speaker: str | None,
) -> Facts:
    found_mentions = mentions(context, sentence)
    found_quotes = quotes(context.article, sentence)
    tokens = context.sentence_tokens(sentence)
    facts = Facts(
        mentions=found_mentions,
        titles=own_titles + anaphora(context, sentence, known, own_titles),
        dates=found_dates,
        numbers=numbers(context, sentence, found_dates),
        places=places(found_mentions),
        quotes=found_quotes,
        attribution=attribution(context, sentence, bool(found_quotes), speaker),
        denied=(denials := denied(tokens)),
        negated=bool(denials),
        asserted=asserted(tokens),
    )
    return with_events(context, facts, sentence.start, sentence.end)
