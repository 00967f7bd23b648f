"""Who speaks for whom: countries, their capitals, governments and officials as one source.

A claim by 'Beijing', 'the Chinese foreign ministry' or 'Chinese officials' is the
same party's claim, so each maps to one key ('china'). The table is small and
written out on purpose: it covers the countries news about diplomacy names most;
any other source keeps its normalized name.
"""

from __future__ import annotations

import re

from crosscheck.extract.names import normalize

# country key -> names, demonyms and seats of government that stand for it
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "us": (
        "us",
        "u.s.",
        "u.s",
        "usa",
        "u.s.a.",
        "united states",
        "the united states",
        "america",
        "american",
        "americans",
        "washington",
        "white house",
        "pentagon",
        "state department",
        "biden administration",
        "trump administration",
        "obama administration",
        "us government",
        "washington dc",
        "washington d.c.",
    ),
    "china": (
        "china",
        "chinese",
        "beijing",
        "prc",
        "people's republic of china",
        "zhongnanhai",
        "xinhua",
        "xinhua news agency",
        "cgtn",
        "global times",
        "china global tv network",
        "china global television network",
        "people's daily",
        "cctv",
        "china central television",
    ),
    "russia": ("russia", "russian", "russians", "moscow", "kremlin", "russian federation", "tass"),
    "ukraine": ("ukraine", "ukrainian", "ukrainians", "kyiv", "kiev"),
    "uk": (
        "uk",
        "u.k.",
        "united kingdom",
        "britain",
        "great britain",
        "british",
        "london",
        "downing street",
        "whitehall",
    ),
    "france": ("france", "french", "paris", "elysee", "élysée"),
    "germany": ("germany", "german", "berlin"),
    "japan": ("japan", "japanese", "tokyo"),
    "india": ("india", "indian", "new delhi", "delhi"),
    "taiwan": ("taiwan", "taiwanese", "taipei"),
    "north korea": ("north korea", "north korean", "pyongyang", "dprk"),
    "south korea": ("south korea", "south korean", "seoul"),
    "iran": ("iran", "iranian", "tehran"),
    "israel": ("israel", "israeli", "jerusalem"),
    "eu": ("eu", "european union", "brussels", "european commission"),
    "nato": ("nato",),
    "un": ("un", "u.n.", "united nations"),
    "canada": ("canada", "canadian", "ottawa"),
    "cuba": ("cuba", "cuban", "havana"),
    "turkey": ("turkey", "turkish", "ankara", "türkiye"),
}
_LOOKUP = {name: key for key, names in _COUNTRIES.items() for name in names}

# Words after a country that still mean its government: 'Chinese officials', 'US military'.
_GOVERNMENT = re.compile(
    r"\s+(?:government|officials?|authorities|administration|foreign ministry|ministry of foreign affairs|"
    r"ministry|military|army|embassy|leadership|state media|side|spokesperson|spokesman|spokeswoman|"
    r"diplomats?|defen[cs]e ministry|defen[cs]e department|state department|foreign office|"
    r"news agency|state television|state tv|communist party|parliament|congress)$"
)
_PREFIX = re.compile(r"^(?:a|an|the|senior|top|some|several|other|many)\s+")


def country_of(text: str) -> str | None:
    """The country key of a name, demonym or seat of government ('Beijing' -> 'china'), else None."""
    return _LOOKUP.get(normalize(text))


def normalize_source(text: str) -> str:
    """One key per party: 'Chinese officials' -> 'china', 'the Pentagon' -> 'us', else the name."""
    name = normalize(text)
    name = _PREFIX.sub("", name)
    if name in _LOOKUP:
        return _LOOKUP[name]
    bare = _GOVERNMENT.sub("", name)
    if bare != name and bare in _LOOKUP:
        return _LOOKUP[bare]
    owner = re.match(r"^(.+?)['’]s\s+(.+)$", text.strip())
    if owner:
        key = country_of(owner.group(1))
        if key and normalize(owner.group(2)) != "":
            return key
    return name
