"""Normalise before judging: every detection layer sees the same canonical text and its decodings.

An attacker hides an instruction from a filter by changing how it is written, not what it says:
look-alike letters, zero-width characters, letters spaced apart, leetspeak, or an encoding the
model will happily decode (base64, hex, URL escapes, ROT13). :func:`views` returns the canonical
text first, then each decoding that turns the text into something more readable, so the rules
and the classifier judge what the model would understand (OWASP LLM01).

Decoding is bounded: at most ``MAX_DECODED`` characters in all, ``MAX_VIEWS`` views and
``MAX_DEPTH`` nested decodings (base64 inside base64), so a crafted input cannot make the
guardrails do unbounded work (LLM10). Hand-written because no maintained library does this
job as a whole; the pieces it uses (``unicodedata``, ``base64``, ``binascii``, ``urllib``,
``codecs``) are the standard library's.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import unquote_plus

# Format (Cf), control (Cc, except tab and newlines) and surrogate (Cs) code points, plus
# invisible fillers and variation selectors used to smuggle text past people and filters
# ("ASCII smuggling" with tag characters U+E0000-E007F, bidi overrides of Trojan Source).
INVISIBLE_RANGES = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u115f\u1160\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ud800-\udfff"
    "\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef"
)
_INVISIBLE = re.compile(f"[{INVISIBLE_RANGES}]")
# ASCII text can only hold C0 controls and DEL: str.translate drops them fastest.
_ASCII_CONTROLS = dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def strip_invisible(text: str) -> tuple[str, int]:
    """Remove characters a reader cannot see but a model reads; return the text and how many.

    Hidden instructions (LLM01) ride on zero-width and tag characters, and bidi controls make
    the text a person approves differ from the text the model gets.
    """
    if text.isascii():
        cleaned = text.translate(_ASCII_CONTROLS)
        return cleaned, len(text) - len(cleaned)
    return _INVISIBLE.subn("", text)


# Lower-case Cyrillic and Greek letters that look like Latin ones (after case folding; from
# Unicode's confusables.txt, the Latin look-alikes only). Applied only to words that mix them with
# Latin letters ("ign\u043ere" with a Cyrillic o), so Russian and Greek text keeps its own letters.
CONFUSABLES = str.maketrans(
    "\u0430\u0432\u0435\u0433\u0438\u043a\u043c\u043d\u043e\u043f\u0440\u0441\u0442\u0443"
    "\u0445\u044c\u0455\u0456\u0458\u0475\u04bb\u04cf\u0501\u051b\u051d\u0261"
    "\u03b1\u03b5\u03b7\u03b9\u03ba\u03bd\u03bf\u03c1\u03c3\u03c4\u03c5\u03c7\u03c9",
    "aberukmhonpctyxbsijvhldqwgaenikvopotuxw",
)
_MIXED_WORD = re.compile(r"\w*[a-z]\w*[^\W\d_a-z]\w*|\w*[^\W\d_a-z]\w*[a-z]\w*")

MAX_DECODED = 16_000  # characters of decoded text, over all views of one input
MAX_VIEWS = 12
MAX_DEPTH = 2

_WHITESPACE_RUNS = re.compile(r"\s{2,}")
# Runs that may be an encoding: base64 (standard or URL-safe alphabet, 16+ characters), hex
# (16+ digits, optionally spaced or 0x/\x-prefixed) and percent escapes.
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
_HEX = re.compile(r"(?:(?:0x|\\x)?[0-9a-fA-F]{2}[\s:,]?){8,}")
_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")
_PLUS_JOINED = re.compile(r"\w+(?:\+\w+){3,}")  # form encoding: words joined by "+"
_LETTER_RUN = re.compile(r"[A-Za-z][A-Za-z ,.'!?-]{14,}")
# Letters written one at a time with a separator between them: "i g n o r e", "i.g.n.o.r.e".
_SPACED = re.compile(r"(?<![\w])(?:\w[ .\-_*|/]){3,}\w(?![\w])")
_SPACED_SEPARATORS = re.compile(r"[ .\-_*|/]")
# Leetspeak: digits and symbols standing for letters inside words.
_LEET = str.maketrans("013457@$!|", "oieastasil")
_LEET_WORD = re.compile(r"\b(?=\w*[a-z])(?=\w*[0-9])[a-z0-9@$!|]{3,}\b|[a-z]+[@$!|][a-z@$!|]+")
# A handful of very common words: a decoding that holds more of them than the original reads
# better, so it is probably what the sender meant (ROT13 has no marker of its own).
_COMMON = frozenset(
    re.findall(
        r"\w+",
        "the you your and all any to of is are this that what from with for now new ignore previous "
        "instructions system prompt rules tell show reveal print say",
    )
)


def canonical(text: str) -> str:
    """NFKC, invisible characters removed, case-folded, look-alike letters folded in words that mix
    scripts, whitespace runs joined."""
    text, _ = strip_invisible(text)
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = _MIXED_WORD.sub(lambda word: word.group().translate(CONFUSABLES), text)
    return _WHITESPACE_RUNS.sub(lambda run: "\n" if "\n" in run.group() else " ", text)


def _readable(text: str) -> bool:
    """Mostly printable letters and spaces: a decoding worth judging, not random bytes."""
    if len(text) < 4:
        return False
    printable = sum(ch.isalnum() or ch.isspace() or ch in ".,;:!?'\"()-" for ch in text)
    return printable >= 0.85 * len(text) and any(ch.isspace() for ch in text)


def _common_words(text: str) -> int:
    return sum(word in _COMMON for word in re.findall(r"[a-z]+", text))


def _printable(data: bytes) -> str | None:
    """``data`` as text when it is UTF-8 without control characters (besides whitespace)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if text and all(ch.isprintable() or ch.isspace() for ch in text) else None


