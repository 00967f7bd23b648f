"""Titles and roles: pre-modifiers, appositives, copulas, former roles, anaphora."""

from __future__ import annotations


def _titles(claim):
    return {(t.person, t.title, t.former, t.affiliation) for t in claim.facts.titles}


def test_premodifier_title_drops_nationality_into_affiliation(claims):
    claim = claims("Russian Foreign Minister Sergei Lavrov arrived in Ankara for talks.")[0]
    assert ("sergei lavrov", "foreign minister", False, "russia") in _titles(claim)
    span = claim.facts.titles[0].span
    assert span.text == "Russian Foreign Minister Sergei Lavrov"
    assert claim.article.text[span.start : span.end] == span.text


def test_appositive_after_name_with_owner(claims):
    claim = claims("Olaf Brandt, Germany's top diplomat, called the vote a mistake.")[0]
    assert ("olaf brandt", "top diplomat", False, "germany") in _titles(claim)


def test_appositive_with_a_determiner_and_an_owner(claims):
    claim = claims("Ingrid Vermeulen, the zoo's deputy director, blamed the storm.")[0]
    assert ("ingrid vermeulen", "deputy director", False, "zoo") in _titles(claim)


def test_and_inside_one_office_name_does_not_split_it(claims):
    claim = claims("Pham Quoc Vinh, a vice minister of industry and trade, signed the pact.")[0]
    assert {t.title for t in claim.facts.titles} == {"vice minister of industry and trade"}


def test_appositive_before_name_splits_two_roles(claims):
    text = "The envoy spoke with India's deputy premier and finance minister, Ravi Menon."
    found = _titles(claims(text)[0])
    assert ("ravi menon", "deputy premier", False, "india") in found
    assert ("ravi menon", "finance minister", False, "india") in found


def test_copular_title_present_and_past(claims):
    now, then = claims("Lucia Ferro is Italy's interior minister. Paolo Ricci was Italy's trade minister.")
    assert ("lucia ferro", "interior minister", False, "italy") in _titles(now)
    assert ("paolo ricci", "trade minister", True, "italy") in _titles(then)


def test_former_and_then_mark_past_roles(claims):
    claim = claims("Former Prime Minister Anna Berg criticized the budget.")[0]
    assert ("anna berg", "prime minister", True, None) in _titles(claim)


def test_retired_marks_a_past_role(claims):
    claim = claims("The review was led by retired High Court judge Helen Marsters.")[0]
    assert ("helen marsters", "judge", True, "high court") in _titles(claim)


def test_promoted_from_x_to_y(claims):
    text = "Karl Otto Lind met the press. He was promoted from deputy mayor to mayor of the city last year."
    found = _titles(claims(text)[1])
    assert ("karl otto lind", "deputy mayor", True, None) in found
    assert any(t[0] == "karl otto lind" and t[1].startswith("mayor") and not t[2] for t in found)


def test_who_was_until_is_former(claims):
    claim = claims("Tom Reed, who was defense secretary until March, disagreed.")[0]
    assert ("tom reed", "defense secretary", True, None) in _titles(claim)


def test_relative_clause_roles_are_current_titles(claims):
    texts = (
        "Markus Lind, who as technical director has overseen the digging, spoke on Monday.",
        "Markus Lind, who took over as technical director in 2021, spoke on Monday.",
        "Markus Lind, who serves as technical director, spoke on Monday.",
    )
    for text in texts:
        (fact,) = claims(text)[0].facts.titles
        assert (fact.person, fact.title, fact.former) == ("markus lind", "technical director", False)
        assert fact.span.text.startswith("Markus Lind, who ") and fact.span.text.endswith(
            "technical director"
        )


def test_a_role_told_in_the_simple_past_may_be_one_held_before(claims):
    claim = claims("Tom Reed, who as defense secretary drafted the 2019 law, spoke on Monday.")[0]
    assert claim.facts.titles == ()
    # a clause cut off after the role tells no tense either
    assert claims("They met Tom Reed, who as defense secretary")[0].facts.titles == ()


def test_a_participle_before_a_role_word_is_part_of_the_title(claims):
    claim = claims("Lena Whitcombe, Monaro's returning officer, read out the result.")[0]
    assert ("lena whitcombe", "returning officer", False, "monaro") in _titles(claim)
    assert claims("Lena Whitcombe, returning from Paris, read out the result.")[0].facts.titles == ()


def test_anaphora_refers_to_the_only_holder(claims):
    text = "Norwegian Foreign Minister Lena Holm visited Oslo on Monday. Later, the foreign minister met students."
    second = claims(text)[1]
    (fact,) = second.facts.titles
    assert (fact.person, fact.title, fact.span.text) == (
        "lena holm",
        "foreign minister",
        "the foreign minister",
    )


def test_anaphora_respects_the_country(claims):
    text = "Japanese Foreign Minister Aiko Sato flew to Seoul. The top U.S. foreign minister was absent."
    assert claims(text)[1].facts.titles == ()


def test_a_role_before_a_comma_is_not_an_appositive(claims):
    claim = claims("After meeting the president, Carla Diaz said the deal was done.")[0]
    assert not any(t.person == "carla diaz" for t in claim.facts.titles)


def test_canonical_spellings(claims):
    claim = claims("White House spokeswoman Jane Roe and national security advisor Tim Cole spoke.")[0]
    found = {(t.person, t.title) for t in claim.facts.titles}
    assert ("jane roe", "spokesperson") in found
    assert ("tim cole", "national security adviser") in found
