"""Find the lines of scraped article text that are page clutter, not prose.

Text copied from a news page carries the page around the article: browser
notices, skip links, share buttons, photo credits, subscription pitches. Left in,
they become "sentences" the model compares. Each rule below is a general pattern
of such lines (the seed articles in ../shared/seeds show real ones); lines are
never edited, only left out of the article's ``body`` regions, so offsets stay
those of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE
_NAME = r"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|de|van|von|der|da|del|al|bin))*"
_CONTRIBUTION = (
    rf"{_NAME}(?:,? (?:and|&) {_NAME})* (?:reported|contributed)(?: reporting)?"
    r"(?: from [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*| to this (?:report|story|article))?"
)
_AGENCY = (
    r"getty images|reuters|associated press|\bap\b|afp|epa|bloomberg|shutterstock|xinhua|"
    r"picture alliance|picture-alliance|\bdpa\b|\bpool\b|sipa|anadolu|nurphoto|zuma|alamy|istock|"
    r"courtesy|handout|imago|\bansa\b|kyodo|yonhap|\bpa\b|\bupi\b"
)
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAY = r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
_ZONE = r"et|est|edt|ct|cst|cdt|pt|pst|pdt|mt|gmt|utc|bst|cet|cest|jst|hkt|ist|aest|z"
_DATE_TOKEN = re.compile(
    r"(?:\d{4}-\d{2}-\d{2}(?:t[\d:.]+(?:z|[+-]\d{2}:?\d{2})?)?|\d{1,4}[/.]\d{1,2}[/.]\d{1,4}|"
    rf"\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?|\d{{1,4}}(?:st|nd|rd|th)?|{_MONTH}|{_DAY}|{_ZONE}|"
    r"a\.?m\.?|p\.?m\.?|at|on|of|the)\.?",
    _I,
)
_DATE_PREFIX = re.compile(
    r"^(?:(?:last )?updated|published|posted|first published|modified|date)(?: on| at)?\s*:?\s*", _I
)
_DATE_ANCHOR = re.compile(rf"\b(?:{_MONTH})\b|\d{{1,2}}:\d{{2}}|\d{{4}}-\d{{2}}-\d{{2}}|\d+/\d+/\d+", _I)
_READER = re.compile(r"\b(?:you|your|us|our|today|now)\b", _I)
_SENTENCE_END = re.compile(r"[.!?\"”’:;]\s*$")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_BULLET = re.compile(r"[•·▪‣◦*+-]\s+|\d{1,3}[.)]\s+|#{1,6}\s+|>\s*")


@dataclass(frozen=True)
class ClutterRule:
    """One kind of page clutter: a name, the pattern of its lines, and why it goes."""

    name: str
    pattern: re.Pattern[str]
    why: str


#: Single-line rules, tried on each line with surrounding whitespace removed.
RULES: tuple[ClutterRule, ...] = (
    ClutterRule(
        "browser-notice",
        re.compile(
            r"^(?:ie ?\d+|internet explorer|your browser)\b.*\b(?:not supported|out of date|outdated)|"
            r"for an optimal experience|^(?:please )?(?:enable javascript|update your browser)",
            _I,
        ),
        "notices about the reader's browser",
    ),
    ClutterRule("skip-link", re.compile(r"^(?:\d+\.\s*)?skip to\b", _I), "accessibility links of the page"),
    ClutterRule(
        "share-button",
        re.compile(
            r"^(?:(?:copy|share|email|print|save|tweet|post|bookmark|gift)(?: this| the)?"
            r"(?: link| url| article| story| page| on \w+)?|link copied|comments?(?: \(\d+\))?|"
            r"facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|flipboard|messenger|"
            r"(?:facebook|twitter|email|whatsapp|linkedin|reddit|print|share)(?:[\s|,/·•]+"
            r"(?:facebook|twitter|x|email|whatsapp|linkedin|reddit|print|share|copy link))+)$",
            _I,
        ),
        "share, save and print buttons",
    ),
    ClutterRule(
        "advertisement",
        re.compile(
            r"^(?:advertisement|advertising|ad|sponsored(?: content)?|"
            r"(?:story|article) continues (?:below|after)(?: the)?(?: advertisement| ad)?|"
            r"scroll to continue(?: with content)?|continue reading(?: below| the main story)?)$",
            _I,
        ),
        "ad slots and their labels",
    ),
    ClutterRule(
        "media-player",
        re.compile(
            r"^(?:listen|watch)(?: to)?(?: this| the| today'?s| our)?\b.{0,40}$|"
            r"^(?:listen|watch) (?:now|live|more|the full|the video|the interview)\b|"
            r"^(?:play|pause|mute|unmute|volume|\d+ min(?:ute)?s? (?:listen|read))$",
            _I,
        ),
        "audio and video player labels and promos",
    ),
    ClutterRule(
        "promo",
        re.compile(
            r"^(?:get more news|get (?:the|our) (?:latest|app|newsletter)|download (?:the|our) app|"
            r"sign up (?:for|to|here)\b|subscribe\b|follow (?:us|\w+) on\b|click here\b|read more\b|"
            r"(?:related|more)(?: articles?| stories| coverage| on this story)?:|more from\b|"
            r"recommended(?: for you)?$|most (?:read|popular|viewed)$|trending(?: now)?$|"
            r"see also:|also read:|read also:)",
            _I,
        ),
        "links to other pages, newsletters and apps",
    ),
    ClutterRule(
        "copyright",
        re.compile(
            r"^(?:copyright|©|\(c\))\s|all rights reserved|"
            r"^this (?:article|story) (?:was|is|has been) (?:originally )?(?:published|produced|republished)\b|"
            r"^(?:to see more|for more (?:news|stories)),? visit\b",
            _I,
        ),
        "copyright and republication notices",
    ),
    ClutterRule(
        "cookie-notice",
        re.compile(
            r"\b(?:we use cookies|cookie (?:policy|settings|preferences)|accept (?:all )?cookies)\b", _I
        ),
        "cookie banners",
    ),
    ClutterRule(
        "byline",
        re.compile(
            rf"^(?i:by) {_NAME}(?:(?:,| and| &) {_NAME})*(?:,? (?:{_NAME}|cnn|bbc|npr|ap|afp))?$|"
            rf"^{_CONTRIBUTION}(?:(?:,| and|, and|;) {_CONTRIBUTION})*\.?$|"
            r"^(?i:(?:additional )?(?:reporting|writing|editing)(?: by)?) [^.]{0,120}$|"
            r"^[a-z]{1,4}(?:/[a-z]{1,4})+(?:\s*,\s*[a-z]{1,4}(?:/[a-z]{1,4})*)*(?:\s*\([^)]*\))?$|"
            r"^[a-z]{1,4}(?:/[a-z]{1,4})*(?:\s*,\s*[a-z]{1,4}(?:/[a-z]{1,4})*)*\s*\([^)]*\)$",
            re.UNICODE,
        ),
        "bylines, contributor lines and editors' sign-offs",
    ),
    ClutterRule(
        "photo-credit",
        re.compile(
            r"^(?:photo|image|photograph|picture|credit|illustration|video)s?(?: credit)?\s*:\s*\S.{0,80}$|"
            r"(?:image|photo|photograph|credit|picture)\s*:\s*[^.!?]{0,80}(?:/|\||©)[^.!?]{0,80}$|"
            rf"^(?=[^.!?:]{{0,100}}$)(?=.*(?:/|\||©| via ))(?=.*(?:{_AGENCY})).*$",
            _I,
        ),
        "photo credits (agency, photographer) under pictures",
    ),
    ClutterRule(
        "menu-bar",
        re.compile(r"^[^|·•.!?]{1,30}(?:\s[|·•]\s[^|·•.!?]{1,30}){2,}$"),
        "menus on one line: three or more short items between | · or •",
    ),
    ClutterRule(
        "section-label",
        re.compile(
            r"^(?:politics|world|business|opinion|tech(?:nology)?|science|health|sports?|entertainment|"
            r"culture|markets|economy|u\.?s\.?(?: news)?|world news|news|analysis|breaking(?: news)?|"
            r"live(?: updates)?|key points|key takeaways|highlights|in brief|top stories|"
            r"latest(?: news)?|home|menu|search|sections?|more|close|log ?in|sign in|newsletters?)$",
            _I,
        ),
        "section names, menu items and list labels",
    ),
    ClutterRule("no-words", re.compile(r"^[\W\d_]*$"), "lines without a word: player times, counters"),
)

#: Lines addressed to the reader that sell something: they need a reader word too.
_PITCH = re.compile(
    r"\b(?:annual|monthly|digital) subscription\b|\bsubscribe (?:today|now|here)\b|\bfree (?:\S+ )?trial\b|"
    r"\b(?:show|give) your support\b|\bdonate\b|\bsupport (?:independent|local|public) "
    r"(?:journalism|news|media)\b|\bmember[- ]supported\b|\bbecome a (?:member|subscriber)\b|"
    r"\balready a subscriber\b|\bin your inbox\b|\bunlimited (?:digital )?access\b",
    _I,
)


@dataclass(frozen=True)
class DroppedLine:
    """A line left out of the body, and the rule that left it out."""

    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Scan:
    """The prose regions of a text and the clutter lines between them."""

    body: tuple[tuple[int, int], ...]
    dropped: tuple[DroppedLine, ...]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line between ``start`` and ``end``, line breaks excluded."""
    spans = []
    position = start
    while position < end:
        match = _NEWLINE.search(text, position, end)
        line_end = match.start() if match else end
        spans.append((position, line_end))
        position = match.end() if match else end
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_date_line(line: str) -> bool:
    """True for a line that is only a date or time ("February 19, 2023", "Updated 3:45 PM ET")."""
    rest = _DATE_PREFIX.sub("", line.strip())
    if not rest or not _DATE_ANCHOR.search(rest):
        return False
    leftover = _DATE_TOKEN.sub(" ", rest)
    return not re.search(r"[^\W\d_]", leftover)


