"""Step 6: every finding, grouped by step, with its severity and message; activating one jumps to
the field and focuses it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from forms.base.errors import InputError
from forms.base.i18n import _, translate
from forms.rules import Finding, Report
from forms.steps import STEPS, findings_by_step, title, waiting
from forms.steps import Step as StepCode
from forms.values import ERRORS, WARNINGS, Count
from ui.files import default_file, save_file
from ui.findings import WAITS
from ui.pages.base import Page

FINDING_ROLE = Qt.ItemDataRole.UserRole  # the Finding an item shows


class WrappingDelegate(QStyledItemDelegate):
    """Messages as tall as their text wrapped to the column's width (a tree view does not wrap
    by itself: it measures every item on one line and elides it)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        if index.column() != 0:  # severity and rule: one word each, sized to their contents
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self.view.header().sectionSize(0) - self.view.indentation() * (depth + int(self.view.rootIsDecorated()))
        opt.rect.setRect(0, 0, max(1, width), 1)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        return self.view.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), self.view)


class ReviewPage(Page):
    step = StepCode.REVIEW
    jump_requested = Signal(object)  # the FieldPath of the field, with rows as they are now

    def __init__(self, doc, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(doc, parent)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        # A wider or narrower message column re-wraps the messages (once the resizing settles).
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        self.tree.header().sectionResized.connect(lambda i, _o, _n: self._relayout.start() if i == 0 else None)
        self.tree.itemActivated.connect(self._activated)
        self.layout_.addWidget(self.tree, 1)
        # The validation report as a document of its own (a final packet carries no rule codes).
        self.save_report = QPushButton()
        self.save_report.clicked.connect(self._save_report)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_report)
        self.layout_.addLayout(row)
        self._report: Report | None = None
        self._stale = False

    def retranslate(self) -> None:
        super().retranslate()
        self.tree.setHeaderLabels([_("Message"), _("Severity")])
        self.tree.setAccessibleName(_("Findings"))
        self.save_report.setText(_("Save the validation re&port as PDF…"))
        self.show_report(self._report)

    def mark(self, findings: list) -> None:  # the review lists findings; it has no fields to mark
        if self.isVisible():
            self.show_report(self.doc.report)
        else:  # rebuilt when shown: edits on other pages do not pay for it
            self._report, self._stale = self.doc.report, True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self.show_report(self.doc.report)
        super().showEvent(event)

    def show_report(self, report: Report | None) -> None:
        self._report, self._stale = report, False
        current = self.tree.currentItem()
        kept = current.data(0, FINDING_ROLE) if current else None
        keep = kept.path if kept is not None else None  # by record id: the same record after rows move
        self.tree.clear()
        if report is None:
            self.intro.setText(_("No proposal is open."))
            return
        e, w = len(report.errors), len(report.warnings)
        if not report.findings:
            self.intro.setText(_("No errors and no warnings: the proposal is ready to export."))
        else:
            self.intro.setText(_("{errors} and {warnings}. Errors block the export. "
                                 "Double-click or press Enter on a finding to go to its field.").format(
                errors=Count(e, ERRORS).render(self.lang), warnings=Count(w, WARNINGS).render(self.lang)))
        style = self.style()
        icons = {True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        grouped = findings_by_step(report)
        for step in STEPS:
            items = grouped[step]
            if not items:
                continue
            left = sum(1 for f in items if waiting(f) is None)
            head = QTreeWidgetItem([f"{title(step, self.lang)} ({left})"])
            head.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for finding in sorted(items, key=lambda f: waiting(f) is not None):  # notes after what is left
                later = waiting(finding)
                if later is not None:
                    kind = _("Note")
                    message = translate(WAITS, self.lang, message=finding.message(self.lang),
                                        step=title(later, self.lang))
                else:
                    kind, message = (_("Error") if finding.is_error else _("Warning")), finding.message(self.lang)
                child = QTreeWidgetItem([message, kind])
                child.setIcon(0, style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation) if later is not None
                              else icons[finding.is_error])
                child.setToolTip(0, self._tooltip(report, finding))
                child.setData(0, FINDING_ROLE, finding)
                head.addChild(child)
                if keep is not None and finding.path == keep:
                    self.tree.setCurrentItem(child)
            head.setExpanded(True)

    def _tooltip(self, report: Report, finding: Finding) -> str:
        """The message and what the rule rests on (the call's clause, in words), not the rule's
        code: the code is for the validation report and the command line."""
        clause = report.profile.clause(finding.rule.clause) if report.profile is not None else None
        basis = clause.explained(self.lang) if clause is not None else ""
        text = finding.message(self.lang)
        return text + "\n" + _("Basis in the call: {basis}").format(basis=basis) if basis else text

    def _save_report(self) -> None:
        path = save_file(self, _("Save the validation report"), default_file("validation-report", "validation-report", "pdf"),
                         _("PDF files (*.pdf)"))
        if path:
            self.write_report(path)

    def write_report(self, path: str) -> bool:
        """Write the validation report of the open proposal to ``path``, in the window's language."""
        from reports.export import write_report

        p = self.doc.proposal
        if p is None:
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write_report(p.copy(), path, lang=self.lang)
        except InputError as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, _("Save the validation report"), exc.text(self.lang))
            return False
        QGuiApplication.restoreOverrideCursor()
        return True

    def _activated(self, item: QTreeWidgetItem) -> None:
        finding = item.data(0, FINDING_ROLE)
        where = finding.rows(self.doc.proposal) if finding is not None and self.doc.proposal is not None else None
        if where is not None:
            self.jump_requested.emit(where)

    def widget_for(self, path: str) -> QWidget | None:
        return None
