"""Rules on the budget: years, categories, the national cap, the local match, each organisation's
shares, and the caps of the R&D cost standards. All arithmetic is exact integer or Fraction."""

from __future__ import annotations

from fractions import Fraction

from forms.base.i18n import N_
from forms.budget import floor_fraction
from forms.categories import CATEGORIES
from forms.fieldpath import BUDGET, BUDGET_LINES, FieldPath
from forms.model import Source
from forms.rules.base import Rule, Severity, rule
from forms.rules.context import Context
from forms.statement import MATCH_SHORT
from forms.values import CategoryRef, Label, OrgRef, Pct, RegionRef, Won

E, W = Severity.ERROR, Severity.WARNING

EMPTY = rule("budget.empty", E, N_("Enter the budget: no budget line has an amount yet."), "national_cap")
NO_AMOUNT = rule(
    "budget.amount_missing", E,
    N_("Line {line}: no amount is entered for {year}. Type the amount, or remove the line if it is not needed."),
    "call",
)
YEAR_OUTSIDE = rule(
    "budget.year_outside", E,
    N_("Line {line}: the year {year} is outside the call's years ({first}–{last})."), "years",
)
CATEGORY_NOT_ALLOWED = rule(
    "budget.category_not_allowed", E, N_("Line {line}: {category} is not allowed in this call."), "categories",
)
UNKNOWN_ORG = rule(
    "budget.unknown_org", E,
    N_("Line {line} names an organisation that is not in the consortium ('{org}')."), "call",
)
LOCAL_REGION_MISSING = rule(
    "budget.local_region_missing", E,
    N_("Line {line}: local funds must name the government that pays them."), "local_match",
)
LOCAL_NOT_APPLICANT = rule(
    "budget.local_not_applicant", E,
    N_("Line {line}: local funds can only come from an applicant region, and {region} is not one."),
    "local_match",
)
REGION_NOT_LOCAL = rule(
    "budget.region_not_local", W,
    N_("Line {line}: only local funds name a paying region. The region on this line is ignored."),
    "local_match",
)
IN_KIND_CATEGORY = rule(
    "budget.in_kind_category", E,
    N_("Line {line}: an own share in kind cannot be booked as {category}. In kind may only be "
       "personnel, equipment, materials or research activities (technology, software)."),
    "categories",
)
INTERNATIONAL_OWN = rule(
    "budget.international_own_share", E,
    N_("Line {line}: international joint R&D is funded entirely by the government. It takes no own share."),
    "categories",
)
NATIONAL_OVER = rule(
    "budget.national_over_cap", E,
    N_("National funds total {total}, above the call's cap of {cap} by {excess}."), "national_cap",
)
NATIONAL_BELOW = rule(
    "budget.national_below_cap", W,
    N_("National funds total {total}, and {unused} of the {cap} available is not requested."), "national_cap",
)
#: The statement's own sentence: the rule, the budget page and the packet say the same.
LOCAL_SHORT = rule("budget.local_match_short", E, MATCH_SHORT, "local_match")
LOCAL_YEAR_LOW = rule(
    "budget.local_match_year_low", W,
    N_("{year}: local funds are {ratio} of {basis}, {shortfall} short of {min} in that year "
       "(the call counts the whole pilot, so this alone does not block export)."),
    "local_match",
)
REGION_PAYS_NOTHING = rule(
    "budget.region_pays_nothing", W,
    N_("{region} applies but pays no local funds."), "local_match",
)
GOV_SHARE_OVER = rule(
    "budget.gov_share_over", E,
    N_("{org} ({kind}): the share of public funds (national and local) is {ratio} of its R&D cost. "
       "At most {max} is allowed. Its own share is {shortfall} short."),
    "shares",
)
OWN_CASH_SHORT = rule(
    "budget.own_cash_short", E,
    N_("{org} ({kind}): cash is {ratio} of its own share. At least {min} must be cash. "
       "Move {shortfall} from in kind to cash."),
    "shares",
)
ALLOWANCE_OVER = rule(
    "budget.allowance_over", E,
    N_("{org}: the research allowance of {amount} is more than {max} of its personnel cost ({base}), "
       "by {excess}."),
    "caps.allowance",
)
COMMISSIONED_OVER = rule(
    "budget.commissioned_over", E,
    N_("{org}: commissioned R&D of {amount} is more than {max} of its direct cost in cash ({base}), by {excess}."),
    "caps.commissioned",
)
INDIRECT_OVER = rule(
    "budget.indirect_over", E,
    N_("{org} is a for-profit: its indirect cost of {amount} is more than {max} of its direct cost "
       "less in-kind and commissioned R&D ({base}), by {excess}."),
    "caps.forprofit_indirect",
)


