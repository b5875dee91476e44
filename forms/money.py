"""Money in whole won: parsing what officials type, and every way the app writes an amount.

Amounts are ``int`` won everywhere. Parsing goes through ``Decimal`` so that ``5.5억`` is exact;
nothing here ever uses a float.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from enum import Enum
from functools import lru_cache

from forms.base.errors import InputError
from forms.base.i18n import N_, babel_locale, translate

#: The largest amount the app accepts: 10^15 won (a thousand trillion).
MAX_AMOUNT = 10**15
TOO_LARGE = N_("An amount cannot exceed {limit}.")
_MAX_INPUT = 64
_UNCLEAR = N_("'{text}' is unclear: a number after 억 or 조 needs its unit (12억 3천만, or 12.3억), or 원 at the end "
              "if it is won (12억 3원).")
_NOT_AMOUNT = N_("'{text}' is not an amount. Type digits, for example 55억 or 5,500,000,000.")


class EntryUnit(Enum):
    """The unit in which a plain number typed by an official is read."""

    WON = 1
    THOUSAND = 1_000
    MILLION = 1_000_000

    @property
    def code(self) -> str:
        return {1: "won", 1_000: "thousand", 1_000_000: "million"}[self.value]

    @classmethod
    def from_code(cls, code: str) -> EntryUnit:
        for unit in cls:
            if unit.code == code:
                return unit
        raise InputError(N_("Unknown amount unit '{unit}'. Use won, thousand or million."), unit=code)

    def label(self, lang: str) -> str:
        return translate(_UNIT_LABELS[self.value], lang)


_UNIT_LABELS = {1: N_("won"), 1_000: N_("thousand won"), 1_000_000: N_("million won")}

_BIG = {"조": 10**12, "억": 10**8, "만": 10**4}
_SMALL = {"천": 1000, "백": 100, "십": 10}
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_TOKEN = re.compile(rf"({_NUMBER})?([조억만천백십])?")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(text.split())
    for prefix in ("금", "₩", "KRW", "krw", "￦"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    for suffix in ("KRW", "krw"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text


def parse_amount(text: str, unit: EntryUnit = EntryUnit.WON) -> int:
    """Read an amount as officials type it and return whole won.

    ``5,500,000,000``, ``5500000000원``, ``55억``, ``55억원``, ``5억 5천만``, ``3,000천원``,
    full-width digits and stray spaces are understood. A plain number (no Korean unit and no
    ``원``) is read in ``unit``. Raises :class:`InputError` with a clear message otherwise.
    """
    with localcontext() as ctx:
        ctx.prec = 4 * _MAX_INPUT  # exact for anything that fits in the input
        return _parse(text, unit)


def _parse(text: str, unit: EntryUnit) -> int:
    if not isinstance(text, str):
        raise InputError(N_("Enter an amount."))
    if len(text) > _MAX_INPUT:
        raise InputError(N_("That is too long to be an amount."))
    raw = _normalise(text)
    if not raw:
        raise InputError(N_("Enter an amount."))
    if raw[0] in "-−‐(" or raw.startswith("마이너스"):
        raise InputError(N_("An amount cannot be negative."))
    explicit = False
    if raw.endswith("원"):
        raw, explicit = raw[:-1], True
    if not raw:
        raise InputError(N_("Enter an amount."))
    total = Decimal(0)
    group = Decimal(0)
    pos = 0
    seen_unit = False
    last_big = None
    while pos < len(raw):
        match = _TOKEN.match(raw, pos)
        if match is None or match.end() == pos:
            raise InputError(_NOT_AMOUNT, text=text.strip())
        number, unit_char = match.group(1), match.group(2)
        pos = match.end()
        try:
            value = Decimal(number.replace(",", "")) if number else None
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
            raise InputError(_NOT_AMOUNT, text=text.strip()) from exc
        if unit_char in _BIG:
            if value is None:
                if not group and pos != len(unit_char):
                    raise InputError(_NOT_AMOUNT, text=text.strip())
                value = Decimal(0) if group else Decimal(1)
            scale = _BIG[unit_char]
            if last_big is not None and scale >= last_big:
                raise InputError(_NOT_AMOUNT, text=text.strip())
            last_big = scale
            total += (group + value) * scale
            group = Decimal(0)
            seen_unit = True
        elif unit_char in _SMALL:
            group += (Decimal(1) if value is None else value) * _SMALL[unit_char]
            seen_unit = True
        else:
            if pos < len(raw) or value is None:  # a token without a unit is a number
                raise InputError(_NOT_AMOUNT, text=text.strip())
            group += value
    if group and last_big is not None and last_big >= _BIG["억"] and not explicit:
        # "12억3" and "12억 3천" are said for 12억 3천만 as often as they could mean won: ask.
        raise InputError(_UNCLEAR, text=text.strip())
    total += group
    if not (seen_unit or explicit):
        total *= unit.value
    check_limit(total)
    if total != total.to_integral_value():
        raise InputError(N_("An amount must be a whole number of won, and {text} is not."), text=text.strip())
    return int(total)


def check_limit(amount: int | Decimal, where: object = "") -> None:
    """The one ceiling of every amount, typed in a cell or read from a file. ``where`` is the
    field's path (text, or a ``FieldPath`` written as text only when the amount is too large)."""
    if amount > MAX_AMOUNT:
        raise InputError(TOO_LARGE, str(where), limit=Won(MAX_AMOUNT))


