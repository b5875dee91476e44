"""The proposal's date field: a line the date is typed into as the window shows it (or in any form
``forms.dates.parse_date`` reads), with a calendar to pick it from instead.

A typed date is taken when the field is left or Enter is pressed, and only if it reads as exactly
one day; anything else stays as typed, is named wrong under the field in the user's language, and
the proposal keeps its date (a date is never guessed). The rule of what reads as a date is in
``forms.dates``; this widget only shows it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QLabel, QLineEdit, QStyle, QWidget

from forms.base.errors import InputError
from forms.base.i18n import _, current_language, fill
from forms.dates import field_date, parse_date


class DateEdit(QLineEdit):
    """``date()``, ``setDate()`` and ``dateChanged`` as a ``QDateEdit`` has them; ``problem`` is the
    label under the field that names a date it cannot read (hidden while there is none)."""

    dateChanged = Signal(QDate)  # noqa: N815 - Qt's spelling, as QDateEdit's

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = dt.date.today()
        self._lang = current_language()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        self.calendar_action = self.addAction(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
                                              QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.triggered.connect(self.show_calendar)
        self._calendar: QCalendarWidget | None = None
        self.editingFinished.connect(self.take_typed)
        self._show()

    # the value ------------------------------------------------------------------------------------
    def date(self) -> QDate:
        return QDate(self._date.year, self._date.month, self._date.day)

    def setDate(self, value: QDate | dt.date) -> None:  # noqa: N802 - Qt's spelling, as QDateEdit's
        """Show ``value``; ``dateChanged`` is emitted when it differs from the date shown."""
        day = value if isinstance(value, dt.date) else dt.date(value.year(), value.month(), value.day())
        changed = day != self._date
        self._date = day
        self._show()
        if changed and not self.signalsBlocked():
            self.dateChanged.emit(self.date())

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.calendar_action.setToolTip(_("Choose the date from a calendar"))
        self.setToolTip(_("Type the date as shown (2026. 7. 1. or 1 July 2026), or as 2026-07-01 or 20260701."))
        if self.problem.isHidden():
            self._show()
        else:
            self.take_typed()

    # typing ---------------------------------------------------------------------------------------
    def take_typed(self) -> None:
        """Take the date typed, or name what is wrong with it and keep the proposal's date."""
        try:
            day = parse_date(self.text())
        except InputError as exc:
            kept = fill(_("The proposal keeps its date {date}."), date=field_date(self._date, self._lang))
            self.problem.setText(f"{exc.text(self._lang)} {kept}")
            self.problem.show()
            return
        self.setDate(day)

    def _show(self) -> None:
        self.problem.hide()
        self.problem.clear()
        text = field_date(self._date, self._lang)
        if self.text() != text:
            self.setText(text)
            if not self.hasFocus():
                self.setCursorPosition(0)

    # the calendar ---------------------------------------------------------------------------------
    def show_calendar(self) -> QCalendarWidget:
        """Open the calendar under the field (the one shown, so a click on a day can be followed)."""
        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.clicked.connect(self._picked)
            self._calendar.activated.connect(self._picked)
        self._calendar.setSelectedDate(self.date())
        self._calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self._calendar.show()
        self._calendar.setFocus()
        return self._calendar

    def _picked(self, value: QDate) -> None:
        if self._calendar is not None:
            self._calendar.hide()
        self.setDate(value)
