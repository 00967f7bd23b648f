"""Who asserts a sentence: 'X said', 'according to X', 'Beijing insists', a quote's speaker.

The speech verb nearest the root of the parse wins, so 'The official said Sullivan
reiterated ...' is the official's claim; 'he said' is resolved to the person
mentioned last before it. Sources are normalized: people to their full name in the
article, countries and their governments to one key (see ``sources``). A sentence
holding two parties' claims ('The US said ..., while Beijing insists ...') is given
to the outer verb's speaker only: one attribution per sentence is the model's shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosscheck.extract.context import ArticleContext, make_span
from crosscheck.extract.people import PRONOUNS
from crosscheck.extract.sources import country_of, normalize_source
from crosscheck.lexicon import SPEECH_VERBS
from crosscheck.models import Attribution, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


def attribution(
    context: ArticleContext, sentence: Sentence, quoted: bool, speaker: str | None = None
) -> Attribution | None:
    """The sentence's source, or None when the article asserts it in its own voice.

    ``speaker`` is the person the previous sentences quoted: '"...," he added' is theirs.
    """
    tokens = context.sentence_tokens(sentence)
    if not len(tokens):
        return None
    verbs = sorted(
        (token for token in tokens if token.lemma_.lower() in SPEECH_VERBS and token.pos_ in {"VERB", "AUX"}),
        key=lambda token: (_depth(token, tokens), token.i),
    )
    according = _according(context, tokens)
    if according is not None and not (verbs and _depth(verbs[0], tokens) == 0):
        return according
    for verb in verbs:
        subject = _subject(verb)
        if subject is None:
            continue
        found = _source(context, subject, tokens, speaker)
        if found is None:
            continue
        source, start, end = found
        kind = "quote" if quoted else "reported" if verb.lemma_.lower() == "report" else "said"
        return Attribution(source, make_span(context.article, start, end), kind)  # type: ignore[arg-type]
    return according


def _depth(token: Token, tokens: SpacySpan) -> int:
    depth = 0
    while token.head.i != token.i and tokens.start <= token.head.i < tokens.end:
        token = token.head
        depth += 1
    return depth


def _subject(verb: Token) -> Token | None:
    """The speaker: the verb's subject, the agent of a passive, or the subject of the verb 'saying' hangs on."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "expl"} and child.dep_ != "expl":
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    if verb.tag_ == "VBG" and verb.dep_ in {"advcl", "xcomp", "conj"} and verb.head.i != verb.i:
        return _subject(verb.head) if verb.head.lemma_.lower() not in SPEECH_VERBS else None
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def _according(context: ArticleContext, tokens: SpacySpan) -> Attribution | None:
    for token in tokens:
        if token.lower_ == "according" and token.i + 1 < tokens.end and token.nbor().lower_ == "to":
            objects = [child for child in token.nbor().children if child.dep_ == "pobj"]
            if not objects:
                continue
            found = _source(context, objects[0], tokens)
            if found is not None:
                source, start, end = found
                return Attribution(source, make_span(context.article, start, end), "according")
    return None


def _source(
    context: ArticleContext, head: Token, tokens: SpacySpan, speaker: str | None = None
) -> tuple[str, int, int] | None:
    """(normalized source, start, end) for the noun phrase headed by ``head``."""
    if head.lower_ in PRONOUNS:
        name = speaker or context.people.last_before(head.idx, head.lower_)
        return (name, head.idx, head.idx + len(head.text)) if name else None
    if head.pos_ == "PRON":
        return None
    entity = context.entity_at(head)
    if entity is not None and entity.label == "PERSON":
        table = normalize_source(entity.tokens.text)
        if country_of(entity.tokens.text) is not None:
            return table, entity.start, entity.end
        return entity.normalized, entity.start, entity.end
    if head.text[:1].isupper() and context.people.knows_word(head.text):
        return context.people.resolve(head.text, head.idx), head.idx, head.idx + len(head.text)
    first = max(head.left_edge.i, tokens.start)
    while first < head.i and context.doc[first].pos_ in {"DET", "PUNCT"}:
        first += 1
    last = head.i
    for child in head.rights:
        if child.dep_ in {"prep", "compound", "amod"} and child.i < tokens.end:
            last = max(last, min(child.right_edge.i, tokens.end - 1))
    start, end = context.doc[first].idx, context.doc[last].idx + len(context.doc[last].text)
    phrase = context.article.text[start:end]
    source = normalize_source(phrase)
    if entity is not None and source == normalize_source(phrase.lower()) and entity.start >= start:
        entity_source = normalize_source(context.article.text[entity.start : entity.end])
        if entity_source != source and len(entity_source) < len(source):
            source = entity_source
    return source, start, end