@dataclass(frozen=True)
class Won:
    """An amount as a message field, formatted in the message's language."""

    amount: int

    def render(self, lang: str) -> str:
        return format_won(self.amount, lang)


#: How the locales of the app's languages group digits, as Babel's CLDR data has it: by threes,
#: with a comma. Kept here so that writing a whole amount does not load Babel (some 30 ms, a tenth
#: of an export); a test checks this table against Babel, and any other locale asks Babel.
GROUPING = {"ko_KR": (True, ","), "en_US": (True, ",")}


def babel_grouping(locale_name: str) -> tuple[bool, str]:
    """Whether Babel's ``locale_name`` groups digits by threes, and its group symbol."""
    from babel import Locale
    from babel.numbers import get_group_symbol, parse_pattern

    loc = Locale.parse(locale_name)
    pattern = parse_pattern(loc.decimal_formats[None].pattern)
    return pattern.grouping == (3, 3), get_group_symbol(loc)


@lru_cache(maxsize=8)
def _grouping(lang: str) -> tuple[bool, str]:
    """Whether the language groups digits by threes (as Korean and English do), and its symbol."""
    name = babel_locale(lang)
    return GROUPING[name] if name in GROUPING else babel_grouping(name)


def _format_decimal(value: int | Decimal, lang: str, pattern: str | None = None) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format=pattern, locale=babel_locale(lang), group_separator=True)


def format_number(value: int, lang: str) -> str:
    """Digits grouped for the language (``5,500,000,000``), as Babel's CLDR data says.

    Whole numbers in a language that groups by threes take a fast path (a budget grid repaints
    hundreds of cells per keystroke); anything else goes through Babel itself.
    """
    by_threes, symbol = _grouping(lang)
    if by_threes and isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}"
        return text if symbol == "," else text.replace(",", symbol)
    return _format_decimal(value, lang)


def format_won(amount: int, lang: str) -> str:
    """``5,500,000,000원`` in Korean, ``KRW 5,500,000,000`` in English."""
    digits = format_number(amount, lang)
    return f"{digits}원" if lang == "ko" else f"KRW {digits}"


#: A space a line must not break at (U+00A0): typesetting software keeps the words either side
#: of it on one line.
NBSP = "\u00a0"
#: The spaces inside an amount as the app and officials write it: between ``KRW`` and its figure,
#: between a figure (or a unit such as 천, 백만, 억) and ``원`` (``55억 원``, ``천 원``, ``백만 원``),
#: between the groups of a Korean reading (``1억 2,345만``), and in ``thousand won``/``million won``.
_AMOUNT_SPACE = re.compile(r"(?<=\bKRW) (?=[0-9])|(?<=[0-9조억만천백십]) (?=원)|(?<=[0-9][조억만]) (?=[0-9])"
                           r"|(?<=\bthousand) (?=won\b)|(?<=\bmillion) (?=won\b)")


