"""Budget arithmetic, written once: the rules, the GUI's summary and the packet's tables all read it.

Everything is integer won; ratios are exact ``Fraction``s, so exactly 20 % passes and one won
less fails.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from forms.categories import CATEGORIES
from forms.model import Proposal, Source
from forms.profile import CallProfile

GOV_SOURCES = (Source.NATIONAL.value, Source.LOCAL.value)
OWN_SOURCES = (Source.OWN_CASH.value, Source.OWN_IN_KIND.value)
SOURCES = (*GOV_SOURCES, *OWN_SOURCES)


def ceil_fraction(value: Fraction) -> int:
    return -((-value.numerator) // value.denominator)


def floor_fraction(value: Fraction) -> int:
    return value.numerator // value.denominator


@dataclass
class Matching:
    """Local funds against the call's minimum."""

    basis_amount: int  # the amount the minimum is a share of
    local: int
    required: int  # the least local amount that meets the minimum
    shortfall: int  # won to add to local funds (0 when met)
    surplus: int  # won above the minimum (0 when short)
    ratio: Fraction | None  # local / basis, None when the basis is 0
    min_percent: Fraction

    @property
    def met(self) -> bool:
        return self.shortfall == 0


def matching(local: int, national: int, own: int, min_percent: Fraction, basis: str) -> Matching:
    """Local funds against ``min_percent`` of the basis. On the ``total`` basis the local funds are
    part of what they are measured against, so the required amount is the least ``L`` with
    ``L >= p * (national + own + L)``: it does not move as local funds are added, and adding the
    shortfall reaches it exactly."""
    p = min_percent / 100
    if basis == "total":
        base = national + local + own
        others = national + own
        required = ceil_fraction(p * others / (1 - p)) if p < 1 else (local if others == 0 else ceil_fraction(p * base))
    else:
        base = national
        required = ceil_fraction(p * base)
    shortfall = max(0, required - local)
    surplus = max(0, local - required)
    ratio = Fraction(local, base) if base else None
    return Matching(base, local, required, shortfall, surplus, ratio, min_percent)


@dataclass
class OrgTotals:
    by_source: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SOURCES, 0))
    by_category: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    in_kind: int = 0
    international: int = 0  # international joint R&D, outside the share base
    direct_in_kind: int = 0  # the own share in kind booked as direct costs

    @property
    def total(self) -> int:
        return sum(self.by_source.values())

    @property
    def gov(self) -> int:
        return self.by_source["national"] + self.by_source["local"]

    @property
    def own(self) -> int:
        return self.by_source["own_cash"] + self.by_source["own_in_kind"]

    @property
    def share_base(self) -> int:
        """The R&D cost on which the government share is measured (international excluded)."""
        return self.total - self.international

    @property
    def gov_in_base(self) -> int:
        return self.gov - self.international

    @property
    def direct(self) -> int:
        return sum(v for k, v in self.by_category.items() if k not in _INDIRECT)

    @property
    def direct_cash(self) -> int:
        """The direct costs in cash (national and local funds, own cash): the base of the
        commissioned R&D cap."""
        return self.direct - self.direct_in_kind


_INDIRECT = {c for c, cat in CATEGORIES.items() if not cat.direct}


@dataclass
class BudgetSummary:
    years: tuple[int, ...]
    by_year_source: dict[tuple[int, str], int]
    by_category_year: dict[tuple[str, int], int]
    by_org: dict[str, OrgTotals]
    local_by_region: dict[str, int]
    local_by_region_year: dict[tuple[str, int], int]
    total_matching: Matching
    year_matching: dict[int, Matching]
    national_cap: int
    #: (organisation, year, source) and, for local funds, (organisation, year, paying region).
    by_org_year_source: dict[tuple[str, int, str], int] = field(default_factory=dict)
    local_by_org_year_region: dict[tuple[str, int, str], int] = field(default_factory=dict)
    by_category_source: dict[tuple[str, str], int] = field(default_factory=dict)

    def source_total(self, source: str) -> int:
        return sum(v for (_y, s), v in self.by_year_source.items() if s == source)

    def year_total(self, year: int) -> int:
        return sum(v for (y, _s), v in self.by_year_source.items() if y == year)

    def category_total(self, category: str) -> int:
        return sum(v for (c, _y), v in self.by_category_year.items() if c == category)

    @property
    def total(self) -> int:
        return sum(self.by_year_source.values())

    @property
    def national(self) -> int:
        return self.source_total("national")

    @property
    def local(self) -> int:
        return self.source_total("local")

    @property
    def own(self) -> int:
        return self.source_total("own_cash") + self.source_total("own_in_kind")

    @property
    def national_unused(self) -> int:
        return max(0, self.national_cap - self.national)

    @property
    def national_excess(self) -> int:
        return max(0, self.national - self.national_cap)


