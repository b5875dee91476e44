"""The budget statement: every figure and sentence the app states about a budget, made once.

``forms.budget.summarise`` adds the lines up; the statement says what the sums mean against the
call: the local amount required and what is short or over it (for the whole pilot and each year),
the share of the national cap used, each organisation's government share and the cash part of its
own share against the call's limits, the support and share plan's rows (by organisation and year,
with their shares), the tables every view shows (by year and source with the paying regions, by
category with the direct costs' subtotal, by organisation in the consortium's order), and the
sentences that state them in either language. The rules (``forms.rules.budget_rules``), the
budget page and its chart, the packet (PDF and HWPX) and the workbook all read this one object,
so they state the same amounts, in the same order, rounded the same way:

- amounts are whole won, computed exactly (``Fraction``), never rounded in a message;
- a percentage is rounded half up to the places of its kind (``forms.values.PLACES``: a share two,
  both always shown); one held to a limit (the local match and the
  cash part to a minimum, the government share and the national cap used to a maximum) names it,
  and says it is rounded and short of it when its rounded figure would seem to meet a limit it
  fails (``forms.values.Pct``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from forms import categories
from forms.base.i18n import N_, NC_, translate
from forms.budget import SOURCES, BudgetSummary, Matching, OrgTotals, ceil_fraction, summarise
from forms.model import BudgetLine, Organisation, Proposal
from forms.profile import CallProfile
from forms.values import Label, OrgRef, Pct, Won

#: The local match, short of the minimum: the rule ``budget.local_match_short`` says this too.
MATCH_SHORT = N_("Local funds of {local} are {ratio} of {basis} ({basis_amount}), short of the minimum of "
                 "{min} ({required}) that the call requires. Add {shortfall} of local funds.")
MATCH_MET = N_("Local funds of {local} are {ratio} of {basis} ({basis_amount}). The call requires at least "
               "{min} ({required}). The minimum is met with a surplus of {surplus}.")
#: Met to the won: the required amount is the local amount, so it is not said twice.
MATCH_EXACT = N_("Local funds of {local} are exactly the minimum the call requires: {min} of {basis} "
                 "({basis_amount}).")
#: No local funds at all: "add X to reach X" would say one amount twice.
MATCH_NONE = N_("No local funds are budgeted yet, and the call requires at least {required}: {min} of {basis} "
                "({basis_amount}).")
#: Nothing yet to measure the local match against (an empty budget), by the call's basis.
MATCH_NO_BASIS = {
    "national": N_("No national funds are budgeted yet, so the local match (at least {min} of the national funds) "
                   "cannot be checked."),
    #: …with local funds entered before the national ones: say how much there is already.
    "national_local": N_("No national funds are budgeted yet, so the local match (at least {min} of the national "
                         "funds) cannot be checked. Local funds budgeted so far: {local}."),
    "total": N_("Nothing is budgeted yet, so the local match (at least {min} of the total project cost) cannot "
                "be checked."),
}
#: The same sentences as the plan's budget chapter states them: the plan is written in its own
#: register (in Korean the plain 한다체 of the plan's text, where the window and the findings speak
#: politely), so each has a message of its own, told apart by the context "plan".
MATCH_PLAN = {
    MATCH_SHORT: NC_("plan", "Local funds of {local} are {ratio} of {basis} ({basis_amount}), short of the minimum "
                             "of {min} ({required}) that the call requires. Add {shortfall} of local funds."),
    MATCH_MET: NC_("plan", "Local funds of {local} are {ratio} of {basis} ({basis_amount}). The call requires at "
                           "least {min} ({required}). The minimum is met with a surplus of {surplus}."),
    MATCH_EXACT: NC_("plan", "Local funds of {local} are exactly the minimum the call requires: {min} of {basis} "
                             "({basis_amount})."),
    MATCH_NONE: NC_("plan", "No local funds are budgeted yet, and the call requires at least {required}: {min} of "
                            "{basis} ({basis_amount})."),
    MATCH_NO_BASIS["national"]: NC_("plan", "No national funds are budgeted yet, so the local match (at least "
                                            "{min} of the national funds) cannot be checked."),
    MATCH_NO_BASIS["national_local"]: NC_("plan", "No national funds are budgeted yet, so the local match (at "
                                                  "least {min} of the national funds) cannot be checked. Local "
                                                  "funds budgeted so far: {local}."),
    MATCH_NO_BASIS["total"]: NC_("plan", "Nothing is budgeted yet, so the local match (at least {min} of the "
                                         "total project cost) cannot be checked."),
}
CAP_USED = N_("National funds: {national} of the cap of {cap} ({used} used).")
#: Under the cap: the warning ``budget.national_below_cap`` names what is not requested.
CAP_UNDER = N_("National funds: {national} of the cap of {cap} ({used} used). {unused} is not requested.")
#: Over the cap: the rule ``budget.national_over_cap`` blocks the export until it is reduced.
CAP_OVER = N_("National funds: {national}, {excess} over the call's cap of {cap} ({used}). Reduce them by "
              "{excess}.")


@dataclass(frozen=True)
class OrgStatement:
    """One organisation's shares against the limits of its kind (Decree Annex 1)."""

    org_id: str
    ref: OrgRef
    kind: str  # "" when the line names an organisation not in the consortium
    totals: OrgTotals
    gov_max: Fraction | None  # percent; None when the kind has no limit in the call
    own_cash_min: Fraction | None  # percent

    @property
    def gov_ratio(self) -> Fraction | None:
        """The government share (national and local funds) of the R&D cost, international excluded."""
        t = self.totals
        return Fraction(t.gov_in_base, t.share_base) if t.share_base else None

    @property
    def gov_pct(self) -> Pct:
        return Pct(self.gov_ratio, limit=self.gov_max, bound="max")

    @property
    def gov_over(self) -> bool:
        t = self.totals
        return self.gov_max is not None and bool(t.share_base) and t.gov_in_base * 100 > self.gov_max * t.share_base

    @property
    def own_short(self) -> int:
        """Own share to add so that the government share is within its maximum (0 when it is)."""
        if not self.gov_over:
            return 0
        t = self.totals
        if not self.gov_max:
            return t.gov_in_base
        # The least y with gov <= max * (base + y).
        return ceil_fraction(Fraction(t.gov_in_base * 100) / self.gov_max) - t.share_base

    @property
    def cash_ratio(self) -> Fraction | None:
        """The cash part of the own share."""
        t = self.totals
        return Fraction(t.by_source["own_cash"], t.own) if t.own else None

    @property
    def cash_pct(self) -> Pct:
        return Pct(self.cash_ratio, limit=self.own_cash_min, bound="min")

    @property
    def gov_limit(self) -> Pct | None:
        """The most the government share may be for this kind (None: the call sets none)."""
        return Pct.of_limit(self.gov_max) if self.gov_max is not None else None

    @property
    def cash_limit(self) -> Pct | None:
        """The least the cash part of the own share may be for this kind (None: the call sets none)."""
        return Pct.of_limit(self.own_cash_min) if self.own_cash_min is not None else None

    @property
    def cash_short(self) -> int:
        """Won to move from in kind to cash so that the cash part meets its minimum (0 when it does)."""
        t = self.totals
        cash = t.by_source["own_cash"]
        if self.own_cash_min is None or not t.own or cash * 100 >= self.own_cash_min * t.own:
            return 0
        return ceil_fraction(self.own_cash_min * t.own / 100) - cash