def _decode_base64(run: str) -> str | None:
    padded = run + "=" * (-len(run) % 4)
    for decoder in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            decoded = _printable(decoder(padded))
        except (binascii.Error, ValueError):
            continue
        if decoded is not None:
            return decoded
    return None


def _decode_hex(run: str) -> str | None:
    digits = re.sub(r"0x|\\x|[\s:,]", "", run)
    try:
        return _printable(bytes.fromhex(digits[: len(digits) // 2 * 2]))
    except ValueError:
        return None


def _decodings(text: str) -> list[str]:
    """The printable decodings found in ``text`` (one level; a decoding may hold another)."""
    found = [d for run in _BASE64.findall(text) if (d := _decode_base64(run)) is not None]
    found += [d for m in _HEX.finditer(text) if (d := _decode_hex(m.group())) is not None]
    escapes = len(_PERCENT.findall(text))
    if escapes >= 3 or _PLUS_JOINED.search(text):
        found.append(unquote_plus(text))
    rot13 = _LETTER_RUN.sub(_rot13_if_better, text)
    if rot13 != text:
        found.append(rot13)
    return found


def _rot13_if_better(run: re.Match[str]) -> str:
    # ROT13 has no marker of its own: a run of letters is read rotated when that holds more
    # common words than it did (the rest of the message, a wrapper in plain English, stays).
    rotated = codecs.decode(run.group(), "rot13")
    better = _common_words(rotated.lower()) > max(1, 2 * _common_words(run.group().lower()))
    return rotated if better else run.group()


def _respelled(text: str) -> list[str]:
    """Spaced-out letters joined, leetspeak read as letters (on the canonical text)."""
    found = []
    if _SPACED.search(text):
        found.append(_SPACED.sub(lambda m: _SPACED_SEPARATORS.sub("", m.group()), text))
    if _LEET_WORD.search(text):
        found.append(_LEET_WORD.sub(lambda m: m.group().translate(_LEET), text))
    return found


def views(text: str) -> list[str]:
    """The canonical text, then its readable decodings and respellings, canonical too; bounded."""
    result = [canonical(text)]
    budget = MAX_DECODED
    frontier = [(text, 0)]
    while frontier and len(result) < MAX_VIEWS and budget > 0:
        source, depth = frontier.pop(0)
        decoded = _decodings(source)[:MAX_VIEWS] if depth < MAX_DEPTH else []
        frontier += [(d, depth + 1) for d in decoded]
        for candidate in [*(d for d in decoded if _readable(d)), *_respelled(canonical(source))]:
            view = canonical(candidate[:budget])
            if view and view not in result and len(result) < MAX_VIEWS:
                result.append(view)
                budget -= len(view)
    return result


def conversation_views(messages: Sequence[str]) -> list[str]:
    """The views of each message, and of the turns joined (an instruction split across turns)."""
    found = [v for message in messages for v in views(message)]
    if len(messages) > 1:
        found += views(" ".join(messages))
    return found
