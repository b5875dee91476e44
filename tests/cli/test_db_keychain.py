"""A login's password is asked for once and kept in the system's keychain: never in the address,
the output or a file; a wrong one kept there is asked again and replaced; without a terminal the
command says how to keep it (``db login``)."""

from __future__ import annotations

import io

import pytest

import main
from storage.keychain import SERVICE
from tests.conftest import KIM_PASSWORD, tls_url


def _run(capsys, *argv, lang="ko"):
    code = main.main(["--lang", lang, *argv])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    assert KIM_PASSWORD not in out.out + out.err
    return code, out.out, out.err


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def typed(monkeypatch):
    """What the person types at getpass's prompt, in turn; the prompts are recorded."""
    answers: list[str] = []
    prompts: list[str] = []

    def getpass(prompt=""):
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr("getpass.getpass", getpass)
    return answers, prompts


def _account(db):
    return (SERVICE, f"kim@localhost:{db.server.port}/{db.name}")


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("url", ["postgresql://kim:hunter2@db.office.example/p?sslmode=verify-full&sslrootcert=ca.pem",
                                 "postgresql://kim@db.office.example/p?sslmode=verify-full&password=hunter2"])
def test_a_password_in_the_address_is_refused_in_words(capsys, url, lang):
    code, _out, err = _run(capsys, "db", "--db", url, "list", lang=lang)
    assert code == 2 and "db login" in err and "hunter2" not in err
    assert ("키체인" in err) if lang == "ko" else ("keychain" in err)


def test_without_a_terminal_the_command_says_how_to_keep_the_password(pg_tls, memory_keyring, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _out, err = _run(capsys, "db", "--db", tls_url(pg_tls), "list")
    assert code == 2 and "db login --db" in err and "키체인" in err
    assert memory_keyring == {}


def test_db_login_keeps_the_password_and_the_next_command_takes_it_from_there(pg_tls, memory_keyring, typed, capsys):
    answers, prompts = typed
    answers.append(KIM_PASSWORD)
    code, out, _err = _run(capsys, "db", "--db", tls_url(pg_tls), "login")
    assert code == 0 and "키체인" in out and len(prompts) == 1
    assert memory_keyring == {_account(pg_tls): KIM_PASSWORD}
    code, _out, _err = _run(capsys, "db", "--db", tls_url(pg_tls), "list")
    assert code == 0 and len(prompts) == 1  # not asked again


def test_asked_at_the_terminal_once_when_none_is_kept(pg_tls, memory_keyring, typed, monkeypatch, capsys):
    answers, prompts = typed
    answers.append(KIM_PASSWORD)
    monkeypatch.setattr("sys.stdin", Terminal())
    code, _out, _err = _run(capsys, "db", "--db", tls_url(pg_tls), "list")
    assert code == 0 and len(prompts) == 1 and memory_keyring == {_account(pg_tls): KIM_PASSWORD}


def test_a_wrong_password_kept_is_asked_again_and_replaced(pg_tls, memory_keyring, typed, monkeypatch, capsys):
    memory_keyring[_account(pg_tls)] = "an old one"
    answers, prompts = typed
    answers.extend(["a typo", KIM_PASSWORD])
    monkeypatch.setattr("sys.stdin", Terminal())
    code, _out, err = _run(capsys, "db", "--db", tls_url(pg_tls), "list")
    assert code == 0 and len(prompts) == 2 and "받아들이지" in err
    assert memory_keyring == {_account(pg_tls): KIM_PASSWORD}


def test_db_login_with_a_wrong_password_keeps_nothing(pg_tls, memory_keyring, typed, capsys):
    answers, _prompts = typed
    answers.extend(["wrong"] * 3)
    code, _out, err = _run(capsys, "db", "--db", tls_url(pg_tls), "login", lang="en")
    assert code == 2 and "did not accept the password of kim" in err and memory_keyring == {}


def test_db_login_on_a_file_is_refused(tmp_path, capsys):
    code, _out, err = _run(capsys, "db", "--db", str(tmp_path / "p.db"), "login", lang="en")
    assert code == 2 and "PostgreSQL" in err
