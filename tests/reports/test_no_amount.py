"""A budget line with no amount entered prints no figure: the packet (PDF and HWPX) reads as if the
line were not there, never with a line of 0 under its category or organisation."""

from __future__ import annotations

import pytest
from hwpx import HwpxDocument

from forms.model import BudgetLine
from forms.sample import SAMPLES
from reports.export import write_packet
from tests.reports.pdfcheck import all_text, squash

NAME = "CommissionedR&D"  # the line's category, as the packet prints it (without spaces)


def _packet(tmp_path, name, fmt, amount=None):
    p = SAMPLES["super_regional"]()
    if amount is not None:
        # DGIST's only commissioned R&D: entered, its group in the justification names the category
        p.budget.lines.append(BudgetLine(2023, "dgist", "commissioned", "national", amount, no_amount=amount == 0))
    path = tmp_path / f"{name}.{fmt}"
    write_packet(p, str(path), lang="en", draft=True, fmt=fmt)
    data = path.read_bytes()
    return all_text(data) if fmt == "pdf" else squash(HwpxDocument.open(data).text.plain())


@pytest.mark.parametrize("fmt", ["pdf", "hwpx"])
def test_a_line_without_an_amount_prints_as_if_it_were_not_there(tmp_path, fmt):
    without = _packet(tmp_path, "without", fmt)
    cleared = _packet(tmp_path, "cleared", fmt, amount=0)
    assert cleared.count(NAME) == without.count(NAME)
    if fmt == "pdf":  # the same line with an amount is printed under its category
        assert _packet(tmp_path, "entered", fmt, amount=1_000_000).count(NAME) > without.count(NAME)
