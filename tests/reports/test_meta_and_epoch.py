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
