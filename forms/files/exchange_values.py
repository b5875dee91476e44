"""Reading the values of an exchange file strictly: the limits of a proposal file, and one reader
per kind of value (text, codes, regions, whole numbers, won, ids, years), each problem an
:class:`InputError` that names the field path (``budget.lines[3].amount_krw``)."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable
from typing import TypeVar

from forms import ids, regions
from forms.attached import MAX_COUNT
from forms.base.errors import InputError, Phrase
from forms.base.i18n import N_, translate
from forms.fieldpath import FieldPath
from forms.files import jsontext
from forms.model import Text
from forms.money import check_limit

_T = TypeVar("_T")

MAX_TEXT = 200_000

#: The most entries each list of a proposal file may hold (the budget lines' justification rows: per
#: line). A merge of two files within them keeps within them too (``forms.merge``).
LIST_LIMITS: dict[tuple[str, ...], int] = {
    ("partner_regions",): 20, ("organisations",): 1000, ("roadmap",): 10, ("researchers",): 10_000,
    ("indicators",): 1000, ("tasks",): 1000, ("deliverables",): 1000, ("equipment",): 1000,
    ("budget", "lines"): 100_000, ("budget", "lines", "items"): 1000, ("attachments",): MAX_COUNT,
}
MIN_YEAR, MAX_YEAR = 2000, 2100
#: A date: exactly YYYY-MM-DD (``fromisoformat`` also takes 20230302, 2023-W10-4).
DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: A month of the schedule: YYYY-MM.
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
#: Where a finding about the file as a whole is: the place a field path would name.
_WHOLE_FILE = Phrase(N_("the whole file"))


class Choices:
    """The allowed codes as a message field; an empty one is named as what it means."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes

    def render(self, lang: str) -> str:
        empty = '"" (' + translate(N_("not chosen yet"), lang) + ")"
        return ", ".join(code or empty for code in self.codes)


