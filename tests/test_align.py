from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.align import AlignOptions, align, normalize
from crosscheck.models import Claim, Mention, Span
from crosscheck.segment import segment
from tests.conftest import article


def claims_of(*articles) -> list[Claim]:
    return [Claim(sentence) for owner in articles for sentence in segment(owner)]


A = article(
    "a",
    "The minister met the delegation in Geneva on Tuesday to discuss the river treaty. "
    "Rain is expected across the north of the country later this week.",
)
B = article(
    "b",
    "On Tuesday the minister met a foreign delegation in Geneva to discuss the river treaty. "
    "The national football team lost its opening match of the season.",
)
C = article("c", "The minister met the delegation in Geneva to talk about the river treaty on Tuesday.")


def test_normalize_keeps_content_words_only():
    assert normalize("The U.S. said it was a BALLOON, not a plane.") == "u s balloon plane"


def test_matching_sentences_are_paired_and_unrelated_ones_are_not():
    pairs = align(claims_of(A, B))
    texts = {(p.first.text[:20], p.second.text[:20]) for p in pairs}
    assert ("The minister met the", "On Tuesday the minis") in texts
    assert all("football" not in p.second.text or "Rain" not in p.first.text for p in pairs)
    assert all(p.similarity >= AlignOptions().min_similarity for p in pairs)


def test_sentences_of_one_article_are_never_paired():
    twice = article("a", A.text + " " + A.text)
    assert align(claims_of(twice)) == []
    for pair in align(claims_of(A, B, C)):
        assert pair.first.article.id != pair.second.article.id


def test_best_candidates_are_kept_per_other_article():
    many = article(
        "b", " ".join(f"The minister met the delegation in Geneva, report number {n}." for n in range(6))
    )
    claims = claims_of(A, many)
    for keep in (1, 2):
        pairs = align(claims, AlignOptions(per_article=keep, min_similarity=0))
        # each claim keeps its best `keep` in the other article; pairs are the union of those choices
        assert len(pairs) <= keep * len(claims)


def test_a_claim_with_one_candidate_slot_gets_its_best_match():
    other = article(
        "b", "The minister met the delegation in Geneva about the river treaty. Stocks fell sharply today."
    )
    pairs = align(claims_of(A, other), AlignOptions(per_article=1))
    treaty = [p for p in pairs if p.first.text.startswith("The minister")]
    assert [p.second.text for p in treaty] == [
        "The minister met the delegation in Geneva about the river treaty."
    ]


def test_pairs_are_ordered_by_article_id_and_best_first():
    pairs = align(claims_of(C, B, A))
    assert all(p.first.article.id < p.second.article.id for p in pairs)
    assert [p.similarity for p in pairs] == sorted((p.similarity for p in pairs), reverse=True)


def test_shared_entities_raise_the_score():
    owner_a = article("a", "Talks between the two sides ended without agreement on trade.")
    owner_b = article("b", "Negotiators left the summit without agreement on tariffs.")
    plain = align(claims_of(owner_a, owner_b), AlignOptions(min_similarity=0))
    mention = Mention(Span(0, 5, "Talks"), "EVENT", "trade talks")
    with_names = [Claim(c.sentence, type(c.facts)(mentions=(mention,))) for c in claims_of(owner_a, owner_b)]
    boosted = align(with_names, AlignOptions(min_similarity=0))
    assert boosted[0].similarity > plain[0].similarity


def test_short_fragments_and_single_articles_give_nothing():
    assert align(claims_of(article("a", "Wang said."), article("b", "Wang said."))) == []
    assert align(claims_of(A)) == []


def test_pairs_grow_linearly_with_the_number_of_articles():
    sentence = "The minister met the delegation in Geneva to discuss the river treaty, {} officials said."
    many = [article(f"a{n:02d}", sentence.format(n + 2)) for n in range(30)]
    pairs = align(claims_of(*many), AlignOptions(per_article=2, max_per_claim=3))
    assert len(pairs) <= 3 * len(many)
    assert len({p.first.article.id for p in pairs} | {p.second.article.id for p in pairs}) == len(many)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), min_size=1, max_size=4
    )
)
def test_any_articles_align_without_errors_into_valid_cross_article_pairs(texts):
    owners = [article(f"a{n}", text) for n, text in enumerate(texts)]
    for pair in align(claims_of(*owners)):
        assert pair.first.article.id < pair.second.article.id
        for claim in (pair.first, pair.second):
            assert 0 <= claim.start < claim.end <= len(claim.article.text)
            assert claim.text == claim.article.text[claim.start : claim.end]
        assert 0 <= pair.similarity <= 100


