"""Step 7: the documents attached to the proposal (scans, printed after the generated
attachments), the format (the PDF packet, its editable HWPX copy, or the budget workbook), the
packet's language, the draft option and the output file; then open the file, open its folder, or
print it through the system."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QWidget,
)

from forms.base.errors import InputError
from forms.base.i18n import LANGUAGES, N_, NATIVE_NAMES, _
from forms.fieldpath import ATTACHMENTS, ROOT, FieldPath
from forms.model import SLOT_NAMES, ScanSlot
from forms.steps import Step, export_allowed, export_blocked_reason, export_draft_reason
from reports.export import FORMATS, check_export, with_suffix  # the command line's rules too
from ui.faults import unexpected
from ui.files import default_file, fallback_name, open_file, open_with_system, save_file
from ui.marks import ERROR_COLOUR, WARNING_COLOUR
from ui.pages.base import Page


class ExportPage(Page):
    step = Step.EXPORT
    exported = Signal(str)

    def __init__(self, doc, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(doc, parent)
        self._attachments_box()
        self.box = QGroupBox()
        form = QFormLayout(self.box)
        self.format = QComboBox()
        for fmt in FORMATS:
            self.format.addItem("", fmt)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.format_label = QLabel()
        self.format_label.setBuddy(self.format)
        form.addRow(self.format_label, self.format)
        self.packet_lang = QComboBox()
        for code in ("ko", "en"):
            self.packet_lang.addItem(NATIVE_NAMES[code], code)
        self.lang_label = QLabel()
        self.lang_label.setBuddy(self.packet_lang)
        form.addRow(self.lang_label, self.packet_lang)
        self.draft = QCheckBox()
        self.draft.toggled.connect(self._update_state)
        form.addRow("", self.draft)
        self.file = QLineEdit()
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        self.file_label = QLabel()
        self.file_label.setBuddy(self.file)
        form.addRow(self.file_label, row)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        form.addRow("", self.export_button)
        #: Why the last export failed (the folder is gone, the file is open elsewhere): until the
        #: next export succeeds or another file is named.
        self.failure = QLabel()
        self.failure.setWordWrap(True)
        self.failure.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.failure.setVisible(False)
        self.file.textChanged.connect(lambda _text: self._show_failure(""))  # typed, browsed or proposed
        form.addRow("", self.failure)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.layout_.addWidget(self.box)
        self.layout_.addWidget(self.reason)

        self.done_box = QGroupBox()
        done = QHBoxLayout(self.done_box)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_pdf = QPushButton()
        self.open_pdf.clicked.connect(lambda: self._open(self.last_file))
        self.open_folder = QPushButton()
        self.open_folder.clicked.connect(lambda: self._open(os.path.dirname(self.last_file)))
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self._print)
        self.sign_button = QPushButton()  # a final PDF packet only: a draft has no signature fields
        self.sign_button.clicked.connect(lambda: self.open_signatures(self.last_file))
        done.addWidget(self.result, 1)
        for b in (self.open_pdf, self.open_folder, self.print_button, self.sign_button):
            done.addWidget(b)
        self.done_box.setVisible(False)
        self.layout_.addWidget(self.done_box)
        self.verify_button = QPushButton()
        self.verify_button.clicked.connect(lambda: self.open_signatures(""))
        verify_row = QHBoxLayout()
        verify_row.addWidget(self.verify_button)
        verify_row.addStretch(1)
        self.layout_.addLayout(verify_row)
        self.layout_.addStretch(1)
        self.sign_dialog = None
        self.last_file = ""

    # -- attached documents --------------------------------------------------------------------
    def _attachments_box(self) -> None:
        """The scans attached to the proposal: a list, the kind of the next one, Add… and Remove."""
        self.scans_box = QGroupBox()
        form = QFormLayout(self.scans_box)
        self.scans = QListWidget()
        self.scans.setMaximumHeight(110)
        self.scans.currentRowChanged.connect(lambda _row: self._scan_buttons())
        form.addRow(self.scans)
        self.slot = QComboBox()
        for slot in ScanSlot:
            self.slot.addItem("", slot.value)
        self.slot_label = QLabel()
        self.slot_label.setBuddy(self.slot)
        self.add_scan = QPushButton()
        self.add_scan.clicked.connect(self.choose_scan)
        self.remove_scan = QPushButton()
        self.remove_scan.clicked.connect(self.remove_selected_scan)
        row = QHBoxLayout()
        row.addWidget(self.slot, 1)
        row.addWidget(self.add_scan)
        row.addWidget(self.remove_scan)
        form.addRow(self.slot_label, row)
        self.layout_.addWidget(self.scans_box)

    def _fill_scans(self) -> None:
        p = self.doc.proposal
        self.scans.clear()
        for number, a in enumerate(p.attachments if p else [], start=1):
            kind = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG"}.get(a.media_type, "")
            size = f"{len(a.data) / 1024:,.0f} KB"
            item = QListWidgetItem(f"{number}. {_(SLOT_NAMES.get(a.slot, SLOT_NAMES[ScanSlot.OTHER]))} — "
                                   f"{a.name} ({kind}, {size})")
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.scans.addItem(item)
        self._scan_buttons()

    def _scan_buttons(self) -> None:
        self.add_scan.setEnabled(self.doc.proposal is not None)
        self.remove_scan.setEnabled(self.scans.currentRow() >= 0)

    def choose_scan(self) -> None:
        path = open_file(self, _("Attach a scanned document"), _("Scanned documents (*.pdf *.png *.jpg *.jpeg)"))
        if path:
            self.attach_scan(path)

    def attach_scan(self, path: str) -> bool:
        """Attach the file at ``path`` as the chosen kind, as one undoable edit; a file that
        cannot be attached is named in a message and changes nothing."""
        from forms.profile import ProfileError, load_profile
        from reports.scan_file import read_scan
        from reports.scans import check

        p = self.doc.proposal
        if p is None:
            return False
        try:
            scan = read_scan(path, self.slot.currentData(), load_profile(p.call).scan_limit, p.attachments)
            check(scan.media_type, scan.data, scan.name)  # what the packet will do with it, done now
        except (InputError, ProfileError) as exc:
            QMessageBox.warning(self, _("Attach a scanned document"), exc.text(self.lang))
            return False
        self.doc.edit("attachments", [*p.attachments, scan], text=N_("Attach a document"))
        self.scans.setCurrentRow(self.scans.count() - 1)
        return True

    def remove_selected_scan(self) -> None:
        p = self.doc.proposal
        row = self.scans.currentRow()
        if p is None or row < 0:
            return
        self.doc.edit("attachments", p.attachments[:row] + p.attachments[row + 1:],
                      text=N_("Remove an attached document"))

    def retranslate(self) -> None:
        super().retranslate()
        self.scans_box.setTitle(_("Attached documents (scans, printed after the generated attachments)"))
        self.scans.setAccessibleName(_("Attached documents"))
        for i, slot in enumerate(ScanSlot):
            self.slot.setItemText(i, _(SLOT_NAMES[slot]))
        self.slot_label.setText(_("&Kind:"))
        self.slot.setAccessibleName(_("Kind of the document to attach"))
        self.add_scan.setText(_("&Add…"))
        self.remove_scan.setText(_("Remo&ve"))
        self._fill_scans()
        self.intro.setText(_("Export the submission packet as a PDF, ready to print, seal and send, or as its editable HWPX copy for "
                            "Hancom Office, or the budget as an Excel workbook."))
        self.box.setTitle(_("What to export"))
        self.format_label.setText(_("For&mat:"))
        self.format.setAccessibleName(_("Format"))
        names = {"pdf": _("PDF packet: the checked document to print, seal and send"),
                 "hwpx": _("HWPX copy (.hwpx): the same packet, to edit in Hancom Office"),
                 "xlsx": _("Excel workbook (.xlsx): the budget, to edit and import back")}
        for i, fmt in enumerate(FORMATS):
            self.format.setItemText(i, names[fmt])
        self.lang_label.setText(_("Document lan&guage:"))
        self.packet_lang.setAccessibleName(_("Document language"))
        self.file_label.setText(_("O&utput file:"))
        self.file.setAccessibleName(_("Output file"))
        self.browse.setText(_("Bro&wse…"))
        self.done_box.setTitle(_("Exported"))
        self.open_pdf.setText(_("&Open the file"))
        self.open_folder.setText(_("Open its folde&r"))
        self.print_button.setText(_("&Print…"))
        self.sign_button.setText(_("&Sign…"))
        self.verify_button.setText(_("Verif&y a packet…"))
        if self.last_file:
            self.result.setText(_("Written: {file}").format(file=self.last_file))
        self._format_texts()
        self._update_state()

    def _format_texts(self) -> None:
        """The button and the draft option say what the chosen format makes; Print is offered for
        the PDF only (the one document printed and sealed as it is)."""
        fmt = self.format.currentData()
        self.export_button.setText({"pdf": _("E&xport the PDF packet"), "hwpx": _("E&xport the HWPX copy"),
                                    "xlsx": _("E&xport the budget workbook")}[fmt])
        self.draft.setText(_("&Draft: mark the printed sheets as a draft (allowed with errors)") if fmt == "xlsx"
                           else _("&Draft: mark every page as a draft (allowed with errors)"))
        self.print_button.setVisible(fmt == "pdf")

    def refresh(self, path: str) -> None:
        p = self.doc.proposal
        if p is None:
            return
        where = FieldPath.parse(path)
        if where == ROOT or where.within(ATTACHMENTS):
            self._fill_scans()
        if path == "":
            self.file.setText(default_file(p.title.get(self.lang), fallback_name(p), self.format.currentData()))
            packet = self.lang if self.lang in LANGUAGES else "en"  # a packet has no pseudo-language
            self.packet_lang.setCurrentIndex(max(0, self.packet_lang.findData(packet)))
            self.done_box.setVisible(False)
            self.last_file = ""

    def mark(self, findings: list) -> None:
        self._update_state()

    def _update_state(self) -> None:
        """The button and the words under it follow the Draft box: unticked, the errors block the
        export (in red); ticked, they no longer do, and the words say what the draft carries."""
        report = self.doc.report
        draft = self.draft.isChecked() and report is not None
        allowed = report is not None and (export_allowed(report) or draft)
        self.export_button.setEnabled(allowed)
        if report is None:
            reason = _("No proposal is open.")
        elif draft:
            reason = "\n".join(t for t in (
                _("Draft: the workbook's printed sheets will be marked as a draft.")
                if self.format.currentData() == "xlsx" else
                _("Draft: the packet will be marked as a draft on every page."),
                export_draft_reason(report, self.lang)) if t)
        else:
            reason = export_blocked_reason(report, self.lang)
        self.reason.setStyleSheet(f"color: {WARNING_COLOUR if draft else ERROR_COLOUR};")
        self.reason.setText(reason)
        self.export_button.setToolTip(reason)

    def _format_changed(self) -> None:
        if self.file.text().strip():
            self.file.setText(with_suffix(self.file.text().strip(), self.format.currentData()))
        self.done_box.setVisible(False)
        self._show_failure("")
        self._format_texts()
        self._update_state()

    def _show_failure(self, text: str) -> None:
        self.failure.setText(text)
        self.failure.setVisible(bool(text))

    def _browse(self) -> None:
        fmt = self.format.currentData()
        filters = {"pdf": _("PDF files (*.pdf)"), "hwpx": _("HWPX documents (*.hwpx)"),
                   "xlsx": _("Excel workbooks (*.xlsx)")}
        path = save_file(self, _("Export the packet"), self.file.text(), filters[fmt])
        if path:
            self.file.setText(with_suffix(path, fmt))

    def export(self) -> bool:
        from reports.export import export_packet

        p = self.doc.proposal
        out = self.file.text().strip()
        if p is None or not out:
            return False
        self.done_box.setVisible(False)  # the last export's "written" is not this one's
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            fmt = check_export(out, self.format.currentData())  # the unit is the packet's; the workbook asks none
            written = export_packet(p.copy(), out, lang=self.packet_lang.currentData(), draft=self.draft.isChecked(),
                                    unit=p.budget.entry_unit, fmt=fmt)
        except InputError as exc:  # said under the button until an export succeeds
            self._show_failure(exc.text(self.lang))
            return False
        except Exception as exc:  # noqa: BLE001 - a fault in a writer: said in red like any failure, the page stays usable
            self._show_failure(unexpected(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_failure("")
        self.last_file = os.path.abspath(out)
        lines = [_("Written: {file}").format(file=self.last_file)]
        lines += [_("It is not an archival PDF (PDF/A-2u): {reason}.").format(reason=shortfall.text(self.lang))
                  for shortfall in written.not_archival]
        self.result.setText("\n".join(lines))
        self.sign_button.setVisible(fmt == "pdf" and not self.draft.isChecked())
        self.done_box.setVisible(True)
        self.open_pdf.setFocus()
        self.exported.emit(self.last_file)
        return True

    def open_signatures(self, path: str) -> None:
        """The packet's signature fields and signatures, and signing one (``path``: the packet just
        exported; empty: a packet chosen from the disk). pyHanko loads only now."""
        from ui.signdialog import open_signatures

        self.sign_dialog = open_signatures(self, path)

    def _open(self, path: str) -> None:
        open_with_system(path, lambda: self._no_program(path), self)

    def _no_program(self, path: str) -> None:
        if os.path.isdir(path):
            text = _("No program on this computer opens folders from here. The folder is:\n{path}")
        elif path.lower().endswith(".xlsx"):
            text = _("No program on this computer opens Excel workbooks. Install a spreadsheet program, or open "
                     "the file from another computer:\n{path}")
        elif path.lower().endswith(".hwpx"):
            text = _("No program on this computer opens HWPX documents. Install Hancom Office (or its viewer), or "
                     "open the file from another computer:\n{path}")
        else:
            text = _("No program on this computer opens PDF files. Install a PDF viewer, or open the file "
                     "from another computer:\n{path}")
        text = text.format(path=path)
        if not os.path.isdir(path):  # the folder on its own line, to find the file by hand
            text += "\n\n" + _("It is in the folder:\n{folder}").format(folder=os.path.dirname(path))
        QMessageBox.information(self, _("Export the packet"), text)

    def _print(self) -> None:
        """Hand the PDF to the system: Windows prints it directly, elsewhere the PDF viewer opens."""
        if not self.last_file:
            return
        starter = getattr(os, "startfile", None)
        if starter is not None:
            try:
                starter(self.last_file, "print")
                return
            except OSError:  # no program is registered to print PDF files
                pass
        self._open(self.last_file)

    def widget_for(self, path: str) -> QWidget | None:
        return None