def check(ctx: Context) -> None:
    p, prof, st = ctx.proposal, ctx.profile, ctx.statement
    s = st.summary
    applicants = set(p.applicant_regions())
    known_orgs = {o.id for o in p.organisations}
    first_line: dict[str, int] = {}
    years = set(prof.years)
    allowed = set(prof.allowed_categories)
    in_kind_barred = {key for key, cat in CATEGORIES.items() if not cat.in_kind_allowed}
    lines = p.budget.lines
    local, in_kind, own = Source.LOCAL, Source.OWN_IN_KIND, (Source.OWN_CASH, Source.OWN_IN_KIND)
    for i, line in enumerate(lines):
        n = i + 1
        first_line.setdefault(line.org, i)
        row = None  # the line's path: made once, and only for a finding on it
        if line.no_amount:
            row = BUDGET_LINES.at(lines, i)
            ctx.emit(NO_AMOUNT, row.child("amount_krw"), line=n, year=line.year)
        if line.year not in years:
            row = row or BUDGET_LINES.at(lines, i)
            ctx.emit(YEAR_OUTSIDE, row.child("year"), line=n, year=line.year, first=min(years), last=max(years))
        if line.category not in allowed:
            row = row or BUDGET_LINES.at(lines, i)
            ctx.emit(CATEGORY_NOT_ALLOWED, row.child("category"), line=n, category=CategoryRef(line.category))
        if line.org not in known_orgs:
            row = row or BUDGET_LINES.at(lines, i)
            ctx.emit(UNKNOWN_ORG, row.child("org"), line=n, org=line.org)
        if line.source == local:
            if not line.region:
                row = row or BUDGET_LINES.at(lines, i)
                ctx.emit(LOCAL_REGION_MISSING, row.child("region"), line=n)
            elif line.region not in applicants:
                row = row or BUDGET_LINES.at(lines, i)
                ctx.emit(LOCAL_NOT_APPLICANT, row.child("region"), line=n, region=RegionRef(line.region, prof.announced))
        elif line.region:
            row = row or BUDGET_LINES.at(lines, i)
            ctx.emit(REGION_NOT_LOCAL, row.child("region"), line=n)
        if line.source == in_kind and line.category in in_kind_barred:
            row = row or BUDGET_LINES.at(lines, i)
            ctx.emit(IN_KIND_CATEGORY, row.child("category"), line=n, category=CategoryRef(line.category))
        if line.category == "international" and line.source in own and line.amount_krw:
            row = row or BUDGET_LINES.at(lines, i)
            ctx.emit(INTERNATIONAL_OWN, row.child("source"), line=n)

    if s.total == 0:
        ctx.emit(EMPTY, BUDGET)
        return

    national = s.national
    if national > prof.national_cap:
        ctx.emit(NATIONAL_OVER, BUDGET, total=Won(national), cap=Won(prof.national_cap), excess=Won(s.national_excess))
    elif national < prof.national_cap:
        ctx.emit(NATIONAL_BELOW, BUDGET, total=Won(national), cap=Won(prof.national_cap), unused=Won(s.national_unused))

    m = st.matching
    if not m.met:
        ctx.emit(LOCAL_SHORT, BUDGET, st.matching_template(), **st.matching_values())
    else:
        for year in prof.years:
            ym = st.years.get(year)
            if ym is not None and ym.basis_amount and not ym.met:
                ctx.emit(LOCAL_YEAR_LOW, BUDGET, year=year, ratio=Pct(ym.ratio, limit=ym.min_percent, bound="min"), basis=st.basis_label,
                         shortfall=Won(ym.shortfall), min=Pct.of_limit(ym.min_percent))
    for code in p.applicant_regions():
        if not s.local_by_region.get(code):
            ctx.emit(REGION_PAYS_NOTHING, BUDGET, region=RegionRef(code, prof.announced))

    for org in p.organisations:
        shares = st.org(org.id)
        if shares is None or shares.totals.total == 0:
            continue
        totals = shares.totals
        path = BUDGET_LINES.at(p.budget.lines, first_line[org.id])
        ref = shares.ref
        if shares.gov_over:
            ctx.emit(GOV_SHARE_OVER, path, org=ref, kind=Label(org.kind), ratio=shares.gov_pct,
                     max=shares.gov_limit, shortfall=Won(shares.own_short))
        if shares.cash_short:
            ctx.emit(OWN_CASH_SHORT, path, org=ref, kind=Label(org.kind), ratio=shares.cash_pct,
                     min=shares.cash_limit, shortfall=Won(shares.cash_short))
        cats = totals.by_category
        _cap(ctx, path, ref, prof.caps["allowance"].percent, ALLOWANCE_OVER, cats.get("allowance", 0),
             cats.get("personnel", 0) + cats.get("student_personnel", 0))
        _cap(ctx, path, ref, prof.caps["commissioned"].percent, COMMISSIONED_OVER, cats.get("commissioned", 0),
             totals.direct_cash)
        if org.for_profit:
            adjusted = totals.direct - totals.in_kind - cats.get("commissioned", 0)
            _cap(ctx, path, ref, prof.caps["forprofit_indirect"].percent, INDIRECT_OVER, cats.get("indirect", 0),
                 adjusted)


def _cap(ctx: Context, path: FieldPath, org: OrgRef, pct: Fraction, rule_: Rule, amount: int, base: int) -> None:
    if amount and amount * 100 > pct * base:
        limit = floor_fraction(pct * base / 100)
        ctx.emit(rule_, path, org=org, amount=Won(amount), max=Pct.of_limit(pct), base=Won(base),
                 excess=Won(amount - limit))