def test_paraphrases_stating_the_same_kinds_of_facts_are_paired():
    from crosscheck.models import DateFact, Facts

    owner_a = article(
        "a",
        "The storm slammed ashore near the fishing town of Casiguran on Monday night, "
        "bringing heavy rain and strong winds.",
    )
    owner_b = article(
        "b",
        "The typhoon made landfall near the town of Baler late on Monday, "
        "flattening houses and triggering landslides.",
    )

    def with_facts(owner, place):
        [sentence] = segment(owner)
        where = Mention(
            Span(owner.text.index(place), owner.text.index(place) + len(place), place), "GPE", place.lower()
        )
        monday = DateFact(dt.date(2024, 9, 2), Span(0, 1, "M"))
        return Claim(sentence, Facts(mentions=(where,), places=(where,), dates=(monday,)))

    plain = align(claims_of(owner_a, owner_b))
    assert plain == []
    [pair] = align([with_facts(owner_a, "Casiguran"), with_facts(owner_b, "Baler")])
    assert pair.similarity >= AlignOptions().min_similarity


def test_verbatim_copies_leave_the_slots_to_sentences_that_can_disagree():
    wire = "The minister met the delegation in Geneva to discuss the river treaty on Tuesday."
    changed = "The minister met the delegation in Geneva to discuss the river treaty on Monday."
    copies = [article(f"a{n}", wire) for n in range(6)]
    other = article("z", changed)
    pairs = align(claims_of(*copies, other), AlignOptions(per_article=1, max_per_claim=2))
    assert pairs and all(p.first.text != p.second.text for p in pairs)
    assert {p.second.article.id for p in pairs} == {"z"}


def test_copies_of_one_sentence_take_one_slot():
    wire = "The minister met the delegation in Geneva to discuss the river treaty on Tuesday."
    near = "The minister met a delegation in Geneva to discuss the treaty on the river on Tuesday."
    far = "The minister met the delegation in Geneva on Tuesday, officials said."
    owner = article("a", "The minister met the delegation in Geneva to discuss the river treaty on Monday.")
    others = [article(f"b{n}", wire) for n in range(4)] + [article("c", near), article("d", far)]
    pairs = align(claims_of(owner, *others), AlignOptions(per_article=1, max_per_claim=3))
    partners = {p.second.article.id for p in pairs if p.first.article.id == "a"}
    # four copies of the wire sentence would otherwise fill a's three slots
    assert {"c", "d"} <= partners


def test_a_denial_is_paired_with_the_claim_asserting_what_it_denies():
    from crosscheck.models import Facts

    owner_a = article(
        "a",
        "Police have made no arrests over the collapse, a spokeswoman for the state police command said. "
        "The developer said its permits covered every floor of the building.",
    )
    owner_b = article(
        "b",
        "Officers said they had arrested the site engineer on Tuesday night and questioned a manager. "
        "Rescue crews worked through the night to reach the trapped labourers.",
    )
    [denial, permits] = segment(owner_a)
    [arrest, rescue] = segment(owner_b)
    denying = Claim(denial, Facts(negated=True, denied=("arrest",)))
    arresting = Claim(arrest, Facts(asserted=("officers", "said", "they", "had", "arrested", "arrest")))
    claims = [denying, Claim(permits), arresting, Claim(rescue)]
    plain = align([Claim(denial), Claim(permits), Claim(arrest), Claim(rescue)])
    assert not any({p.first.text, p.second.text} == {denial.text, arrest.text} for p in plain)
    pairs = align(claims)
    assert any(p.first is denying and p.second.text == arrest.text for p in pairs)
    # the denial is paired with what it denies, not with the other sentence of the article
    assert not any(p.first is denying and p.second.text == rescue.text for p in pairs)
