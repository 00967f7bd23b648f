"""News-style NLI pairs made by controlled edits of the paragraphs in training/news/.

Markup in those files: ``[part]`` may be dropped, ``{original|paraphrase}`` gives
alternatives, ``> Party: claim`` lines are attributed claims of opposing sides.
Every edit below has a known label, so no pair needs a human annotator.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ENTAILMENT, NEUTRAL, CONTRADICTION = "entailment", "neutral", "contradiction"

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
PLACES = [
    "Lisbon",
    "Stockholm",
    "Nairobi",
    "Addis Ababa",
    "Bonn",
    "Hanoi",
    "Manila",
    "Valencia",
    "Arizona",
    "Paris",
    "Melbourne",
    "Copenhagen",
    "Frankfurt",
    "Madrid",
    "Rio de Janeiro",
    "Berlin",
    "Turin",
    "Rotterdam",
    "Oslo",
    "Lima",
    "Lagos",
    "Budapest",
    "Athens",
    "Dublin",
    "Brussels",
    "Seoul",
    "Bamako",
    "Warsaw",
    "Lublin",
    "Chile",
    "Turkey",
    "Poland",
    "Belarus",
    "Brazil",
    "Argentina",
    "Germany",
    "Canada",
    "Toronto",
    "Ghana",
    "Nigeria",
    "India",
    "France",
    "Japan",
    "South Korea",
    "Mali",
    "Qatar",
    "Italy",
    "England",
    "Kenya",
    "Vietnam",
    "Tokyo",
    "Vienna",
    "Cairo",
    "Geneva",
    "Munich",
    "Beijing",
]
TITLES = [
    "Foreign Minister",
    "Finance Minister",
    "Health Minister",
    "Defence Minister",
    "Interior Minister",
    "Prime Minister",
    "President",
    "Secretary of State",
    "Energy Minister",
    "Environment Minister",
    "Transport Minister",
    "Justice Minister",
    "Chancellor",
    "Governor",
    "Mayor",
    "Chief Executive",
    "Health Secretary",
    "Secretary General",
    "Vice Admiral",
    "Trade Minister",
    "Deputy Prime Minister",
    "Ambassador",
    "Opposition leader",
    "Civil Protection Minister",
    "Competition Commissioner",
    "Deputy Health Minister",
    "Energy Secretary",
    "Defence Secretary",
]
LOWER_TITLES = [
    "foreign minister",
    "finance minister",
    "top diplomat",
    "prime minister",
    "president",
    "chief executive",
    "head coach",
    "assistant coach",
    "governor",
    "mayor",
    "defence minister",
    "interior minister",
    "spokesman",
    "deputy leader",
    "central bank governor",
    "union leader",
    "lead researcher",
    "mission director",
    "museum director",
    "port director",
]
ANTONYMS = {
    "approved": "rejected",
    "rejected": "approved",
    "rose": "fell",
    "fell": "rose",
    "raised": "lowered",
    "won": "lost",
    "increased": "decreased",
    "opened": "closed",
    "reopened": "closed",
    "accepted": "rejected",
    "acquitted": "convicted",
    "survived": "lost",
    "lifted": "extended",
    "beat": "lost to",
    "up": "down",
    "higher": "lower",
    "cut": "raised",
    "began": "ended",
    "freed": "detained",
    "blocked": "backed",
    "approve": "reject",
    "dropped": "climbed",
    "climbed": "dropped",
    "first": "last",
    "jumped": "slumped",
    "fallen": "risen",
    "delayed": "brought forward",
    "closed": "opened",
    "expand": "shrink",
    "strong": "weak",
    "normally": "badly",
    "ahead of": "behind",
    "guilty": "innocent",
    "legal": "illegal",
    "stable": "collapsing",
    "sacked": "kept",
    "agreed": "refused",
}
NEGATIONS = {
    " was ": " was not ",
    " were ": " were not ",
    " will ": " will not ",
    " has ": " has not ",
    " had ": " had not ",
    " is ": " is not ",
    " would ": " would not ",
    " are ": " are not ",
}
PAST = {
    "approved": "approve",
    "won": "win",
    "survived": "survive",
    "signed": "sign",
    "met": "meet",
    "raised": "raise",
    "reported": "report",
    "launched": "launch",
    "landed": "land",
    "found": "find",
    "sentenced": "sentence",
    "acquitted": "acquit",
    "opened": "open",
    "beat": "beat",
    "sacked": "sack",
    "blocked": "block",
    "agreed": "agree",
    "struck": "strike",
    "seized": "seize",
    "began": "begin",
    "rose": "rise",
    "fell": "fall",
    "hit": "hit",
    "arrived": "arrive",
    "held": "hold",
    "resigned": "resign",
    "replaced": "replace",
    "accepted": "accept",
    "forced": "force",
    "walked": "walk",
    "fined": "fine",
    "reopened": "reopen",
    "marched": "march",
    "cleared": "clear",
    "died": "die",
    "finished": "finish",
    "scored": "score",
    "drifted": "drift",
    "recovered": "recover",
    "denied": "deny",
    "destroyed": "destroy",
    "gathered": "gather",
    "promised": "promise",
    "conceded": "concede",
    "travelled": "travel",
    "escorted": "escort",
    "thanked": "thank",
    "named": "name",
}


@dataclass
class Story:
    id: str
    topic: str
    sentences: list[str] = field(default_factory=list)
    claims: list[tuple[str, str]] = field(default_factory=list)


def read_stories(folder: Path) -> list[Story]:
    stories: list[Story] = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith("## "):
                sid, _, topic = line[3:].partition("|")
                stories.append(Story(sid.strip(), topic.strip()))
            elif line.startswith("> ") and stories:
                party, _, claim = line[2:].partition(":")
                stories[-1].claims.append((party.strip(), claim.strip()))
            elif line and not line.startswith("#") and stories:
                stories[-1].sentences.append(line)
    return stories


def render(raw: str, *, drop: bool = False, alt: int = 0) -> str:
    text = re.sub(r"\[([^\]]*)\]", "" if drop else r"\1", raw)
    text = re.sub(r"\{([^}]*)\}", lambda m: m[1].split("|")[min(alt, m[1].count("|"))], text)
    return re.sub(r"\s+", " ", text).strip()


def _swap_word(text: str, pool: list[str], rng: random.Random) -> str | None:
    found = [w for w in pool if re.search(rf"\b{re.escape(w)}\b", text)]
    if not found:
        return None
    word = max(found, key=len)
    other = rng.choice([w for w in pool if w != word and w not in found])
    return re.sub(rf"\b{re.escape(word)}\b", other, text, count=1)


def change_number(text: str, rng: random.Random) -> str | None:
    nums = list(re.finditer(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])", text))
    nums = [m for m in nums if not re.fullmatch(r"(19|20)\d\d", m[1])]
    if nums:
        m = rng.choice(nums)
        value = float(m[1].replace(",", ""))
        new = value * rng.choice([2, 3, 0.5, 1.5]) if value > 3 else value + rng.choice([2, 3, 5])
        new_text = f"{new:.1f}" if "." in m[1] else f"{round(new):,}" if "," in m[1] else str(round(new))
        if new_text == m[1]:
            return None
        return text[: m.start(1)] + new_text + text[m.end(1) :]
    return _swap_word(text, NUMBER_WORDS, rng)


def change_date(text: str, rng: random.Random) -> str | None:
    for pool in (WEEKDAYS, MONTHS):
        edited = _swap_word(text, pool, rng)
        if edited:
            return edited
    years = list(re.finditer(r"\b(19|20)\d\d\b", text))
    if years:
        m = rng.choice(years)
        year = int(m[0]) + rng.choice([-3, -2, -1, 1, 2])
        return text[: m.start()] + str(year) + text[m.end() :]
    return None


def swap_title(text: str, rng: random.Random) -> str | None:
    return _swap_word(text, TITLES, rng) or _swap_word(text, LOWER_TITLES, rng)


def swap_place(text: str, rng: random.Random) -> str | None:
    found = [p for p in PLACES if re.search(rf"\b{re.escape(p)}\b", text)]
    if len(found) >= 2 and rng.random() < 0.5:
        a, b = found[:2]
        return re.sub(rf"\b({re.escape(a)}|{re.escape(b)})\b", lambda m: b if m[0] == a else a, text)
    return _swap_word(text, PLACES, rng)


def negate(text: str, rng: random.Random) -> str | None:
    for word, negated in NEGATIONS.items():
        if word in text and f"{word.strip()} not" not in text:
            return text.replace(word, negated, 1)
    for past, base in PAST.items():
        if re.search(rf"\b{past}\b", text):
            return re.sub(rf"\b{past}\b", f"did not {base}", text, count=1)
    return None


def antonym(text: str, rng: random.Random) -> str | None:
    hits = [w for w in ANTONYMS if re.search(rf"\b{re.escape(w)}\b", text)]
    if not hits:
        return None
    word = rng.choice(hits)
    return re.sub(rf"\b{re.escape(word)}\b", ANTONYMS[word], text, count=1)


def reorder(text: str) -> str | None:
    m = re.match(r"^(.*\S) ((?:on|in) (?:" + "|".join(WEEKDAYS + MONTHS) + r"|\d{4}))([.,].*)?$", text)
    if not m or m[3] not in (None, "."):
        return None
    head = m[1]
    if head.split()[0] in ("The", "A", "An", "About", "More", "Some", "At", "Two", "Three"):
        head = head[0].lower() + head[1:]
    return f"{m[2][0].upper()}{m[2][1:]}, {head}."


def round_number(text: str, rng: random.Random) -> str | None:
    for m in re.finditer(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d{2,})(?![\w.,]\d)", text):
        value = int(m[1].replace(",", ""))
        before = text[: m.start()].split()[-2:] if m.start() else []
        if 1900 <= value <= 2100 or value < 15 or {"about", "than", "least", "nearly", "Some"} & set(before):
            continue
        step = 10 ** max(len(str(value)) - 2, 1)
        low = value // step * step
        if low == value:
            continue
        phrase = rng.choice([f"more than {low:,}", f"over {low:,}"])
        return text[: m.start()] + phrase + text[m.end() :]
    return None


def strip_attribution(claim: str) -> str | None:
    m = re.search(r"\bsaid (?:that )?(.+)$", claim)
    if not m:
        return None
    bare = m[1].rstrip(".")
    return bare[0].upper() + bare[1:] + "."


PERSON = re.compile(r"\b(" + "|".join(re.escape(t) for t in TITLES) + r") ((?:[A-Z][\w'-]+ ?){1,3})")
ASIDES = [
    "spoke to reporters after the meeting",
    "attended the talks",
    "declined to comment",
    "arrived later",
]


def people(sentences: list[str]) -> list[tuple[str, str]]:
    """(title, name) of every titled person the story mentions."""
    found = [(m[1], m[2].strip()) for s in sentences for m in PERSON.finditer(s)]
    return list(dict.fromkeys(found))


def title_claims(title: str, name: str, rng: random.Random) -> str:
    aside = rng.choice(ASIDES)
    return rng.choice(
        [
            f"{name}, the {title.lower()}, {aside}.",
            f"{title} {name} {aside}.",
            f"{name}, the country's {title.lower()}, {aside}.",
        ]
    )


def title_pairs(full: list[str], rng: random.Random) -> list[tuple[str, str, str, str]]:
    """Same person, other office, in a different sentence: contradiction; same office: neutral."""
    out = []
    for title, name in people(full):
        source = next(s for s in full if f"{title} {name}" in s)
        other = rng.choice([t for t in TITLES if t != title])
        wrong, right = title_claims(other, name, rng), title_claims(title, name, rng)
        out += [
            (source, wrong, CONTRADICTION, "title_conflict"),
            (wrong, source, CONTRADICTION, "title_conflict"),
        ]
        out.append((source, right, NEUTRAL, "title_same_other_fact"))
    return out


def meeting_captions(full: list[str], rng: random.Random) -> list[tuple[str, str, str, str]]:
    """A photo caption of an earlier meeting of the same people is a different event: neutral."""
    persons = people(full)
    out = []
    for title, name in persons:
        partner = rng.choice([p for p in persons if p[1] != name] or [("", "reporters")])
        when = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2012, 2022)}"
        cap = f"{title} {name} meets with {' '.join(partner).strip()} in {rng.choice(PLACES[:30])} on {when}."
        source = next(s for s in full if name in s)
        out += [(cap, source, NEUTRAL, "meeting_caption"), (source, cap, NEUTRAL, "meeting_caption")]
    return out


def caption(text: str, rng: random.Random) -> str | None:
    m = re.search(r"\b(" + "|".join(re.escape(t) for t in TITLES) + r") ((?:[A-Z][\w'-]+ ?){1,3})", text)
    if not m:
        return None
    who = f"{m[1]} {m[2].strip()}"
    city = rng.choice(PLACES[:30])
    year = rng.choice(range(2012, 2022))
    return rng.choice(
        [
            f"FILE PHOTO: {who} attends a meeting in {city} in {year}.",
            f"{who} speaks to reporters in {city}, {rng.choice(MONTHS)} {rng.randint(1, 28)}, {year}.",
            f"Photo: {who} at a press conference in {city} in {year}.",
        ]
    )


CONTRADICTION_EDITS = (change_number, change_date, swap_title, swap_place, negate, antonym)


def story_pairs(story: Story, others: list[Story], rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(premise, hypothesis, label, recipe) for one story; ``others`` supply different events."""
    out: list[tuple[str, str, str, str]] = []
    full = [render(s) for s in story.sentences]
    for raw, sent in zip(story.sentences, full, strict=True):
        short = render(raw, drop=True)
        base = rng.choice([sent, short])
        for edit in CONTRADICTION_EDITS:
            edited = edit(base, rng)
            if edited and edited != base:
                out.append((base, edited, CONTRADICTION, edit.__name__))
                if rng.random() < 0.5:
                    out.append((edited, base, CONTRADICTION, edit.__name__))
        if short != sent:
            out.append((sent, short, ENTAILMENT, "sub_clause"))
            out.append((short, sent, NEUTRAL, "added_detail"))
        if "{" in raw:
            out.append((sent, render(raw, alt=1), ENTAILMENT, "paraphrase"))
            out.append((render(raw, alt=1), sent, ENTAILMENT, "paraphrase"))
        moved = reorder(sent)
        if moved:
            out.append((sent, moved, ENTAILMENT, "reorder"))
        rounded = round_number(sent, rng)
        if rounded:
            out.append((sent, rounded, ENTAILMENT, "rounding"))
        cap = caption(sent, rng)
        if cap:
            out.append((cap, sent, NEUTRAL, "photo_caption"))
            out.append((sent, cap, NEUTRAL, "photo_caption"))
    for i, a in enumerate(full):
        for j, b in enumerate(full):
            if i != j and rng.random() < 0.5:
                out.append((a, b, NEUTRAL, "same_story_other_fact"))
    if len(story.claims) >= 2:
        (_, a), (_, b) = story.claims[:2]
        out += [(a, b, NEUTRAL, "opposing_claims"), (b, a, NEUTRAL, "opposing_claims")]
        for claim, other in ((a, b), (b, a)):
            bare = strip_attribution(other)
            if bare:
                out.append((claim, bare, NEUTRAL, "attributed_vs_bare"))
        for claim in (a, b):
            sent = rng.choice(full)
            out.append((claim, sent, NEUTRAL, "claim_vs_story"))
    out += title_pairs(full, rng) + meeting_captions(full, rng)
    same_kind = [o for o in others if o.topic == story.topic and o.id != story.id]
    for sent in full:
        pool = same_kind or others
        other = rng.choice(pool)
        out.append((sent, render(rng.choice(other.sentences)), NEUTRAL, "different_event"))
    return out


def make_pairs(stories: list[Story], seed: int) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    pairs: list[tuple[str, str, str, str]] = []
    for story in stories:
        pairs += story_pairs(story, stories, rng)
    return pairs


def split(stories: list[Story], held_out_every: int = 5) -> tuple[list[Story], list[Story]]:
    """Every fifth story (file order) is held out, so its text never reaches training."""
    train = [s for i, s in enumerate(stories) if i % held_out_every != held_out_every - 1]
    held = [s for i, s in enumerate(stories) if i % held_out_every == held_out_every - 1]
    return train, held
