from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.segment import MAX_SENTENCE_CHARS, SegmentStats, segment
from tests.conftest import article


def texts(text: str) -> list[str]:
    return [s.text for s in segment(article("a", text))]


def test_abbreviations_do_not_end_sentences():
    found = texts("The U.S. said on Feb. 4 that Gen. Smith met Mr. Wang in Washington. He left on Sept. 5.")
    assert found == [
        "The U.S. said on Feb. 4 that Gen. Smith met Mr. Wang in Washington.",
        "He left on Sept. 5.",
    ]


def test_offsets_line_and_column_are_exact():
    text = "Headline here\n\nFirst sentence is here. Second one follows.\nThird line."
    owner = article("a", text)
    sentences = segment(owner)
    assert [s.text for s in sentences] == [
        "Headline here",
        "First sentence is here.",
        "Second one follows.",
        "Third line.",
    ]
    second = sentences[2]
    assert text[second.start : second.end] == "Second one follows."
    assert owner.line_column(second.start) == (3, 25)


def test_paragraphs_never_merge_across_lines():
    assert texts("no full stop here\nanother line without one") == [
        "no full stop here",
        "another line without one",
    ]


def test_lone_attribution_after_question_quote_is_glued_back():
    found = texts('"Do you want to shoot every one of them down?" Wang said. Then he left.')
    assert found[0] == '"Do you want to shoot every one of them down?" Wang said.'
    assert found[1] == "Then he left."


def test_only_body_regions_are_segmented():
    text = "Skip to content\nReal sentence one. Real sentence two.\nCopy link"
    start = text.index("Real")
    end = text.index("\nCopy")
    owner = article("a", text)
    owner = type(owner)(id="a", path="a.txt", text=text, body=((start, end),))
    assert [s.text for s in segment(owner)] == ["Real sentence one.", "Real sentence two."]


def test_over_long_sentences_are_split_and_counted():
    clause = "the committee reviewed the budget line by line and found nothing amiss, "
    text = "Officials said " + clause * 20 + "and then they adjourned."
    stats = SegmentStats()
    sentences = segment(article("a", text), stats)
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert stats.split_long == 1
    assert stats.long_examples == ["a.txt:1:1"]
    joined = " ".join(s.text for s in sentences)
    assert joined.replace(" ", "") == text.replace(" ", "")


def test_text_without_letters_gives_no_sentences():
    assert texts("--- *** 12345 \n ...") == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=800))
def test_any_text_gives_sentences_inside_the_article(text):
    owner = article("a", text)
    previous_end = 0
    for sentence in segment(owner):
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert sentence.start >= previous_end
        assert sentence.text == text[sentence.start : sentence.end]
        assert sentence.text == sentence.text.strip()
        previous_end = sentence.end


def test_a_paragraphs_dateline_is_not_part_of_its_first_sentence():
    """'NAPLES, March 14 (Southern Italy Wire) —' says who filed the story, where and when."""
    text = (
        "NAPLES, March 14 (Southern Italy Wire) — Police detained a man on Friday.\n"
        "OSLO/CHICAGO -- The two airlines agreed to merge.\n"
        "FRANKFURT (Reuters) - Shares rose.\n"
        "The deal, announced in Oslo — a surprise — was approved.\n"
        "LIMA —\n"
        "Rescuers reached the village."
    )
    assert texts(text) == [
        "Police detained a man on Friday.",
        "The two airlines agreed to merge.",
        "Shares rose.",
        "The deal, announced in Oslo — a surprise — was approved.",
        "Rescuers reached the village.",
    ]
