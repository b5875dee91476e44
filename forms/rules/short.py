"""Each finding in a few words, with its key figure: the line of a step's checklist of what is left
("성과지표 가중치 합 90/100", "연구책임자 없음", "국비 비율 52.1% (최대 50%)"), where the rule's own
message is the whole sentence (what it is, why, and what to do), shown beside it on demand.

A short label is a template with the same named values as its rule's message (a subset of them),
so its figures are the finding's own, formatted as the message formats them. Every rule has one
(``tests/forms/test_short.py`` walks the registry); a finding said in another sentence of its rule
(``Finding.template``) whose meaning differs has a label of its own (``BY_TEMPLATE``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from forms.base.i18n import N_, translate
from forms.rules.record_rules import REGISTRATION_CHECK_DIGIT

if TYPE_CHECKING:
    from forms.rules.base import Finding

#: By rule code, in the order of the rules' modules.
SHORT: dict[str, str] = {
    "call.unknown": N_("Unknown call '{call}'"),
    # the project type, the regions and the organisations
    "type.missing": N_("No project type"),
    "type.too_few_regions": N_("Regions: {count} (at least {min})"),
    "type.too_many_regions": N_("Regions: {count} (at most {max})"),
    "region.lead_missing": N_("No lead region"),
    "region.partner_is_lead": N_("{region}: lead and partner at once"),
    "region.partner_twice": N_("{region}: partner twice"),
    "region.partner_empty": N_("A partner without a region"),
    "region.not_eligible": N_("{region}: not eligible"),
    "region.not_valid_at_date": N_("{region}: not a region on {date}"),
    "org.none": N_("No organisations"),
    "org.lead_missing": N_("No lead organisation"),
    "org.lead_twice": N_("Lead organisations: {count} (one only)"),
    "org.name_missing": N_("Organisation {number}: no name ({language})"),
    "org.region_missing": N_("{org}: no region"),
    "org.kind_unknown": N_("{org}: no kind of organisation"),
    # commissioned organisations
    "org.commissioner_missing": N_("{org}: no commissioning organisation"),
    "org.commissioner_unknown": N_("{org}: commissioner '{value}' not in the consortium"),
    "org.commissioner_itself": N_("{org}: commissions itself"),
    "org.commissioner_commissioned": N_("{org}: commissioner {by} is commissioned too"),
    "budget.commissioned_org_lines": N_("{org}: budget lines of its own ({amount})"),
    "budget.commissioned_nobody": N_("Line {line}: commissioned R&D, nobody commissioned"),
    # the plan
    "content.title_missing": N_("No title ({language})"),
    "content.section_missing": N_("{section}: empty ({language})"),
    "content.section_short": N_("{section} ({language}): {count}/{min} characters"),
    "content.section_long": N_("{section} ({language}): {count}/{max} characters"),
    "content.roadmap_missing": N_("No roadmap"),
    "content.roadmap_pilot": N_("Stage 1 is not the pilot ({first}–{last})"),
    "content.roadmap_order": N_("Stage {stage} starts in {start}, not {expected}"),
    "content.roadmap_backwards": N_("Stage {stage}: ends in {end}, starts in {start}"),
    "content.roadmap_too_long": N_("Roadmap: {years} years (at most {max})"),
    "content.date_outside_submission": N_("Dated {date}, outside the submission period"),
    "content.roadmap_goal_missing": N_("Stage {stage}: no goal"),
    # the budget
    "budget.empty": N_("No budget amounts yet"),
    "budget.amount_missing": N_("Line {line}: no amount for {year}"),
    "budget.year_outside": N_("Line {line}: {year}, outside {first}–{last}"),
    "budget.category_not_allowed": N_("Line {line}: {category} not allowed"),
    "budget.unknown_org": N_("Line {line}: organisation not in the consortium"),
    "budget.local_region_missing": N_("Line {line}: no paying region"),
    "budget.local_not_applicant": N_("Line {line}: {region} does not apply"),
    "budget.region_not_local": N_("Line {line}: region ignored"),
    "budget.in_kind_category": N_("Line {line}: {category} in kind"),
    "budget.international_own_share": N_("Line {line}: own share for international R&D"),
    "budget.national_over_cap": N_("National funds {excess} over the cap"),
    "budget.national_below_cap": N_("National funds: {unused} of the cap not requested"),
    "budget.local_match_short": N_("Local match {ratio} (at least {min})"),
    "budget.local_match_year_low": N_("{year}: local match {ratio} (at least {min})"),
    "budget.region_pays_nothing": N_("{region}: no local funds"),
    "budget.gov_share_over": N_("{org}: public funds {ratio} (at most {max})"),
    "budget.own_cash_short": N_("{org}: cash {ratio} of its own share (at least {min})"),
    "budget.allowance_over": N_("{org}: research allowance {excess} over {max}"),
    "budget.commissioned_over": N_("{org}: commissioned R&D {excess} over {max}"),
    "budget.indirect_over": N_("{org}: indirect cost {excess} over {max}"),
    # the form's records
    "researchers.none": N_("No researchers"),
    "researchers.pi_missing": N_("No principal investigator"),
    "researchers.pi_twice": N_("{name}: a second principal investigator"),
    "researchers.pi_not_lead": N_("Principal investigator {name} of {org}"),
    "researchers.unknown_org": N_("{name}: organisation not in the consortium"),
    "researchers.name_missing": N_("Researcher {number}: no name ({language})"),
    "researchers.rate_year_outside": N_("{name}: a rate for {year}, outside {first}–{last}"),
    "researchers.no_rate": N_("{name}: no participation rate"),
    "researchers.rate_over": N_("{name}, {year}: participation {total} (at most {max})"),
    "researchers.projects_over": N_("{name}: {count} at once (at most {max})"),
    "researchers.pi_projects_over": N_("{name}: leads {count} (at most {max})"),
    "researchers.pi_rate_low": N_("{name}, {year}: participation {rate} (at least {min})"),
    "researchers.number_invalid": N_("{name}: researcher number '{value}' invalid"),
    "researchers.number_missing": N_("{name}: no national researcher number"),
    "researchers.personnel_without_researchers": N_("{org}: personnel cost {amount}, no researcher"),
    "indicators.none": N_("No performance indicators"),
    "indicators.name_missing": N_("Indicator {number}: no name ({language})"),
    "indicators.weights_not_100": N_("Indicator weights total {points}/100"),
    "indicators.target_missing": N_("{name}: no target for {year} ({language})"),
    "indicators.target_year_outside": N_("{name}: a target for {year}, outside {first}–{last}"),
    "indicators.target_not_number": N_("{name}, {year}: target '{value}' not a number"),
    "tasks.none": N_("No tasks"),
    "tasks.name_missing": N_("Task {number}: no name ({language})"),
    "tasks.unknown_org": N_("{name}: organisation in charge not in the consortium"),
    "tasks.month_outside": N_("{name}: {month}, outside {first}–{last}"),
    "tasks.backwards": N_("{name}: ends {finish}, starts {begin}"),
    "deliverables.name_missing": N_("Deliverable {number}: no name ({language})"),
    "deliverables.year_outside": N_("{name}: {year}, outside {first}–{last}"),
    "deliverables.outside_task": N_("{name}: {year}, outside its task ({begin} to {finish})"),
    "equipment.name_missing": N_("Equipment item {number}: no name ({language})"),
    "equipment.unknown_org": N_("{name}: organisation not in the consortium"),
    "equipment.year_outside": N_("{name}: {year}, outside {first}–{last}"),
    "equipment.sum_mismatch": N_("{org}, {year}: equipment {items}, budget {budget}"),
    "equipment.review_note_missing": N_("{name}: no review note ({amount} a unit)"),
    "budget.items_mismatch": N_("Line {line}: justification {items}, amount {amount}"),
    "org.registration_invalid": N_("{org}: registration number '{value}' malformed"),
    "org.registration_missing": N_("{org}: no business registration number"),
    # the policy direction's hints
    "policy.international_share": N_("International R&D {ratio} (target {target})"),
    "policy.company_own_share": N_("{org}: own share {ratio} (policy target {target})"),
}

#: Findings said in another sentence of their rule that means something else.
BY_TEMPLATE: dict[str, str] = {
    REGISTRATION_CHECK_DIGIT: N_("{org}: registration number '{value}' has a wrong check digit"),
}


def short_template(finding: Finding) -> str:
    """The template of ``finding``'s short label (its message when its rule has none)."""
    if finding.template is not None and finding.template in BY_TEMPLATE:
        return BY_TEMPLATE[finding.template]
    return SHORT.get(finding.code) or finding.template or finding.rule.message


def short_label(finding: Finding, lang: str) -> str:
    """``finding`` in a few words with its figures, in ``lang``: a line of the checklist."""
    return translate(short_template(finding), lang, **finding.values)
