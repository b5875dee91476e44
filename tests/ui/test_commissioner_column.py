"""The Organisations step: a commissioned organisation's line under the table names the
organisation that commissions it, chosen among the others, every name whole; the rules see the
choice at once."""

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


def test_the_commissioning_organisation_is_chosen_on_a_line_of_its_own(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.REGIONS))
    page = w.regions
    row = [o.id for o in w.doc.proposal.organisations].index("rist")
    combo = page._rows[row]["commissioned_by"]
    assert page.commissioners_box.isVisible() and combo.isVisible()
    label = page._rows[row]["commissioned_label"].text()
    assert label == "Research Institute of Industrial Science & Technology is commissioned by:"
    assert combo.currentData() == "postech"
    assert page.widget_for(f"organisations[{row}].commissioned_by") is combo
    # the names are shown whole: the line is as wide as the table
    from PySide6.QtGui import QFontMetrics

    assert combo.width() >= QFontMetrics(combo.font()).horizontalAdvance(combo.currentText())
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
    # an organisation that is not commissioned has no such line
    assert not page._rows[0]["commissioned_by"].isVisible()
    row_rist = w.doc.proposal.organisations.index(w.doc.proposal.organisation("rist"))
    w.doc.edit(f"organisations[{row_rist}].role", "participant")
    w.doc.edit(f"organisations[{row_rist}].commissioned_by", "")
    settle()
    assert not page.commissioners_box.isVisible()
