"""Clutter removal: page furniture leaves the body, prose and headlines stay, offsets stay exact."""

from __future__ import annotations

import pytest

from crosscheck.ingest import ingest
from crosscheck.ingest.clutter import RULES, is_date_line, scan

PAGE = """\
Internet Explorer is not supported. Please upgrade for an optimal experience.
Skip to main content

Mayor Vows Audit After Bridge Closure

By Dana Whitfield and Omar Reyes
Updated March 3, 2024, 9:41 AM ET

The city will audit every bridge it owns, Mayor Ruth Alvarez said on Tuesday.

Crews closed the Elm Street bridge on Monday after inspectors found cracks in two beams.
Crews closed the Elm Street bridge on Monday after inspectors found cracks in two beams.
Jordan Pike/Reuters via Getty Images

Advertisement

Share on Facebook
Copy link

The audit will cost about $2 million, officials said.

Support Local Journalism
Become a member today and get unlimited access to our reporting.

Kim Osei contributed reporting from Springfield.
© 2024 Springfield Ledger. All rights reserved.
"""

KEPT = (
    "Mayor Vows Audit After Bridge Closure",
    "The city will audit every bridge it owns, Mayor Ruth Alvarez said on Tuesday.",
    "The audit will cost about $2 million, officials said.",
)


def _regions(text: str) -> list[str]:
    return [text[start:end] for start, end in scan(text).body]


def test_clutter_lines_leave_the_body_and_prose_stays() -> None:
    found = scan(PAGE)
    assert _regions(PAGE) == list(KEPT)
    dropped = {PAGE[line.start : line.end]: line.rule for line in found.dropped}
    assert dropped["Skip to main content"] == "skip-link"
    assert dropped["By Dana Whitfield and Omar Reyes"] == "byline"
    assert dropped["Updated March 3, 2024, 9:41 AM ET"] == "dateline"
    assert dropped["Jordan Pike/Reuters via Getty Images"] == "photo-credit"
    assert dropped["Advertisement"] == "advertisement"
    assert dropped["Copy link"] == "share-button"
    assert dropped["Support Local Journalism"] == "pitch-heading"
    assert dropped["Kim Osei contributed reporting from Springfield."] == "byline"


def test_a_line_repeated_right_after_itself_is_a_caption_and_both_copies_go() -> None:
    text = "Title here\n\nA caption about a photo.\nA caption about a photo.\n\nReal prose follows here.\n"
    assert _regions(text) == ["Title here", "Real prose follows here."]


def test_a_repeated_paragraph_further_down_keeps_its_first_copy() -> None:
    text = "The talks ended.\n\nThe talks ended.\n\nBoth sides left.\n"
    assert _regions(text) == ["The talks ended.", "Both sides left."]


def test_the_line_above_a_photo_credit_is_its_caption() -> None:
    text = (
        "Headline\n\nThe minister arrives in Paris on Monday.\nPhoto: Lee Chan/AFP\n\nThe minister spoke.\n"
    )
    assert _regions(text) == ["Headline", "The minister spoke."]


def test_a_run_of_short_menu_lines_is_navigation() -> None:
    text = "Home\nWorld\nElections\nClimate\n\nThe vote was delayed by a week.\n"
    found = scan(text)
    assert {line.rule for line in found.dropped} == {"section-label", "navigation"}
    assert _regions(text) == ["The vote was delayed by a week."]


def test_a_menu_on_one_line_is_navigation() -> None:
    text = "Harbor Gazette | News | Sport | Weather\n\nThe ferry sank near the pier.\n"
    assert [line.rule for line in scan(text).dropped] == ["menu-bar"]
    assert _regions(text) == ["The ferry sank near the pier."]


def test_prose_that_resembles_clutter_is_kept() -> None:
    text = (
        "Netflix raised the price of its annual subscription on Monday.\n"
        "Reuters/Ipsos polling showed support falling.\n"
        "John Smith reported from Beijing that the talks were tense.\n"
        "By the end of the week, 40 people had been evacuated.\n"
        "Listen to the recordings, the lawyer told jurors, and you will hear a threat.\n"
        "Voters chose between Lee | Park | Kim in 2022 and again this year, officials said.\n"
    )
    assert _regions(text) == [text.rstrip("\n")]


def test_bullets_become_separate_regions_without_their_markers() -> None:
    text = "Key Points\n  • First point here.\n  • Second point here.\n"
    assert _regions(text) == ["First point here.", "Second point here."]


def test_offsets_point_into_the_file_with_crlf_line_ends(tmp_path) -> None:
    raw = PAGE.replace("\n", "\r\n")
    path = tmp_path / "page.txt"
    path.write_bytes(raw.encode("utf-8"))
    article = ingest([str(path)]).articles[0]
    assert article.text == raw
    assert [article.text[start:end] for start, end in article.body] == list(KEPT)
    line, column = article.line_column(article.body[1][0])
    assert (line, column) == (9, 1)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("February 19, 2023", True),
        ("Updated 3:45 PM ET", True),
        ("Published: 2023-02-18T10:00:00Z", True),
        ("Sun 19 Feb 2023 14.05 GMT", True),
        ("March madness begins", False),
        ("The meeting was on Feb. 18, 2023.", False),
        ("Mayor 2023", False),
    ],
)
def test_date_lines(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


def test_every_rule_is_documented() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(rule.why for rule in RULES)
