"""Whether the sentence's main predicate is negated: 'did not', 'has not seen', 'denied', 'never'.

For a reported statement ('the White House said it has not seen ...') the reported
clause is the predicate that counts, since that is what the source asserts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosscheck.lexicon import DENIAL_VERBS, NEGATORS, SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


def negated(tokens: SpacySpan) -> bool:
    """True when the main verb (or the reported clause of a speech verb) is negated or a denial."""
    if not len(tokens):
        return False
    root = tokens.root
    if _negative(root):
        return True
    if root.lemma_.lower() in SPEECH_VERBS:
        return any(_negative(child) for child in root.children if child.dep_ in {"ccomp", "xcomp"})
    return False


def _negative(verb: Token) -> bool:
    if verb.lemma_.lower() in DENIAL_VERBS:
        return True
    return any(child.dep_ == "neg" or child.lower_ in NEGATORS for child in verb.children)
