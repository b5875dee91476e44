"""The Organisations step: a commissioned organisation's column names the organisation that
commissions it, chosen among the others; the rules see the choice at once."""

from __future__ import annotations

import pytest

from forms.base import i18n
from forms.steps import STEPS, Step
from tests.ui.helpers import settle


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def _codes(w) -> list[str]:
    return [f.code for f in w.doc.report.findings]


def test_the_commissioning_organisation_is_chosen_in_its_own_column(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.REGIONS))
    page = w.regions
    row = [o.id for o in w.doc.proposal.organisations].index("rist")
    combo = page._rows[row]["commissioned_by"]
    assert page.table.cellWidget(row, 5) is combo
    assert page.table.horizontalHeaderItem(5).text() == "Commissioned by"
    assert combo.isEnabled() and combo.currentData() == "postech"
    # the others, never itself; the first choice is none
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert offered == ["", "postech", "knu", "dgist", "hanbit", "daegyeong"]
    assert combo.itemText(offered.index("knu")) == "Kyungpook National University R&DB Foundation"
    combo.setCurrentIndex(0)
    settle()
    assert w.doc.proposal.organisation("rist").commissioned_by == ""
    assert "org.commissioner_missing" in _codes(w)
    combo.setCurrentIndex(offered.index("postech"))
    settle()
    assert w.doc.proposal.organisation("rist").commissioned_by == "postech"
    assert "org.commissioner_missing" not in _codes(w)
    # an organisation that is not commissioned has nothing to choose
    assert not page._rows[0]["commissioned_by"].isEnabled()
    # the column is there while some organisation is commissioned
    assert not page.table.isColumnHidden(5)
    row_rist = w.doc.proposal.organisations.index(w.doc.proposal.organisation("rist"))
    w.doc.edit(f"organisations[{row_rist}].role", "participant")
    w.doc.edit(f"organisations[{row_rist}].commissioned_by", "")
    settle()
    assert page.table.isColumnHidden(5)
