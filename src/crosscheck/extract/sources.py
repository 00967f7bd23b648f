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
    "switzerland": ("switzerland", "swiss", "bern", "berne"),
    "italy": ("italy", "italian", "rome"),
    "spain": ("spain", "spanish", "madrid"),
    "portugal": ("portugal", "portuguese", "lisbon"),
    "poland": ("poland", "polish", "warsaw"),
    "norway": ("norway", "norwegian", "oslo"),
    "sweden": ("sweden", "swedish", "stockholm"),
    "netherlands": ("netherlands", "the netherlands", "dutch", "holland", "the hague"),
    "philippines": ("philippines", "the philippines", "philippine", "filipino", "manila"),
    "brazil": ("brazil", "brazilian", "brasilia", "brasília"),
    "mexico": ("mexico", "mexican", "mexico city"),
    "australia": ("australia", "australian", "canberra"),
    "pakistan": ("pakistan", "pakistani", "islamabad"),
    "saudi arabia": ("saudi arabia", "saudi", "riyadh"),
    "egypt": ("egypt", "egyptian", "cairo"),
    "south africa": ("south africa", "south african", "pretoria"),
    "greece": ("greece", "greek", "athens"),
}
_LOOKUP = {name: key for key, names in _COUNTRIES.items() for name in names}

# Words after a country that still mean its government: 'Chinese officials', 'US military'.
_GOVERNMENT = re.compile(
    r"\s+(?:government|officials?|authorities|administration|foreign ministry|ministry of foreign affairs|"
    r"ministry|military|army|embassy|leadership|state media|side|spokesperson|spokesman|spokeswoman|"
    r"diplomats?|defen[cs]e ministry|defen[cs]e department|state department|foreign office|"
    r"news agency|state television|state tv|communist party|parliament|congress)$"
)
_STATEMENT = re.compile(
    r"^(?:a|an|the)?\s*(?:joint\s+)?(?:statement|release|report|readout)\s+(?:from|by|of)\s+"
)
_LOCATED = re.compile(r"\s+(?:in|at)\s+[\w .'-]+$")
# Demonym endings, longest first: 'Norvanian' -> 'norvania', 'Pakistani' -> 'pakistan'.
_DEMONYM_SUFFIXES = ("ian", "ese", "ish", "an", "i")
_PREFIX = re.compile(r"^(?:a|an|the|senior|top|some|several|other|many)\s+")


def country_of(text: str) -> str | None:
    """The country key of a name, demonym or seat of government ('Beijing' -> 'china'), else None."""
    return _LOOKUP.get(normalize(text))


def country_key(name: str, places: tuple[str, ...] = ()) -> str:
    """One key for a country and its demonym, for countries outside the table too.

    A demonym ('norvanian', 'pakistani') is cut at its ending and matched with a place
    named in the same article ('norvania'); without one, only '-ian' is undone to
    '-ia' ('valdorian' -> 'valdoria', the usual shape of a country name), since '-an',
    '-ese', '-ish' and '-i' cannot be undone without knowing the country.
    """
    name = normalize(name)
    if name in _LOOKUP:
        return _LOOKUP[name]
    if " " in name:
        return name
    for suffix in _DEMONYM_SUFFIXES:
        stem = name[: -len(suffix)]
        if name.endswith(suffix) and len(stem) >= 3:
            match = next(
                (p for p in places if p != name and p.startswith(stem) and len(p) - len(stem) <= 4), None
            )
            if match:
                return match
            if suffix == "ian":
                return stem + "ia"
            return name
    return name


def normalize_source(text: str) -> str:
    """One key per party: 'Chinese officials' -> 'china', 'the Pentagon' -> 'us', else the name.

    'A statement from the Swiss foreign ministry' is the ministry's; 'the Norvanian
    embassy in Bern' is Norvania's ('norvania', see ``country_key``).
    """
    name = normalize(text)
    name = _STATEMENT.sub("", name)
    name = _PREFIX.sub("", name)
    if name in _LOOKUP:
        return _LOOKUP[name]
    bare = _GOVERNMENT.sub("", _LOCATED.sub("", name))
    if bare != name and bare in _LOOKUP:
        return _LOOKUP[bare]
    if bare != name and " " not in bare and country_key(bare) != bare:
        return country_key(bare)
    owner = re.match(r"^(.+?)['’]s\s+(.+)$", text.strip())
    if owner:
        key = country_of(owner.group(1))
        if key and normalize(owner.group(2)) != "":
            return key
    return name
