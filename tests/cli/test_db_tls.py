"""TLS to the office's server, checked against the office's CA: ``sslmode=verify-full`` with the
CA's certificate and the server's name connects; a certificate of another CA, or the server named
by another name than its certificate's, is refused in words (Korean and English, exit 2, no
traceback); a weaker mode is refused before anything is tried."""

from __future__ import annotations

import pytest

import main
from storage.keychain import SERVICE
from tests.conftest import KIM_PASSWORD, tls_url
from tests.tls import Ca


@pytest.fixture
def kept(pg_tls, memory_keyring):
    memory_keyring[(SERVICE, f"kim@localhost:{pg_tls.server.port}/{pg_tls.name}")] = KIM_PASSWORD
    memory_keyring[(SERVICE, f"kim@127.0.0.1:{pg_tls.server.port}/{pg_tls.name}")] = KIM_PASSWORD
    return memory_keyring


def _run(capsys, lang, *argv):
    code = main.main(["--lang", lang, *argv])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def test_verify_full_with_the_office_ca_connects(pg_tls, kept, capsys):
    code, out, _err = _run(capsys, "en", "db", "--db", tls_url(pg_tls), "list")
    assert code == 0 and "No proposals yet." in out


@pytest.mark.parametrize(("lang", "said"), [("ko", "인증서를 신뢰할 수 없습니다"), ("en", "certificate is not trusted")])
def test_a_certificate_of_another_ca_is_not_trusted(pg_tls, kept, capsys, lang, said):
    Ca("Someone else's CA").write(pg_tls.folder / "other-ca.pem")
    code, _out, err = _run(capsys, lang, "db", "--db", tls_url(pg_tls, ca="other-ca.pem"), "list")
    assert code == 2 and said in err


@pytest.mark.parametrize(("lang", "said"), [("ko", "서버 이름이 인증서와 일치하지 않습니다"),
                                            ("en", "name does not match its certificate")])
def test_the_server_named_otherwise_than_its_certificate_is_refused(pg_tls, kept, capsys, lang, said):
    code, _out, err = _run(capsys, lang, "db", "--db", tls_url(pg_tls, host="127.0.0.1"), "list")
    assert code == 2 and said in err


@pytest.mark.parametrize("mode", ["require", "verify-ca"])
def test_a_weaker_mode_is_refused_before_connecting(pg_tls, kept, capsys, mode):
    before = pg_tls.server.front.connections
    code, _out, err = _run(capsys, "ko", "db", "--db", tls_url(pg_tls, mode=mode), "list")
    assert code == 2 and "verify-full" in err
    assert pg_tls.server.front.connections == before
