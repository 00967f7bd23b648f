"""Shared word lists, as data: speech verbs, negation cues, update and change words, offices, units."""

from crosscheck.lexicon.en import (
    AVERTING_VERBS,
    CHANGE_VERBS,
    DENIAL_VERBS,
    DESCRIPTIVE_ROLES,
    ENGLISH_FUNCTION_WORDS,
    MEASURE_UNITS,
    NEGATION_CUES,
    NEGATORS,
    NOBODY,
    NON_ANSWERS,
    OFFICE_HEADS,
    RANK_MODIFIERS,
    SPEECH_VERBS,
    TEMPERATURE_SCALES,
    UPDATE_WORDS,
)

__all__ = [
    "AVERTING_VERBS",
    "CHANGE_VERBS",
    "DENIAL_VERBS",
    "DESCRIPTIVE_ROLES",
    "ENGLISH_FUNCTION_WORDS",
    "MEASURE_UNITS",
    "NEGATION_CUES",
    "NEGATORS",
    "NOBODY",
    "NON_ANSWERS",
    "OFFICE_HEADS",
    "RANK_MODIFIERS",
    "SPEECH_VERBS",
    "TEMPERATURE_SCALES",
    "UPDATE_WORDS",
]