def _line_rule(line: str) -> str | None:
    for rule in RULES:
        if rule.pattern.search(line):
            return rule.name
    if _PITCH.search(line) and _READER.search(line):
        return "subscription-pitch"
    if is_date_line(line):
        return "dateline"
    return None


def _short_label(line: str, words: int = 4) -> bool:
    return 0 < len(line.split()) <= words and not _SENTENCE_END.search(line)


def _normalized(line: str) -> str:
    return " ".join(line.split()).casefold()


def scan(text: str, start: int = 0, end: int | None = None) -> Scan:
    """Classify each line of ``text[start:end]`` as prose or clutter.

    Besides the single-line ``RULES``, four rules look at neighbours: a line
    repeated right after itself is a picture's alt text and caption (both go; a
    repeat further down only loses the copy); the line directly above a photo
    credit is its caption; a short heading right before a subscription pitch is
    the pitch's; three or more short label lines in a row are a menu.
    """
    end = len(text) if end is None else end
    lines = [_strip(text, s, e) for s, e in _lines(text, start, end)]
    content = [text[s:e] for s, e in lines]
    rules: list[str | None] = [_line_rule(line) if line else None for line in content]

    previous: int | None = None
    for index, line in enumerate(content):
        if not line:
            continue
        if previous is not None and _normalized(content[previous]) == _normalized(line):
            rules[index] = rules[index] or "duplicate"
            if previous == index - 1:
                rules[previous] = rules[previous] or "duplicate"
        above = content[index - 1] if index > 0 else ""
        if rules[index] == "photo-credit" and above and not _BULLET.match(above):
            rules[index - 1] = rules[index - 1] or "caption"
        if (
            rules[index] == "subscription-pitch"
            and previous is not None
            and _short_label(content[previous], 8)
        ):
            rules[previous] = rules[previous] or "pitch-heading"
        previous = index

    run: list[int] = []
    for index in [*range(len(content)), len(content)]:
        if index < len(content) and content[index] and _short_label(content[index]):
            run.append(index)
            continue
        if len(run) >= 3:
            for member in run:
                rules[member] = rules[member] or "navigation"
        run = []

    body: list[tuple[int, int]] = []
    dropped: list[DroppedLine] = []
    open_region = False
    for (line_start, line_end), line, rule in zip(lines, content, rules, strict=True):
        if rule is not None:
            dropped.append(DroppedLine(line_start, line_end, rule))
            open_region = False
        elif not line:
            open_region = False
        else:
            marker = _BULLET.match(line)
            if open_region and not marker:
                body[-1] = (body[-1][0], line_end)
                continue
            region_start = line_start + (marker.end() if marker else 0)
            if region_start < line_end:
                body.append((region_start, line_end))
                open_region = True
    return Scan(tuple(body), tuple(dropped))
