"""Rules on commissioned organisations (위탁연구개발기관).

A commissioned organisation has no budget of its own: its work is the direct cost 위탁연구개발비
(commissioned R&D) of the organisation that commissions it, inside that organisation's lines and
under its cap (``budget.commissioned_over``). So a commissioned organisation names a commissioning
organisation of the consortium, which is not itself commissioned, and has no budget lines; commissioned
R&D is booked by an organisation that commissions someone.
"""

from __future__ import annotations

from forms.base.i18n import N_
from forms.fieldpath import BUDGET_LINES, ORGANISATIONS
from forms.model import Organisation, OrgRole
from forms.rules.base import Severity, rule
from forms.rules.context import Context
from forms.values import OrgRef, Won

E, W = Severity.ERROR, Severity.WARNING
_CLAUSE = "caps.commissioned"

COMMISSIONER_MISSING = rule(
    "org.commissioner_missing", E,
    N_("{org} is commissioned: choose the organisation that commissions it (its work is budgeted as that "
       "organisation's commissioned R&D)."),
    _CLAUSE,
)
COMMISSIONER_UNKNOWN = rule(
    "org.commissioner_unknown", E,
    N_("{org} is commissioned by '{value}', which is not an organisation of the consortium."), _CLAUSE,
)
COMMISSIONER_ITSELF = rule(
    "org.commissioner_itself", E,
    N_("{org} cannot commission itself: choose the organisation that commissions it."), _CLAUSE,
)
COMMISSIONER_COMMISSIONED = rule(
    "org.commissioner_commissioned", E,
    N_("{org} is commissioned by {by}, which is itself commissioned: choose the lead or a participating "
       "organisation."),
    _CLAUSE,
)
OWN_LINES = rule(
    "budget.commissioned_org_lines", E,
    N_("{org} is commissioned by {by}: its work is budgeted as {by}'s commissioned R&D (위탁연구개발비), "
       "not as lines of its own. Move its {amount} to {by}'s commissioned R&D."),
    _CLAUSE,
)
#: The same, while the organisation names no valid commissioning organisation.
OWN_LINES_NO_COMMISSIONER = N_(
    "{org} is commissioned: its work is budgeted as the commissioning organisation's commissioned R&D "
    "(위탁연구개발비), not as lines of its own ({amount}).")
COMMISSIONS_NOBODY = rule(
    "budget.commissioned_nobody", W,
    N_("Line {line}: {org} books commissioned R&D of {amount} but commissions no organisation. Name the "
       "commissioned organisation (role: commissioned, commissioned by {org})."),
    _CLAUSE,
)


def commissioner(orgs: dict[str, Organisation], org: Organisation) -> Organisation | None:
    """The organisation that commissions ``org``, when it names a valid one: another organisation
    of the consortium that is not itself commissioned."""
    by = orgs.get(org.commissioned_by)
    if by is None or by is org or by.role == OrgRole.COMMISSIONED:
        return None
    return by


def check(ctx: Context) -> None:
    p = ctx.proposal
    orgs = {o.id: o for o in p.organisations}
    commissioning: set[str] = set()
    for i, org in enumerate(p.organisations):
        if org.role != OrgRole.COMMISSIONED:
            continue
        path = ORGANISATIONS.at(p.organisations, i).child("commissioned_by")
        ref = OrgRef.of(org)
        by = orgs.get(org.commissioned_by)
        if not org.commissioned_by.strip():
            ctx.emit(COMMISSIONER_MISSING, path, org=ref)
        elif by is None:
            ctx.emit(COMMISSIONER_UNKNOWN, path, org=ref, value=org.commissioned_by[:40])
        elif by is org:
            ctx.emit(COMMISSIONER_ITSELF, path, org=ref)
        elif by.role == OrgRole.COMMISSIONED:
            ctx.emit(COMMISSIONER_COMMISSIONED, path, org=ref, by=OrgRef.of(by))
        else:
            commissioning.add(by.id)

    lines = p.budget.lines
    for org in p.organisations:
        if org.role != OrgRole.COMMISSIONED:
            continue
        own = [i for i, line in enumerate(lines) if line.org == org.id]
        if not own:
            continue
        amount = sum(lines[i].amount_krw for i in own if not lines[i].no_amount)
        path = BUDGET_LINES.at(lines, own[0]).child("org")
        by = commissioner(orgs, org)
        if by is not None:
            ctx.emit(OWN_LINES, path, org=OrgRef.of(org), by=OrgRef.of(by), amount=Won(amount))
        else:
            ctx.emit(OWN_LINES, path, OWN_LINES_NO_COMMISSIONER, org=OrgRef.of(org), amount=Won(amount))

    for i, line in enumerate(lines):
        if line.category != "commissioned" or line.org in commissioning or line.no_amount or not line.amount_krw:
            continue
        booking = orgs.get(line.org)
        if booking is None:  # the budget's own rule names an unknown organisation
            continue
        ctx.emit(COMMISSIONS_NOBODY, BUDGET_LINES.at(lines, i).child("category"), line=i + 1, org=OrgRef.of(booking),
                 amount=Won(line.amount_krw))