@dataclass(frozen=True)
class ShareRow:
    """One row of the support and share plan: what an organisation (or everyone: ``org_id`` "")
    puts in, in one year (or over all its years: ``year`` None), by source and by paying region."""

    org_id: str
    year: int | None
    by_source: dict[str, int]
    local_by_region: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_source.values())

    @property
    def gov(self) -> int:
        """Public funds: the national funds (government support) and the local funds together (the
        by-organisation table's first column)."""
        return self.by_source.get("national", 0) + self.by_source.get("local", 0)

    @property
    def shares(self) -> tuple[Pct, Pct, Pct]:
        """The shares of national, local and own funds in this row's total (see ``source_shares``)."""
        return BudgetStatement.source_shares(self.by_source)


@dataclass(frozen=True)
class YearRow:
    """A row of a table by year: what ``key`` (a source, a paying region; "" for the total)
    amounts to in each of the budget's years (``BudgetSummary.years``, in order) and over all of
    them; the local funds' row has each paying region's row as its ``parts``."""

    key: str
    by_year: tuple[int, ...]
    parts: tuple[YearRow, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.by_year)


@dataclass(frozen=True)
class CategoryRow:
    """A row of the table by category: one category, or the several a subtotal adds up
    (``codes``), by year, and over all years split into cash and in kind."""

    codes: tuple[str, ...]
    by_year: tuple[int, ...]
    in_kind: int

    @property
    def total(self) -> int:
        return sum(self.by_year)

    @property
    def cash(self) -> int:
        """National funds, local funds and the organisations' own cash."""
        return self.total - self.in_kind


