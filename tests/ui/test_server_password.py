"""The window asks for a server login's password in a small dialog (never shown as typed), once:
the password that worked is kept in the system's keychain and taken from there next time; a wrong
one kept there is asked again and replaced; the password is never in the settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit

from forms.base.exits import EXIT_ERRORS
from storage.keychain import SERVICE
from storage.server import PasswordNeeded
from tests.conftest import KIM_PASSWORD, tls_url
from ui import app, dialogs


def test_the_password_field_never_shows_what_is_typed(qtbot):
    dialog = dialogs.PasswordDialog("kim@db.office.example:5432/proposals", wrong=False)
    qtbot.addWidget(dialog)
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(dialog.field, "s3cret")
    assert dialog.field.text() == "s3cret" and dialog.field.displayText() != "s3cret"


def _asking(monkeypatch, answers):
    asked = []

    def ask_password(account, wrong, parent=None):
        asked.append((account, wrong))
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "ask_password", ask_password)
    return asked


def test_asked_once_then_taken_from_the_keychain(qtbot, pg_tls, memory_keyring, monkeypatch):
    url = tls_url(pg_tls)
    account = f"kim@localhost:{pg_tls.server.port}/{pg_tls.name}"
    opened = app._open_store(url)
    assert isinstance(opened, PasswordNeeded)
    asked = _asking(monkeypatch, [KIM_PASSWORD])
    store = app.settle(url, app.NoLock(), opened)
    assert asked == [(account, False)] and store.list_proposals() == []
    store.close()
    assert memory_keyring == {(SERVICE, account): KIM_PASSWORD}
    again = app._open_store(url)  # next time: from the keychain, nobody asked
    assert not isinstance(again, Exception)
    again.close()
    settings = QSettings()
    assert all(KIM_PASSWORD not in str(settings.value(k)) for k in settings.allKeys())


def test_a_wrong_password_kept_is_asked_again_and_replaced(qtbot, pg_tls, memory_keyring, monkeypatch):
    url = tls_url(pg_tls)
    account = f"kim@localhost:{pg_tls.server.port}/{pg_tls.name}"
    memory_keyring[(SERVICE, account)] = "last year's"
    opened = app._open_store(url)
    assert isinstance(opened, PasswordNeeded) and opened.wrong
    asked = _asking(monkeypatch, ["a typo", KIM_PASSWORD])
    store = app.settle(url, app.NoLock(), opened)
    assert asked == [(account, True), (account, True)]
    store.close()
    assert memory_keyring == {(SERVICE, account): KIM_PASSWORD}


def test_cancelling_the_password_opens_nothing(qtbot, pg_tls, memory_keyring, monkeypatch):
    url = tls_url(pg_tls)
    _asking(monkeypatch, [None])
    assert app.settle(url, app.NoLock(), app._open_store(url)) == EXIT_ERRORS
    assert memory_keyring == {}
