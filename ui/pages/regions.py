"""Step 3: the lead and partner regions (only eligible ones, named as at the call's date) and
the organisations taking part."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from forms import regions
from forms.base.errors import InputError
from forms.base.i18n import N_, _, fill
from forms.dependents import dependents, without
from forms.fieldpath import ORGANISATIONS, PARTNER_REGIONS, ROOT, FieldPath
from forms.model import Organisation, OrgKind, OrgRole, Text, label
from forms.profile import load_profile
from forms.steps import Step
from ui import choice_keys
from ui.pages.base import (
    Page,
    apply_widths,
    choice_width,
    proposal_field,
    remember_columns,
    set_combo,
    set_text,
    share_width,
    steady_width,
)

COLUMNS = ("name.ko", "name.en", "kind", "role", "region")

_LEAD = FieldPath(("lead_region",))


class RegionsPage(Page):
    step = Step.REGIONS

    def __init__(self, doc, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(doc, parent)
        self.regions_box = QGroupBox()
        self.lead = QComboBox()
        self.lead.currentIndexChanged.connect(self._lead_changed)
        self.lead_label = QLabel()
        self.lead_label.setBuddy(self.lead)
        self.partners = QListWidget()
        self.partners.setMaximumHeight(64)
        self.partners.setFlow(QListWidget.Flow.LeftToRight)
        self.partners.setWrapping(True)
        self.partners.itemChanged.connect(self._partners_changed)
        self.partners_label = QLabel()
        self.partners_label.setBuddy(self.partners)
        form = QFormLayout(self.regions_box)
        form.addRow(self.lead_label, self.lead)
        form.addRow(self.partners_label, self.partners)

        self.orgs_box = QGroupBox()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Widths from the texts shown (see _size_columns), again whenever the table is resized or
        # its row numbers take another width (which the first showing of the page settles).
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        remember_columns(self.table.horizontalHeader(), "organisations")
        self.table.viewport().installEventFilter(self)
        self.table.verticalHeader().geometriesChanged.connect(self._size_columns)
        self.table.verticalHeader().setVisible(True)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_organisation)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_organisation)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        # Who commissions each commissioned organisation: a line of its own under the table (a
        # column of whole names did not fit beside the others), while some organisation is.
        self.commissioners_box = QWidget()
        self.commissioners = QFormLayout(self.commissioners_box)
        self.commissioners.setContentsMargins(0, 0, 0, 0)
        self.commissioners_box.hide()
        box = QVBoxLayout(self.orgs_box)
        box.addWidget(self.table)
        box.addWidget(self.commissioners_box)
        box.addLayout(buttons)
        self.layout_.addWidget(self.regions_box)
        self.layout_.addWidget(self.orgs_box, 1)
        self.add_findings()
        self._rows: list[dict[str, QWidget]] = []
        self._day: dt.date | None = None
        self._eligible: tuple[str, ...] = ()
        self._sized: tuple | None = None  # (language, width, regions) the columns were sized for

    # texts ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        self.intro.setText(_("Choose the lead region and the partner regions (only the regions eligible for "
                             "this call are offered), then list the organisations taking part."))
        self.regions_box.setTitle(_("Regions"))
        self.lead_label.setText(_("Lea&d region:"))
        self.lead.setAccessibleName(_("Lead region"))
        self.partners_label.setText(_("&Partner regions:"))
        self.partners.setAccessibleName(_("Partner regions"))
        self.orgs_box.setTitle(_("Organisations"))
        self.table.setAccessibleName(_("Organisations"))
        self.table.setHorizontalHeaderLabels(self._titles())
        self.add_button.setText(_("&Add organisation"))
        self.remove_button.setText(_("Re&move organisation"))
        self._name_combos()
        if self.doc.proposal is not None and self._rows:
            self._show_orgs()  # the commissioning organisations' names in the new language

    @staticmethod
    def _titles() -> list[str]:
        return [_("Name (Korean)"), _("Name (English)"), _("Kind"), _("Role"), _("Region")]

    def _region_name(self, code: str) -> str:
        return regions.name(code, self._day or dt.date.today(), self.lang) if code else _("(choose)")

    def _name_combos(self) -> None:
        for combo in [self.lead] + [r["region"] for r in self._rows]:
            for i in range(combo.count()):
                combo.setItemText(i, self._region_name(combo.itemData(i)))
        for i in range(self.partners.count()):
            item = self.partners.item(i)
            item.setText(self._region_name(item.data(Qt.ItemDataRole.UserRole)))
        for r, widgets in enumerate(self._rows):
            for key in ("kind", "role"):
                combo = widgets[key]
                for i in range(combo.count()):
                    combo.setItemText(i, label(combo.itemData(i), self.lang))
            for key, name in zip(COLUMNS, self._titles(), strict=True):
                widgets[key].setAccessibleName(_("Organisation {number}: {field}").format(number=r + 1, field=name))
        self._size_columns()

    def _size_columns(self) -> None:
        """Each drop-down column as wide as its header and the longest choice it offers, so a choice
        made later is shown whole ("중소기업", not "중소:") without moving any column; the two name
        columns share the rest equally. Measured when a proposal is opened, the language changes
        or the table is resized, never while names are typed or choices made."""
        header = self.table.horizontalHeader()
        room = steady_width(self.table)
        shape = (self.lang, room, self._eligible)
        if shape == self._sized:
            return
        self._sized = shape
        floors = [header.sectionSizeFromContents(col).width() for col in range(len(COLUMNS))]
        every, shown = list(floors), list(floors)
        for widgets in self._rows:
            for col, key in enumerate(COLUMNS[2:], start=2):
                combo = widgets[key]
                offered = [combo.itemText(i) for i in range(combo.count())]
                every[col] = max(every[col], choice_width(self.table, offered) + 2)  # + the grid's lines
                shown[col] = max(shown[col], choice_width(self.table, [combo.currentText()]) + 2)
        # Room for every choice if the names keep theirs; else (a narrow window, a long language)
        # for the choices made, the others scrolling in their drop-downs.
        widths = every if room - sum(every[2:]) >= sum(floors[:2]) else shown
        rest = room - sum(widths[2:])
        widths[:2] = share_width(rest, [rest, rest], floors[:2])  # Korean and English alike, names or not
        apply_widths(header, widths)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._size_columns()
        return False

    # values -----------------------------------------------------------------------------------
    def refresh(self, path: str) -> None:
        p = self.doc.proposal
        if p is None:
            return
        where = FieldPath.parse(path)
        if where == ROOT:
            self._load_call()
        if where in (ROOT, _LEAD) or where.within(PARTNER_REGIONS):
            self._show_regions()
        if where == ROOT or where.within(ORGANISATIONS):
            self._show_orgs()  # the columns stay as they are: they were sized for every choice
        if where == ROOT:
            self._sized = None  # another proposal: measured again
            self._size_columns()

    def _load_call(self) -> None:
        p = self.doc.proposal
        try:
            profile = load_profile(p.call)
            self._day, self._eligible = profile.announced, profile.eligible
        except InputError:
            self._day, self._eligible = p.date, tuple(r.code for r in regions.existing_at(p.date))
        codes = ["", *self._eligible]
        if [self.lead.itemData(i) for i in range(self.lead.count())] != codes:
            blocked = self.lead.blockSignals(True)
            self.lead.clear()
            for code in codes:
                self.lead.addItem(self._region_name(code), code)
            self.lead.blockSignals(blocked)
            blocked = self.partners.blockSignals(True)
            self.partners.clear()
            for code in self._eligible:
                item = QListWidgetItem(self._region_name(code))
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.partners.addItem(item)
            self.partners.blockSignals(blocked)
        self._rows.clear()
        self.table.setRowCount(0)

    def _show_regions(self) -> None:
        p = self.doc.proposal
        if p.lead_region and self.lead.findData(p.lead_region) < 0:
            self.lead.addItem(self._region_name(p.lead_region), p.lead_region)
        set_combo(self.lead, p.lead_region)
        blocked = self.partners.blockSignals(True)
        for i in range(self.partners.count()):
            item = self.partners.item(i)
            code = item.data(Qt.ItemDataRole.UserRole)
            checked = code in p.partner_regions
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            # The lead cannot also be a partner: not offered, unless it is already checked (then
            # the rule's error shows on it and it can be unchecked).
            item.setHidden(code == p.lead_region and not checked)
        self.partners.blockSignals(blocked)

    def _lead_changed(self) -> None:
        self.doc.edit("lead_region", self.lead.currentData() or "", text=N_("Lead region"))

    def _partners_changed(self, _item: QListWidgetItem) -> None:
        checked = {self.partners.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.partners.count())
                   if self.partners.item(i).checkState() == Qt.CheckState.Checked}
        current = list(self.doc.proposal.partner_regions)
        new = [c for c in current if c in checked or c not in self._eligible]
        new += [self.partners.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.partners.count())
                if self.partners.item(i).data(Qt.ItemDataRole.UserRole) in checked
                and self.partners.item(i).data(Qt.ItemDataRole.UserRole) not in new]
        self.doc.edit("partner_regions", new, text=N_("Partner regions"))

    # organisations ----------------------------------------------------------------------------
    def _make_row(self, r: int) -> dict[str, QWidget]:
        widgets: dict[str, QWidget] = {}
        for key in ("name.ko", "name.en"):
            edit = proposal_field(QLineEdit())
            edit.textEdited.connect(lambda text, k=key, row=r: self.doc.edit(
                f"organisations[{row}].{k}", text, merge=True, text=N_("Organisation name")))
            widgets[key] = edit
        for key, codes in (("kind", [k.value for k in OrgKind]), ("role", [k.value for k in OrgRole]),
                           ("region", ["", *[x.code for x in regions.existing_at(self._day or dt.date.today())]])):
            combo = choice_keys.install(QComboBox())  # arrows move within it; Enter or Tab choose
            for code in codes:
                combo.addItem(code, code)
            combo.currentIndexChanged.connect(lambda _i, k=key, row=r, c=combo: self.doc.edit(
                f"organisations[{row}].{k}", c.currentData() or "", text=N_("Organisation")))
            widgets[key] = combo
        for c, key in enumerate(COLUMNS):
            self.table.setCellWidget(r, c, widgets[key])
        # who commissions it: chosen among the other organisations (filled in by _show_orgs), on a
        # line under the table shown while it is commissioned
        combo = choice_keys.install(QComboBox())
        combo.currentIndexChanged.connect(lambda _i, row=r, c=combo: self._commissioner_chosen(row, c))
        label = QLabel()  # no buddy: several such lines would share one Alt letter
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.commissioners.addRow(label, combo)
        widgets["commissioned_by"], widgets["commissioned_label"] = combo, label
        return widgets

    def _show_orgs(self) -> None:
        orgs = self.doc.proposal.organisations
        if len(self._rows) != len(orgs):
            self.table.setRowCount(len(orgs))
            while len(self._rows) < len(orgs):
                self._rows.append(self._make_row(len(self._rows)))
            for gone in self._rows[len(orgs):]:
                self.commissioners.removeRow(gone["commissioned_by"])
            del self._rows[len(orgs):]
            self._name_combos()
        for widgets, org in zip(self._rows, orgs, strict=True):
            set_text(widgets["name.ko"], org.name.ko)
            set_text(widgets["name.en"], org.name.en)
            for key in ("kind", "role", "region"):
                combo = widgets[key]
                value = getattr(org, key)
                if value and combo.findData(value) < 0:
                    combo.addItem(value, value)
                set_combo(combo, value)
            self._show_commissioner(widgets["commissioned_by"], org, orgs)
            commissioned = org.role == OrgRole.COMMISSIONED or bool(org.commissioned_by)
            said = fill(_("{organisation} is commissioned by:"), organisation=org.display_name(self.lang) or "–")
            widgets["commissioned_label"].setText(said)
            widgets["commissioned_by"].setAccessibleName(said)
            self.commissioners.setRowVisible(widgets["commissioned_by"], commissioned)
        self.commissioners_box.setVisible(any(o.role == OrgRole.COMMISSIONED or o.commissioned_by for o in orgs))
        self.remove_button.setEnabled(bool(orgs))

    def _show_commissioner(self, combo: QComboBox, org: Organisation, orgs: list[Organisation]) -> None:
        """The organisations that may commission ``org`` (any other; the rules say which cannot),
        offered while it is commissioned or names one."""
        choices = [("", "–"), *((o.id, o.display_name(self.lang)) for o in orgs if o is not org)]
        if org.commissioned_by and org.commissioned_by not in {code for code, _n in choices}:
            choices.append((org.commissioned_by, org.commissioned_by))  # an unknown id stays visible
        blocked = combo.blockSignals(True)
        if [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())] != choices:
            combo.clear()
            for code, name in choices:
                combo.addItem(name, code)
        set_combo(combo, org.commissioned_by)
        combo.blockSignals(blocked)

    def _commissioner_chosen(self, row: int, combo: QComboBox) -> None:
        orgs = self.doc.proposal.organisations
        if row < len(orgs) and (combo.currentData() or "") != orgs[row].commissioned_by:
            self.doc.edit(f"organisations[{row}].commissioned_by", combo.currentData() or "", text=N_("Organisation"))

    def add_organisation(self) -> None:
        p = self.doc.proposal
        taken = {o.id for o in p.organisations}
        n = len(p.organisations) + 1
        while f"org{n}" in taken:
            n += 1
        role = OrgRole.PARTICIPANT.value if p.lead_organisation() else OrgRole.LEAD.value
        org = Organisation(f"org{n}", Text(), OrgKind.UNIVERSITY.value, p.lead_region, role)
        self.doc.edit("organisations", [*p.organisations, org], text=N_("Add organisation"))
        self.focus_path(f"organisations[{len(p.organisations) - 1}].name.ko")

    def remove_organisation(self) -> None:
        p = self.doc.proposal
        row = self.table.currentRow()
        if not p.organisations:
            return
        row = row if 0 <= row < len(p.organisations) else len(p.organisations) - 1
        org = p.organisations[row]
        found = dependents(p, org.id)
        if found and not self._confirm_removal(org, found):
            return
        self.doc.undo_stack.beginMacro(N_("Remove organisation"))
        for dependent in found:  # one undo step brings the organisation and its records back
            self.doc.edit(dependent.path, without(self.doc.value(dependent.path), dependent))
        self.doc.edit("organisations", p.organisations[:row] + p.organisations[row + 1:])
        self.doc.undo_stack.endMacro()

    def _confirm_removal(self, org: Organisation, found: list) -> bool:
        """Ask before an organisation goes with the records that name it; keeping it is the default."""
        name = org.display_name(self.lang)
        box = QMessageBox(QMessageBox.Icon.Warning, _("Remove organisation"),
                          _("{name} is named by {records}. Remove them with it, or keep the organisation?").format(
                              name=name, records=", ".join(d.describe() for d in found)), parent=self)
        remove = box.addButton(_("&Remove it with them"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("&Keep the organisation"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setObjectName("confirmRemoval")
        box.exec()
        return box.clickedButton() is remove

    def widget_for(self, path: str) -> QWidget | None:
        where = FieldPath.parse(path)
        if where == _LEAD:
            return self.lead
        if where.within(PARTNER_REGIONS):
            return self.partners
        row = where.row(ORGANISATIONS)
        if row is not None:
            if row >= len(self._rows):
                return self.table
            widgets = self._rows[row]
            return widgets.get(str(where.after(ORGANISATIONS.child(row)))) or widgets["name.ko"]
        if where.within(ORGANISATIONS):
            return self.table
        return None

    def focus_path(self, path: str) -> QWidget | None:
        widget = super().focus_path(path)
        row = FieldPath.parse(path).row(ORGANISATIONS)
        if row is not None:
            if row < self.table.rowCount():
                self.table.selectRow(row)
                self.table.scrollTo(self.table.model().index(row, 0))
                if widget is not None:
                    widget.setFocus()
        return widget
