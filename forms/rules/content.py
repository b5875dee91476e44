"""Rules on the written plan: title, the form's sections (from the call profile) and their lengths,
the roadmap by stage."""

from __future__ import annotations

from forms.base.i18n import N_
from forms.fieldpath import DATE, PLAN, ROADMAP, TITLE
from forms.model import section_length
from forms.rules.base import Severity, rule
from forms.rules.context import Context
from forms.values import DateRef, Label, Named, Num

E, W = Severity.ERROR, Severity.WARNING

TITLE_MISSING = rule("content.title_missing", E, N_("Give the project a title in {language}."), "call")
SECTION_MISSING = rule(
    "content.section_missing", E, N_("{section}: this required section is empty in {language}."), "sections",
)
SECTION_SHORT = rule(
    "content.section_short", W,
    N_("{section} ({language}): {count} characters. At least {min} are expected."), "sections",
)
SECTION_LONG = rule(
    "content.section_long", E,
    N_("{section} ({language}): {count} characters, {excess} over the limit of {max}."), "sections",
)
ROADMAP_MISSING = rule(
    "content.roadmap_missing", E, N_("Lay out the roadmap by stage, starting with the pilot."), "roadmap",
)
ROADMAP_PILOT = rule(
    "content.roadmap_pilot", E, N_("Stage 1 must cover the pilot years {first}–{last}."), "roadmap",
)
ROADMAP_ORDER = rule(
    "content.roadmap_order", E,
    N_("Stage {stage} should start in {expected}, right after the previous stage. It starts in {start}."),
    "roadmap",
)
ROADMAP_BACKWARDS = rule(
    "content.roadmap_backwards", E, N_("Stage {stage} ends ({end}) before it starts ({start})."), "roadmap",
)
ROADMAP_LONG = rule(
    "content.roadmap_too_long", E,
    N_("The roadmap spans {years} years. A national R&D project may last at most {max}."), "roadmap",
)
DATE_OUTSIDE = rule(
    "content.date_outside_submission", W,
    N_("The proposal is dated {date}, outside the call's submission period ({opens} to {closes}). The cover "
       "prints this date."), "submission",
)
ROADMAP_GOAL = rule("content.roadmap_goal_missing", E, N_("Stage {stage} has no goal."), "roadmap")


def check(ctx: Context) -> None:
    p, prof = ctx.proposal, ctx.profile
    lang = prof.submission_language
    language = Label(f"lang.{lang}")
    if not p.title.get(lang, fallback=False).strip():
        ctx.emit(TITLE_MISSING, TITLE.child(lang), language=language)
    for key, limits in prof.sections.items():
        section = Named(limits.title.ko, limits.title.en)
        text = p.plan.get(key)
        primary = text.get(lang, fallback=False).strip() if text else ""
        if not primary:
            ctx.emit(SECTION_MISSING, PLAN.child(key, lang), section=section, language=language)
        for which in ("ko", "en"):
            count = section_length(text.ko if which == "ko" else text.en) if text else 0
            if not count:
                continue
            where = PLAN.child(key, which)
            if limits.max_chars and count > limits.max_chars:
                ctx.emit(SECTION_LONG, where, section=section, language=Label(f"lang.{which}"), count=Num(count),
                         max=Num(limits.max_chars), excess=Num(count - limits.max_chars))
            elif count < limits.min_chars and which == lang:
                ctx.emit(SECTION_SHORT, where, section=section, language=Label(f"lang.{which}"), count=Num(count),
                         min=Num(limits.min_chars))

    period = prof.submission
    if period is not None and p.date is not None and not period.contains(p.date):
        ctx.emit(DATE_OUTSIDE, DATE, date=DateRef(p.date), opens=DateRef(period.opens), closes=DateRef(period.closes))

    stages = p.roadmap
    if not stages:
        ctx.emit(ROADMAP_MISSING, ROADMAP)
        return
    first, last = min(prof.years), max(prof.years)
    if stages[0].start_year != first or stages[0].end_year != last:
        ctx.emit(ROADMAP_PILOT, ROADMAP.at(stages, 0), first=first, last=last)
    for i, stage in enumerate(stages):
        path = ROADMAP.at(stages, i)
        if stage.end_year < stage.start_year:
            ctx.emit(ROADMAP_BACKWARDS, path, stage=stage.stage, start=stage.start_year, end=stage.end_year)
        if i and stage.start_year != stages[i - 1].end_year + 1:
            ctx.emit(ROADMAP_ORDER, path, stage=stage.stage, start=stage.start_year,
                     expected=stages[i - 1].end_year + 1)
        if not stage.goal.get(lang, fallback=False).strip():
            ctx.emit(ROADMAP_GOAL, path.child("goal", lang), stage=stage.stage)
    span = max(s.end_year for s in stages) - min(s.start_year for s in stages) + 1
    if span > prof.roadmap_max_years:
        ctx.emit(ROADMAP_LONG, ROADMAP, years=span, max=prof.roadmap_max_years)
