"""Hints from the 2022 industrial-technology policy direction (MOTIE): never errors, and each
message says it is a policy target rather than a rule of the call."""

from __future__ import annotations

from fractions import Fraction

from forms.base.i18n import N_
from forms.fieldpath import BUDGET, ORGANISATIONS
from forms.rules.base import Severity, rule
from forms.rules.context import Context
from forms.values import OrgRef, Pct

INTERNATIONAL = rule(
    "policy.international_share", Severity.WARNING,
    N_("International joint R&D is {ratio} of the public funds (national and local). The 2022 policy direction aims at "
       "{target}. This is a policy target, not a rule of the call."),
    "policy.international",
)
COMPANY_OWN = rule(
    "policy.company_own_share", Severity.WARNING,
    N_("{org} pays {ratio} of its R&D cost itself. The legal minimum for its kind is {min}, and the 2022 "
       "policy direction lowered companies' share to {target}. A smaller own share may be possible."),
    "policy.company_own_share",
)


def check(ctx: Context) -> None:
    p, prof, s = ctx.proposal, ctx.profile, ctx.summary
    gov = s.national + s.local
    if gov:
        intl = sum(v for (cat, _y), v in s.by_category_year.items() if cat == "international")
        target = prof.policy["international"].percent
        if intl * 100 < target * gov:
            ctx.emit(INTERNATIONAL, BUDGET, ratio=Pct(Fraction(intl, gov), limit=target, bound="min"), target=Pct.of_limit(target))
    target = prof.policy["company_own_share"].percent
    for org in p.organisations:
        totals = s.by_org.get(org.id)
        share = prof.shares.get(org.kind)
        if not org.for_profit or totals is None or share is None or not totals.share_base:
            continue
        ratio = Fraction(totals.own, totals.share_base)
        if ratio * 100 > max(target, share.own_min):
            ctx.emit(COMPANY_OWN, ORGANISATIONS.at(p.organisations, p.organisations.index(org)),
                     org=OrgRef.of(org),
                     ratio=Pct(ratio, limit=max(target, share.own_min), bound="max"), min=Pct.of_limit(share.own_min), target=Pct.of_limit(target))


