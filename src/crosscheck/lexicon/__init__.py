"""Shared word lists, as data: speech verbs, negation cues, update words, offices, units."""

from crosscheck.lexicon.en import (
    DENIAL_VERBS,
    DESCRIPTIVE_ROLES,
    ENGLISH_FUNCTION_WORDS,
    MEASURE_UNITS,
    NEGATION_CUES,
    NEGATORS,
    OFFICE_HEADS,
    RANK_MODIFIERS,
    SPEECH_VERBS,
    UPDATE_WORDS,
)

__all__ = [
    "DENIAL_VERBS",
    "DESCRIPTIVE_ROLES",
    "ENGLISH_FUNCTION_WORDS",
    "MEASURE_UNITS",
    "NEGATION_CUES",
    "NEGATORS",
    "OFFICE_HEADS",
    "RANK_MODIFIERS",
    "SPEECH_VERBS",
    "UPDATE_WORDS",
]
