"""The project's period and where it stands in the plan, read from the roadmap or the call."""

from __future__ import annotations

from forms.period import project_period
from forms.profile import load_profile
from forms.sample import SAMPLES


def test_the_pilot_is_the_roadmaps_first_stage_of_its_whole_length():
    p = SAMPLES["super_regional"]()
    period = project_period(p, load_profile(p.call))
    assert (period.first, period.last, period.stage, period.plan_years) == (2023, 2025, 1, 10)
    assert period.span.render("ko") == "2023~2025"


def test_a_budget_in_the_second_stage_is_stage_two_of_a_shorter_plan():
    p = SAMPLES["super_regional"]()
    p.roadmap[-1].end_year -= 1
    period = project_period(p, load_profile(p.call), (2026, 2027, 2028))
    assert (period.stage, period.plan_years) == (2, 9)


def test_without_a_roadmap_the_call_says_how_long_the_plan_may_run():
    p = SAMPLES["leap"]()
    p.roadmap = []
    profile = load_profile(p.call)
    period = project_period(p, profile)
    assert (period.stage, period.plan_years) == (1, profile.roadmap_max_years)
