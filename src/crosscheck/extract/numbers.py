"""Numbers with their unit and how exact the writer claims them to be.

spaCy's CARDINAL, MONEY, PERCENT and QUANTITY entities give the candidates (digits it
missed are added by pattern); the value, scale and currency are read here because
spaCy does not normalize them. Dates, times, ordinals, years and numbers inside
names ("G20", "Apollo 11") are left out; durations spaCy files as DATE or TIME
count when they state a number ("a little over eight hours" -> about 8 hour: "just
over" and "a little under" say the figure is close, not only a bound).
Measured on the five seed articles (ingest + segment + extract): "$32.95" -> 32.95
usd, "less than $3" -> less than 3 usd, "two days" -> 2 day; no year or date came
out as a number.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from crosscheck.extract.context import ArticleContext, make_span
from crosscheck.lexicon import CHANGE_VERBS, MEASURE_UNITS, TEMPERATURE_SCALES
from crosscheck.models import DateFact, NumberFact, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

_NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "NORP", "LOC"}
)
_SKIP_LABELS = frozenset({"DATE", "TIME", "ORDINAL"}) | _NAME_LABELS

_SMALL = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "dozen": 12,
}
_CURRENCY_SYMBOLS = {
    "us$": "usd",
    "$": "usd",
    "c$": "cad",
    "a$": "aud",
    "hk$": "hkd",
    "€": "eur",
    "£": "gbp",
    "¥": "jpy",
    "₹": "inr",
    "₽": "rub",
}
_CURRENCY_WORDS = {
    "dollar": "usd",
    "euro": "eur",
    "pound": "gbp",
    "sterling": "gbp",
    "yuan": "cny",
    "renminbi": "cny",
    "yen": "jpy",
    "rupee": "inr",
    "ruble": "rub",
    "rouble": "rub",
    "franc": "chf",
    "won": "krw",
    "peso": "peso",
    # plurals the lemmatizer leaves alone ('185 kroner' and 'a 158-krone toll' are one currency)
    "krone": "krone",
    "kroner": "krone",
    "krona": "krona",
    "kronor": "krona",
    "zlotys": "zloty",
}
_QUALIFIERS = (
    (
        "about",
        r"about|around|approximately|roughly|nearly|almost|some|an estimated|estimated|close to|circa|~"
        r"|a little over|just over|slightly over|slightly more than|a little under|just under|slightly under",
    ),
    ("more than", r"more than|over|above|in excess of|upwards of|exceeding"),
    ("less than", r"less than|fewer than|under|below|short of"),
    ("at least", r"at least|no fewer than|no less than|a minimum of"),
    ("at most", r"at most|no more than|a maximum of"),
    ("up to", r"up to"),
)
_QUALIFIER_BEFORE = [(name, re.compile(rf"(?:^|\W)(?:{words})\s*$", re.I)) for name, words in _QUALIFIERS]
_QUALIFIER_INSIDE = [(name, re.compile(rf"^(?:{words})\b\s*", re.I)) for name, words in _QUALIFIERS]
_AMOUNT = re.compile(
    r"(?P<cur>us\$|hk\$|c\$|a\$|[$€£¥₹₽])?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*-?"
    r"(?P<scale>hundred|thousand|million|mln|billion|trillion|bn|mn|tn|k|m|b)?\b(?P<pct>\s*%|\s*per\s*cent|\s*percent)?",
    re.I,
)
# 'between 200 and 300', '5-7', '$150 to $250' (the currency may be written on both ends)
_RANGE = re.compile(r"(?P<low>\d[\d,.]*)\s*(?:-|–|to|and)\s*(?:us\$|[$€£¥])?(?P<high>\d[\d,.]*)", re.I)
# a temperature's scale (TEMPERATURE_SCALES): written out inside the figure ('2 degrees Celsius'),
# or right after it, as a word or a letter ('degrees F', '°C')
_SCALE_INSIDE = re.compile(
    r"\b(?P<scale>{})\b".format("|".join(name for name in TEMPERATURE_SCALES if len(name) > 1)), re.I
)
_SCALE_AFTER = re.compile(
    r"^\s*(?:degrees?\s+|°\s*)?(?P<scale>{})\b".format("|".join(TEMPERATURE_SCALES)), re.I
)
_DIGITS = re.compile(
    r"(?:us\$|[$€£¥])?\d[\d,]*(?:\.\d+)?(?:\s*(?:%|percent|million|billion|bn|mn|k)\b)?", re.I
)
# 'square miles', 'sq km', 'cubic feet': an area or a volume, not a length
_POWER = re.compile(r"\b(?:(?P<square>sq(?:uare|\.)?)|cu(?:bic|\.)?)\s+[a-z]", re.I)
_SYMBOL_BEFORE = re.compile(r"(?:us\$|hk\$|c\$|a\$|[$€£¥₹₽])\s?$", re.I)
# 'per share', 'a barrel', 'an hour' (also after what is measured: 'litres of water per person'):
# the amount is a rate, its unit 'usd per share'.
_RATE = re.compile(
    r"^\s*(?:of\s+[a-z]+\s+)?(?:(?:per|a|an|each)\s+|/\s*)(?P<noun>share|barrel|hour|day|week|month|year|person|head|capita|tonne|ton|"
    r"kilogram|kg|litre|liter|gallon|ounce|night|unit|vote|mile|kilometre|kilometer|km|second|minute)\b"
    r"(?!\s+(?:earlier|later|before|after|ago|apart)\b)"  # '18,420 acres a day earlier' is no rate
    r"|^/\s*(?P<abbreviation>h|hr|s|sec)\b",  # '124 km/h', where spaCy's quantity stops at 'km'
    re.I,
)
_UNIT_SPELLING = {
    "km/h": "kilometre per hour",
    "kph": "kilometre per hour",
    "mph": "mile per hour",
    "km": "kilometre",
    "kilometer": "kilometre",
    "kg": "kilogram",
    "liter": "litre",
    "capita": "person",
    "h": "hour",
    "hr": "hour",
    "s": "second",
    "sec": "second",
    # who lives somewhere: "200 residents" and "2,000 people" count the same crowd
    "resident": "people",
    "inhabitant": "people",
    "villager": "people",
    "local": "people",
}
# 'the two men', 'two countries', 'one side': the two parties of a story, not a quantity
# worth checking. Spelled-out one and two are dropped when a determiner comes before them
# or they count one of these nouns; 'three astronauts', 'two bridges', '2 people' stay.
_PARTY_NOUNS = frozenset(
    """country nation side leader man woman government party company team minister president official
    neighbour neighbor delegation rival""".split()
)
_DETERMINERS = frozenset({"the", "both", "these", "those", "its", "their", "his", "her", "our", "all"})
_SCORE = re.compile(r"^\s?[-–]\s?\d|\d\s?[-–]\s?$")
_YEAR = re.compile(r"^(?:1[89]|20)\d{2}$")
_ALL_QUALIFIERS = "|".join(words for _, words in _QUALIFIERS)
_DURATION = re.compile(
    rf"^(?:(?:{_ALL_QUALIFIERS})\s+)?(?:\d[\d,.]*|[a-z]+(?:-[a-z]+)?)\s+"
    r"(?:second|minute|hour|day|week|month|year|decade)s?$",
    re.I,
)


def numbers(
    context: ArticleContext, sentence: Sentence, dated: tuple[DateFact, ...]
) -> tuple[NumberFact, ...]:
    """Numbers of the sentence with unit and qualifier; ranges give an 'at least' and an 'at most' fact.

    A length inside one of the sentence's ``dated`` spans ('two days after the attack', 'a week
    ago') says when something happened, not how long it lasted: it is left to the date.
    """
    found: list[NumberFact] = []
    for start, end, label in _candidates(context, sentence):
        if label == "DURATION" and any(d.span.start <= start and end <= d.span.end for d in dated):
            continue
        found += _facts(context, sentence, start, end, label)
    return tuple(_tallied(context.article.text, found))


#: What joins a tally's two figures ("79 votes to 53", "310 votes against 270").
_TALLY_JOIN = re.compile(r"\s+(?:to|against|versus|vs\.?)\s+")


#: What leads to a bare figure that is an earlier level of the figure before it ("73 miners,
#: up from 46", "4.1 percent, compared with 3.8").
_EARLIER_LEVEL = re.compile(r"\b(?:(?:up|down)\s+from|compared\s+(?:with|to))\s+$", re.I)
#: How far back, in characters, the words leading to an earlier level are looked for.
_EARLIER_LEVEL_REACH = 20


def _tallied(text: str, found: list[NumberFact]) -> list[NumberFact]:
    """A bare figure that ends a tally, or gives the level a figure changed from, counts what
    the figure before it counts: "beat him by 79 votes to 53" gives 53 votes, comparable with
    another outlet's "79 votes to 63"; "73 miners, up from 46" gives 46 miners."""
    tallied = list(found)
    for number, (first, second) in enumerate(pairwise(found), start=1):
        if second.unit is not None or not first.unit:
            continue
        between = text[first.span.end : second.span.start]
        if _TALLY_JOIN.fullmatch(between) or _EARLIER_LEVEL.search(between[-_EARLIER_LEVEL_REACH:]):
            tallied[number] = replace(second, unit=first.unit)
    return tallied