def summarise(proposal: Proposal, profile: CallProfile) -> BudgetSummary:
    """One pass over the budget lines; every total the app shows comes from here."""
    # Per line only the finest totals; the coarser ones are added up from them after the loop
    # (a few hundred keys where a large budget has thousands of lines), in the same order of keys.
    by_org_year_source: dict[tuple[str, int, str], int] = defaultdict(int)
    by_category_year_source: dict[tuple[str, int, str], int] = defaultdict(int)
    local_by_org_year_region: dict[tuple[str, int, str], int] = defaultdict(int)
    by_org: dict[str, OrgTotals] = {}
    for line in proposal.budget.lines:
        if line.no_amount:  # nothing entered: no figure anywhere, not even a 0 (its rule asks for it)
            continue
        amount, org_id, year, source, category = line.amount_krw, line.org, line.year, line.source, line.category
        by_org_year_source[(org_id, year, source)] += amount
        by_category_year_source[(category, year, source)] += amount
        org = by_org.get(org_id)
        if org is None:
            org = by_org[org_id] = OrgTotals()
        org.by_category[category] += amount
        if source == "own_in_kind" and category not in _INDIRECT:
            org.direct_in_kind += amount
        if category == "international" and source in GOV_SOURCES:
            org.international += amount
        if source == "local" and line.region:
            local_by_org_year_region[(org_id, year, line.region)] += amount
    by_year_source: dict[tuple[int, str], int] = defaultdict(int)
    for (org_id, year, source), amount in by_org_year_source.items():
        by_year_source[(year, source)] += amount
        org = by_org[org_id]
        if source in org.by_source:
            org.by_source[source] += amount
        if source == "own_in_kind":
            org.in_kind += amount
    by_category_source: dict[tuple[str, str], int] = defaultdict(int)
    by_category_year: dict[tuple[str, int], int] = defaultdict(int)
    for (category, year, source), amount in by_category_year_source.items():
        by_category_source[(category, source)] += amount
        by_category_year[(category, year)] += amount
    local_by_region: dict[str, int] = defaultdict(int)
    local_by_region_year: dict[tuple[str, int], int] = defaultdict(int)
    for (_org, year, region), amount in local_by_org_year_region.items():
        local_by_region[region] += amount
        local_by_region_year[(region, year)] += amount
    years = tuple(sorted(set(profile.years) | {y for y, _s in by_year_source}))

    def source_sum(source: str, year: int | None = None) -> int:
        return sum(v for (y, s), v in by_year_source.items() if s == source and (year is None or y == year))

    def match(year: int | None) -> Matching:
        own = source_sum("own_cash", year) + source_sum("own_in_kind", year)
        return matching(source_sum("local", year), source_sum("national", year), own,
                        profile.local_min, profile.local_basis)

    return BudgetSummary(
        years=years,
        by_year_source=dict(by_year_source),
        by_category_year=dict(by_category_year),
        by_org=by_org,
        local_by_region=dict(local_by_region),
        local_by_region_year=dict(local_by_region_year),
        total_matching=match(None),
        year_matching={y: match(y) for y in years},
        national_cap=profile.national_cap,
        by_org_year_source=dict(by_org_year_source),
        local_by_org_year_region=dict(local_by_org_year_region),
        by_category_source=dict(by_category_source),
    )
