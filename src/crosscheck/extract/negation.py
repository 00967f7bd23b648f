"""Whether the sentence's main predicate is negated: 'did not', 'has not seen', 'denied', 'never',
'issued no warning'.

For a reported statement ('the White House said it has not seen ...') the reported
clause is the predicate that counts, since that is what the source asserts. When the main
clause denies nothing, a denial in another clause counts ('though no evacuation order was
issued', 'neither of whom was hurt'): writers tuck what did not happen into sub-clauses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosscheck.lexicon import (
    AVERTING_VERBS,
    DENIAL_VERBS,
    NEGATION_CUES,
    NEGATORS,
    NOBODY,
    NON_ANSWERS,
    SPEECH_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


#: How many words before a word a negation cue covers it ("must never again *occur*").
NEGATION_REACH = 3


def asserted(tokens: SpacySpan) -> tuple[str, ...]:
    """The sentence's words that no negation cue covers, each as written and as its lemma: what
    it asserts, for another claim's denial to meet. The lemma is what lets "the ferry *sank*"
    meet "did not *sink*" and "*knew* where the money went" meet "did not *know*"."""
    said = [token for token in tokens if not (token.is_punct or token.is_space)]
    found: list[str] = []
    for at, token in enumerate(said):
        if not any(word.lower_ in NEGATION_CUES for word in said[max(0, at - NEGATION_REACH) : at]):
            found += (token.lower_, token.lemma_.lower())
    return tuple(dict.fromkeys(found))


def denied(tokens: SpacySpan) -> tuple[str, ...]:
    """What the main verb and its conjuncts (or the reported clause of a speech verb) deny, as
    lemmas: the verb itself and its object ("had not *conceded*", "did not *dump fuel*"), the
    noun "no" quantifies ("issued no *warning*"), or a denial verb's object ("denied any
    *role*"); empty when nothing is negated. The object counts because the other article may
    tell the same act with another verb ("jettisoned fuel")."""
    if not len(tokens):
        return ()
    root = tokens.root
    found = _denials(root)
    if not found and root.lemma_.lower() in SPEECH_VERBS:
        for child in root.children:
            if child.dep_ in {"ccomp", "xcomp"}:
                found += _denials(child)
    if not found:
        found = tuple(word for token in tokens if token.dep_ in _CLAUSES for word in _denial(token))
    return found


#: Clauses besides the main one whose denial the sentence also asserts: "residents were urged to
#: leave, though no evacuation order was issued", "both drivers, neither of whom was hurt".
_CLAUSES = frozenset({"advcl", "relcl", "conj", "acl", "parataxis", "ccomp"})


def _denials(verb: Token) -> tuple[str, ...]:
    verbs = [
        verb,
        *(child for child in verb.children if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}),
    ]
    return tuple(word for v in verbs for word in _denial(v))


#: The verb's arguments whose determiner "no" negates the whole predicate
#: ("no warning was in force", "issued no warning", "there were no deaths").
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def _denial(verb: Token) -> tuple[str, ...]:
    averted = _averted(verb)
    if averted is not None:
        return _with_objects(averted)
    if verb.lemma_.lower() in DENIAL_VERBS:
        objects = [child for child in verb.children if child.dep_ in {"dobj", "ccomp"}]
        return ((objects[0] if objects else verb).lemma_.lower(),)
    for child in verb.children:
        if (child.dep_ == "neg" or child.lower_ in NEGATORS) and not _bound(child):
            return _with_objects(verb)
        if child.dep_ in _ARGUMENTS and any(
            d.dep_ == "det" and d.lower_ == "no" and not _bound(d) for d in child.children
        ):
            return (child.lemma_.lower(),)
        if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in NOBODY:
            return _with_objects(verb)  # "none of them has needed treatment"
    return ()


def _with_objects(word: Token) -> tuple[str, ...]:
    """A denied word and, for a verb, its direct objects ("did not dump *fuel*")."""
    objects = [child for child in word.children if child.dep_ in {"dobj", "attr"}]
    return (word.lemma_.lower(), *(child.lemma_.lower() for child in objects))


#: Averting verbs whose direct object is what did not happen ("avoided a *default*").
_AVERTS_ITS_OBJECT = frozenset({"avoid", "forgo"})
#: Complements an averting verb denies nothing of: speaking ("declined to say", "to comment").
_UNSPOKEN = SPEECH_VERBS | NON_ANSWERS


def _averted(verb: Token) -> Token | None:
    """What an averting verb says did not happen: its complement ("stopped short of *calling* a
    strike", "refused to *resign*", "avoided a *default*"); None for other verbs and for a
    refusal to speak ("declined to comment")."""
    lemma = verb.lemma_.lower()
    if lemma == "stop":
        heads = [child for child in verb.children if child.lower_ == "short"]
    elif lemma in AVERTING_VERBS:
        heads = [verb]
    else:
        return None
    for head in heads:
        for child in head.children:
            if child.dep_ == "dobj" and lemma in _AVERTS_ITS_OBJECT:
                return child
            complement = child if child.dep_ == "xcomp" else None
            if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                # 'stopped short of calling a strike', not 'stopped short of the barrier'
                kinds = {"pcomp"} if lemma == "stop" else {"pcomp", "pobj"}
                complement = next((c for c in child.children if c.dep_ in kinds), None)
            if complement is not None and complement.lemma_.lower() not in _UNSPOKEN:
                return complement
    return None


def _bound(cue: Token) -> bool:
    """'no more than 160 passengers', 'not later than Friday': a limit on a figure or a day,
    which the sentence asserts, not a denial."""
    following = cue.doc[cue.i + 1 : cue.i + 3]
    return len(following) == 2 and following[0].tag_ in {"JJR", "RBR"} and following[1].lower_ == "than"