def _candidates(context: ArticleContext, sentence: Sentence) -> list[tuple[int, int, str]]:
    ents = context.spacy_ents_in(sentence.start, sentence.end)
    found = [(ent.start_char, ent.end_char, ent.label_) for ent in ents if ent.label_ in _NUMBER_LABELS]
    found += [
        (ent.start_char, ent.end_char, "DURATION")
        for ent in ents
        if ent.label_ in {"DATE", "TIME"} and _DURATION.match(ent.text.strip()) and _words_or_digits(ent.text)
    ]
    for match in _DIGITS.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        overlapping = [ent for ent in ents if ent.start_char < end and start < ent.end_char]
        if _standalone(sentence.text, match) and all(
            ent.label_ in _NAME_LABELS and _glued_count(context, ent, start, end) for ent in overlapping
        ):
            found.append((start, end, "CARDINAL"))
    return sorted(found)


def _glued_count(context: ArticleContext, ent: SpacySpan, start: int, end: int) -> bool:
    """A figure that ends a name and counts the plural noun after it: the parser glued it to the
    name ("the Nationals' Bronwyn Keogh 27 votes ahead"); 'Apollo 11' and 'Boeing 737' stay names."""
    tokens = context.tokens(start, end)
    return (
        end == ent.end_char
        and len(tokens) > 0
        and tokens[-1].head.tag_ == "NNS"
        and tokens[-1].head.i > tokens[-1].i
    )