@dataclass(frozen=True)
class CategoryTable:
    """The budget by category, in the order of ``forms.categories`` (a code it does not know
    after them, in the order of its letters, counted as a direct cost): the direct costs, their
    subtotal, the indirect costs and the total. Only categories with lines have a row."""

    direct: tuple[CategoryRow, ...]
    direct_total: CategoryRow
    indirect: tuple[CategoryRow, ...]
    total: CategoryRow

    @property
    def rows(self) -> tuple[CategoryRow, ...]:
        """Every category's row, without the subtotal and the total."""
        return (*self.direct, *self.indirect)


@dataclass(frozen=True)
class BudgetStatement:
    summary: BudgetSummary
    basis: str  # the call's match basis: "national" or "total"
    orgs: tuple[OrgStatement, ...]  # the consortium's order, then organisations it does not name
    #: The governments that pay local funds: the applicant regions first, in their order, then
    #: any other a line names, in the order of their codes.
    paying_regions: tuple[str, ...] = ()

    # -- the tables every view shows -----------------------------------------------------------
    @cached_property
    def by_year_source(self) -> tuple[YearRow, ...]:
        """A row per source (``forms.budget.SOURCES``); the local funds' row with a part for each
        paying region."""
        s = self.summary
        regions = tuple(YearRow(r, tuple(s.local_by_region_year.get((r, y), 0) for y in s.years))
                        for r in self.paying_regions)
        return tuple(YearRow(src, tuple(s.by_year_source.get((y, src), 0) for y in s.years),
                             regions if src == "local" else ())
                     for src in SOURCES)

    def local_of(self, region: str) -> YearRow:
        """What ``region``'s government pays in local funds, by year (nothing, when it pays none)."""
        local = self.by_year_source[SOURCES.index("local")]
        return next((part for part in local.parts if part.key == region),
                    YearRow(region, (0,) * len(self.summary.years)))

    @cached_property
    def year_totals(self) -> YearRow:
        """Every source together, by year: the total row of the table by year and source."""
        s = self.summary
        return YearRow("", tuple(s.year_total(y) for y in s.years))

    @cached_property
    def by_category(self) -> CategoryTable:
        s = self.summary
        codes = {c for c, _y in s.by_category_year}
        known = categories.CATEGORIES
        ordered = [c for c in known if c in codes] + sorted(codes - set(known))
        direct = tuple(c for c in ordered if known.get(c, known["personnel"]).direct)
        indirect = tuple(c for c in ordered if c not in direct)

        def row(codes_: tuple[str, ...]) -> CategoryRow:
            return CategoryRow(codes_, tuple(sum(s.by_category_year.get((c, y), 0) for c in codes_) for y in s.years),
                               sum(s.by_category_source.get((c, "own_in_kind"), 0) for c in codes_))

        return CategoryTable(tuple(row((c,)) for c in direct), row(direct), tuple(row((c,)) for c in indirect),
                             row((*direct, *indirect)))

    # -- the local match ---------------------------------------------------------------------
    @property
    def matching(self) -> Matching:
        """The whole pilot's local match: what the call counts."""
        return self.summary.total_matching

    @property
    def years(self) -> dict[int, Matching]:
        return self.summary.year_matching

    @property
    def basis_label(self) -> Label:
        return Label(f"basis.{self.basis}")

    def matching_values(self, m: Matching | None = None) -> dict[str, object]:
        """The values of the local-match sentence (the whole pilot's, or the year ``m``'s)."""
        m = m or self.matching
        return {"local": Won(m.local), "ratio": Pct(m.ratio, limit=m.min_percent, bound="min"), "basis": self.basis_label,
                "basis_amount": Won(m.basis_amount), "min": Pct.of_limit(m.min_percent),
                "required": Won(m.required), "shortfall": Won(m.shortfall), "surplus": Won(m.surplus)}

    def matching_template(self) -> str:
        """The sentence that states the local match, by what there is to state."""
        m = self.matching
        if not m.basis_amount:
            if self.basis == "national":
                return MATCH_NO_BASIS["national_local" if m.local else "national"]
            return MATCH_NO_BASIS["total"]
        if not m.met:
            return MATCH_SHORT if m.local else MATCH_NONE
        return MATCH_MET if m.surplus else MATCH_EXACT

    def matching_sentence(self, lang: str, plan: bool = False) -> str:
        """The local match in a sentence: as the window says it, or (``plan``) as the plan's budget
        chapter states it, in the plan's register."""
        template = self.matching_template()
        return translate(MATCH_PLAN[template] if plan else template, lang, **self.matching_values())

    # -- the national cap --------------------------------------------------------------------
    @property
    def national_used(self) -> Pct:
        s = self.summary
        return Pct(Fraction(s.national, s.national_cap) if s.national_cap else None, limit=Fraction(100),
                   bound="max")

    def cap_sentence(self, lang: str) -> str:
        s = self.summary
        if s.national_excess:
            return translate(CAP_OVER, lang, national=Won(s.national), cap=Won(s.national_cap),
                             used=self.national_used, excess=Won(s.national_excess))
        if s.national_unused:
            return translate(CAP_UNDER, lang, national=Won(s.national), cap=Won(s.national_cap),
                             used=self.national_used, unused=Won(s.national_unused))
        return translate(CAP_USED, lang, national=Won(s.national), cap=Won(s.national_cap), used=self.national_used)

    # -- organisations -----------------------------------------------------------------------
    def org(self, org_id: str) -> OrgStatement | None:
        return next((o for o in self.orgs if o.org_id == org_id), None)

    def share_rows(self, org_id: str) -> tuple[ShareRow, ...]:
        """The support and share plan of one organisation: a row for each year it puts money in,
        then, over several years, their subtotal (``year`` None)."""
        s = self.summary
        rows = tuple(ShareRow(org_id, y, {src: s.by_org_year_source.get((org_id, y, src), 0) for src in SOURCES},
                              {r: v for (o, yr, r), v in s.local_by_org_year_region.items() if o == org_id and yr == y})
                     for y in s.years if any(s.by_org_year_source.get((org_id, y, src)) for src in SOURCES))
        if len(rows) < 2:
            return rows
        regions = {r for row in rows for r in row.local_by_region}
        return (*rows, ShareRow(org_id, None, {src: sum(row.by_source[src] for row in rows) for src in SOURCES},
                                {r: sum(row.local_by_region.get(r, 0) for row in rows) for r in regions}))

    @property
    def share_total(self) -> ShareRow:
        """Everyone over every year: the plan's total row."""
        s = self.summary
        return ShareRow("", None, {src: s.source_total(src) for src in SOURCES}, dict(s.local_by_region))

    @staticmethod
    def source_shares(amounts: dict[str, int]) -> tuple[Pct, Pct, Pct]:
        """The shares of government support (national funds), local governments and the
        organisation's own share (cash and in kind) in the total of ``amounts`` by source, as the
        support and share plan states them: rounded half up, both decimals kept (no limit holds them)."""
        whole = sum(amounts.values())
        own = amounts.get("own_cash", 0) + amounts.get("own_in_kind", 0)
        national, local, own_share = (Pct(Fraction(part, whole) if whole else None)
                                      for part in (amounts.get("national", 0), amounts.get("local", 0), own))
        return national, local, own_share


