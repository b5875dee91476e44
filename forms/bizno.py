"""Korean business registration numbers (사업자등록번호; a non-profit's 고유번호 has the same form):
ten digits written 123-45-67890, the last a check digit of the first nine (National Tax Service
algorithm: weights 1 3 7 1 3 7 1 3 5, plus the tens of the ninth digit × 5)."""

from __future__ import annotations

import re

_FORM = re.compile(r"^\d{3}-?\d{2}-?\d{5}$")
_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def check_digit(first_nine: str) -> int:
    digits = [int(c) for c in first_nine]
    total = sum(d * w for d, w in zip(digits, _WEIGHTS, strict=True)) + digits[8] * 5 // 10
    return (10 - total % 10) % 10


def well_formed(number: str) -> bool:
    """Whether ``number`` is written as ten digits, hyphens optional (its check digit aside)."""
    return bool(_FORM.match(number))


def is_valid(number: str) -> bool:
    """Whether ``number`` is written as ten digits (hyphens optional) and its check digit holds."""
    if not _FORM.match(number):
        return False
    digits = number.replace("-", "")
    return check_digit(digits[:9]) == int(digits[9])


def formatted(first_nine: str) -> str:
    """The number with its check digit, written 123-45-67890."""
    digits = first_nine + str(check_digit(first_nine))
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
