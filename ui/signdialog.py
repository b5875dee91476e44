"""Signing a final packet in a region's field, and seeing who has signed it.

The dialog lists the packet's signature fields: who signed each, at which PAdES level, and whether
the signature is intact and trusted (by the root certificates chosen with "Root certificates…"; the
app ships none). It signs one field with a Korean key file (signCert.der and signPri.key, the
choosers starting in the NPKI/GPKI folders that exist) or a security token, the password or PIN typed
in a hidden field that is cleared after every attempt and never stored. pyHanko is loaded when the
dialog opens (``signing/``), never with the window.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from forms.base.errors import InputError
from forms.base.i18n import _, current_language
from ui.faults import unexpected
from ui.files import open_file, open_files
from ui.marks import ERROR_COLOUR


def signed_name(path: str, field: str) -> str:
    """``packet.pdf`` signed in KR-47: ``packet-KR-47.pdf`` beside it."""
    root, ext = os.path.splitext(path)
    return f"{root}-{field}{ext or '.pdf'}"


class SignDialog(QDialog):
    def __init__(self, path: str, parent: QWidget | None = None, sign: bool = True) -> None:
        super().__init__(parent)
        from signing.places import certificate_folders

        self.path = path
        self.roots: list[str] = []
        self.folders = certificate_folders()
        self.setWindowTitle(_("Signatures of {file}").format(file=os.path.basename(path)))
        layout = QVBoxLayout(self)
        self.signatures = QListWidget()
        self.signatures.setAccessibleName(_("Signatures"))
        layout.addWidget(QLabel(_("Signature fields (one per region, the lead region's first):")))
        layout.addWidget(self.signatures)
        row = QHBoxLayout()
        self.trust_note = QLabel()
        self.trust_note.setWordWrap(True)
        self.trust_button = QPushButton(_("&Root certificates…"))
        self.trust_button.clicked.connect(self._choose_roots)
        row.addWidget(self.trust_note, 1)
        row.addWidget(self.trust_button)
        layout.addLayout(row)

        self.sign_box = QGroupBox(_("Sign a field"))
        form = QFormLayout(self.sign_box)
        self.field = QComboBox()
        form.addRow(_("&Field:"), self.field)
        self.by_file = QRadioButton(_("With a &key file (signCert.der and signPri.key)"))
        self.by_token = QRadioButton(_("With a security &token (PKCS#11)"))
        self.by_file.setChecked(True)
        form.addRow(self.by_file)
        self.cert = self._file_row(form, _("&Certificate:"), _("Certificates (*.der *.cer *.crt *.pem)"))
        self.key = self._file_row(form, _("Key &file:"), _("Key files (*.key)"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("&Password:"), self.password)
        form.addRow(self.by_token)
        self.library = self._file_row(form, _("PKCS#11 &library:"), _("Libraries (*.dll *.so *.dylib)"))
        self.token = QLineEdit()
        form.addRow(_("Token &label:"), self.token)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("P&IN:"), self.pin)
        self.out = QLineEdit()
        form.addRow(_("Signed file:"), self.out)
        self.sign_button = QPushButton(_("&Sign"))
        self.sign_button.clicked.connect(self.sign)
        form.addRow("", self.sign_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.message)
        self.field.currentIndexChanged.connect(self._propose_out)
        layout.addWidget(self.sign_box)
        self.sign_box.setVisible(sign)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def _file_row(self, form: QFormLayout, label: str, filters: str) -> QLineEdit:
        edit = QLineEdit()
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(lambda: self._browse(edit, label, filters))
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        form.addRow(label, row)
        return edit

    def _browse(self, edit: QLineEdit, label: str, filters: str) -> None:
        start = os.path.dirname(edit.text()) or (self.folders[0] if self.folders else "")
        chosen = open_file(self, label.replace("&", "").rstrip(":"), filters, start)
        if chosen:
            edit.setText(chosen)

    def _choose_roots(self) -> None:
        chosen = open_files(self, _("Root certificates"), _("Certificates (*.der *.cer *.crt *.pem)"))
        if chosen:
            self.roots = chosen
            self.reload()

    def _propose_out(self) -> None:
        field = self.field.currentText()
        if field:
            self.out.setText(signed_name(self.path, field))

    def reload(self) -> None:
        """The fields and signatures of the packet as it is now."""
        from signing.sign import fields, read_packet
        from signing.verify import verify

        self.signatures.clear()
        self.field.clear()
        lang = current_language()
        try:
            data = read_packet(self.path)
            found = fields(data, self.path)
            from signing.verify import read_roots

            checks = verify(data, read_roots(self.roots), self.path)
        except InputError as exc:
            self.signatures.addItem(exc.text(lang))
            self.sign_box.setEnabled(False)
            return
        by_field = {c.field: c for c in checks.signatures}
        for f in found:
            check = by_field.get(f.name)
            if check is None:
                self.signatures.addItem(_("{field}: not signed yet").format(field=f.name))
                continue
            state = [_("intact") if check.intact else _("changed after signing"),
                     _("trusted") if check.trusted else _("not trusted"),
                     _("covers the document") if check.covers else _("changed in a way it does not allow")]
            self.signatures.addItem(_("{field}: {signer}, {level} — {state}").format(
                field=f.name, signer=check.signer, level=check.level, state=", ".join(state)))
        signed = any(f.signed for f in found)
        self.field.addItems([f.name for f in found if not f.signed and (signed or f is found[0])])
        self.sign_box.setEnabled(self.field.count() > 0)
        self.trust_note.setText(_("Trusted by: {roots}").format(roots=", ".join(os.path.basename(r) for r in self.roots))
                                if self.roots else _("No trust anchors given: choose the root certificates of GPKI "
                                                     "or of the accredited CAs to see whether a signature is trusted."))

    def sign(self) -> bool:
        from forms.base.atomic import write_bytes
        from signing import sign

        field, out = self.field.currentText(), self.out.text().strip()
        password, pin = self.password.text(), self.pin.text()
        self.password.clear()  # typed for one attempt, never kept
        self.pin.clear()
        if not field or not out:
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            data = sign.read_packet(self.path)
            if self.by_file.isChecked():
                signer = sign.key_file_signer(self.cert.text().strip(), self.key.text().strip(), password)
                signed = sign.sign_packet(data, field, signer, path=self.path)
            else:
                with sign.token_signer(self.library.text().strip(), self.token.text().strip(), pin) as signer:
                    signed = sign.sign_packet(data, field, signer, path=self.path)
            write_bytes(out, signed)
        except InputError as exc:
            return self._say(exc.text(current_language()), error=True)
        except OSError as exc:
            return self._say(str(exc), error=True)
        except Exception as exc:  # noqa: BLE001 - a fault of a token's library or of pyHanko: said, the dialog stays usable
            return self._say(unexpected(exc), error=True)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.path = out
        self.setWindowTitle(_("Signatures of {file}").format(file=os.path.basename(out)))
        self.reload()
        return not self._say(_("Signed the field {field}. Wrote {file}.").format(field=field, file=out))

    def _say(self, text: str, error: bool = False) -> bool:
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
        self.message.setText(text)
        return False


def open_signatures(parent: QWidget, path: str = "") -> SignDialog | None:
    """Choose a signed packet (unless ``path``) and show its signatures."""
    path = path or open_file(parent, _("Verify a packet"), _("PDF files (*.pdf)"))
    if not path:
        return None
    dialog = SignDialog(path, parent, sign=True)
    dialog.open()
    return dialog


__all__ = ["SignDialog", "open_signatures", "signed_name"]
