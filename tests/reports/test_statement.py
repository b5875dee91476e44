"""One budget statement: the rule's message, the budget page and the packet state the same
required local amount — on the ``total`` match basis too, which the profile format allows."""

from __future__ import annotations

import pytest

from forms.base.paths import resource_path
from forms.money import EntryUnit, format_in_unit
from forms.profile import load_profile_file
from forms.rules import validate
from forms.sample import SAMPLES
from reports.export import export_packet
from tests.reports.pdfcheck import all_text, squash


@pytest.fixture(scope="module")
def total_basis(tmp_path_factory):
    """The shipped call with its match basis set to ``total``, read through the profile format."""
    with open(resource_path("calls/msit-mega-2023.toml"), encoding="utf-8") as fp:
        text = fp.read()
    assert 'basis = "national"' in text
    path = tmp_path_factory.mktemp("calls") / "msit-mega-2023.toml"
    path.write_text(text.replace('basis = "national"', 'basis = "total"'), encoding="utf-8")
    profile = load_profile_file(str(path))
    assert profile.local_basis == "total"
    return profile


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_total_basis_the_rule_and_the_packet_state_the_same_required_amount(total_basis, tmp_path, lang):
    p = SAMPLES["super_regional"]()
    report = validate(p, total_basis)
    s = report.summary
    own = s.source_total("own_cash") + s.source_total("own_in_kind")
    # On the total basis the local funds count in the total they are measured against: the least
    # local amount L with L >= 20 % of (national + own + L) is a quarter of national + own.
    assert report.profile.local_min == 20
    required = -(-(s.national + own) // 4)
    # ... which is not 20 % of today's total: reading the rule's shortfall against that would differ.
    assert required != -(-s.total // 5)
    assert s.local < required

    finding = next(f for f in report.findings if f.code == "budget.local_match_short")
    message = finding.message(lang)
    assert finding.values["required"].amount == required
    assert finding.values["shortfall"].amount == required - s.local
    assert report.statement.matching_sentence(lang) == message

    out = tmp_path / f"total-{lang}.pdf"
    export_packet(p, str(out), lang=lang, draft=True, profile=total_basis)
    text = all_text(out.read_bytes())
    # the budget chapter states the rule's message with the same values, in the plan's register
    # (word for word in English; 한다체 in Korean), and the validation chapter lists the message
    stated = report.statement.matching_sentence(lang, plan=True)
    assert (stated == message) == (lang == "en")
    assert text.count(squash(message)) == (2 if lang == "en" else 1), message
    assert squash(stated) in text
    for field in ("required", "shortfall"):
        assert squash(finding.values[field].render(lang)) in squash(stated)
    # the matching table's total row: the required amount in the table's unit
    assert format_in_unit(required, EntryUnit.THOUSAND, lang) in text
    assert format_in_unit(-(-s.total // 5), EntryUnit.THOUSAND, lang) not in text
