"""Bytes to text, refusing binary files and never guessing an encoding silently."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass


class Unreadable(Exception):
    """An input that cannot be read as an article; the message is the one-line problem."""


@dataclass(frozen=True)
class Decoded:
    text: str
    warning: str | None = None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "a PDF file: convert it to text first"),
    (b"PK\x03\x04", "a ZIP archive or Office document (.docx, .xlsx): export the article as text first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
    (b"\x7fELF", "a program, not text"),
    (b"{\\rtf", "an RTF document: save it as plain text first"),
)
#: Share of control or replacement characters above which decoded text is not prose.
MAX_NOISE = 0.02


def _check_noise(text: str) -> None:
    noise = sum(
        1
        for char in text
        if char == "\ufffd" or (unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v")
    )
    if text and noise / len(text) > MAX_NOISE:
        raise Unreadable("binary file, not text (control characters): give the article as .txt, .md or .html")


def _detect(data: bytes) -> str | None:
    """The detected encoding; among equally plausible ones, Windows-1252.

    charset_normalizer cannot tell Western single-byte encodings apart on short
    texts (it may say cp775 for "café"); Windows-1252 is by far the most common
    legacy encoding of English news copy, so it wins the ties.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos <= least + 0.01 and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return matches[0].encoding


def decode(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode a file's bytes; raise ``Unreadable`` for binary data.

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are read as such; a
    charset the file declares (HTML ``<meta charset>``) is trusted; anything else
    is detected, with a warning saying which encoding was assumed.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            _check_noise(text)
            warning = None if encoding == "utf-8-sig" else f"decoded as {encoding.upper()} (byte order mark)"
            return Decoded(text, warning)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise Unreadable(f"binary file, looks like {what}")
    if b"\x00" in data:
        raise Unreadable("binary file, not text (NUL bytes): give the article as .txt, .md or .html")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_noise(text)
        return Decoded(text)
    if declared:
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            _check_noise(text)
            return Decoded(text, f"decoded as {declared} (declared in the file, not UTF-8)")
    encoding = _detect(data)
    if encoding is None:
        raise Unreadable("not text in any known encoding: save it as UTF-8 text")
    text = data.decode(encoding, errors="replace")
    _check_noise(text)
    return Decoded(
        text, f"decoded as {encoding} (not UTF-8; detected, may be wrong: save it as UTF-8 to be sure)"
    )