def _words_or_digits(text: str) -> bool:
    """A duration counts only with a stated number: 'two days', not 'several days'."""
    return any(char.isdigit() for char in text) or _words_value(text.split()[-2]) is not None


def _standalone(text: str, match: re.Match[str]) -> bool:
    """Digits not glued to letters ('G20') or to times and scores ('6:30', '3-1' stays a range)."""
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return not (before.isalpha() or after.isalpha() or before == ":" or after == ":")


def _facts(context: ArticleContext, sentence: Sentence, start: int, end: int, label: str) -> list[NumberFact]:
    symbol = _SYMBOL_BEFORE.search(context.article.text[max(sentence.start, start - 3) : start])
    if symbol:
        start -= len(symbol.group(0))
    text = context.article.text[start:end]
    qualifier = "exact"
    for name, pattern in _QUALIFIER_INSIDE:
        match = pattern.match(text)
        if match:
            qualifier = name
            text = text[match.end() :]
            break
    else:
        window = context.article.text[max(sentence.start, start - 24) : start]
        for name, pattern in _QUALIFIER_BEFORE:
            match = pattern.search(window)
            if match:
                qualifier = name
                start -= len(window) - match.start() - (1 if match.group(0)[:1] in " \t\n" else 0)
                break
    tokens = context.tokens(start, end)
    if _inside_name(context, start, end):
        return []
    share = _fraction(text)
    if share is not None:  # 'four-fifths' of the goods is a share, a rounded one: about 80 percent
        span = make_span(context.article, start, end)
        return (
            [NumberFact(share, "percent", span, "about" if qualifier == "exact" else qualifier)]
            if span.text
            else []
        )
    unit, unit_end = _unit(context, tokens, text, label, end)
    rate = _RATE.match(context.article.text[max(end, unit_end) : sentence.end])
    if unit is not None and rate:
        per = (rate["noun"] or rate["abbreviation"]).lower()
        unit = f"{unit} per {_UNIT_SPELLING.get(per, per)}"
        unit_end = max(end, unit_end) + rate.end()
    if unit is not None:
        unit = _UNIT_SPELLING.get(unit, unit)
        power = _POWER.search(text + " " + context.article.text[end:unit_end])
        if power:
            unit = f"{'square' if power['square'] else 'cubic'} {unit}"
    if unit in ("degree", "°") or (unit is None and context.article.text[end : end + 1] == "°"):
        unit, unit_end = _temperature(context, text, max(end, unit_end), sentence.end)
    span = make_span(context.article, start, max(end, unit_end))
    if not span.text or _score(context, start, end, label) or _party_count(context, tokens, text, unit):
        return []
    bare = text.strip()
    if _YEAR.match(bare) and unit is None:
        return []
    if bare.lower() == "one" and unit is None:
        return []
    unit, factor, rounded = MEASURE_UNITS.get(unit or "", (unit, 1.0, False))
    ranged = _RANGE.search(text)
    if ranged:
        low, high = _value(ranged["low"]), _value(ranged["high"])
        if low is not None and high is not None and low < high:
            scale = (_value("1 " + text[ranged.end() :].strip()) or 1.0) * factor
            return [
                NumberFact(low * scale, unit, span, "at least"),
                NumberFact(high * scale, unit, span, "at most"),
            ]
    value = _value(text)
    if value is None:
        return []
    if rounded and qualifier == "exact":
        qualifier = "about"  # 'about 1,100 metres (3,600 feet)': the other system's figure is rounded
    if _a_change(context, sentence, start, end):
        qualifier = "change"
    return [NumberFact(value * factor, unit, span, qualifier)]


