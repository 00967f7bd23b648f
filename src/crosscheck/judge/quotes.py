"""Direct quotes worded differently: the same remark, reported with other words.

Quotes are compared across all articles, not only aligned pairs: the same remark
can sit in sentences that otherwise share little. A partial quote (one is inside
the other) is normal reporting, not a conflict; the same words in another order
or with a word changed are low-severity wording findings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosscheck.judge._common import make_finding, party, same_party
from crosscheck.models import Claim, Finding, Span

MIN_WORDS = 2
#: Word-order-free similarity above which two quotes are one remark; lower when the
#: same named speaker is credited with both.
SIMILAR = 85.0
SIMILAR_SAME_SPEAKER = 70.0
#: Two quotes whose shared stretch covers this share of the shorter one are excerpts.
EXCERPT_SHARE = 0.6
_NON_WORD = re.compile(r"[^\w]+")
_EDITORIAL = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def _normal(text: str) -> str:
    """Lower-case words only: abbreviation dots and editorial insertions "(China's)" dropped."""
    text = _EDITORIAL.sub(" ", text.lower()).replace(".", "")
    return " ".join(_NON_WORD.sub(" ", text).split())


def _excerpts_of_one_remark(a: list[str], b: list[str]) -> bool:
    """One quote extends the other only at its ends: each outlet quoted a different stretch."""
    from difflib import SequenceMatcher

    opcodes = SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    equal = [op for op in opcodes if op[0] == "equal"]
    if len(equal) != 1 or (equal[0][2] - equal[0][1]) < EXCERPT_SHARE * min(len(a), len(b)):
        return False
    edits = [index for index, op in enumerate(opcodes) if op[0] != "equal"]
    return all(opcodes[i][0] in ("insert", "delete") and i in (0, len(opcodes) - 1) for i in edits)


def quote_findings(claims: Sequence[Claim]) -> list[Finding]:
    from rapidfuzz import fuzz

    quoted = [
        (claim, span, _normal(span.text))
        for claim in claims
        for span in claim.facts.quotes
        if len(_normal(span.text).split()) >= MIN_WORDS
    ]
    findings = []
    seen: set[tuple[str, ...]] = set()
    for i, (claim_a, span_a, norm_a) in enumerate(quoted):
        for claim_b, span_b, norm_b in quoted[i + 1 :]:
            if claim_a.article.id == claim_b.article.id or norm_a == norm_b:
                continue
            if _excerpts_of_one_remark(norm_a.split(), norm_b.split()):
                continue
            speaker_a, speaker_b = party(claim_a), party(claim_b)
            if speaker_a and speaker_b and not same_party(speaker_a, speaker_b):
                continue
            similarity = max(fuzz.token_sort_ratio(norm_a, norm_b), fuzz.ratio(norm_a, norm_b))
            if similarity < (
                SIMILAR_SAME_SPEAKER if speaker_a and same_party(speaker_a, speaker_b) else SIMILAR
            ):
                continue
            key = (*sorted((claim_a.article.id, claim_b.article.id)), *sorted((norm_a, norm_b)))
            if key in seen:
                continue
            seen.add(key)
            findings.append(_finding(claim_a, span_a, claim_b, span_b, similarity))
    return findings


def _finding(claim_a: Claim, span_a: Span, claim_b: Claim, span_b: Span, similarity: float) -> Finding:
    same_words = sorted(_normal(span_a.text).split()) == sorted(_normal(span_b.text).split())
    how = "in a different word order" if same_words else "with different words"
    text = (
        f'{claim_a.article.label} quotes "{span_a.text}"; {claim_b.article.label} quotes the same remark {how}: '
        f'"{span_b.text}"'
    )
    differ_a, differ_b = ([], []) if same_words else _differing_words(claim_a, span_a, claim_b, span_b)
    evidence = [(claim_a, differ_a or [span_a]), (claim_b, differ_b or [span_b])]
    return make_finding("quote/reworded", "quote", "low", similarity / 100.0, text, evidence)


_QUOTE_WORD = re.compile(r"[\w'’.-]*\w", re.UNICODE)


def _words(claim: Claim, span: Span) -> list[tuple[str, Span]]:
    """The quote's words with their spans, keyed the way quotes are compared."""
    text = claim.article.text
    inserted = [(span.start + m.start(), span.start + m.end()) for m in _EDITORIAL.finditer(span.text)]
    found = []
    for match in _QUOTE_WORD.finditer(text, span.start, span.end):
        key = _normal(match.group())
        if key and not any(start <= match.start() < end for start, end in inserted):
            found.append((key, Span(match.start(), match.end(), match.group())))
    return found


def _differing_words(
    claim_a: Claim, span_a: Span, claim_b: Claim, span_b: Span
) -> tuple[list[Span], list[Span]]:
    """The words where the two quotes part ways (editorial insertions aside): what the report highlights."""
    from difflib import SequenceMatcher

    words_a, words_b = _words(claim_a, span_a), _words(claim_b, span_b)
    matcher = SequenceMatcher(a=[w for w, _ in words_a], b=[w for w, _ in words_b], autojunk=False)
    differ_a: list[Span] = []
    differ_b: list[Span] = []
    for op, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if op != "equal":
            differ_a += [spot for _, spot in words_a[a_start:a_end]]
            differ_b += [spot for _, spot in words_b[b_start:b_end]]
    return differ_a, differ_b
