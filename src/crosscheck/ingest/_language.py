"""Which language an article is written in, so a non-English one is named, never silently passed.

The extraction (spaCy's English pipeline) and the NLI model read English only: on a
Chinese article they find no facts and no contradictions, and a report would say
"No contradictions found". py3langid (a maintained fork of langid.py: a naive Bayes
model over byte n-grams, 97 languages, deterministic, about 2 ms an article) reads
the first few thousand characters of the article's prose. An article is taken for
non-English only when the model is sure, since short English texts full of names
can look like Dutch or German to it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crosscheck.lexicon import ENGLISH_FUNCTION_WORDS
from crosscheck.models import Article

#: How much prose is read: enough for a sure answer, little enough to stay fast.
SAMPLE_CHARS = 4000
#: Below this many characters of prose an answer needs more certainty.
SHORT_TEXT = 300
#: Probability needed to call a text non-English (short texts / longer texts).
SURE_SHORT, SURE = 0.99, 0.9
#: The last code point of the Latin scripts (Latin Extended-B).
LATIN_END = 0x024F
#: Share of words that are English-only function words at which a text is English without asking
#: the model (English news runs at 20-30%; Spanish, French or German text at under 3%): it saves
#: loading the model, about 0.45 s, on every run of English articles.
PLAINLY_ENGLISH = 0.15
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

NAMES = {
    "ar": "Arabic",
    "bg": "Bulgarian",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "es": "Spanish",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sv": "Swedish",
    "th": "Thai",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
    "zh": "Chinese",
}


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _prose(article: Article) -> str:
    regions = article.body or ((0, len(article.text)),)
    parts: list[str] = []
    size = 0
    for start, end in regions:
        parts.append(article.text[start:end])
        size += end - start
        if size >= SAMPLE_CHARS:
            break
    return "\n".join(parts)[:SAMPLE_CHARS]


def detect(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the language ``text`` is most likely in, and its probability."""
    code, probability = _identifier().classify(text)
    return str(code), float(probability)


def plainly_english(text: str) -> bool:
    words = [word.lower() for word in _WORD.findall(text)]
    return (
        bool(words) and sum(word in ENGLISH_FUNCTION_WORDS for word in words) / len(words) >= PLAINLY_ENGLISH
    )


def language_name(code: str) -> str:
    return NAMES.get(code, code)


def not_english(article: Article) -> str | None:
    """Why the article cannot be checked ("written in Chinese (zh), ..."), or None when it is English."""
    text = _prose(article)
    letters = sum(char.isalpha() for char in text)
    if letters < 20 or plainly_english(text):
        return None
    code, probability = detect(text)
    # Mostly letters beyond Latin (Chinese, Cyrillic, Arabic...) is not English whatever the odds.
    foreign_script = sum(char.isalpha() and ord(char) > LATIN_END for char in text) > letters / 2
    sure = probability >= (SURE_SHORT if len(text) < SHORT_TEXT else SURE)
    if code == "en" or not (sure or foreign_script):
        return None
    return (
        f"written in {language_name(code)} ({code}, {probability:.0%} sure), not English: "
        "crosscheck reads English articles only"
    )