def _temperature(context: ArticleContext, text: str, after: int, sentence_end: int) -> tuple[str, int]:
    """'degree celsius' or 'degree fahrenheit' where the scale is written in the figure or right
    after it ('2 degrees Celsius', '36°F'); a bare 'degree' otherwise. Figures in two scales are
    then never compared (TEMPERATURE_SCALES)."""
    inside = _SCALE_INSIDE.search(text)
    following = _SCALE_AFTER.match(context.article.text[after:sentence_end])
    found = inside or following
    if found is None:
        return "degree", after
    return f"degree {TEMPERATURE_SCALES[found['scale'].lower()]}", after + (
        following.end() if following else 0
    )


_CHANGE_BEFORE = re.compile(r"(?:^|\W)(?:another|an additional|a further|an extra)\s*$", re.I)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:more|fewer|additional|extra|further|other|(?:lower|higher|less|greater|smaller|larger|bigger)\s+than)\b",
    re.I,
)
_TALLY_AFTER = re.compile(r"^\s*(?:[a-z]+\s+)?to\s+\d", re.I)


def _a_change(context: ArticleContext, sentence: Sentence, start: int, end: int) -> bool:
    """'seven more bodies', 'another 40 jobs', 'rose by 5%', 'lost by four votes', '14 fewer
    than needed', '22 percent lower than', 'its three other vessels': a change, a margin or the
    rest of a group, which says nothing against a total or a level."""
    text = context.article.text
    if _CHANGE_BEFORE.search(text[max(sentence.start, start - 16) : start]):
        return True
    after = text[end : sentence.end]
    if _CHANGE_AFTER.match(after) or _comparative_after(context, end, sentence.end):
        return True
    before = context.tokens(max(sentence.start, start - 4), start)
    return bool(
        len(before)
        and before[-1].lower_ == "by"
        and before[-1].head.lemma_.lower() in CHANGE_VERBS  # not 'killed by two gunmen'
        and not _TALLY_AFTER.match(after)  # 'defeated by 58 votes to 62' is a tally
    )


