"""Normalizing entity names so that mentions of one thing compare equal."""

from __future__ import annotations

import re

_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|sir|dame)\.?\s+", re.IGNORECASE)
_EDGE_PUNCT = " \t\n\"'“”‘’()[],.;:-–—"


def strip_possessive(text: str) -> str:
    """'North Korea's' -> 'North Korea', 'Blinken’s' -> 'Blinken' (plural 'officials'' too)."""
    match = _POSSESSIVE.search(text)
    if not match:
        return text
    kept = text[: match.start()] + ("s" if match.group(0).lower().startswith("s") else "")
    return kept if kept.strip() else text


def normalize(text: str) -> str:
    """Lower case, single spaces, no possessive, no leading 'the', no honorific."""
    text = " ".join(text.split()).strip(_EDGE_PUNCT)
    text = strip_possessive(text).strip(_EDGE_PUNCT)
    text = _LEADING_THE.sub("", text)
    text = _HONORIFIC.sub("", text)
    return text.lower()


def _words(name: str) -> list[str]:
    return [word.strip(".") for word in normalize(name).replace("-", " ").split() if word.strip(".")]


def same_person(a: str, b: str) -> bool:
    """Whether two person names can refer to one person: 'Blinken' ~ 'Antony Blinken'.

    A one-word name matches any longer name containing it (surname, or the family
    name first as in 'Wang Yi' ~ 'Wang'); longer names must agree on every word they
    both spell out, with initials matching the full word ('J. Biden' ~ 'Joe Biden').
    """
    first, second = _words(a), _words(b)
    if not first or not second:
        return False
    if first == second:
        return True
    if len(first) == 1 or len(second) == 1:
        single, other = (first, second) if len(first) == 1 else (second, first)
        return single[0] in other
    if first[-1] != second[-1] and first[0] != second[0]:
        return False
    shorter, longer = sorted((first, second), key=len)
    return all(any(_word_matches(word, candidate) for candidate in longer) for word in shorter)


def _word_matches(word: str, candidate: str) -> bool:
    if len(word) == 1 or len(candidate) == 1:
        return word[0] == candidate[0]
    return word == candidate