def _org_statement(org_id: str, org: Organisation | None, totals: OrgTotals, profile: CallProfile) -> OrgStatement:
    share = profile.shares.get(org.kind) if org is not None else None
    ref = OrgRef.of(org) if org is not None else OrgRef(org_id, org_id)
    return OrgStatement(org_id, ref, org.kind if org is not None else "", totals,
                        share.gov_max if share is not None else None,
                        share.own_cash_min if share is not None and share.own_cash_min else None)


def state(proposal: Proposal, profile: CallProfile, summary: BudgetSummary | None = None) -> BudgetStatement:
    """The statement of ``proposal``'s budget under ``profile`` (from ``summary`` when already made)."""
    summary = summary if summary is not None else summarise(proposal, profile)
    known = {o.id: o for o in proposal.organisations}
    ids = [o.id for o in proposal.organisations if o.id in summary.by_org]
    ids += sorted(set(summary.by_org) - set(known))
    orgs = tuple(_org_statement(i, known.get(i), summary.by_org[i], profile) for i in ids)
    applicants = proposal.applicant_regions()
    paying = set(summary.local_by_region)
    regions = (*(c for c in applicants if c in paying), *sorted(paying - set(applicants)))
    return BudgetStatement(summary, profile.local_basis, orgs, regions)


