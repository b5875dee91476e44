"""Rules on the form's records: researchers (one principal investigator in the lead organisation,
participation rates, 3책5공), performance indicators, the schedule and its deliverables, the
equipment plan against the equipment budget, budget justification rows, and the organisations'
registration numbers. All sums are exact integers; the limits are the call profile's."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from forms import bizno
from forms.base.i18n import N_, NP_
from forms.fieldpath import (
    BUDGET_LINES,
    DELIVERABLES,
    EQUIPMENT,
    INDICATORS,
    ORGANISATIONS,
    RESEARCHERS,
    TASKS,
)
from forms.model import ResearcherRole, Text
from forms.participation import is_national_number, load
from forms.rules.base import Severity, rule
from forms.rules.context import Context
from forms.values import RATE, WEIGHT, Count, Label, Named, Num, OrgRef, Pct, Won

E, W = Severity.ERROR, Severity.WARNING

# researchers ----------------------------------------------------------------------------------
RESEARCHERS_NONE = rule(
    "researchers.none", E, N_("List the principal investigator and the researchers of each organisation."), "form",
)
PI_MISSING = rule(
    "researchers.pi_missing", E, N_("Mark one researcher of the lead organisation as the principal investigator."),
    "form",
)
PI_TWICE = rule(
    "researchers.pi_twice", E,
    N_("{name} is marked principal investigator too. The project has exactly one, and {count} are marked."),
    "form",
)
PI_NOT_LEAD = rule(
    "researchers.pi_not_lead", E,
    N_("The principal investigator {name} belongs to {org}. The principal investigator must be of the lead "
       "organisation."), "form",
)
RESEARCHER_UNKNOWN_ORG = rule(
    "researchers.unknown_org", E, N_("{name} is of an organisation that is not in the consortium ('{org}')."), "form",
)
RESEARCHER_NAME = rule("researchers.name_missing", E, N_("Researcher {number} has no name in {language}."), "form")
RATE_YEAR_OUTSIDE = rule(
    "researchers.rate_year_outside", E,
    N_("{name}: a participation rate for {year}, outside the call's years ({first}–{last})."), "years",
)
NO_RATE = rule(
    "researchers.no_rate", W, N_("{name} has no participation rate in any year of the call."), "participation",
)
RATE_OVER = rule(
    "researchers.rate_over", E,
    N_("{name}, {year}: participation rates add up to {total} ({rate} here, {others} in other projects). At most "
       "{max} is allowed, {excess} over."), "participation",
)
PROJECTS_OVER = rule(
    "researchers.projects_over", E,
    N_("{name} would take part in {count} at once, this one included. At most {max} are allowed (the three-and-five rule)."),
    "participation",
)
PI_PROJECTS_OVER = rule(
    "researchers.pi_projects_over", E,
    N_("{name} would lead {count} at once as principal investigator, this one included. At most {max} are "
       "allowed (the three-and-five rule)."), "participation",
)
PI_RATE_LOW = rule(
    "researchers.pi_rate_low", E,
    N_("The principal investigator {name} takes part at {rate} in {year}. At least {min} is required, "
       "{shortfall} more."), "pi_min_rate",
)
NATIONAL_NUMBER_INVALID = rule(
    "researchers.number_invalid", E,
    N_("{name}: '{value}' is not a national researcher number. It has 8 digits, as NTIS gives it."), "form",
)
NATIONAL_NUMBER_MISSING = rule(
    "researchers.number_missing", W, N_("{name}: give the national researcher number (as NTIS gives it)."), "form",
)
PERSONNEL_NO_RESEARCHERS = rule(
    "researchers.personnel_without_researchers", W,
    N_("{org} has personnel cost of {amount} but lists no researcher."), "form",
)

# indicators -----------------------------------------------------------------------------------
INDICATORS_NONE = rule("indicators.none", E, N_("Add the project's performance indicators."), "form")
INDICATOR_NAME = rule("indicators.name_missing", E, N_("Indicator {number} has no name in {language}."), "form")
WEIGHTS = rule(
    "indicators.weights_not_100", E,
    N_("The weights of the performance indicators add up to {total}. They must add up to exactly 100% "
       "({difference} apart)."), "form",
)
TARGET_MISSING = rule("indicators.target_missing", E, N_("{name}: no target for {year} in {language}."), "years")
TARGET_OUTSIDE = rule(
    "indicators.target_year_outside", E,
    N_("{name}: a target for {year}, outside the call's years ({first}–{last})."), "years",
)
TARGET_NOT_NUMBER = rule(
    "indicators.target_not_number", W,
    N_("{name} is quantitative, but its target for {year} ('{value}') is not a number."), "form",
)

# schedule -------------------------------------------------------------------------------------
TASKS_NONE = rule("tasks.none", E, N_("Lay out the schedule: add the project's tasks."), "form")
TASK_NAME = rule("tasks.name_missing", E, N_("Task {number} has no name in {language}."), "form")
TASK_UNKNOWN_ORG = rule(
    "tasks.unknown_org", E, N_("{name}: the organisation in charge is not in the consortium ('{org}')."), "form",
)
TASK_OUTSIDE = rule(
    "tasks.month_outside", E, N_("{name}: {month} is outside the call's years ({first}–{last})."), "years",
)
TASK_BACKWARDS = rule("tasks.backwards", E, N_("{name} ends ({finish}) before it starts ({begin})."), "years")
DELIVERABLE_NAME = rule(
    "deliverables.name_missing", E, N_("Deliverable {number} has no name in {language}."), "form",
)
DELIVERABLE_OUTSIDE = rule(
    "deliverables.year_outside", E,
    N_("{name}: the year {year} is outside the call's years ({first}–{last})."), "years",
)
DELIVERABLE_NOT_IN_TASK = rule(
    "deliverables.outside_task", W,
    N_("{name} is due in {year}, but its task {task} runs from {begin} to {finish}."), "form",
)

# equipment ------------------------------------------------------------------------------------
EQUIPMENT_NAME = rule("equipment.name_missing", E, N_("Equipment item {number} has no name in {language}."), "form")
EQUIPMENT_UNKNOWN_ORG = rule(
    "equipment.unknown_org", E, N_("{name} is for an organisation that is not in the consortium ('{org}')."), "form",
)
EQUIPMENT_OUTSIDE = rule(
    "equipment.year_outside", E, N_("{name}: the year {year} is outside the call's years ({first}–{last})."),
    "years",
)
EQUIPMENT_SUM = rule(
    "equipment.sum_mismatch", E,
    N_("{org}, {year}: the equipment items add up to {items}, but its facilities and equipment budget is "
       "{budget}. They differ by {difference}."), "categories",
)
REVIEW_NOTE = rule(
    "equipment.review_note_missing", W,
    N_("{name} costs {amount} a unit, at or above the review price of {limit}: say why it is needed (review "
       "note, {language})."), "equipment_review",
)

# budget justification and organisations -------------------------------------------------------
ITEMS_SUM = rule(
    "budget.items_mismatch", E,
    N_("Line {line}: the justification rows add up to {items}, but the line's amount is {amount}. They differ by {difference}"
       "."), "categories",
)
REGISTRATION_INVALID = rule(
    "org.registration_invalid", E,
    N_("{org}: '{value}' is not written as a business registration number: ten digits, in groups of three, two "
       "and five (000-00-00000)."), "form",
)
#: The number has the right form but its last digit does not follow from the others (the example of
#: the form is never a number: the person's own number could be the one shown).
REGISTRATION_CHECK_DIGIT = N_("{org}: the last digit of the business registration number '{value}' does not match "
                              "the other nine (a digit is probably mistyped).")
REGISTRATION_MISSING = rule(
    "org.registration_missing", W, N_("{org}: give the business registration number."), "form",
)

_PERSONNEL = ("personnel", "student_personnel")
_PROJECTS = NP_("{count} national R&D project", "{count} national R&D projects")
_MARKED = NP_("{count} researcher", "{count} researchers")


def _named(text: Text, fallback: str) -> Named:
    return Named(text.ko or fallback, text.en or text.ko or fallback)


def check(ctx: Context) -> None:
    _researchers(ctx)
    _indicators(ctx)
    _schedule(ctx)
    _equipment(ctx)
    _justification(ctx)
    _organisations(ctx)


def _language(ctx: Context) -> Label:
    return Label(f"lang.{ctx.profile.submission_language}")


def _researchers(ctx: Context) -> None:
    p, prof = ctx.proposal, ctx.profile
    lang = prof.submission_language
    years = prof.years
    orgs = {o.id: o for o in p.organisations}
    lead = p.lead_organisation()
    limits = prof.participation
    if prof.form.holds("researchers") and not p.researchers:
        ctx.emit(RESEARCHERS_NONE, RESEARCHERS)
    principals = [i for i, r in enumerate(p.researchers) if r.role == ResearcherRole.PRINCIPAL]
    if p.researchers and not principals:
        ctx.emit(PI_MISSING, RESEARCHERS)
    for i in principals[1:]:
        ctx.emit(PI_TWICE, RESEARCHERS.at(p.researchers, i).child("role"), name=_named(p.researchers[i].name, "?"),
                 count=Count(len(principals), _MARKED))
    for i, person in enumerate(p.researchers):
        path = RESEARCHERS.at(p.researchers, i)
        name = _named(person.name, f"#{i + 1}")
        if not person.name.get(lang, fallback=False).strip():
            ctx.emit(RESEARCHER_NAME, path.child("name", lang), number=i + 1, language=_language(ctx))
        org = orgs.get(person.org)
        if org is None:
            ctx.emit(RESEARCHER_UNKNOWN_ORG, path.child("org"), name=name, org=person.org)
        elif person.role == ResearcherRole.PRINCIPAL and lead is not None and org.id != lead.id:
            ctx.emit(PI_NOT_LEAD, path.child("org"), name=name, org=OrgRef.of(org))
        for year in sorted(person.rates):
            if year not in years:
                ctx.emit(RATE_YEAR_OUTSIDE, path.child("rates", year), name=name, year=year, first=min(years),
                         last=max(years))
        if not any(person.rates.get(y, 0) for y in years):
            ctx.emit(NO_RATE, path.child("rates"), name=name)
        carried = load(person)
        for year in years:
            rate = person.rates.get(year, 0)
            if rate and carried.total(rate) > limits.max_rate:
                ctx.emit(RATE_OVER, path.child("rates", year), name=name, year=year, total=_pct(carried.total(rate)),
                         rate=_pct(rate), others=_pct(carried.others_rate), max=Pct.of_limit(limits.max_rate),
                         excess=_pct(carried.total(rate) - limits.max_rate))
            if person.role == ResearcherRole.PRINCIPAL and rate < prof.pi_min_rate.percent:
                ctx.emit(PI_RATE_LOW, path.child("rates", year), name=name, year=year, rate=_pct(rate),
                         min=Pct.of_limit(prof.pi_min_rate.percent), shortfall=_pct(prof.pi_min_rate.percent - rate))
        if carried.projects > limits.max_projects:
            ctx.emit(PROJECTS_OVER, path.child("other_projects"), name=name,
                     count=Count(carried.projects, _PROJECTS), max=Count(limits.max_projects, _PROJECTS))
        if carried.led > limits.max_pi_projects:
            ctx.emit(PI_PROJECTS_OVER, path.child("other_projects"), name=name, count=Count(carried.led, _PROJECTS),
                     max=Count(limits.max_pi_projects, _PROJECTS))
        number = person.national_number.strip()
        if number and not is_national_number(number):
            ctx.emit(NATIONAL_NUMBER_INVALID, path.child("national_number"), name=name, value=number[:20])
        elif not number:
            ctx.emit(NATIONAL_NUMBER_MISSING, path.child("national_number"), name=name)
    listed = {r.org for r in p.researchers}
    first: dict[str, int] = {}
    amounts: dict[str, int] = {}
    for i, line in enumerate(p.budget.lines):
        if line.category in _PERSONNEL and line.amount_krw:
            first.setdefault(line.org, i)
            amounts[line.org] = amounts.get(line.org, 0) + line.amount_krw
    if p.researchers or prof.form.holds("researchers"):
        for org in p.organisations:
            if org.id in first and org.id not in listed:
                ctx.emit(PERSONNEL_NO_RESEARCHERS, BUDGET_LINES.at(p.budget.lines, first[org.id]), org=OrgRef.of(org),
                         amount=Won(amounts[org.id]))


def _pct(value: int | Fraction, kind: str = RATE) -> Pct:
    """A participation rate (or, with ``kind``, an indicator's weight), in whole percent."""
    return Pct(Fraction(value), percent=True, kind=kind)


def _indicators(ctx: Context) -> None:
    p, prof = ctx.proposal, ctx.profile
    lang, years = prof.submission_language, prof.years
    if prof.form.holds("indicators") and not p.indicators:
        ctx.emit(INDICATORS_NONE, INDICATORS)
    if p.indicators:
        total = sum(i.weight for i in p.indicators)
        if total != 100:
            ctx.emit(WEIGHTS, INDICATORS, total=_pct(total, WEIGHT), difference=_pct(abs(total - 100), WEIGHT),
                     points=Num(total))  # the checklist's figure: 90/100
    for i, ind in enumerate(p.indicators):
        path = INDICATORS.at(p.indicators, i)
        name = _named(ind.name, f"#{i + 1}")
        if not ind.name.get(lang, fallback=False).strip():
            ctx.emit(INDICATOR_NAME, path.child("name", lang), number=i + 1, language=_language(ctx))
        for year in years:
            # a target counts as the other required texts do: given in the language of submission
            if not ind.targets.get(year, Text()).get(lang, fallback=False).strip():
                ctx.emit(TARGET_MISSING, path.child("targets", year, lang), name=name, year=year,
                         language=_language(ctx))
        for year, target in sorted(ind.targets.items()):
            if year not in years:
                ctx.emit(TARGET_OUTSIDE, path.child("targets", year), name=name, year=year, first=min(years),
                         last=max(years))
            elif ind.kind == "quantitative":
                said: set[str] = set()
                for which in (lang, *(w for w in ("ko", "en") if w != lang)):
                    value = target.get(which, fallback=False).strip()
                    if value and value not in said and not _is_number(value):
                        said.add(value)  # the same words in both languages are one finding
                        ctx.emit(TARGET_NOT_NUMBER, path.child("targets", year, which), name=name, year=year,
                                 value=value)


def _is_number(text: str) -> bool:
    try:
        Decimal(text.strip().replace(",", "").rstrip("%"))
    except InvalidOperation:
        return False
    return True


def _schedule(ctx: Context) -> None:
    p, prof = ctx.proposal, ctx.profile
    lang, years = prof.submission_language, prof.years
    first, last = min(years), max(years)
    orgs = {o.id for o in p.organisations}
    if prof.form.holds("tasks") and not p.tasks:
        ctx.emit(TASKS_NONE, TASKS)
    for i, task in enumerate(p.tasks):
        path = TASKS.at(p.tasks, i)
        name = _named(task.name, f"#{i + 1}")
        if not task.name.get(lang, fallback=False).strip():
            ctx.emit(TASK_NAME, path.child("name", lang), number=i + 1, language=_language(ctx))
        if task.org not in orgs:
            ctx.emit(TASK_UNKNOWN_ORG, path.child("org"), name=name, org=task.org)
        for key in ("start", "end"):
            month = getattr(task, key)
            if month and not first <= int(month[:4]) <= last:
                ctx.emit(TASK_OUTSIDE, path.child(key), name=name, month=month, first=first, last=last)
        if task.start and task.end and task.end < task.start:
            ctx.emit(TASK_BACKWARDS, path.child("end"), name=name, begin=task.start, finish=task.end)
    for i, item in enumerate(p.deliverables):
        path = DELIVERABLES.at(p.deliverables, i)
        name = _named(item.name, f"#{i + 1}")
        if not item.name.get(lang, fallback=False).strip():
            ctx.emit(DELIVERABLE_NAME, path.child("name", lang), number=i + 1, language=_language(ctx))
        if item.year not in years:
            ctx.emit(DELIVERABLE_OUTSIDE, path.child("year"), name=name, year=item.year, first=first, last=last)
            continue
        within = p.task(item.task)
        if within is not None and within.start and within.end and not int(within.start[:4]) <= item.year <= int(within.end[:4]):
            ctx.emit(DELIVERABLE_NOT_IN_TASK, path.child("year"), name=name, year=item.year,
                     task=_named(within.name, within.id), begin=within.start, finish=within.end)


def _equipment(ctx: Context) -> None:
    p, prof = ctx.proposal, ctx.profile
    lang, years = prof.submission_language, prof.years
    orgs = {o.id: o for o in p.organisations}
    review = prof.equipment_review.amount_krw
    items: dict[tuple[str, int], int] = {}
    first_item: dict[tuple[str, int], int] = {}
    for i, item in enumerate(p.equipment):
        path = EQUIPMENT.at(p.equipment, i)
        name = _named(item.name, f"#{i + 1}")
        if not item.name.get(lang, fallback=False).strip():
            ctx.emit(EQUIPMENT_NAME, path.child("name", lang), number=i + 1, language=_language(ctx))
        if item.org not in orgs:
            ctx.emit(EQUIPMENT_UNKNOWN_ORG, path.child("org"), name=name, org=item.org)
        if item.year not in years:
            ctx.emit(EQUIPMENT_OUTSIDE, path.child("year"), name=name, year=item.year, first=min(years), last=max(years))
        if review and item.unit_price_krw >= review and not item.review_note.get(lang, fallback=False).strip():
            ctx.emit(REVIEW_NOTE, path.child("review_note", lang), name=name, amount=Won(item.unit_price_krw),
                     limit=Won(review), language=_language(ctx))
        key = (item.org, item.year)
        items[key] = items.get(key, 0) + item.amount_krw
        first_item.setdefault(key, i)
    budget: dict[tuple[str, int], int] = {}
    first_line: dict[tuple[str, int], int] = {}
    for i, line in enumerate(p.budget.lines):
        if line.category == "equipment":
            key = (line.org, line.year)
            budget[key] = budget.get(key, 0) + line.amount_krw
            first_line.setdefault(key, i)
    if not (p.equipment or prof.form.holds("equipment")):
        return
    # Before any amount of the budget is entered, the items are compared against nothing yet: the
    # finding waits on the Budget step as a note (the empty budget is that step's own finding).
    waiting = "" if any(line.amount_krw for line in p.budget.lines) else "budget"
    years_of: dict[str, set[int]] = {}  # once, not once per organisation over every key
    for o, y in (*items, *budget):
        years_of.setdefault(o, set()).add(y)
    for org in p.organisations:
        for year in sorted(years_of.get(org.id, ())):
            key = (org.id, year)
            have, need = items.get(key, 0), budget.get(key, 0)
            if have != need:
                path = (EQUIPMENT.at(p.equipment, first_item[key]) if key in first_item
                        else BUDGET_LINES.at(p.budget.lines, first_line[key]))
                ctx.emit_waiting(waiting, EQUIPMENT_SUM, path, org=OrgRef.of(org), year=year, items=Won(have),
                         budget=Won(need), difference=Won(abs(have - need)))


def _justification(ctx: Context) -> None:
    for i, line in enumerate(ctx.proposal.budget.lines):
        if line.items and not line.no_amount:  # a line without an amount has its own finding
            total = sum(item.amount_krw for item in line.items)
            if total != line.amount_krw:
                ctx.emit(ITEMS_SUM, BUDGET_LINES.at(ctx.proposal.budget.lines, i).child("items"), line=i + 1, items=Won(total),
                         amount=Won(line.amount_krw), difference=Won(abs(total - line.amount_krw)))


def _organisations(ctx: Context) -> None:
    p, prof = ctx.proposal, ctx.profile
    for i, org in enumerate(p.organisations):
        path = ORGANISATIONS.at(p.organisations, i).child("registration_number")
        number = org.registration_number.strip()
        if number and not bizno.is_valid(number):
            ctx.emit(REGISTRATION_INVALID, path, None if not bizno.well_formed(number) else REGISTRATION_CHECK_DIGIT,
                     org=OrgRef.of(org), value=number[:20])
        elif not number and prof.form.holds("organisations"):
            ctx.emit(REGISTRATION_MISSING, path, org=OrgRef.of(org))
