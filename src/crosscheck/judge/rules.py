"""Every rule the judge applies, documented where a user can read it (``crosscheck rules``).

Like a linter's rules, each one has a code that findings carry (``rule`` in the
JSON and the reports), a line on what it does, why it matters, and an example that
fires and one that does not. Exemptions are rules too: the documented cases that
look like contradictions and are not, so a silence can be explained as well as a
finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Rule:
    """One check (or exemption) and its documentation."""

    code: str
    kind: str
    summary: str
    why: str
    fires: str
    silent: str
    role: Literal["finding", "exemption"] = "finding"


RULES: tuple[Rule, ...] = (
    Rule(
        "number/same-claim-other-figure",
        "number",
        "Two claims that say the same thing but for a figure that does not agree.",
        "Put one side's figure into the other sentence: if the model then reads the two as the same "
        "claim, they differ only in that figure. No verb list decides what 'the same event' is, so "
        "paraphrases ('the $4.2 billion purchase' / 'agreed to buy it for $2.4 billion') are caught "
        "and other events of the same kind (an aftershock, last year's result) are not. Measures "
        "are compared in one unit each, so '3,600 feet' agrees with '1,100 metres'; a change or a "
        "margin ('seven more bodies', 'lost by four votes') is compared only with another change "
        "('cut by 18 percent' / '22 percent lower than'), not with a total, nor a "
        "figure the claim itself also gives ('23,900 acres, up from 18,420'), nor a total with "
        "its parts ('54 people aboard' / '52 passengers and two drivers').",
        "A: 'Harlow agreed to buy Northwind for $4.2 billion.'  B: 'The utility's $2.4 billion "
        "purchase of Northwind was announced on Monday.'",
        "A: 'The 7.1 quake struck at dawn.'  B: 'A 6.2 aftershock hit hours later.'",
    ),
    Rule(
        "date/same-claim-other-day",
        "date",
        "Two claims that say the same thing but on different dates (days, months or years).",
        "The same substitution test as for figures, with the dates: relative dates ('on Saturday', "
        "'two days later') are resolved against the publication date first, and two dates compare "
        "at the coarser of their precisions ('March 2024' agrees with 'March 14, 2024'; a year "
        "alone only with a year alone). A dateline's date ('PARIS, May 13 —') is when the story "
        "was filed, not an event's day, and a day told by a GMT or UTC clock agrees with the "
        "local day before or after it.",
        "A: 'The jet was shot down on February 4.'  B: 'Fighters downed the jet on February 5.'",
        "A: 'The talks opened on Monday.'  B: 'A second round is set for March 20.'",
    ),
    Rule(
        "place/same-claim-other-place",
        "place",
        "Two claims that put the same thing in different places.",
        "Places are compared only where the sentence locates something ('in', 'near the town of'), "
        "and a place the other article also locates something in is not a conflict (the pair may "
        "simply have been matched on the wrong sentence), or names an event or venue after it "
        "('the Munich Security Conference'); naming it in a dateline does not count.",
        "A: 'The storm made landfall near Baler.'  B: 'It came ashore near Casiguran.'",
        "A: 'The ministers met in Geneva.'  B: 'Switzerland hosted the talks.'",
    ),
    Rule(
        "negation/one-denies",
        "negation",
        "One claim says something happened, the other that it did not, and the model agrees they clash.",
        "A negation cue alone is not a contradiction ('warned them not to send weapons' and 'warned "
        "them against sending weapons' agree), so the model's verdict on the pair decides.",
        "A: 'The council approved the budget.'  B: 'The council did not approve the budget.'",
        "A: 'He warned Beijing not to send weapons.'  B: 'He warned Beijing against giving weapons.'",
    ),
    Rule(
        "statement/nli-contradiction",
        "statement",
        "The model calls the two claims contradictory in both directions, with no typed fact to name.",
        "Covers what typed facts cannot: a verdict, an outcome, an action ('acquitted of conspiracy' "
        "vs 'convicted on all four counts').",
        "A: 'The jury acquitted her of conspiracy.'  B: 'She was convicted on all four counts.'",
        "A: 'The jury deliberated for two days.'  B: 'She will appeal, her lawyer said.'",
    ),
    Rule(
        "title/outdated",
        "title",
        "An article gives a person a title that another, published no later, says they no longer hold.",
        "Titles change; an article that still uses the old one is a factual error a reader will repeat.",
        "A: 'Foreign Minister Wang Yi'  B: 'Wang Yi, who was promoted from foreign minister'",
        "A: 'Foreign Minister Wang Yi' (2023-02)  B: 'former foreign minister Wang Yi' (2024-06)",
    ),
    Rule(
        "title/one-office-two-people",
        "title",
        "Two articles give an office that one person holds at a time to two different people.",
        "Only single-holder offices count (a minister, a chief executive, a mayor), never roles many "
        "people share (a spokesperson, a prosecutor, an official). Without publication dates on both "
        "articles the finding is at most medium: the office may have changed hands in between.",
        "A: 'Acme's chief executive, Jane Roe'  B: 'Acme chief executive John Doe'",
        "A: 'State Department spokesperson Ned Price'  B: 'State Department spokesperson Matt Miller'",
    ),
    Rule(
        "title/rival-offices",
        "title",
        "Two articles give one person two offices that exclude each other.",
        "'Deputy foreign minister' is not 'foreign minister', a CFO is not the CEO; offices some "
        "article gives to one person together ('state councilor and foreign minister') are compatible, "
        "and so are a body given by its name and one described in words ('head of ONPE' / 'head of "
        "the electoral office').",
        "A: 'Deputy Foreign Minister Li'  B: 'Foreign Minister Li'",
        "A: 'prosecutor Ana Ruiz'  B: 'Ana Ruiz, the assistant attorney general who led the prosecution'",
    ),
    Rule(
        "quote/reworded",
        "quote",
        "The same remark quoted with different words.",
        "A wording difference, not a factual conflict: reported at low severity and counted apart "
        "from contradictions; excerpts of one remark and translations are left alone.",
        "A: '\"hysterical and absurd\"'  B: '\"absurd and hysterical\"'",
        "A: '\"We will appeal,\" she said.'  B: '\"We will appeal,\" she told reporters.'",
    ),
    Rule(
        "unsupported/no-source-states-it",
        "unsupported",
        "A precise figure, day or title in a draft that no source states.",
        "A draft may say more than its sources, but an unsourced precise fact is where errors hide.",
        "Draft: 'The deal is worth $5 billion.'  Sources: only '$4.2 billion'.",
        "Draft: 'The deal is worth about $4 billion.'  Sources: '$4.2 billion'.",
    ),
    Rule(
        "unsupported/not-entailed",
        "unsupported",
        "A draft claim that none of its closest source sentences, alone or two together, entails.",
        "A draft that says what no source says is where invented facts, swapped entities and "
        "antonyms hide; a draft sentence often joins two source sentences, so pairs are read too.",
        "Draft: 'Blinken met Wang in Beijing.'  Sources: 'Blinken met Wang in Munich.'",
        "Draft: 'Blinken met Wang in Munich and warned him about Russia.'  Sources: the two facts "
        "in two sentences.",
    ),
    Rule(
        "exempt/different-events",
        "any",
        "Claims dated more than a month apart, in different years, or one dated only by earlier "
        "years than the other article ('a 2019 outbreak in Lisbon', 'went under in March 2019'; "
        "not a count that runs 'since' a month), describe different events, "
        "unless the dates are what they differ in: then the substitution test decides. A date of "
        "a sub-clause's own event ('the company, founded in 2017, raised ...') does not date the "
        "claim.",
        "A 2022 photo caption is not the 2023 meeting; last year's result is not this year's; "
        "background about an earlier event of the same kind is not this event. But 'the new "
        "minimum applies from July 1' against 'from January 1' is one rule given two dates, "
        "months apart: those pairs reach the model, and the verdict knows they are dated apart.",
        "(silences) A: 'A 2019 outbreak in Lisbon infected 120.'  B: 'The outbreak has infected 41.'",
        "(does not silence) A: 'The galleries open in October 2026.'  B: 'The galleries are due "
        "to open in April 2027.'",
        role="exemption",
    ),
    Rule(
        "exempt/running-count",
        "number",
        "A later article's count told with an update word next to it ('rose to', 'so far', "
        "'latest', 'up from', 'first reported', 'revised') is an update.",
        "Tolls and tallies change between reports; each is true at its own publication date.",
        "(silences) A (Mon): '27 people died.'  B (Tue): 'The toll rose to 41.'",
        "(does not silence) A (Mon): '27 people died.'  B (Tue): '41 people died, the ministry said "
        "for now.'",
        role="exemption",
    ),
    Rule(
        "exempt/as-of-publication",
        "date",
        "Each date is its own article's day of publication: a state as of the report.",
        "'Still missing on Wednesday' and 'still missing on Thursday' are both true.",
        "(silences) A (Wed): 'was still missing on Wednesday'  B (Thu): 'still missing on Thursday'",
        "(does not silence) A and B, both published Thursday, with different days",
        role="exemption",
    ),
    Rule(
        "exempt/other-event-dated",
        "date",
        "Two days that time different events, where one claim dates the event the other tells "
        "without a day: the days are not compared.",
        "A sentence names more than one event; its day belongs to one of them. 'Detained a man "
        "who drove the car used in Thursday's robbery' dates the robbery, 'Police on Friday "
        "detained a man' the detention: both can be true.",
        "(silences) A: 'Police detained a man suspected in Thursday's robbery.'  B: 'Police on "
        "Friday detained a man.'",
        "(does not silence) A: 'The robbery on Thursday ...'  B: 'The robbery on Friday ...'",
        role="exemption",
    ),
    Rule(
        "exempt/both-sides-reported",
        "any",
        "Each article reports both parties' opposing claims: the parties disagree, the outlets do not.",
        "'Washington calls it a spy balloon; Beijing says it was a weather airship' is the story, "
        "not an error. Two outlets citing different sources for incompatible facts, when each "
        "gives only one side, is still reported ('sources differ'), and so is one side's claim "
        "against an outlet's own statement.",
        "(silences) Both articles: 'the U.S. says ... spy balloon' and 'Beijing insists ... airship'",
        "(does not silence) A: 'will stay on, the companies said'  B: 'will leave, people familiar said'",
        role="exemption",
    ),
    Rule(
        "exempt/same-remark",
        "statement",
        "Two claims that quote the same words are one remark, framed twice: no statement finding.",
        "The frame around a shared quote differs in wording and titles ('Tom Hadley, the Leader of "
        "the House, called it' / 'Minister Tom Hadley said'); the quote check compares the words and "
        "the title check the offices, and a sentence-level verdict would read the frames as a conflict.",
        "(silences) A: 'Hadley, the Leader of the House, called it \"a modest change\".'  "
        "B: 'Workplace Relations Minister Hadley said it was \"a modest change\".'",
        "(does not silence) A figure or a day that differs outside the quote",
        role="exemption",
    ),
    Rule(
        "exempt/published-apart",
        "any",
        "Claims of articles published more than a week apart may both be true at their dates: "
        "statements, figures, places and denials alike, unless both claims name the same day; a "
        "date that differs is still compared (the event's day does not change).",
        "'Will travel to Beijing this week' (June) and 'postponed the trip' (February) are both "
        "right; so are 'met Wang in Munich' (February) and 'called his trip to Beijing' (June).",
        "(silences) A (Feb): 'postponed his trip'  B (Jun): 'will travel this week'",
        "(does not silence) the same two sentences published on the same day; A (Feb): 'downed on "
        "Feb. 4'  B (Jun): 'downed on Feb. 6'",
        role="exemption",
    ),
)

_BY_CODE = {rule.code: rule for rule in RULES}


def rule(code: str) -> Rule:
    """The rule with this code (a KeyError names a rule that was never registered)."""
    return _BY_CODE[code]