class Reader:
    """Reads the values of one file; a path is a :class:`FieldPath`, or text for a place no field
    path can name (a key that is not a year)."""

    def __init__(self, repair: bool = False) -> None:
        #: reading a file over the limits an older version wrote, only to take attachments out of it
        self.repair = repair

    def fail(self, path: FieldPath | str | Phrase, message: str, **fields: object) -> InputError:
        return InputError(message, str(path) if isinstance(path, FieldPath) else path, **fields)

    def obj(self, value: object, path: FieldPath, keys: set[str] | None, required: set[str]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path if path.steps else _WHOLE_FILE, N_("must be an object {{…}}, not {found}."), found=_kind(value))
        for key in value:
            if keys is not None and key not in keys:
                raise self.fail(path.child(key), N_("unexpected key, expected one of: {keys}."),
                                keys=", ".join(sorted(keys)))
        for key in sorted(required):
            if key not in value:
                raise self.fail(path.child(key), N_("this key is missing."))
        return value

    def string(self, value: object, path: FieldPath, limit: int = MAX_TEXT) -> str:
        if not isinstance(value, str):
            raise self.fail(path, N_("must be text, not {found}."), found=_kind(value))
        if len(value) > limit:
            raise self.fail(path, N_("is longer than {limit} characters."), limit=limit)
        return value

    def choice(self, value: object, path: FieldPath, allowed: list[str]) -> str:
        text = self.string(value, path, 100)
        if text not in allowed:
            raise self.fail(path, N_("'{value}' is not a known code. Expected one of: {allowed}."),
                            value=text, allowed=Choices(allowed))
        return text

    def region(self, value: object, path: FieldPath, allow_empty: bool = False) -> str:
        text = self.string(value, path, 20)
        if allow_empty and text == "":
            return text
        if not regions.is_known(text):
            raise self.fail(path, N_("'{value}' is not a region code. Use ISO 3166-2:KR codes such as KR-47."),
                            value=text)
        return text

    def integer(self, value: object, path: FieldPath, lo: int, hi: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, N_("must be a whole number from {lo} to {hi}, not {found}."),
                            lo=lo, hi=hi, found=_kind(value))
        if not lo <= value <= hi:
            raise self.fail(path, N_("must be a whole number from {lo} to {hi}, not {found}."),
                            lo=lo, hi=hi, found=value)
        return value

    def amount(self, value: object, path: FieldPath) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(path, N_("must be a whole number of won, 0 or more."))
        check_limit(value, path)
        return value

    def text(self, value: object, path: FieldPath) -> Text:
        d = self.obj(value, path, {"ko", "en"}, set())
        return Text(self.string(d.get("ko", ""), path.child("ko")), self.string(d.get("en", ""), path.child("en")))

    def short_text(self, value: object, path: FieldPath, limit: int) -> Text:
        """A short text in Korean and English ({"ko": …, "en": …}), or, as format 2 wrote an
        indicator's baseline and targets, one string: the same text in both languages."""
        if isinstance(value, str):
            return Text.both(self.string(value, path, limit))
        if not isinstance(value, dict):
            raise self.fail(path, N_("must be text, or an object {{…}} with the Korean and English text, not "
                                     "{found}."), found=_kind(value))
        d = self.obj(value, path, {"ko", "en"}, set())
        return Text(self.string(d.get("ko", ""), path.child("ko"), limit),
                    self.string(d.get("en", ""), path.child("en"), limit))

    def boolean(self, value: object, path: FieldPath) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, N_("must be true or false, not {found}."), found=_kind(value))
        return value

    def ident(self, value: object, path: FieldPath, seen: set[str], what: str) -> str:
        """A record's id: non-empty text, unique among the records of its table."""
        text = self.string(value, path, ids.MAX_ID)
        if not text.strip():
            raise self.fail(path, N_("must not be empty."))
        if text in seen:
            raise self.fail(path, N_("the id '{value}' is used by another {what}."), value=text, what=Phrase(what))
        seen.add(text)
        return text

    def by_year(self, value: object, path: FieldPath, read: Callable[[object, FieldPath], _T]) -> dict[int, _T]:
        """An object keyed by year ("2023": …), each value read by ``read(value, path)``; a value's
        path names its year in brackets (``researchers[0].rates[2023]``)."""
        d = self.obj(value, path, None, set())
        out: dict[int, _T] = {}
        for key, item in d.items():
            if not (len(key) == 4 and key.isdigit() and MIN_YEAR <= int(key) <= MAX_YEAR):
                # no field path names a key that is not a year: the key as JSON writes it
                raise self.fail(f"{path}[{json.dumps(key[:20], ensure_ascii=False)}]",
                                N_("'{value}' is not a year. The keys here are years such as \"2023\"."),
                                value=key[:20])
            out[int(key)] = read(item, path.child(int(key)))
        return out

    def array(self, value: object, path: FieldPath, limit: int = 100_000) -> list:
        if not isinstance(value, list):
            raise self.fail(path, N_("must be a list [...], not {found}."), found=_kind(value))
        if len(value) > limit:
            raise self.fail(path, N_("has more than {limit} entries."), limit=limit)
        return value

    def no_such_day(self, path: FieldPath, text: str) -> InputError:
        """The error for a date written right that is not on the calendar: which part does not exist."""
        year, month, _day = (int(part) for part in text.split("-"))
        if not 1 <= month <= 12:
            return self.fail(path, N_("'{value}' does not exist: a year has no month {month}."), value=text,
                             month=month)
        days = calendar.monthrange(year, month)[1] if year else 31
        return self.fail(path, N_("'{value}' does not exist: that month has {days} days."), value=text, days=days)

    def percent(self, value: object, path: FieldPath) -> int:
        return self.integer(value, path, 0, 100)

    def month(self, value: object, path: FieldPath) -> str:
        text = self.string(value, path, 7)
        m = _MONTH.match(text)
        if not m or not MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
            raise self.fail(path, N_("must be a month written YYYY-MM (such as 2023-04), not '{value}'."), value=text)
        return text


def _kind(value: object) -> object:
    if isinstance(value, jsontext.Float):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value[:30], ensure_ascii=False)
    if isinstance(value, dict):
        return Phrase(N_("an object"))
    if isinstance(value, list):
        return Phrase(N_("a list"))
    return type(value).__name__
