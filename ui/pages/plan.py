"""Step 4: the title and the proposal's date, then the call's form chapter by chapter (a list of
chapters beside one page per chapter). A chapter page holds an editor per section, with the
form's guidance and a character counter against its limit, and the record tables the form places
in that chapter (the roadmap by stage, …). Everything about the chapters comes from the profile."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from forms import record_columns
from forms.base.errors import InputError
from forms.base.i18n import N_, NP_, _, pgettext, translate_plural
from forms.fieldpath import (
    BUDGET,
    BUDGET_LINES,
    DATE,
    ORGANISATIONS,
    PLAN,
    RESEARCHERS,
    ROADMAP,
    ROOT,
    TITLE,
    FieldPath,
)
from forms.model import RoadmapStage, Text, section_length
from forms.profile import CallProfile, load_profile
from forms.rules import Finding
from forms.rules.content import SECTION_LONG, SECTION_SHORT
from forms.steps import Step
from forms.values import Count, Num
from ui import plan_tables
from ui.dateedit import DateEdit
from ui.marks import colour
from ui.pages.base import (
    Page,
    apply_widths,
    proposal_field,
    remember_columns,
    set_text,
    share_width,
    steady_width,
)

LANGS = ("ko", "en")


class PlanPage(Page):
    step = Step.PLAN

    def __init__(self, doc, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(doc, parent)
        self.title_box = QGroupBox()
        form = QFormLayout(self.title_box)
        self.title_edits: dict[str, QLineEdit] = {}
        self.title_labels: dict[str, QLabel] = {}
        for lang in LANGS:
            edit = proposal_field(QLineEdit())
            edit.textEdited.connect(lambda text, lg=lang: self.doc.edit(TITLE.child(lg), text, merge=True,
                                                                       text=N_("Title")))
            lab = QLabel()
            lab.setBuddy(edit)
            form.addRow(lab, edit)
            self.title_edits[lang], self.title_labels[lang] = edit, lab
        self.date = proposal_field(DateEdit())
        self.date.dateChanged.connect(self._date_changed)
        self.date_label = QLabel()
        self.date_label.setBuddy(self.date)
        form.addRow(self.date_label, self.date)
        form.addRow("", self.date.problem)
        self.layout_.addWidget(self.title_box)

        # The chapters of the call's form: built when a proposal of a call is shown (see _build).
        self.chapters = QListWidget()
        self.chapters.setWordWrap(True)
        self.chapters.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chapter_pages = QStackedWidget()
        self.chapters.currentRowChanged.connect(self.chapter_pages.setCurrentIndex)
        row = QHBoxLayout()
        row.addWidget(self.chapters)
        row.addWidget(self.chapter_pages, 1)
        self.layout_.addLayout(row, 1)
        self.add_findings()
        self.profile: CallProfile | None = None
        self.section_boxes: dict[str, QGroupBox] = {}
        self.guidance: dict[str, QLabel] = {}
        self.editors: dict[str, QPlainTextEdit] = {}
        self.counters: dict[str, QLabel] = {}
        self.lang_labels: list[tuple[QLabel, str]] = []
        self._scrolls: list[QScrollArea] = []

        self.roadmap_box = QGroupBox()
        self.roadmap = QTableWidget(0, 4)
        # Widths from the texts shown (see _size_roadmap), again whenever the table is resized.
        self.roadmap.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        remember_columns(self.roadmap.horizontalHeader(), "roadmap")
        self.roadmap.viewport().installEventFilter(self)
        self.roadmap.setMinimumHeight(150)
        self.add_stage = QPushButton()
        self.add_stage.clicked.connect(self.add_roadmap_stage)
        self.remove_stage = QPushButton()
        self.remove_stage.clicked.connect(self.remove_roadmap_stage)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_stage)
        buttons.addWidget(self.remove_stage)
        buttons.addStretch(1)
        inner = QVBoxLayout(self.roadmap_box)
        inner.addWidget(self.roadmap)
        inner.addLayout(buttons)
        self._stages: list[dict[str, QWidget]] = []
        self._roadmap_sized: tuple | None = None  # (language, width) the columns were sized for
        #: The editor of each record table a chapter can hold, made once and placed in the
        #: chapter that holds it (tables without an editor here are edited in another step).
        self.indicators, self.tasks, self.deliverables, self.equipment, self.organisations = (
            plan_tables.indicators(doc), plan_tables.tasks(doc), plan_tables.deliverables(doc),
            plan_tables.equipment(doc), plan_tables.organisations(doc))
        self.researchers = plan_tables.Researchers(doc)
        self.justification = plan_tables.Justification(doc)
        self.budget_note = QLabel()
        self.budget_note.setWordWrap(True)
        self.record_editors: dict[str, QWidget] = {
            "roadmap": self.roadmap_box, "indicators": self.indicators, "tasks": self.tasks,
            "deliverables": self.deliverables, "researchers": self.researchers, "equipment": self.equipment,
            "organisations": self.organisations, "budget": self.budget_note, "budget_items": self.justification,
        }
        self._tables = [self.indicators, self.tasks, self.deliverables, self.equipment, self.organisations,
                        *self.researchers.tables()]

    # the form ---------------------------------------------------------------------------------
    def _build(self, profile: CallProfile) -> None:
        """One page per chapter of ``profile``'s form: its sections, then its record tables."""
        for editor in self.record_editors.values():
            editor.setParent(None)
        while self.chapter_pages.count():
            page = self.chapter_pages.widget(0)
            self.chapter_pages.removeWidget(page)
            page.deleteLater()
        self.chapters.clear()
        self.section_boxes, self.guidance, self.editors, self.counters = {}, {}, {}, {}
        self.lang_labels, self._scrolls = [], []
        self.profile = profile
        for chapter in profile.form.chapters:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            body = QWidget()
            column = QVBoxLayout(body)
            scroll.setWidget(body)
            for section in chapter.sections:
                column.addWidget(self._section_box(section.key))
            for table in chapter.records:
                editor = self.record_editors.get(table)
                if editor is not None:
                    column.addWidget(editor)
                    editor.show()
            column.addStretch(1)
            self.chapter_pages.addWidget(scroll)
            self._scrolls.append(scroll)
            self.chapters.addItem("")
        self.chapters.setCurrentRow(0)
        self.retranslate()

    def _section_box(self, key: str) -> QGroupBox:
        box = QGroupBox()
        grid = QGridLayout(box)
        guidance = QLabel()
        guidance.setWordWrap(True)
        guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(guidance, 0, 0, 1, len(LANGS))
        for c, lang in enumerate(LANGS):
            lab = QLabel()
            edit = proposal_field(QPlainTextEdit())
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(120)
            edit.textChanged.connect(lambda k=key, lg=lang: self._section_changed(k, lg))
            counter = QLabel()
            grid.addWidget(lab, 1, c)
            grid.addWidget(edit, 2, c)
            grid.addWidget(counter, 3, c)
            path = f"plan.{key}.{lang}"
            self.editors[path], self.counters[path] = edit, counter
            self.lang_labels.append((lab, lang))
        self.section_boxes[key], self.guidance[key] = box, guidance
        return box

    def chapter_of(self, widget: QWidget) -> int:
        """The index of the chapter page that shows ``widget`` (-1 if none does)."""
        for i, scroll in enumerate(self._scrolls):
            if scroll.isAncestorOf(widget):
                return i
        return -1

    def show_chapter(self, index: int) -> None:
        self.chapters.setCurrentRow(index)

    # texts ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        self.intro.setText(_("Write the plan chapter by chapter, as the call's form asks, in Korean (the "
                             "call's language) and English. The counter under each box shows its length "
                             "against the form's limit."))
        self.title_box.setTitle(pgettext("heading", "Project"))
        names = {"ko": _("Korean"), "en": _("English")}
        self.title_labels["ko"].setText(_("&Title (Korean):"))
        self.title_labels["en"].setText(_("Title (Engl&ish):"))
        for lang, edit in self.title_edits.items():
            edit.setAccessibleName(_("Title ({language})").format(language=names[lang]))
        self.date_label.setText(_("&Date of the proposal:"))
        self.date.setAccessibleName(_("Date of the proposal"))
        self.date.set_language(self.lang)
        self.chapters.setAccessibleName(_("Chapters of the form"))
        if self.profile is not None:
            for i, chapter in enumerate(self.profile.form.chapters):
                self.chapters.item(i).setText(f"{chapter.number}. {chapter.title.get(self.lang)}")
            self.chapters.setFixedWidth(min(max(self.chapters.sizeHintForColumn(0) + 24, 160), 240))
        for key, box in self.section_boxes.items():
            section = self.profile.form.section(key)
            name = section.title.get(self.lang)
            box.setTitle(name)
            self.guidance[key].setText(section.guidance.get(self.lang))
            self.guidance[key].setVisible(not section.guidance.is_empty())
            for lang in LANGS:
                self.editors[f"plan.{key}.{lang}"].setAccessibleName(
                    _("{section} ({language})").format(section=name, language=names[lang]))
        for lab, lang in self.lang_labels:
            lab.setText(names[lang])
        for table in self._tables:
            table.retranslate()
        self.justification.retranslate()
        self.budget_note.setText(_("The budget itself is entered in the Budget step. The packet prints it in "
                                   "this chapter, with the justification below."))
        self.roadmap_box.setTitle(_("Stages of the roadmap: years and goals"))
        self.roadmap.setHorizontalHeaderLabels([_(t) for t in record_columns.table("roadmap").titles()])
        self._size_roadmap()
        self.roadmap.setAccessibleName(_("Roadmap"))
        self.add_stage.setText(_("Add &stage"))
        self.remove_stage.setText(_("Remove last sta&ge"))
        for path in self.counters:
            self._count(path)

    # values -----------------------------------------------------------------------------------
    def refresh(self, path: str) -> None:
        p = self.doc.proposal
        if p is None:
            return
        if path == "":
            try:
                profile = load_profile(p.call)
            except InputError:
                profile = None
            if profile is not None and profile is not self.profile:
                self._build(profile)
        where = FieldPath.parse(path)
        if where == ROOT or where.within(TITLE):
            for lang, edit in self.title_edits.items():
                set_text(edit, getattr(p.title, lang))
        if where in (ROOT, DATE):
            blocked = self.date.blockSignals(True)
            self.date.setDate(p.date)
            self.date.blockSignals(blocked)
        if where == ROOT or where.within(PLAN):
            for key in self.section_boxes:
                text = p.plan.get(key) or Text()
                for lang in LANGS:
                    editor = f"plan.{key}.{lang}"
                    set_text(self.editors[editor], getattr(text, lang))
                    self._count(editor)
        for table in self._tables:
            if table.concerns(where):
                table.sync()
        if where == ROOT or where.within(BUDGET) or where.within(ORGANISATIONS):
            self.justification.sync()
        if where == ROOT or where.within(ROADMAP):
            self._show_roadmap()  # the columns stay as they are while goals are typed

    def _count(self, path: str) -> None:
        key = FieldPath.parse(path).after(PLAN).head
        count = section_length(self.editors[path].toPlainText())
        section = self.profile.form.section(key) if self.profile is not None else None
        limit = section.max_chars if section is not None else 0
        if limit:
            text = translate_plural("{count} / {max} character", "{count} / {max} characters", limit, self.lang,
                                    count=Num(count), max=Num(limit))
        else:
            text = Count(count, NP_("{count} character", "{count} characters")).render(self.lang)
        self.counters[path].setText(text)

    def _section_changed(self, key: str, lang: str) -> None:
        path = f"plan.{key}.{lang}"
        self._count(path)
        self.doc.edit(path, self.editors[path].toPlainText(), merge=True, text=N_("Plan text"))

    def _date_changed(self, value: QDate) -> None:
        self.doc.edit("date", dt.date(value.year(), value.month(), value.day()), text=N_("Date of the proposal"))

    # roadmap ----------------------------------------------------------------------------------
    def _make_stage(self, r: int) -> dict[str, QWidget]:
        widgets: dict[str, QWidget] = {}
        for c, key in enumerate(("start_year", "end_year")):
            spin = proposal_field(QSpinBox())
            spin.setRange(2000, 2100)
            spin.valueChanged.connect(lambda v, k=key, row=r: self.doc.edit(ROADMAP.child(row, k), v, merge=True,
                                                                           text=N_("Roadmap")))
            self.roadmap.setCellWidget(r, c, spin)
            widgets[key] = spin
        for c, lang in enumerate(LANGS, start=2):
            edit = proposal_field(QLineEdit())
            edit.textEdited.connect(lambda text, lg=lang, row=r: self.doc.edit(
                ROADMAP.child(row, "goal", lg), text, merge=True, text=N_("Roadmap")))
            self.roadmap.setCellWidget(r, c, edit)
            widgets[f"goal.{lang}"] = edit
        names = [_(t) for t in record_columns.table("roadmap").titles()]
        for key, name in zip(("start_year", "end_year", "goal.ko", "goal.en"), names, strict=True):
            widgets[key].setAccessibleName(_("Stage {stage}: {field}").format(stage=r + 1, field=name))
        return widgets

    def _show_roadmap(self) -> None:
        stages = self.doc.proposal.roadmap
        if len(self._stages) != len(stages):
            self.roadmap.setRowCount(len(stages))
            while len(self._stages) < len(stages):
                self._stages.append(self._make_stage(len(self._stages)))
            del self._stages[len(stages):]
        for widgets, stage in zip(self._stages, stages, strict=True):
            for key in ("start_year", "end_year"):
                spin = widgets[key]
                if spin.value() != getattr(stage, key):
                    blocked = spin.blockSignals(True)
                    spin.setValue(getattr(stage, key))
                    spin.blockSignals(blocked)
            for lang in LANGS:
                set_text(widgets[f"goal.{lang}"], getattr(stage.goal, lang))
        self.remove_stage.setEnabled(bool(stages))

    def _size_roadmap(self) -> None:
        """The year columns as wide as a year's spin box (and their header); the two goal columns
        share the rest equally. From the font and style, not from the goals typed, so nothing
        moves while one is typed or a stage is added; sized again only when the language or the
        table's width change."""
        header = self.roadmap.horizontalHeader()
        room = steady_width(self.roadmap)
        if (self.lang, room) == self._roadmap_sized:
            return
        self._roadmap_sized = (self.lang, room)
        floors = [header.sectionSizeFromContents(col).width() for col in range(self.roadmap.columnCount())]
        year = QSpinBox()
        year.setRange(2000, 2100)
        year.setFont(self.roadmap.font())
        widths = [max(floors[0], year.sizeHint().width()), max(floors[1], year.sizeHint().width())]
        rest = room - sum(widths)
        widths += share_width(rest, [rest, rest], floors[2:4])  # the two goals alike
        apply_widths(header, widths)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.roadmap.viewport() and event.type() == QEvent.Type.Resize:
            self._size_roadmap()
        return False

    def add_roadmap_stage(self) -> None:
        p = self.doc.proposal
        try:
            profile = load_profile(p.call)
            first, lengths = min(profile.years), profile.roadmap_stage_years
        except InputError:
            first, lengths = p.date.year, (3,)
        n = len(p.roadmap)
        start = p.roadmap[-1].end_year + 1 if p.roadmap else first
        length = lengths[n] if n < len(lengths) else lengths[-1]
        stage = RoadmapStage(n + 1, start, start + length - 1, Text())
        self.doc.edit("roadmap", [*p.roadmap, stage], text=N_("Add stage"))
        self.focus_path(ROADMAP.child(n, "goal", "ko"))

    def remove_roadmap_stage(self) -> None:
        p = self.doc.proposal
        if p.roadmap:
            self.doc.edit("roadmap", p.roadmap[:-1], text=N_("Remove stage"))

    # findings ---------------------------------------------------------------------------------
    def mark(self, findings: list[Finding]) -> None:
        """Besides the marks and the list: a counter turns red (or amber) while its text is over
        (or under) the call's limit, as the rules say."""
        super().mark(findings)
        length = {str(f.shown): f for f in findings if f.code in (SECTION_LONG.code, SECTION_SHORT.code)}
        for path, counter in self.counters.items():
            found = length.get(str(path))
            style = "" if found is None else f"color: {colour([found])}; font-weight: bold;"
            if counter.styleSheet() != style:
                counter.setStyleSheet(style)
                counter.setProperty("finding", "" if found is None else ("error" if found.is_error else "warning"))

    def widget_for(self, path: FieldPath | str) -> QWidget | None:
        where = FieldPath.parse(path)
        if where.within(TITLE) and where != TITLE:
            return self.title_edits.get(str(where.after(TITLE)))
        if where == DATE:
            return self.date
        if where.within(PLAN):
            return self.editors.get(str(where))
        if where.within(RESEARCHERS):
            return self.researchers.widget_for(where)
        for table in (self.indicators, self.tasks, self.deliverables, self.equipment):
            widget = table.widget_for(where)
            if widget is not None:
                return widget
        if where.row(ORGANISATIONS) is not None:
            return self.organisations.widget_for(where)
        if where.within(BUDGET_LINES):
            return self.justification.widget_for(where)
        row = where.row(ROADMAP)
        if row is not None and row < len(self._stages):
            return self._stages[row].get(str(where.after(ROADMAP.child(row)))) or self._stages[row]["start_year"]
        if where.within(ROADMAP):
            return self.roadmap
        return None

    def focus_path(self, path: FieldPath | str) -> QWidget | None:
        widget = self.widget_for(path)
        if widget is not None:
            index = self.chapter_of(widget)
            if index >= 0:
                self.show_chapter(index)
                self._scrolls[index].ensureWidgetVisible(widget)
            widget.setFocus()
        return widget
