"""Attaching scans in the window (the Export step): Add… takes a file as the chosen kind, Remove
takes the selected one out, both undo and redo; a file that cannot be attached is named in a
message and changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from forms.files.exchange import fingerprint
from forms.steps import STEPS, Step
from tests import scanfiles
from tests.ui.helpers import settle


def _page(window):
    window.go(STEPS.index(Step.EXPORT))
    settle()
    return window.export


def test_add_and_remove_a_scan_with_undo_and_redo(sample_window, qtbot, tmp_path, monkeypatch):
    w = sample_window
    page = _page(w)
    scan = tmp_path / "commitment.pdf"
    scan.write_bytes(scanfiles.pdf(2))
    monkeypatch.setattr("ui.pages.export.open_file", lambda *args, **kw: str(scan))
    before = fingerprint(w.doc.proposal)
    page.slot.setCurrentIndex(page.slot.findData("local_funds_commitment"))
    assert page.scans.count() == 0 and not page.remove_scan.isEnabled()

    qtbot.mouseClick(page.add_scan, Qt.MouseButton.LeftButton)
    settle()
    attached = w.doc.proposal.attachments
    assert [(a.slot, a.name, a.data) for a in attached] == [("local_funds_commitment", "commitment.pdf",
                                                             scan.read_bytes())]
    assert page.scans.count() == 1 and "commitment.pdf" in page.scans.item(0).text()
    assert "Local-funds commitment" in page.scans.item(0).text()
    assert fingerprint(w.doc.proposal) != before

    w.doc.undo_stack.undo()
    settle()
    assert w.doc.proposal.attachments == [] and page.scans.count() == 0
    assert fingerprint(w.doc.proposal) == before
    w.doc.undo_stack.redo()
    settle()
    assert page.scans.count() == 1

    page.scans.setCurrentRow(0)
    assert page.remove_scan.isEnabled()
    page.remove_scan.click()
    settle()
    assert w.doc.proposal.attachments == [] and page.scans.count() == 0
    w.doc.undo_stack.undo()
    settle()
    assert [a.name for a in w.doc.proposal.attachments] == ["commitment.pdf"]
    assert page.scans.count() == 1


def test_a_file_that_cannot_be_attached_gets_a_message_and_changes_nothing(sample_window, tmp_path, monkeypatch):
    w = sample_window
    page = _page(w)
    bad = tmp_path / "letter.png"
    bad.write_bytes(b"not a picture at all")
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    depth = w.doc.undo_stack.count()
    assert not page.attach_scan(str(bad))
    assert said and "letter.png" in said[0] and "PNG" in said[0]
    assert w.doc.proposal.attachments == [] and w.doc.undo_stack.count() == depth
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(scanfiles.encrypted_pdf())
    assert not page.attach_scan(str(locked))
    assert "password" in said[-1]
    assert w.doc.proposal.attachments == []


def test_an_attached_scan_is_stored_in_the_database_record(sample_window, store, tmp_path):
    w = sample_window
    page = _page(w)
    scan = tmp_path / "letter.jpg"
    scan.write_bytes(scanfiles.image("JPEG"))
    assert page.attach_scan(str(scan))
    w.doc.flush()
    stored, _version = store.load(w.doc.proposal.id)
    assert [(a.name, a.media_type, a.data) for a in stored.attachments] == [
        ("letter.jpg", "image/jpeg", scan.read_bytes())]


def test_a_scan_over_the_proposals_total_gets_a_message_and_changes_nothing(sample_window, tmp_path, monkeypatch):
    import dataclasses

    from forms import profile

    w = sample_window
    page = _page(w)
    scan = tmp_path / "letter.png"
    scan.write_bytes(scanfiles.image("PNG"))
    size = scan.stat().st_size
    real = profile.load_profile
    monkeypatch.setattr(profile, "load_profile", lambda call: dataclasses.replace(
        real(call), scan_limit=dataclasses.replace(real(call).scan_limit, max_total_bytes=2 * size + 10)))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    assert page.attach_scan(str(scan)) and page.attach_scan(str(scan))
    depth = w.doc.undo_stack.count()
    assert not page.attach_scan(str(scan))
    assert len(said) == 1 and "letter.png" in said[0] and "was not attached" in said[0]
    assert "would come to" in said[0] and "lower resolution" in said[0]
    assert len(w.doc.proposal.attachments) == 2 and w.doc.undo_stack.count() == depth
    assert page.scans.count() == 2


def test_export_as_a_file_never_writes_one_too_large_to_import_again(sample_window, tmp_path, monkeypatch):
    """Attachments stored by an older version beyond what a file carries: File → Export as a file
    says so and writes nothing, rather than a file File → Import would refuse."""

    from forms.files import exchange, exchange_read, exchange_write

    w = sample_window
    page = _page(w)
    scan = tmp_path / "letter.png"
    scan.write_bytes(scanfiles.image("PNG"))
    assert page.attach_scan(str(scan))
    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", len(exchange.dumps(w.doc.proposal).encode("utf-8")) - 1)
    monkeypatch.setattr(exchange_write, "MAX_FILE_BYTES", len(exchange.dumps(w.doc.proposal).encode("utf-8")) - 1)
    monkeypatch.setattr(exchange_read, "MAX_FILE_BYTES", len(exchange.dumps(w.doc.proposal).encode("utf-8")) - 1)
    out = tmp_path / "out.json"
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(out)])
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    w.menus.export_file.trigger()
    assert not out.exists()
    assert len(said) == 1 and "out.json was not written" in said[0] and "attached documents take" in said[0]
