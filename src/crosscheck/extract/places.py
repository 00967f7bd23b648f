"""Place names the small English pipeline misses or mislabels.

On the eval clusters en_core_web_sm tagged "the town of Baler" as a PERSON,
"Vandenberg Space Force Base" as a PERSON, left "in Cardiff" untagged and read the
dateline "OSLO/CHICAGO —" as an ORG. Three cues, none tied to a name list, fix that:

- a name after "(town|city|village|port|province|...) of" is a place (GPE);
- a name whose last word is a facility noun ("... Base", "... Airport", "... Stadium")
  is a place (FAC);
- a dateline ("CAPE CANAVERAL, Fla. (Orbit News) —") names places (GPE), "/" separating
  two (``crosscheck.datelines`` finds them);
- a capitalized proper noun no entity covers, right after "in", "near", "outside" or
  "from" ("in Cardiff"), is a place unless it is a month, a weekday or a known person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

PLACE_NOUNS = frozenset(
    """town city village port province state county district region island islands municipality
    borough suburb capital prefecture commune hamlet""".split()
)
FACILITY_WORDS = frozenset(
    """base airport airfield airbase stadium arena park station harbour harbor port square bridge
    dam plant spaceport cosmodrome racecourse ground""".split()
)
LOCATIVE = frozenset({"in", "near", "outside", "from"})
_CALENDAR = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


def is_facility(text: str) -> bool:
    """'Vandenberg Space Force Base' is a place, whatever label spaCy gave it."""
    words = text.split()
    return len(words) >= 2 and words[-1].lower() in FACILITY_WORDS and words[0][:1].isupper()


def after_place_noun(span: SpacySpan) -> bool:
    """'(the fishing) town of Baler': the name is the object of 'of' after a place noun."""
    doc = span.doc
    k = span.start - 1
    return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lemma_.lower() in PLACE_NOUNS


def place_label(span: SpacySpan) -> str | None:
    """GPE or FAC when a cue says the span is a place, else None."""
    if is_facility(span.text):
        return "FAC"
    if after_place_noun(span):
        return "GPE"
    return None


def locative_name(doc: Doc, i: int) -> int:
    """End of an untagged proper name starting at token ``i`` right after 'in'/'near'/'from', else ``i``."""
    if i == 0 or doc[i - 1].lower_ not in LOCATIVE:
        return i
    end = i
    while end < len(doc) and _name_token(doc[end]):
        end += 1
    return end


def _name_token(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.lower_ not in _CALENDAR
