"""The proposal's date typed with real keys, as the window shows it or in a usual form, is stored as
that very day; anything else is refused in words and the proposal keeps its date."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from forms.base import i18n
from forms.steps import STEPS, Step
from tests.ui.helpers import settle


def _type(qtbot, page, text: str) -> None:
    field = page.date
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all, as a person would
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle()


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(("text", "day"), [
    ("2023. 3. 15.", dt.date(2023, 3, 15)), ("2023. 2. 20.", dt.date(2023, 2, 20)),
    ("2023. 3. 2.", dt.date(2023, 3, 2)), ("2023. 12. 31.", dt.date(2023, 12, 31)),
    ("15 March 2023", dt.date(2023, 3, 15)), ("March 15, 2023", dt.date(2023, 3, 15)),
    ("2023-03-15", dt.date(2023, 3, 15)), ("2023.3.15", dt.date(2023, 3, 15)), ("20230315", dt.date(2023, 3, 15)),
])
def test_a_date_typed_is_stored_as_that_day(sample_window, qtbot, lang, text, day):
    w = sample_window
    w.menus.lang_actions[lang].trigger()
    w.go(STEPS.index(Step.PLAN))
    _type(qtbot, w.plan, text)
    assert w.doc.proposal.date == day
    assert w.plan.date.problem.isHidden()
    assert w.plan.date.text() == ("{d.year}. {d.month}. {d.day}." if lang == "ko" else "{d.day} {m} {d.year}").format(
        d=day, m=day.strftime("%B") if lang == "en" else "")


@pytest.mark.parametrize(("lang", "words"), [("ko", "날짜"), ("en", "not a date")])
@pytest.mark.parametrize("text", ["3/15/2023", "2023. 3.", "2023-02-30", "tomorrow"])
def test_a_date_not_read_is_refused_in_words_and_nothing_changes(sample_window, qtbot, lang, words, text):
    w = sample_window
    w.menus.lang_actions[lang].trigger()
    w.go(STEPS.index(Step.PLAN))
    before = w.doc.proposal.date
    _type(qtbot, w.plan, text)
    assert w.doc.proposal.date == before
    assert not w.plan.date.problem.isHidden()
    assert text in w.plan.date.problem.text()
    if text != "2023-02-30":
        assert words in w.plan.date.problem.text()
    assert w.plan.date.text() == text  # what was typed stays, to be corrected
    kept = {"ko": f"작성일은 {before.year}. {before.month}. {before.day}.로 유지됩니다.",
            "en": "The proposal keeps its date"}[lang]
    assert kept in w.plan.date.problem.text()  # and the words say which date the proposal still has
    _type(qtbot, w.plan, "2023-03-16")
    assert w.doc.proposal.date == dt.date(2023, 3, 16)
    assert w.plan.date.problem.isHidden()


def test_the_calendar_sets_the_date(sample_window, qtbot):
    from PySide6.QtCore import QDate

    w = sample_window
    i18n.set_language("ko")
    w.go(STEPS.index(Step.PLAN))
    calendar = w.plan.date.show_calendar()
    calendar.clicked.emit(QDate(2023, 4, 5))
    settle()
    assert w.doc.proposal.date == dt.date(2023, 4, 5)
    assert w.plan.date.text() == "2023. 4. 5."
