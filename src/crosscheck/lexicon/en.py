"""English word lists the extractors and the judge share, defined once (as spaCy's ``lang/en``)."""

from __future__ import annotations

#: Verbs that attribute a claim to a source ("Blinken said", "Beijing insists"); past them, the
#: predicate of a sentence is the reported clause's verb.
SPEECH_VERBS = frozenset(
    """say tell insist claim deny state announce add confirm report maintain accuse warn argue note allege
    describe urge counter stress write acknowledge admit explain suggest assert contend reiterate declare
    tweet post reply respond complain emphasize emphasise caution predict promise vow concede testify
    inform reveal disclose dismiss threaten""".split()
)

#: Verbs whose subject denies the complement ("denied sending the balloon").
DENIAL_VERBS = frozenset({"deny", "reject", "refute", "rebut", "disavow"})
#: Verbs whose subject did not do what their complement says ("refused to resign", "failed to
#: reach a deal", "avoided a default", "stopped short of calling a strike").
AVERTING_VERBS = frozenset({"refuse", "decline", "fail", "refrain", "avoid", "forgo"})
#: Complements that deny nothing about the story: "declined to comment" is no denial of a fact.
NON_ANSWERS = frozenset({"comment", "elaborate", "discuss", "speculate", "respond", "answer"})
#: Words that negate the verb they attach to.
NEGATORS = frozenset({"not", "n't", "never", "no longer"})
#: Subjects that deny their verb ("none of them was hurt", "nobody was arrested").
NOBODY = frozenset({"none", "neither", "nobody", "nothing"})
#: Words highlighted as the negation in a report.
NEGATION_CUES = frozenset({"not", "no", "never", "n't", "denied", "denies", "deny", "without"})

#: Function words that are English only (not also Spanish, Portuguese, French, German, Dutch or
#: Italian words such as "a", "in", "an", "die"): a text full of them is English.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to that is was for with said it on as by from were has have his her which this "
    "their they been would will who its at are not but".split()
)

#: Words saying a figure or a state is the latest of several ("rose to", "so far"): a running count.
UPDATE_WORDS = (
    "rose", "risen", "rising", "climbed", "increased", "grew", "jumped", "updated", "latest", "now",
    "so far", "preliminary", "still", "remain", "remained", "up from", "down from", "first reported",
    "revised",
)  # fmt: skip

#: Verbs whose "by" gives a change or a margin, not a level ("rose by 5%", "lost by four votes").
CHANGE_VERBS = frozenset(
    """rise fall increase decrease grow drop climb jump cut reduce lose win beat lead trail exceed
    raise lower shrink decline slip gain surge plunge slide widen narrow""".split()
)

#: Units of measure, each as (the one unit its quantity is compared in, how many of that unit it
#: is, whether a writer who uses it has usually converted and rounded): "3,600 feet" and "1,100
#: metres" are one depth, "nearly 30,000 feet" and "6 kilometres" are not.
MEASURE_UNITS = {
    "metre": ("metre", 1.0, False), "meter": ("metre", 1.0, False), "kilometre": ("metre", 1e3, False),
    "centimetre": ("metre", 0.01, False), "millimetre": ("metre", 0.001, False),
    "foot": ("metre", 0.3048, True), "yard": ("metre", 0.9144, True), "mile": ("metre", 1609.344, True),
    "inch": ("metre", 0.0254, True),
    "square metre": ("square metre", 1.0, False), "square kilometre": ("square metre", 1e6, False),
    "hectare": ("square metre", 1e4, False), "acre": ("square metre", 4046.8564224, True),
    "square mile": ("square metre", 2589988.110336, True), "square foot": ("square metre", 0.09290304, True),
    "litre": ("litre", 1.0, False), "millilitre": ("litre", 0.001, False), "cubic metre": ("litre", 1e3, False),
    "cubic kilometre": ("litre", 1e12, False), "cubic foot": ("litre", 28.316846592, True),
    "cubic yard": ("litre", 764.554857984, True),
    "gallon": ("litre", 3.785411784, True), "barrel": ("litre", 158.987294928, True),
    "kilogram": ("kilogram", 1.0, False), "gram": ("kilogram", 0.001, False), "tonne": ("kilogram", 1e3, False),
    "ton": ("kilogram", 1e3, True), "lb": ("kilogram", 0.45359237, True),
    "kilometre per hour": ("kilometre per hour", 1.0, False),
    "mile per hour": ("kilometre per hour", 1.609344, True), "knot": ("kilometre per hour", 1.852, True),
}  # fmt: skip

#: Temperature scales as written after "degrees" or "°" ("2 degrees Celsius", "36°F"): a figure in
#: one scale is never compared with a figure in the other, because a rise of 2 °C is a rise of 3.6 °F
#: while a reading of 2 °C is 35.6 °F, and the sentence rarely says which it is.
TEMPERATURE_SCALES = {
    "celsius": "celsius",
    "centigrade": "celsius",
    "c": "celsius",
    "fahrenheit": "fahrenheit",
    "f": "fahrenheit",
}

#: Offices only one person holds at a time (within one country or organisation); any "chief ...
#: officer" is one too (judge.titles reads those by their shape).
OFFICE_HEADS = (
    "minister", "president", "premier", "chancellor", "secretary", "governor", "mayor", "ceo",
    "chief executive", "chairman", "chairwoman", "chair", "director", "commissioner", "coach",
    "manager", "captain", "ambassador", "head", "attorney general", "speaker", "treasurer",
    "chief justice", "king", "queen", "commander", "pilot", "chief",
)  # fmt: skip
#: Titles that describe a role rather than name a single-holder office: many people hold them at
#: once (a ministry has several spokespeople, a case several prosecutors), so they never conflict.
DESCRIPTIVE_ROLES = (
    "top diplomat", "official", "aide", "adviser", "advisor", "envoy", "member", "lawmaker",
    "veteran", "spokesperson", "spokesman", "spokeswoman", "prosecutor", "judge", "editor",
    "analyst", "investigator", "negotiator", "head of government", "head of state",
)  # fmt: skip
#: Words that make a different office of the same name: a deputy minister is not the minister.
RANK_MODIFIERS = frozenset(
    {"deputy", "vice", "assistant", "acting", "under", "junior", "associate", "interim", "co", "lieutenant"}
)
