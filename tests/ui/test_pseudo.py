"""The pseudo-language (``--lang qps``) end to end: the window starts in it, numbers and dates are
formatted as in English, the packet defaults to English, and neither the Language menu nor the
remembered language is touched by it."""

from __future__ import annotations

import os
import subprocess
import sys

from forms.base import i18n
from forms.money import format_won
from forms.steps import STEPS, Step
from tests.ui.helpers import settle
from ui import setup
from ui.app import start_language

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_main_starts_the_window_in_the_pseudo_language(db_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, os.path.join(ROOT, "main.py"), "--smoke", "--db", db_path,
                           "--lang", i18n.PSEUDO], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # what the window says of its start is in the pseudo-language, its figures kept
    said = done.stdout.strip()
    assert said.startswith("[") and said.endswith("]") and "~" in said, said
    assert "Window shown" not in said


def test_lang_qps_is_neither_remembered_nor_listed_in_the_menu(window):
    window.menus.lang_actions["ko"].trigger()
    assert setup.saved_language() == "ko"
    assert start_language(i18n.PSEUDO) == i18n.PSEUDO
    assert i18n.current_language() == i18n.PSEUDO
    assert setup.saved_language() == "ko"  # --lang never overwrites the choice made in the menu
    assert window.menus.file.title().startswith("[")
    actions = window.menus.language.actions()
    assert [a.text() for a in actions[1:]] == ["한국어", "English"]
    assert actions[0].text().startswith("[")  # System default, stretched
    assert window.menus.lang_actions["ko"].isChecked()
    window.menus.lang_actions["en"].trigger()  # the menu still switches out of it
    assert i18n.current_language() == "en" and setup.saved_language() == "en"
    assert window.menus.file.title() == "&File"
    setup.install_qt_translation("en")


def test_numbers_dates_and_the_packet_follow_english(sample_window):
    w = sample_window
    w.go(STEPS.index(Step.BUDGET))
    settle()
    model = w.budget.model
    total = model.index(model.totals_row, model.total_column)
    english_total, english_cap = model.data(total), w.budget.cap.text()
    i18n.set_language(i18n.PSEUDO)
    settle()
    assert model.data(total) == english_total  # 7,230,170: grouped as in English
    assert format_won(5_500_000_000, i18n.PSEUDO) == "KRW 5,500,000,000"
    assert "KRW 5,500,000,000" in w.budget.cap.text() and w.budget.cap.text() != english_cap
    assert w.budget.summary.item(0, 0).text() == "1,500,000"
    assert w.plan.date.text() == "2 March 2023"  # English month names, whatever the system's locale
    w.doc.load(w.doc.proposal, w.doc.version)  # a proposal opened in qps: an English packet by default
    assert w.export.packet_lang.currentData() == "en"
    assert w.steps.item(0).text().startswith("1. [")
