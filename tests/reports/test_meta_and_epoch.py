"""The PDF's bytes do not depend on the environment, and its document title is plain text."""

from __future__ import annotations

import os

import main
from forms.files import exchange_write
from tests.reports.pdfcheck import reader


def _export(tmp_path, proposal, name):
    src = tmp_path / f"{name}.json"
    exchange_write.write_file(proposal, str(src))
    out = tmp_path / f"{name}.pdf"
    assert main.main(["export", str(src), "--out", str(out), "--lang", "en", "--draft"]) == 0
    return out.read_bytes()


def test_source_date_epoch_does_not_change_the_pdf(tmp_path, super_regional, monkeypatch):
    plain = _export(tmp_path, super_regional, "a")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _export(tmp_path, super_regional, "b") == plain
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"  # left as it was


def test_the_document_title_holds_no_control_or_bidi_characters(tmp_path, super_regional):
    super_regional.title.en = "Battery\x07 hub\u202e reversed\u200b\nsecond line\ttab"
    info = reader(_export(tmp_path, super_regional, "t")).metadata
    assert info.title == "Battery hub reversed second line tab"


def test_the_packet_is_dated_by_the_proposal_and_only_by_it(tmp_path, super_regional):
    import datetime as dt

    first = _export(tmp_path, super_regional, "d1")
    assert _export(tmp_path, super_regional, "d2") == first  # the same proposal, the same bytes
    day = super_regional.date.strftime("%Y%m%d")
    info = reader(first).metadata
    assert info["/CreationDate"].startswith(f"D:{day}000000") and info["/ModDate"] == info["/CreationDate"]
    super_regional.date = super_regional.date + dt.timedelta(days=3)
    later = reader(_export(tmp_path, super_regional, "d3")).metadata
    assert later["/CreationDate"].startswith(f"D:{super_regional.date.strftime('%Y%m%d')}000000")
    assert later["/CreationDate"] != info["/CreationDate"]


def test_a_packet_with_a_scanned_pdf_keeps_the_proposals_date(tmp_path, super_regional):
    from forms.model import ScanAttachment
    from tests import scanfiles

    super_regional.attachments.append(ScanAttachment(id="s", slot="other", name="s.pdf",
                                                     media_type="application/pdf", data=scanfiles.pdf(1)))
    info = reader(_export(tmp_path, super_regional, "s")).metadata
    assert info["/CreationDate"].startswith(f"D:{super_regional.date.strftime('%Y%m%d')}000000")
