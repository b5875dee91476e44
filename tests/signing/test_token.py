"""Signing with a token: a SoftHSM2 token made in a temporary folder holds Gyeongbuk's key and
certificate; the PIN comes from a file, a wrong one is refused in words and nothing is written. Each
step runs in a process of its own, as a PKCS#11 library is set up once per process."""

import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIB = "/usr/lib/softhsm/libsofthsm2.so"

pytestmark = pytest.mark.skipif(not (shutil.which("softhsm2-util") and os.path.exists(LIB)),
                                reason="SoftHSM2 is not installed")

STORE_CERT = """
import sys, pkcs11
from asn1crypto import x509
from pkcs11 import Attribute, ObjectClass, CertificateType
der = open(sys.argv[2], "rb").read()
token = pkcs11.lib(sys.argv[1]).get_token(token_label="gyeongbuk")
with token.open(user_pin="123456", rw=True) as s:
    s.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                     Attribute.VALUE: der, Attribute.ID: b"\\x01",
                     Attribute.SUBJECT: x509.Certificate.load(der).subject.dump(),
                     Attribute.LABEL: "sign", Attribute.TOKEN: True})
"""


@pytest.fixture(scope="module")
def token(pki, tmp_path_factory):
    d = tmp_path_factory.mktemp("softhsm")
    (d / "tokens").mkdir()
    (d / "softhsm2.conf").write_text(f"directories.tokendir = {d / 'tokens'}\nobjectstore.backend = file\n")
    env = {**os.environ, "SOFTHSM2_CONF": str(d / "softhsm2.conf")}
    run = {"env": env, "check": True, "capture_output": True}
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "gyeongbuk", "--pin", "123456",
                    "--so-pin", "654321"], **run)
    from cryptography.hazmat.primitives import serialization

    (d / "key.pem").write_bytes(pki.gyeongbuk.key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    subprocess.run(["softhsm2-util", "--import", str(d / "key.pem"), "--token", "gyeongbuk", "--label", "sign",
                    "--id", "01", "--pin", "123456"], **run)
    (d / "cert.der").write_bytes(pki.gyeongbuk.der)
    subprocess.run([sys.executable, "-c", STORE_CERT, LIB, str(d / "cert.der")], **run)
    (d / "key.pem").unlink()
    (d / "pin.txt").write_text("123456\n")
    (d / "wrong.txt").write_text("000000\n")
    return d, env


def _main(env, *args):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


def test_a_token_signs_and_the_signature_verifies(token, files, tmp_path):
    d, env = token
    out = tmp_path / "signed.pdf"
    done = _main(env, "sign", str(files / "packet.pdf"), "--field", "KR-47", "--out", str(out), "--pkcs11", LIB,
                 "--token", "gyeongbuk", "--pin-file", str(d / "pin.txt"), "--chain", str(files / "ca.der"))
    assert done.returncode == 0, done.stderr
    checked = _main(env, "verify", str(out), "--trust", str(files / "root.pem"), "--lang", "en")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "KR-47: signed by 경상북도지사 홍길동" in checked.stdout


def test_a_wrong_pin_or_an_unknown_token_is_refused_and_nothing_written(token, files, tmp_path):
    d, env = token
    out = tmp_path / "signed.pdf"
    done = _main(env, "sign", str(files / "packet.pdf"), "--field", "KR-47", "--out", str(out), "--pkcs11", LIB,
                 "--token", "gyeongbuk", "--pin-file", str(d / "wrong.txt"), "--lang", "en")
    assert done.returncode == 2 and not out.exists()
    assert "The PIN does not open the token gyeongbuk" in done.stderr and "Traceback" not in done.stderr
    done = _main(env, "sign", str(files / "packet.pdf"), "--field", "KR-47", "--out", str(out), "--pkcs11", LIB,
                 "--token", "seoul", "--pin-file", str(d / "pin.txt"), "--lang", "en")
    assert done.returncode == 2 and not out.exists()
    assert "No token labelled seoul" in done.stderr
