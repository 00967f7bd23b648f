"""English articles are told apart without loading the language model; others still ask it."""

from __future__ import annotations

from crosscheck.ingest import _language
from crosscheck.models import Article

ENGLISH = (
    "The council said on Tuesday that the bridge would reopen in May, and officials added that "
    "the repairs were paid for by the state, which had set aside $40 million for the work."
)
SPANISH = (
    "El consejo dijo el martes que el puente volvería a abrir en mayo, y los funcionarios "
    "añadieron que las obras fueron pagadas por el estado, que había reservado 40 millones."
)


def _article(text: str) -> Article:
    return Article("a", "a.txt", text, ((0, len(text)),))


def test_plain_english_needs_no_model():
    _language._identifier.cache_clear()
    assert _language.not_english(_article(ENGLISH)) is None
    assert _language._identifier.cache_info().currsize == 0


def test_other_languages_are_still_asked_and_named():
    assert not _language.plainly_english(SPANISH)
    reason = _language.not_english(_article(SPANISH))
    assert reason is not None and "Spanish" in reason
