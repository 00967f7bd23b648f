"""Place names the small English pipeline misses or mislabels.

On the eval clusters en_core_web_sm tagged "the town of Baler" as a PERSON,
"Vandenberg Space Force Base" as a PERSON, left "in Cardiff" untagged and read the
dateline "OSLO/CHICAGO —" as an ORG. Three cues, none tied to a name list, fix that:

- a name after "(town|city|village|port|province|...) of" is a place (GPE);
- a name whose last word is a facility noun ("... Base", "... Airport", "... Stadium")
  is a place (FAC);
- a dateline ("CAPE CANAVERAL, Fla. (Orbit News) —") names places (GPE), "/" separating
  two (``crosscheck.datelines`` finds them);
- a capitalized proper noun no entity covers, right after a locative preposition ("in
  Cardiff", "towing it to Brest"), after a place or area noun and "of" ("in the centre of Alzira",
  "north of Fillmore"), or before a place or facility noun ("its Castleford substation",
  "the Alberdi neighbourhood"), is a place unless it is a month, a weekday or a known person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

PLACE_NOUNS = frozenset(
    """town city village port province state county district region island islands municipality
    borough suburb capital prefecture commune hamlet neighbourhood neighborhood""".split()
)
#: Parts of a place named after "of": "the outskirts of Libourne", "north of Fillmore".
AREA_NOUNS = frozenset(
    """outskirts centre center heart edge north south east west northeast northwest southeast
    southwest""".split()
)
#: Nouns whose "of" names a place: "the town of Baler", "the outskirts of Libourne".
PLACE_OR_AREA_NOUNS = PLACE_NOUNS | AREA_NOUNS
FACILITY_WORDS = frozenset(
    """base airport airfield airbase stadium arena park station harbour harbor port square bridge
    dam plant spaceport cosmodrome racecourse ground hospital substation reservoir terminal
    refinery mine prison clinic warehouse depot pier quay wharf market""".split()
)
#: Nouns a place's name comes before: "its Castleford substation", "the Alberdi neighbourhood".
NAMED_BEFORE = PLACE_NOUNS | FACILITY_WORDS
LOCATIVE = frozenset({"in", "near", "outside", "from", "at", "to", "toward", "towards", "off", "via"})
_CALENDAR = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


def is_facility(text: str) -> bool:
    """'Vandenberg Space Force Base' is a place, whatever label spaCy gave it."""
    words = text.split()
    return len(words) >= 2 and words[-1].lower() in FACILITY_WORDS and words[0][:1].isupper()


def after_place_noun(span: SpacySpan) -> bool:
    """'(the fishing) town of Baler', 'the centre of Alzira': the name is the object of 'of'
    after a place or area noun."""
    doc = span.doc
    k = span.start - 1
    return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lemma_.lower() in PLACE_OR_AREA_NOUNS


def place_label(span: SpacySpan) -> str | None:
    """GPE or FAC when a cue says the span is a place, else None."""
    if is_facility(span.text):
        return "FAC"
    if after_place_noun(span):
        return "GPE"
    return None


def locative_name(doc: Doc, i: int) -> int:
    """End of an untagged proper name starting at token ``i`` that a cue makes a place ('in
    Cardiff', 'the outskirts of Libourne', 'its Castleford substation'), else ``i``."""
    end = i
    while end < len(doc) and _name_token(doc[end]):
        end += 1
    if end == i:
        return i
    before = doc[i - 1].lower_ if i else ""
    after_of = before == "of" and i >= 2 and doc[i - 2].lower_ in PLACE_OR_AREA_NOUNS
    named_before = end < len(doc) and doc[end].lower_ in NAMED_BEFORE
    named_after = is_facility(doc[i:end].text)  # 'Whangarei Hospital'
    return end if before in LOCATIVE or after_of or named_before or named_after else i


def _name_token(token: Token) -> bool:
    """A capitalized proper noun of letters ('Alzira', not 'NZ$20,000' or 'A')."""
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and len(token.text) > 1
        and not any(character.isdigit() for character in token.text)
        and token.lower_ not in _CALENDAR
    )
