"""Rules on the project type, the applicant regions and the organisations."""

from __future__ import annotations

from forms import regions
from forms.base.i18n import N_, NP_
from forms.fieldpath import LEAD_REGION, ORGANISATIONS, PARTNER_REGIONS, TYPE
from forms.model import OrgRole
from forms.rules.base import Severity, rule
from forms.rules.context import Context
from forms.values import Count, DateRef, Label, OrgRef, RegionRef

E, W = Severity.ERROR, Severity.WARNING
_REGIONS = NP_("{count} region", "{count} regions")

TYPE_MISSING = rule("type.missing", E, N_("Choose the project type."), "types")
TOO_FEW = rule(
    "type.too_few_regions", E,
    N_("The {type} needs at least {min} different regions. This proposal has {count}."), "types",
)
TOO_MANY = rule(
    "type.too_many_regions", E,
    N_("The {type} allows at most {max}. This proposal has {count}."), "types",
)
LEAD_MISSING = rule("region.lead_missing", E, N_("Choose the lead region."), "eligibility")
PARTNER_IS_LEAD = rule(
    "region.partner_is_lead", E, N_("{region} is the lead region. It cannot also be a partner."), "types",
)
PARTNER_TWICE = rule("region.partner_twice", E, N_("{region} is listed twice as a partner."), "types")
PARTNER_EMPTY = rule("region.partner_empty", E, N_("Choose a region for this partner or remove it."), "types")
NOT_ELIGIBLE = rule(
    "region.not_eligible", E, N_("{region} is not eligible for this call."), "eligibility",
)
NOT_VALID = rule(
    "region.not_valid_at_date", E,
    N_("{region} was not a metropolitan government on {date}, the date of the call."), "eligibility",
)
ORGS_NONE = rule("org.none", E, N_("Add the organisations taking part."), "call")
ORG_LEAD_MISSING = rule("org.lead_missing", E, N_("Name a lead organisation (role: lead)."), "call")
ORG_LEAD_TWICE = rule(
    "org.lead_twice", E, N_("Only one organisation can lead, but {count} are marked as lead."), "call",
)
ORG_NAME_MISSING = rule(
    "org.name_missing", E, N_("Organisation {number} has no name in {language}."), "call",
)
ORG_REGION_MISSING = rule("org.region_missing", E, N_("Choose the region of {org}."), "call")
ORG_KIND_UNKNOWN = rule("org.kind_unknown", E, N_("Choose what kind of organisation {org} is."), "shares")


def check(ctx: Context) -> None:
    p, prof = ctx.proposal, ctx.profile
    day = prof.announced
    if p.type not in prof.types:
        ctx.emit(TYPE_MISSING, TYPE)
    if not p.lead_region:
        ctx.emit(LEAD_MISSING, LEAD_REGION)
    seen: set[str] = set()
    for i, code in enumerate(p.partner_regions):
        path = PARTNER_REGIONS.child(i)
        if not code:
            ctx.emit(PARTNER_EMPTY, path)
        elif code == p.lead_region:
            ctx.emit(PARTNER_IS_LEAD, path, region=RegionRef(code, day))
        elif code in seen:
            ctx.emit(PARTNER_TWICE, path, region=RegionRef(code, day))
        seen.add(code)
    for path, code in [(LEAD_REGION, p.lead_region)] + [
        (PARTNER_REGIONS.child(i), c) for i, c in enumerate(p.partner_regions)
    ]:
        if not code:
            continue
        region = regions.get(code)
        if region is not None and not region.exists_at(day):
            ctx.emit(NOT_VALID, path, region=RegionRef(code, day), date=DateRef(day))
        elif code not in prof.eligible:
            ctx.emit(NOT_ELIGIBLE, path, region=RegionRef(code, day))
    type_rule = prof.types.get(p.type)
    if type_rule is not None:
        count = len(p.applicant_regions())
        if count < type_rule.min_regions:
            ctx.emit(TOO_FEW, PARTNER_REGIONS, type=Label(p.type), min=type_rule.min_regions, count=count)
        if type_rule.max_regions and count > type_rule.max_regions:
            ctx.emit(TOO_MANY, PARTNER_REGIONS, type=Label(p.type), max=Count(type_rule.max_regions, _REGIONS), count=count)

    if not p.organisations:
        ctx.emit(ORGS_NONE, ORGANISATIONS)
        return
    leads = [o for o in p.organisations if o.role == OrgRole.LEAD]
    if not leads:
        ctx.emit(ORG_LEAD_MISSING, ORGANISATIONS)
    elif len(leads) > 1:
        ctx.emit(ORG_LEAD_TWICE, ORGANISATIONS.at(p.organisations, p.organisations.index(leads[1])).child("role"), count=len(leads))
    lang = prof.submission_language
    for i, org in enumerate(p.organisations):
        ref, path = OrgRef.of(org), ORGANISATIONS.at(p.organisations, i)
        if not org.name.get(lang, fallback=False).strip():
            ctx.emit(ORG_NAME_MISSING, path.child("name", lang), number=i + 1, language=Label(f"lang.{lang}"))
        if not org.region:
            ctx.emit(ORG_REGION_MISSING, path.child("region"), org=ref)
        if org.kind not in prof.shares:
            ctx.emit(ORG_KIND_UNKNOWN, path.child("kind"), org=ref)