# -- the justification (산출근거), grouped ----------------------------------------------------------

@dataclass(frozen=True)
class JustifiedCategory:
    """One category of one organisation in one year: its lines (with their place in the budget's
    list), by source (national, each paying region's local funds, own cash, own in kind)."""

    code: str
    lines: tuple[tuple[int, BudgetLine], ...]

    @property
    def total(self) -> int:
        return sum(line.amount_krw for _i, line in self.lines if not line.no_amount)


@dataclass(frozen=True)
class JustifiedYear:
    year: int
    categories: tuple[JustifiedCategory, ...]

    @property
    def total(self) -> int:
        return sum(c.total for c in self.categories)


@dataclass(frozen=True)
class JustifiedOrg:
    org_id: str
    years: tuple[JustifiedYear, ...]

    @property
    def total(self) -> int:
        return sum(y.total for y in self.years)


def justification(proposal: Proposal, paying_regions: tuple[str, ...] = ()) -> tuple[JustifiedOrg, ...]:
    """The budget lines for the justification (산출근거), each organisation → year → category in
    one place: organisations in the consortium's order (then those it does not name, by id), years
    in order, categories in the order of ``forms.categories``, each category's lines by source (the
    paying regions in ``paying_regions``' order). Every line with an amount is there, with its
    justification rows or without, so the subtotals are the budget tables' figures."""
    order = {o.id: i for i, o in enumerate(proposal.organisations)}
    known = list(categories.CATEGORIES)
    regions = {r: i for i, r in enumerate(paying_regions)}

    def category_key(code: str) -> tuple[int, str]:
        return (known.index(code), "") if code in categories.CATEGORIES else (len(known), code)

    def source_key(item: tuple[int, BudgetLine]) -> tuple[int, int, str, int]:
        i, line = item
        src = SOURCES.index(line.source) if line.source in SOURCES else len(SOURCES)
        region = line.region or ""
        return src, regions.get(region, len(regions)), region, i

    grouped: dict[str, dict[int, dict[str, list[tuple[int, BudgetLine]]]]] = {}
    for i, line in enumerate(proposal.budget.lines):
        if line.no_amount or not line.amount_krw:
            continue
        grouped.setdefault(line.org, {}).setdefault(line.year, {}).setdefault(line.category, []).append((i, line))
    out = []
    for org_id in sorted(grouped, key=lambda o: (order.get(o, len(order)), o)):
        years = grouped[org_id]
        out.append(JustifiedOrg(org_id, tuple(
            JustifiedYear(year, tuple(JustifiedCategory(code, tuple(sorted(years[year][code], key=source_key)))
                                      for code in sorted(years[year], key=category_key)))
            for year in sorted(years))))
    return tuple(out)
