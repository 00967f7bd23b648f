from __future__ import annotations

from dataclasses import replace

from crosscheck.judge.titles import title_corroborations, title_findings
from crosscheck.models import Mention, TitleFact
from tests.conftest import article, claim, span


def titled(owner, sentence, person, title, title_text, former=False, name_text=None, affiliation=None):
    name_text = name_text or person.title()
    mention = Mention(span(owner, name_text), "PERSON", person)
    fact = TitleFact(person, title, span(owner, title_text), former, affiliation)
    return claim(owner, sentence, titles=(fact,), mentions=(mention,))


def test_outdated_title_is_reported_with_the_evidence_from_each_side():
    x = article("x", "Foreign Minister Lena Ortiz arrived in Oslo.", "2024-03-02", outlet="Daily X")
    y = article(
        "y",
        "Chief envoy Lena Ortiz arrived in Oslo. Ortiz was promoted from foreign minister last month.",
        "2024-03-01",
        outlet="Y News",
    )
    claims = [
        titled(
            x,
            "Foreign Minister Lena Ortiz arrived in Oslo.",
            "lena ortiz",
            "foreign minister",
            "Foreign Minister",
        ),
        titled(y, "Chief envoy Lena Ortiz arrived in Oslo.", "lena ortiz", "chief envoy", "Chief envoy"),
        titled(
            y,
            "Ortiz was promoted from foreign minister last month.",
            "lena ortiz",
            "foreign minister",
            "foreign minister",
            former=True,
            name_text="Ortiz",
        ),
    ]
    findings = title_findings(claims)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.kind == "title" and finding.severity == "high"
    assert [c.article.id for c in finding.claims] == ["x", "y", "y"]
    # the sentence the explanation cites comes first, then the other title
    assert finding.claims[1].text == "Ortiz was promoted from foreign minister last month."
    assert finding.claims[2].text == "Chief envoy Lena Ortiz arrived in Oslo."
    assert "Y News calls Lena Ortiz chief envoy" in finding.explanation
    assert "Daily X calls Lena Ortiz foreign minister" in finding.explanation
    assert "Y News says Lena Ortiz is no longer foreign minister" in finding.explanation
    assert [s.text for s in finding.evidence[0].spans] == ["Foreign Minister"]


def test_a_later_former_title_is_news_not_a_conflict():
    x = article("x", "Foreign Minister Lena Ortiz arrived in Oslo.", "2024-03-02")
    y = article("y", "Former foreign minister Lena Ortiz wrote a book.", "2024-09-01")
    claims = [
        titled(x, x.text, "lena ortiz", "foreign minister", "Foreign Minister"),
        titled(y, y.text, "lena ortiz", "foreign minister", "foreign minister", former=True),
    ]
    assert title_findings(claims) == []


def test_a_former_descriptive_role_is_no_outdated_office():
    x = article("x", "He left his finances to his adviser, Rafael Ortuno.", "2024-03-02")
    y = article("y", "His former adviser Rafael Ortuno was jailed.", "2024-03-02")
    claims = [
        titled(x, x.text, "rafael ortuno", "adviser", "adviser"),
        titled(y, y.text, "rafael ortuno", "adviser", "adviser", former=True),
    ]
    assert title_findings(claims) == []


def test_one_office_two_holders_at_the_same_time():
    x = article("x", "Finance Minister Ana Diaz presented the budget.", "2024-05-01")
    y = article("y", "Finance Minister Paul Roux presented the budget.", "2024-05-01")
    claims = [
        titled(x, x.text, "ana diaz", "finance minister", "Finance Minister", affiliation="freedonia"),
        titled(y, y.text, "paul roux", "finance minister", "Finance Minister", affiliation="freedonia"),
    ]
    findings = title_findings(claims)
    assert len(findings) == 1
    assert "names Ana Diaz as finance minister" in findings[0].explanation
    other_country = [
        claims[0],
        titled(y, y.text, "paul roux", "finance minister", "Finance Minister", affiliation="sylvania"),
    ]
    assert title_findings(other_country) == []


def test_an_office_two_people_hold_in_one_article_is_not_exclusive():
    both = article("x", "Foreign Minister Ana Diaz met Foreign Minister Paul Roux.", "2024-05-01")
    y = article("y", "Foreign Minister Paul Roux flew home.", "2024-05-01")
    claims = [
        titled(both, both.text, "ana diaz", "foreign minister", "Foreign Minister"),
        titled(both, both.text, "paul roux", "foreign minister", "Foreign Minister"),
        titled(y, y.text, "paul roux", "foreign minister", "Foreign Minister"),
    ]
    assert title_findings(claims) == []


def test_descriptive_roles_do_not_conflict_with_offices():
    x = article("x", "Top diplomat Lena Ortiz arrived.", "2024-03-02")
    y = article("y", "Foreign Minister Lena Ortiz arrived.", "2024-03-02")
    claims = [
        titled(x, x.text, "lena ortiz", "top diplomat", "Top diplomat"),
        titled(y, y.text, "lena ortiz", "foreign minister", "Foreign Minister"),
    ]
    assert title_findings(claims) == []


def test_two_offices_of_one_kind_for_one_person_conflict():
    x = article("x", "Defense Minister Omar Sy spoke.", "2024-03-02")
    y = article("y", "Interior Minister Omar Sy spoke.", "2024-03-03")
    claims = [
        titled(x, x.text, "omar sy", "defense minister", "Defense Minister"),
        titled(y, y.text, "omar sy", "interior minister", "Interior Minister"),
    ]
    findings = title_findings(claims)
    assert [f.explanation for f in findings] == [
        "x calls Omar Sy defense minister; y calls Omar Sy interior minister."
    ]


