"""Naming things for people: an organisation by its name, fields, records and codes in both languages."""

from __future__ import annotations

import datetime as dt

from forms import labels
from forms.model import Organisation, Proposal, Text


def _proposal() -> Proposal:
    return Proposal(organisations=[Organisation("uni", Text("포항공대", "POSTECH")), Organisation("firm", Text("", "Acme")),
                                   Organisation("blank"), Organisation("uni", Text("둘째", "Second"))])


def test_an_organisation_is_named_in_the_language_else_the_other_else_by_its_id():
    p = _proposal()
    assert p.org_name("uni", "ko") == "포항공대" and p.org_name("uni", "en") == "POSTECH"
    assert p.org_name("firm", "ko") == "Acme"  # no Korean name: the English one
    assert p.org_name("blank", "en") == "blank"  # no name at all: its id
    assert p.org_name("gone", "ko") == "gone"  # no organisation has the id: the id itself
    assert p.org_name("uni", "en") == "POSTECH"  # a shared id: the first organisation holding it
    assert [o.display_name("ko") for o in p.organisations] == ["포항공대", "Acme", "blank", "둘째"]


def test_fields_records_and_codes_are_named_in_both_languages():
    assert labels.field_word("amount_krw", "en") == "amount (won)"
    assert labels.field_word("quantity", "en") == "quantity"
    assert labels.field_word("ko", "en") == "Korean"
    assert labels.key_label("name.ko", "en") == "name (Korean)"
    assert labels.key_label("rates.2024", "en") == "participation rate · 2024"
    assert labels.record_label("roadmap", 2, "en") == "Roadmap stage 2"
    assert labels.record_label("budget.lines", 4, "en") == labels.field_label("budget.lines[3]", "en")
    assert labels.value_name("source", "national", "en") == "National funds"
    assert labels.value_name("amount_krw", 5, "en") is None
    assert labels.value_name("region", "KR-47", "en") is None  # a region only at a date
    assert labels.value_name("region", "KR-47", "en", dt.date(2024, 1, 1)) == "Gyeongsangbuk-do"
    assert labels.value_name("region", "KR-47", "ko", dt.date(2024, 1, 1)) == "경상북도"