def _comparative_after(context: ArticleContext, end: int, sentence_end: int) -> bool:
    """'six minutes longer than in 2023', 'two hours earlier than planned': the figure right
    before a comparative and 'than' is a margin (the unit may come between)."""
    following = [token for token in context.tokens(end, sentence_end)[:3] if not token.is_space]
    for k in range(len(following) - 1):
        if following[k].tag_ in {"JJR", "RBR"} and following[k + 1].lower_ == "than":
            return k == 0 or following[0].pos_ == "NOUN"
    return False


def _score(context: ArticleContext, start: int, end: int, label: str) -> bool:
    """'a 2-1 win': one side of a score or tally that spaCy cut in two."""
    text = context.article.text
    return label == "CARDINAL" and bool(
        _SCORE.match(text[end : end + 3]) or _SCORE.search(text[max(0, start - 3) : start])
    )


def _party_count(context: ArticleContext, tokens: SpacySpan, text: str, unit: str | None) -> bool:
    """'the two leaders', 'two countries': see ``_PARTY_NOUNS``."""
    if text.strip().lower() not in {"one", "two"} or not len(tokens):
        return False
    before = context.doc[tokens.start - 1].lower_ if tokens.start else ""
    return before in _DETERMINERS or unit is None or unit in _PARTY_NOUNS


def _inside_name(context: ArticleContext, start: int, end: int) -> bool:
    return any(
        ent.label_ in _NAME_LABELS and not _glued_count(context, ent, start, end)
        for ent in context.spacy_ents_around(start, end)
    )


def _unit(
    context: ArticleContext, tokens: SpacySpan, text: str, label: str, end: int
) -> tuple[str | None, int]:
    """Currency, 'percent', or the counted noun as its lemma ('1.2 million votes' -> 'vote')."""
    lower = text.lower()
    if label == "DURATION" and len(tokens):
        return tokens[-1].lemma_.lower(), end
    if label == "PERCENT" or "%" in text or "percent" in lower or "per cent" in lower:
        return "percent", end
    for symbol, code in sorted(_CURRENCY_SYMBOLS.items(), key=lambda item: -len(item[0])):
        if symbol in lower:
            return code, end
    doc = context.doc
    last = tokens.end if len(tokens) else None
    for token in tokens:
        lemma = token.lemma_.lower()
        if lemma in _CURRENCY_WORDS:
            return _CURRENCY_WORDS[lemma], end
    if label == "QUANTITY":
        measure = [t for t in tokens if t.pos_ in {"NOUN", "PROPN"} and t.lower_ not in _SCALES]
        if measure:
            spelled = text[text.lower().find(measure[0].lower_) :].strip(" .").lower()
            first = _UNIT_SPELLING.get(measure[0].lemma_.lower(), measure[0].lemma_.lower())
            if len(measure) > 1 and "per" in spelled.split():
                first = f"{first} per {_UNIT_SPELLING.get(measure[-1].lemma_.lower(), measure[-1].lemma_.lower())}"
            return _UNIT_SPELLING.get(spelled, first), end
    if last is None:
        return None, end
    if last < len(doc) and doc[last].lower_ == "of":  # 'seven of the train's 10 cars' counts cars
        objects = [child for child in doc[last].children if child.dep_ == "pobj" and child.pos_ == "NOUN"]
        if objects:
            return _CURRENCY_WORDS.get(objects[0].lemma_.lower(), objects[0].lemma_.lower()), end
    followed = last < len(doc) and doc[last].pos_ in {"NOUN", "PROPN"}
    measure = _measure_before(doc, tokens.start, counts_a_noun=followed)
    if measure is not None:
        return measure, end
    k = last
    while k < len(doc) and k - last < 3 and doc[k].pos_ == "ADJ":
        k += 1
    if k < len(doc) and doc[k].pos_ in {"NOUN", "PROPN"} and doc[k].idx < len(context.article.text):
        token = doc[k]
        while token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ == "NOUN":
            token = token.head  # 'two space station flights' counts flights
        lemma = token.lemma_.lower()
        unit = _CURRENCY_WORDS.get(lemma, lemma)
        return unit, token.idx + len(token.text)
    head = tokens.root.head
    if tokens.root.dep_ in {"nummod", "quantmod"} and head.pos_ == "NOUN":
        return _CURRENCY_WORDS.get(head.lemma_.lower(), head.lemma_.lower()), end
    return None, end


