"""Full validation of the sample and of a stress proposal (100 organisations x 10 categories x
3 years x 4 sources = 12,000 budget lines); medians of many runs, in-process."""

from __future__ import annotations

import statistics
import time

from forms.model import BudgetLine, Organisation, Text
from forms.rules import validate
from forms.sample import SAMPLES

CATEGORIES = ("personnel", "student_personnel", "equipment", "materials", "activities", "allowance",
              "commissioned", "international", "indirect", "security_allowance")
KINDS = ("university", "institute", "local_public", "sme", "mid_sized", "large")


def stress():
    p = SAMPLES["super_regional"]()
    p.organisations = [
        Organisation(f"org{i}", Text(f"기관{i}", f"Org {i}"), KINDS[i % len(KINDS)], "KR-47" if i % 2 else "KR-27",
                     "lead" if i == 0 else "participant")
        for i in range(100)
    ]
    p.budget.lines = [
        BudgetLine(year, f"org{i}", cat, source, 1_000_000 + i, ("KR-47" if i % 2 else "KR-27") if source == "local" else None)
        for i in range(100) for cat in CATEGORIES for year in (2023, 2024, 2025)
        for source in ("national", "local", "own_cash", "own_in_kind")
    ]
    return p


def median_ms(proposal, runs: int) -> float:
    validate(proposal)  # warm caches (profile, catalogs)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        validate(proposal)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def run() -> list[tuple[str, str, str]]:
    big = stress()
    return [
        ("validate sample (median of 500)", f"{median_ms(SAMPLES['super_regional'](), 500):.3f} ms", "<= 2 ms"),
        (f"validate stress, {len(big.budget.lines):,} lines (median of 30)", f"{median_ms(big, 30):.1f} ms",
         "<= 50 ms"),
    ]
