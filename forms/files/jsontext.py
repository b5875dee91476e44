"""JSON text as a proposal file holds it, read strictly: a number with a fraction is kept aside
(money is never a float), a key stands once in an object, NaN and Infinity are refused. Every
problem is an :class:`InputError` that says where — line and column — and why, in the reader's
language (the standard library's own reasons are in English)."""

from __future__ import annotations

import json
import json.decoder
import re

from forms.base.errors import InputError, Phrase
from forms.base.i18n import N_


class Float:
    """A JSON number with a fraction or exponent: kept aside so it can be refused, never used."""

    def __init__(self, text: str) -> None:
        self.text = text


class _Twice(InputError):
    def __init__(self, key: str) -> None:
        super().__init__(N_("The key '{key}' appears twice in one object."), key=key)
        self.key = key


class _NotAllowed(InputError):
    def __init__(self, name: str) -> None:
        super().__init__(N_("{value} is not allowed in a proposal file."), value=name)
        self.name = name


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _Twice(key)
        out[key] = value
    return out


def _line_column(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


_COLON = re.compile(r"\s*:")


def _locate(text: str, *, twice: str | None = None, constant: str | None = None) -> int | None:
    """Where, outside any string, ``constant`` (NaN, -Infinity …) first stands, or the key
    ``twice`` stands a second time among one object's keys: one walk over the text that keeps the
    keys of each open object (strings read by the standard library's ``scanstring``). Run only
    after the reader has refused the file, to say where."""
    objects: list[set[str] | None] = []
    i, size = 0, len(text)
    while i < size:
        ch = text[i]
        if ch == '"':
            try:
                # typeshed leaves json.decoder's own string reader out of its stubs
                value, end = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
            except ValueError:
                return None
            keys = objects[-1] if objects else None
            if keys is not None and _COLON.match(text, end):
                if value == twice and value in keys:
                    return i
                keys.add(value)
            i = end
            continue
        if ch == "{":
            objects.append(set())
        elif ch == "[":
            objects.append(None)
        elif ch in "}]":
            if objects:
                objects.pop()
        elif constant and text.startswith(constant, i):
            return i
        i += 1
    return None


#: The JSON reader's reasons (the start of its message), in words the app can translate.
_JSON_REASONS = (
    ("Expecting value", N_("a value is missing here")),
    ("Expecting property name", N_("a key in double quotes is expected here")),
    ("Expecting ':'", N_("a colon ':' is missing after the key")),
    ("Expecting ','", N_("a comma ',' is missing between two items")),
    ("Unterminated string", N_("a text is not closed with a double quote")),
    ("Invalid control character", N_("a text contains a control character (such as a line break)")),
    ("Invalid \\uXXXX escape", N_("a \\u escape needs four hexadecimal digits")),
    ("Invalid \\escape", N_("a backslash escape is not valid")),
    ("Extra data", N_("there is more text after the end of the proposal")),
)


def _json_reason(message: str) -> Phrase | str:
    for start, reason in _JSON_REASONS:
        if message.startswith(start):
            return Phrase(reason)
    return message


def _bad_constant(name: str) -> object:
    raise _NotAllowed(name)


#: A ``\\u`` escape of a UTF-16 surrogate (D800–DFFF), the only way half a character gets into JSON text.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_ESCAPE = re.compile(r'\\(?:u([0-9a-fA-F]{4})|.)|"', re.DOTALL)


def _lone_surrogate(text: str) -> int | None:
    """Where, inside a string, a ``\\uD800``-style escape stands that is not one half of a pair (a
    high surrogate followed by a low one): such text cannot be stored, printed or written as UTF-8."""
    inside, i = False, 0
    while True:
        m = _ESCAPE.search(text, i)
        if m is None:
            return None
        if m.group(0) == '"':
            inside = not inside
        elif inside and m.group(1):
            code = int(m.group(1), 16)
            if 0xD800 <= code <= 0xDBFF:  # a high half: the next escape must be the low half
                low = re.compile(r"\\u([dD][c-fC-F][0-9a-fA-F]{2})").match(text, m.end())
                if low is None:
                    return m.start()
                i = low.end()
                continue
            if 0xDC00 <= code <= 0xDFFF:
                return m.start()
        i = m.end()


def parse(text: str) -> object:
    """The JSON value of ``text`` (objects as dicts, fractions as :class:`Float`)."""
    value = _parse(text)
    if _SURROGATE_ESCAPE.search(text):
        at = _lone_surrogate(text)
        if at is not None:
            line, column = _line_column(text, at)
            raise InputError(N_("line {line}, column {column}: {escape} is half of a character (a lone surrogate). "
                                "Such text cannot be stored or printed."),
                             line=line, column=column, escape=text[at:at + 6])
    return value


def _parse(text: str) -> object:
    try:
        return json.loads(text, parse_float=Float, parse_constant=_bad_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError(N_("line {line}, column {column}: the file is not valid JSON ({reason})."),
                         line=exc.lineno, column=exc.colno, reason=_json_reason(exc.msg)) from None
    except RecursionError:
        raise InputError(N_("The file is nested too deeply to be a proposal.")) from None
    except _Twice as exc:
        at = _locate(text, twice=exc.key)
        if at is None:
            raise
        line, column = _line_column(text, at)
        raise InputError(N_("line {line}, column {column}: the key '{key}' appears twice in this object."),
                         line=line, column=column, key=exc.key) from None
    except _NotAllowed as exc:
        at = _locate(text, constant=exc.name)
        if at is None:
            raise
        line, column = _line_column(text, at)
        raise InputError(N_("line {line}, column {column}: {value} is not allowed in a proposal file."),
                         line=line, column=column, value=exc.name) from None
    except InputError:
        raise
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise InputError(N_("The file holds a value that cannot be read: {reason}"), reason=str(exc)[:100]) from None
