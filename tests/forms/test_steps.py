from forms.rules import validate
from forms.steps import (
    STEPS,
    Step,
    StepState,
    export_allowed,
    export_blocked_reason,
    step_of,
    step_statuses,
)


def test_paths_map_to_steps():
    assert step_of("type") == Step.TYPE
    assert step_of("partner_regions[1]") == Step.REGIONS
    assert step_of("organisations[2].name.ko") == Step.REGIONS
    assert step_of("plan.summary.ko") == Step.PLAN
    assert step_of("roadmap[0]") == Step.PLAN
    assert step_of("budget.lines[4].amount_krw") == Step.BUDGET
    # The form's records are edited in the plan's chapters, the organisations' general data and the
    # budget's justification rows too.
    for path in ("researchers[2].rates[2024]", "indicators", "tasks[0].end", "deliverables[1].year",
                 "equipment[3].review_note.ko", "organisations[1].registration_number",
                 "budget.lines[4].items", "budget.lines[4].items[0].quantity"):
        assert step_of(path) == Step.PLAN, path
    assert step_of("organisations[1].name.ko") == Step.REGIONS
    assert step_of("budget.lines[4].itemsx") == Step.BUDGET
    assert step_of("budget") == Step.BUDGET
    assert step_of("typewriter") == Step.REVIEW  # a prefix must end at a separator


def test_complete_sample_allows_export(super_regional):
    report = validate(super_regional)
    states = {s.step: s.state for s in step_statuses(report)}
    assert set(states) == set(STEPS)
    assert all(state == StepState.COMPLETE for state in states.values())
    assert export_allowed(report) and export_blocked_reason(report, "en") == ""


def test_errors_and_warnings_land_on_their_steps(super_regional):
    super_regional.partner_regions = ["KR-27", "KR-27"]  # error on Regions
    super_regional.budget.lines[0].amount_krw -= 1  # national below the cap: warning on Budget
    super_regional.budget.lines[0].items[-1].unit_price_krw -= 1  # its justification follows
    report = validate(super_regional)
    states = {s.step: s for s in step_statuses(report)}
    assert states[Step.REGIONS].state == StepState.ERRORS
    assert states[Step.BUDGET].state == StepState.WARNINGS
    assert states[Step.PLAN].state == StepState.COMPLETE
    assert states[Step.REVIEW].errors == len(report.errors)
    assert states[Step.EXPORT].state == StepState.ERRORS
    assert not export_allowed(report)
    assert "1 error" in export_blocked_reason(report, "en")


def test_export_allowed_exactly_without_errors(super_regional):
    super_regional.budget.lines[0].amount_krw -= 1  # a warning only
    super_regional.budget.lines[0].items[-1].unit_price_krw -= 1  # its justification follows
    report = validate(super_regional)
    assert report.warnings and not report.errors and export_allowed(report)


def test_a_finding_against_a_budget_not_entered_yet_waits_and_is_not_counted():
    from forms.sample import super_regional
    from forms.steps import waiting

    p = super_regional()
    assert p.equipment
    for line in p.budget.lines:
        line.amount_krw = 0
    report = validate(p)
    sums = [f for f in report.findings if f.code == "equipment.sum_mismatch"]
    assert sums and all(waiting(f) == Step.BUDGET for f in sums)
    plan = {s.step: s for s in step_statuses(report)}[Step.PLAN]
    assert plan.waiting == len(sums) and plan.left == sum(
        1 for f in report.findings if waiting(f) is None and step_of(f.path) == Step.PLAN)
    assert not export_allowed(report)  # the empty budget blocks the export all the same
    # once the budget has an amount, the same mismatch is something left to do on the plan
    p.budget.lines[0].amount_krw = 1_000_000
    again = validate(p)
    assert any(f.code == "equipment.sum_mismatch" and waiting(f) is None for f in again.findings)


def test_every_rule_belongs_to_the_step_where_what_it_checks_is_entered():
    from forms.rules import RULES
    from forms.steps import rule_step

    assert all(rule_step(code) != Step.REVIEW for code in RULES), [c for c in RULES if rule_step(c) == Step.REVIEW]
    assert rule_step("budget.local_match_short") == Step.BUDGET and rule_step("type.missing") == Step.TYPE
    assert rule_step("equipment.sum_mismatch") == Step.PLAN and rule_step("org.none") == Step.REGIONS