def test_rank_modifiers_make_a_different_office():
    from crosscheck.judge.titles import offices_conflict

    assert offices_conflict("deputy foreign minister", "foreign minister")
    assert offices_conflict("chief financial officer", "chief executive")
    assert offices_conflict("pilot", "commander")
    assert not offices_conflict("mission commander", "commander")
    assert not offices_conflict("foreign minister", "minister")
    assert not offices_conflict("top diplomat", "foreign minister")
    assert offices_conflict("deputy chief", "ventura county fire chief")
    assert offices_conflict("vice minister of industry and trade", "trade minister")
    assert not offices_conflict("minister of industry and trade", "minister")


def test_one_office_worded_two_ways_is_no_conflict():
    from crosscheck.judge.titles import offices_conflict

    assert not offices_conflict("fire chief", "chief of calcasieu parish fire district 2")
    assert not offices_conflict("trade minister", "minister of industry and trade")
    assert not offices_conflict("head of the mountain rescue service", "local mountain rescue chief")
    assert not offices_conflict(
        "director of the volcanology institute", "director of the national volcanology institute"
    )
    assert not offices_conflict("trade minister", "cabinet secretary for trade")
    assert offices_conflict("defense minister", "interior minister")
    # a body named by another form of its word, a service's director and its chief
    assert not offices_conflict("economy minister", "federal minister for economic affairs and energy")
    assert not offices_conflict("fire chief", "director of the city fire department")
    assert offices_conflict("director of the fire department", "chief of police")
    # a description of the post, not an office of its own
    assert not offices_conflict("head of government", "mayor")


def test_a_named_body_and_a_described_one_may_be_one_body():
    from crosscheck.judge.titles import offices_conflict

    # "head of ONPE" / "head of the electoral office": the claims name ONPE, so one body is a name
    assert not offices_conflict("head of onpe", "head of the electoral office", frozenset({"onpe"}))
    assert offices_conflict("head of onpe", "head of the electoral office")
    assert offices_conflict("head of onpe", "head of jne", frozenset({"onpe", "jne"}))


def test_rival_offices_read_the_names_of_the_claims_that_state_them():
    x = article("x", "Gustavo Paredes, head of ONPE, rejected the claim.", "2024-03-02")
    y = article("y", "Gustavo Paredes, the head of the electoral office, spoke.", "2024-03-02")
    onpe = Mention(span(x, "ONPE"), "ORG", "onpe")
    first = titled(x, x.text, "gustavo paredes", "head of onpe", "head of ONPE", name_text="Gustavo Paredes")
    first = replace(first, facts=replace(first.facts, mentions=(*first.facts.mentions, onpe)))
    second = titled(
        y, y.text, "gustavo paredes", "head of the electoral office", "head of the electoral office"
    )
    assert title_findings([first, second]) == []


def test_titles_one_article_gives_together_do_not_conflict():
    x = article("x", "State councilor and foreign minister Qin Lu spoke.", "2024-03-02")
    y = article("y", "Foreign Minister Qin Lu spoke. State Councilor Qin Lu left.", "2024-03-02")
    claims = [
        titled(x, x.text, "qin lu", "state councilor", "State councilor"),
        titled(x, x.text, "qin lu", "foreign minister", "foreign minister"),
        titled(y, "Foreign Minister Qin Lu spoke.", "qin lu", "foreign minister", "Foreign Minister"),
        titled(y, "State Councilor Qin Lu left.", "qin lu", "state councilor", "State Councilor"),
    ]
    assert title_findings(claims) == []


def test_the_same_title_from_two_sources_is_a_corroboration():
    x = article("x", "Top diplomat Lena Ortiz arrived.", "2024-03-02")
    y = article("y", "Top diplomat Lena Ortiz left.", "2024-03-02")
    claims = [
        titled(x, x.text, "lena ortiz", "top diplomat", "Top diplomat"),
        titled(y, y.text, "lena ortiz", "top diplomat", "Top diplomat"),
    ]
    [corroboration] = title_corroborations(claims)
    assert corroboration.sources == 2
    assert corroboration.statement == "Lena Ortiz is top diplomat"


def _ana_ruiz_as(other_sentence, other_title, other_title_text):
    """Ana Ruiz called chief technology officer by x and given ``other_title`` by y."""
    first = "Chief technology officer Ana Ruiz spoke."
    x, y = article("x", first, "2024-03-02"), article("y", other_sentence, "2024-03-02")
    return [
        titled(x, first, "ana ruiz", "chief technology officer", "Chief technology officer"),
        titled(y, other_sentence, "ana ruiz", other_title, other_title_text),
    ]


def test_any_chief_officer_is_an_office_of_its_own():
    claims = _ana_ruiz_as("Chief executive Ana Ruiz spoke.", "chief executive", "Chief executive")
    (finding,) = title_findings(claims)
    assert finding.rule == "title/rival-offices"
    assert "calls Ana Ruiz chief technology officer" in finding.explanation


def test_a_chief_officer_of_a_named_company_is_the_same_office():
    claims = _ana_ruiz_as(
        "Ana Ruiz, chief technology officer of Orbis, spoke.",
        "chief technology officer of orbis",
        "chief technology officer of Orbis",
    )
    assert title_findings(claims) == []
