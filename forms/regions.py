"""Korea's metropolitan-level governments (광역자치단체) by ISO 3166-2:KR code, with their names
over time. The name shown is the one valid at a given date (a 2023 proposal shows 2023 names)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RegionName:
    ko: str
    en: str
    head_ko: str  # the head's title, as on a seal box: 경상북도지사
    head_en: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None  # exclusive: the first day it no longer applies

    def valid_at(self, day: dt.date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (self.valid_to is None or day < self.valid_to)


@dataclass(frozen=True)
class Region:
    code: str
    names: tuple[RegionName, ...]
    #: Last day the government existed as such (exclusive), e.g. before a merger.
    valid_to: dt.date | None = None
    valid_from: dt.date | None = None

    def exists_at(self, day: dt.date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (self.valid_to is None or day < self.valid_to)

    def name_at(self, day: dt.date) -> RegionName:
        for name in self.names:
            if name.valid_at(day):
                return name
        # Outside its life: the closest name (first before it existed, last after it ended).
        if self.valid_from is not None and day < self.valid_from:
            return self.names[0]
        return self.names[-1]

    def name(self, day: dt.date, lang: str) -> str:
        n = self.name_at(day)
        return n.ko if lang == "ko" else n.en

    def head(self, day: dt.date, lang: str) -> str:
        n = self.name_at(day)
        return n.head_ko if lang == "ko" else n.head_en


_D = dt.date
_MERGER = _D(2026, 7, 1)


def _n(ko: str, en: str, head_ko: str, head_en: str, start: dt.date | None = None, end: dt.date | None = None) -> RegionName:
    return RegionName(ko, en, head_ko, head_en, start, end)


REGIONS: dict[str, Region] = {
    r.code: r
    for r in (
        Region("KR-11", (_n("서울특별시", "Seoul", "서울특별시장", "Mayor of Seoul"),)),
        Region("KR-26", (_n("부산광역시", "Busan", "부산광역시장", "Mayor of Busan"),)),
        Region("KR-27", (_n("대구광역시", "Daegu", "대구광역시장", "Mayor of Daegu"),)),
        Region("KR-28", (_n("인천광역시", "Incheon", "인천광역시장", "Mayor of Incheon"),)),
        Region(
            "KR-29",
            (_n("광주광역시", "Gwangju", "광주광역시장", "Mayor of Gwangju"),),
            valid_to=_MERGER,
        ),
        Region("KR-30", (_n("대전광역시", "Daejeon", "대전광역시장", "Mayor of Daejeon"),)),
        Region("KR-31", (_n("울산광역시", "Ulsan", "울산광역시장", "Mayor of Ulsan"),)),
        Region("KR-50", (_n("세종특별자치시", "Sejong", "세종특별자치시장", "Mayor of Sejong"),)),
        Region("KR-41", (_n("경기도", "Gyeonggi-do", "경기도지사", "Governor of Gyeonggi-do"),)),
        Region(
            "KR-42",
            (
                _n("강원도", "Gangwon-do", "강원도지사", "Governor of Gangwon-do", None, _D(2023, 6, 11)),
                _n("강원특별자치도", "Gangwon State", "강원특별자치도지사", "Governor of Gangwon State", _D(2023, 6, 11)),
            ),
        ),
        Region("KR-43", (_n("충청북도", "Chungcheongbuk-do", "충청북도지사", "Governor of Chungcheongbuk-do"),)),
        Region("KR-44", (_n("충청남도", "Chungcheongnam-do", "충청남도지사", "Governor of Chungcheongnam-do"),)),
        Region(
            "KR-45",
            (
                _n("전라북도", "Jeollabuk-do", "전라북도지사", "Governor of Jeollabuk-do", None, _D(2024, 1, 18)),
                _n("전북특별자치도", "Jeonbuk State", "전북특별자치도지사", "Governor of Jeonbuk State", _D(2024, 1, 18)),
            ),
        ),
        Region(
            "KR-46",
            (_n("전라남도", "Jeollanam-do", "전라남도지사", "Governor of Jeollanam-do"),),
            valid_to=_MERGER,
        ),
        Region("KR-47", (_n("경상북도", "Gyeongsangbuk-do", "경상북도지사", "Governor of Gyeongsangbuk-do"),)),
        Region("KR-48", (_n("경상남도", "Gyeongsangnam-do", "경상남도지사", "Governor of Gyeongsangnam-do"),)),
        Region("KR-49", (_n("제주특별자치도", "Jeju", "제주특별자치도지사", "Governor of Jeju"),)),
        # Gwangju and Jeonnam merged on 2026-07-01. The new body's ISO code and English name are
        # unverified; "KR-GJN" is this app's provisional code until ISO publishes one.
        Region(
            "KR-GJN",
            (
                _n(
                    "전남광주통합특별시",
                    "Jeonnam-Gwangju Integrated Special City",
                    "전남광주통합특별시장",
                    "Mayor of Jeonnam-Gwangju",
                ),
            ),
            valid_from=_MERGER,
        ),
    )
}


def get(code: str) -> Region | None:
    return REGIONS.get(code)


def is_known(code: object) -> bool:
    return isinstance(code, str) and code in REGIONS


def existing_at(day: dt.date) -> list[Region]:
    """The governments that exist at ``day``, in code order."""
    return [r for r in REGIONS.values() if r.exists_at(day)]


def name(code: str, day: dt.date, lang: str) -> str:
    region = REGIONS.get(code)
    return region.name(day, lang) if region else code