def keep_amounts_together(text: str) -> str:
    """``text`` with a non-breaking space where an amount has a space, so that a line never ends
    in ``KRW`` with its figure on the next, nor a figure with its ``원`` on the next
    (``KRW 5,500,000,000``, ``55억 원``, ``1억 2,345만 6,789원``, ``천 원``).

    For text that is set in lines (the packet); the formatters themselves keep plain spaces, which
    the command line's output, its JSON and the exported workbooks give to scripts and searches as
    they have always been."""
    return _AMOUNT_SPACE.sub(NBSP, text) if " " in text else text


def format_in_unit(amount: int, unit: EntryUnit, lang: str, decimals: int | None = None) -> str:
    """The amount expressed in ``unit`` without the unit's name, exact: with just the decimals it
    needs, or with exactly ``decimals`` of them (so that a table's figures line up)."""
    value = Decimal(amount) / unit.value
    if decimals is None or decimals == 0:
        if value == value.to_integral_value():
            return format_number(int(value), lang)
        return _format_decimal(value, lang, pattern="#,##0.######")
    return _format_decimal(value, lang, pattern="#,##0." + "0" * decimals)


def decimals_needed(amounts: Iterable[int], unit: EntryUnit) -> int:
    """How many decimals show every one of ``amounts`` in ``unit`` exactly (0 for whole units)."""
    places = len(str(unit.value)) - 1  # 1000 -> 3
    needed = 0
    for amount in amounts:
        rest = amount % unit.value
        if rest:
            digits = f"{rest:0{places}d}".rstrip("0")
            needed = max(needed, len(digits))
    return needed


_DIGITS = "영일이삼사오육칠팔구"


def hangul_numeral(amount: int) -> str:
    """Hangul numerals as on official documents: 113560 → ``일십일만삼천오백육십``."""
    if amount == 0:
        return "영"
    out = []
    for name, scale in (("경", 10**16), ("조", 10**12), ("억", 10**8), ("만", 10**4), ("", 1)):
        group = (amount // scale) % 10000
        if not group:
            continue
        text = ""
        for unit_name, unit in (("천", 1000), ("백", 100), ("십", 10), ("", 1)):
            digit = (group // unit) % 10
            if digit:
                text += _DIGITS[digit] + unit_name
        out.append(text + name)
    return "".join(out)


_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = ((10**15, "quadrillion"), (10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def _english_hundreds(n: int) -> str:
    words = []
    if n >= 100:
        words += [_ONES[n // 100], "hundred"]
        n %= 100
    if n >= 20:
        words.append(_TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    elif n:
        words.append(_ONES[n])
    return " ".join(words)


def english_words(amount: int) -> str:
    """An amount in English words, as an English reader checks the Korean official form:
    ``five billion five hundred million won``."""
    if amount == 0:
        return "zero won"
    parts, rest = [], amount
    for scale, name in _SCALES:
        if rest >= scale:
            parts.append(f"{_english_hundreds(rest // scale)} {name}")
            rest %= scale
    if rest:
        parts.append(_english_hundreds(rest))
    return " ".join(parts) + " won"


def official_form(amount: int) -> str:
    """``금5,500,000,000원(금오십오억원)``: digits and words, as amounts are written on documents."""
    return f"금{amount:,}원(금{hangul_numeral(amount)}원)"


def english_form(amount: int) -> str:
    """``KRW 5,500,000,000 (five billion five hundred million won)``: the English document's
    digits and words, where a Korean one writes :func:`official_form`."""
    return f"{format_won(amount, 'en')} ({english_words(amount)})"


def written_form(amount: int, lang: str) -> str:
    """An amount in figures and words as a document in ``lang`` writes it: :func:`official_form`
    in Korean, :func:`english_form` otherwise."""
    return official_form(amount) if lang == "ko" else english_form(amount)
