"""What every action of the window leans on: a call that can fail gives its value back, or says
why in words and gives FAILED; and which proposal is open."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from forms.base.errors import InputError
from ui.actions.base import FAILED


def test_a_guarded_call_gives_back_its_value_even_none(window):
    assert window.guard(lambda a, b: (a, b), 1, 2) == (1, 2)
    assert window.guard(lambda: None) is None
    assert window.guard(dict) == {}


def test_a_guarded_call_that_fails_says_why_and_gives_failed(window, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text: said.append(text)))

    def refuse():
        raise InputError("The database cannot be read.")

    assert window.guard(refuse) is FAILED
    assert said == ["The database cannot be read."]


def test_the_open_proposal_is_named_by_its_id(window, store, super_regional):
    assert window.current_proposal_id() is None
    store.create(super_regional)
    window.open_proposal(super_regional.id)
    assert window.current_proposal_id() == super_regional.id
    assert window.is_open(super_regional.id) and not window.is_open("another")
