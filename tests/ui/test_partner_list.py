"""The lead region is not offered as its own partner, unless it is already checked (then the
rule's error shows and the box can be unchecked)."""

from PySide6.QtCore import Qt

from tests.ui.helpers import choose, settle


def item_for(window, code):
    partners = window.regions.partners
    return next(partners.item(i) for i in range(partners.count())
                if partners.item(i).data(Qt.ItemDataRole.UserRole) == code)


def test_lead_is_not_offered_as_partner(sample_window):
    w = sample_window
    w.go(2)
    settle()
    assert item_for(w, "KR-47").isHidden()  # the sample's lead
    assert not item_for(w, "KR-27").isHidden()  # its partner, checked
    choose(w.regions.lead, "KR-44")
    settle()
    assert not item_for(w, "KR-47").isHidden()
    assert item_for(w, "KR-44").isHidden()


def test_a_checked_lead_stays_visible_to_be_unchecked(sample_window):
    w = sample_window
    w.go(2)
    choose(w.regions.lead, "KR-27")  # the current partner becomes the lead
    settle()
    assert not item_for(w, "KR-27").isHidden()
    assert "region.partner_is_lead" in {f.code for f in w.doc.report.findings}
