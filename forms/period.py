"""The project's period as the cover and the summary state it: the years the budget covers, and
where they stand in the plan of up to ten years — which stage of the roadmap they are and how long
the whole plan runs. Read from the proposal's roadmap; without one, from the call's profile (its
pilot is the first of its stages, its plan as long as a project may last)."""

from __future__ import annotations

from dataclasses import dataclass

from forms.model import Proposal
from forms.profile import CallProfile
from forms.values import YearSpan


@dataclass(frozen=True)
class ProjectPeriod:
    first: int
    last: int
    #: The roadmap's stage the budget's years belong to (1: the pilot); None when no stage holds them.
    stage: int | None
    #: The whole plan's length in years, from its first stage's first year to its last stage's last.
    plan_years: int

    @property
    def span(self) -> YearSpan:
        return YearSpan(self.first, self.last)


def project_period(proposal: Proposal, profile: CallProfile, years: tuple[int, ...] = ()) -> ProjectPeriod:
    """The period of ``proposal``: the budget's ``years`` (the call's years when none are given),
    the roadmap's stage that starts with them and the roadmap's length."""
    years = years or profile.years
    first, last = min(years), max(years)
    stages = [s for s in proposal.roadmap if s.end_year >= s.start_year]
    if stages:
        stage = next((s.stage for s in stages if s.start_year <= first <= s.end_year), None)
        plan_years = max(s.end_year for s in stages) - min(s.start_year for s in stages) + 1
    else:
        stage = 1 if first == min(profile.years) else None
        plan_years = profile.roadmap_max_years
    return ProjectPeriod(first, last, stage, plan_years)