def _measure_before(doc: Doc, first: int, *, counts_a_noun: bool) -> str | None:
    """The common noun a figure is the measure of, written before it: 'magnitude 7.1', 'a
    magnitude of 7.1', 'a 6.2-magnitude aftershock' all measure 'magnitude' (the noun after
    the figure, 'quake', is what has it). 'A veteran of four flights' counts flights."""
    k = first - 1
    if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].pos_ == "NOUN":
        if counts_a_noun:
            return None
        k -= 1  # 'a magnitude of 7.1'
    if k < 0 or doc[k].pos_ != "NOUN" or not doc[k].is_lower:
        return None
    return _UNIT_SPELLING.get(doc[k].lemma_.lower(), doc[k].lemma_.lower())


#: Parts of a whole by their denominator word: 'four-fifths', 'a third', 'two-thirds', 'half'.
_PARTS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_PARTS |= {"eighth": 8, "ninth": 9, "tenth": 10}
_FRACTION = re.compile(
    r"(?:(?P<count>a|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?(?P<part>"
    + "|".join(sorted({*_PARTS, *(f"{p}s" for p in _PARTS if not p.endswith("s"))}, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def _fraction(text: str) -> float | None:
    """A part of a whole written in words, as a percentage ('four-fifths' -> 80.0)."""
    match = _FRACTION.fullmatch(text.strip())
    if match is None:
        return None
    count = match["count"]
    numerator = 1 if count is None or count.lower() == "a" else _SMALL[count.lower()]
    part = match["part"].lower()
    denominator = _PARTS.get(part, _PARTS.get(part.removesuffix("s"), 0))
    return round(100.0 * numerator / denominator, 1) if denominator and numerator < denominator else None


def _value(text: str) -> float | None:
    """'15.2 billion' -> 15.2e9, '$15bn' -> 15e9, 'three' -> 3, 'twenty-five' -> 25, 'a dozen' -> 12."""
    match = _AMOUNT.search(text)
    if match:
        value = float(match["num"].replace(",", ""))
        scale = match["scale"]
        if scale:
            value *= _SCALES[scale.lower()]
        else:
            rest = text[match.end() :].lower().split()
            if rest and rest[0] in _SCALES and rest[0] not in {"m", "b", "k"}:
                value *= _SCALES[rest[0]]
        return value
    return _words_value(text)


#: 'a few hundred yards', 'several thousand people': a scale without a count, no figure to compare.
_VAGUE = frozenset({"few", "several", "many", "numerous"})


def _words_value(text: str) -> float | None:
    """'twenty-five' -> 25, 'a dozen' -> 12, 'half a million' -> 500,000; None for 'a few hundred'."""
    words = re.findall(r"[a-z]+", text.lower())
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word in _VAGUE and not seen:
            return None
        if word == "half" and not seen:
            current = 0.5
        elif word in _SMALL:
            current += _SMALL[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word in {"a", "an"}:
            current = current or 1
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in _SCALES and word not in {"k", "m", "b", "mn", "bn", "tn", "mln"}:
            total += (current or 1) * _SCALES[word]
            current, seen = 0.0, True
        elif word == "and":
            continue
        elif seen:
            break
    return total + current if seen else None
