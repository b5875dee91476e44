"""The window's signing dialog: it lists the packet's fields and who signed them, signs the lead's
field with a key file (the password typed once, then cleared), says a wrong password in words and
writes nothing; and the export page offers it for a final packet only."""

import pytest

from signing.sign import fields
from tests.signing.conftest import PASSWORD
from ui.signdialog import SignDialog, signed_name


@pytest.fixture
def dialog(qtbot, files):
    d = SignDialog(str(files / "packet.pdf"))
    qtbot.addWidget(d)
    return d


def _fill(d, files, password):
    d.cert.setText(str(files / "gb" / "signCert.der"))
    d.key.setText(str(files / "gb" / "signPri.key"))
    d.password.setText(password)


def test_the_dialog_signs_the_lead_field_and_shows_the_signature(dialog, files, tmp_path):
    items = [dialog.signatures.item(i).text() for i in range(dialog.signatures.count())]
    assert items == ["KR-47: not signed yet", "KR-27: not signed yet"]
    assert [dialog.field.itemText(i) for i in range(dialog.field.count())] == ["KR-47"]  # the lead signs first
    assert dialog.out.text() == signed_name(str(files / "packet.pdf"), "KR-47")
    out = tmp_path / "signed.pdf"
    dialog.out.setText(str(out))
    _fill(dialog, files, PASSWORD)
    dialog.sign_button.click()
    assert dialog.password.text() == ""
    assert [(f.name, f.signed) for f in fields(out.read_bytes())] == [("KR-47", True), ("KR-27", False)]
    shown = dialog.signatures.item(0).text()
    assert shown.startswith("KR-47: 경상북도지사 홍길동, B-B") and "intact" in shown and "not trusted" in shown
    assert "No trust anchors given" in dialog.trust_note.text()
    assert [dialog.field.itemText(i) for i in range(dialog.field.count())] == ["KR-27"]


def test_a_wrong_password_is_said_and_nothing_written(dialog, files, tmp_path):
    out = tmp_path / "signed.pdf"
    dialog.out.setText(str(out))
    _fill(dialog, files, "wrong")
    dialog.sign_button.click()
    assert "password does not open" in dialog.message.text() and not out.exists()
    assert dialog.password.text() == ""


def test_a_signed_packet_opened_to_verify_is_trusted_once_its_root_is_chosen(qtbot, files, tmp_path):
    import main

    out = tmp_path / "s.pdf"
    assert main.main(["sign", str(files / "packet.pdf"), "--field", "KR-47", "--out", str(out), "--cert",
                      str(files / "gb" / "signCert.der"), "--key", str(files / "gb" / "signPri.key"),
                      "--password-file", str(files / "password.txt"), "--chain", str(files / "ca.der")]) == 0
    d = SignDialog(str(out), sign=False)
    qtbot.addWidget(d)
    assert d.sign_box.isHidden() and "not trusted" in d.signatures.item(0).text()
    d.roots = [str(files / "root.pem")]
    d.reload()
    assert ", trusted," in d.signatures.item(0).text()
    assert "root.pem" in d.trust_note.text()
