"""A test PKI, the key files of two regions' heads, a time-stamp server and the final packet, shared by
the signing tests (made once: keys and a packet take a while)."""

import pytest

from forms.sample import SAMPLES
from reports.export import write_packet
from tests.signing.pki import TimeStampServer, make_pki, pbes2_key_file, seed_sha1_key_file

PASSWORD = "비밀번호 1234!"


@pytest.fixture(scope="session")
def pki():
    return make_pki()


@pytest.fixture(scope="session")
def tsa(pki):
    server = TimeStampServer(pki)
    yield server
    server.close()


@pytest.fixture(scope="session")
def files(pki, tmp_path_factory):
    """The final packet, each head's signCert.der with its signPri.key (Gyeongbuk's in the older SEED
    form, Daegu's in PBES2), the password file, the CA and root certificates and a stranger's root."""
    d = tmp_path_factory.mktemp("signing")
    write_packet(SAMPLES["super_regional"](), str(d / "packet.pdf"), lang="ko")
    for name, party, key_file in (("gb", pki.gyeongbuk, seed_sha1_key_file), ("dg", pki.daegu, pbes2_key_file)):
        (d / name).mkdir()
        (d / name / "signCert.der").write_bytes(party.der)
        (d / name / "signPri.key").write_bytes(key_file(party, PASSWORD))
    (d / "password.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    (d / "ca.der").write_bytes(pki.sub.der)
    (d / "root.pem").write_bytes(pki.root.pem)
    (d / "stranger.pem").write_bytes(pki.stranger_root.pem)
    (d / "stranger").mkdir()
    (d / "stranger" / "signCert.der").write_bytes(pki.stranger.der)
    (d / "stranger" / "signPri.key").write_bytes(pbes2_key_file(pki.stranger, PASSWORD, prf="sha1"))
    return d
