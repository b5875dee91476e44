"""A test PKI made on the spot with ``cryptography``: a root, a sub CA, the signing certificates of two
regions' heads and a time-stamping authority; Korean key files in both SEED forms; and a local RFC 3161
time-stamp server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import http.server
import os
import threading
from dataclasses import dataclass

from asn1crypto import algos, core, keys, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.decrepit.ciphers.algorithms import SEED
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, modes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = dt.datetime.now(dt.UTC)


@dataclass
class Party:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def pkcs8(self) -> bytes:
        return self.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "KR"), x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def issue(cn: str, issuer: Party | None = None, ca: bool = False, tsa: bool = False) -> Party:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    builder = (x509.CertificateBuilder().subject_name(_name(cn))
               .issuer_name(issuer.cert.subject if issuer else _name(cn))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOW - dt.timedelta(days=1)).not_valid_after(NOW + dt.timedelta(days=365))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                                        critical=True)
    elif tsa:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    else:
        builder = builder.add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                                        critical=True)
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False)
    cert = builder.sign(issuer.key if issuer else key, hashes.SHA256())
    return Party(key, cert)


@dataclass
class Pki:
    root: Party
    sub: Party
    gyeongbuk: Party
    daegu: Party
    tsa: Party
    stranger_root: Party
    stranger: Party


def make_pki() -> Pki:
    root = issue("Test Root CA", ca=True)
    sub = issue("Test Accredited CA", root, ca=True)
    stranger_root = issue("Unknown Root", ca=True)
    return Pki(root, sub, issue("경상북도지사 홍길동", sub), issue("대구광역시장 김대구", sub),
               issue("Test TSA", sub, tsa=True), stranger_root, issue("Someone Else", stranger_root))


# -- Korean key files -----------------------------------------------------------------------------

class _Scheme(core.Sequence):
    _fields = [("algorithm", core.ObjectIdentifier), ("parameters", core.Any, {"optional": True})]


class _SeedParams(core.Sequence):
    _fields = [("salt", core.OctetString), ("iterations", core.Integer)]


class _EncryptedKey(core.Sequence):
    _fields = [("algorithm", _Scheme), ("data", core.OctetString)]


def _seed_encrypt(key: bytes, iv: bytes, plain: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    data = padder.update(plain) + padder.finalize()
    encryptor = Cipher(SEED(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def seed_sha1_key_file(party: Party, password: str, rounds: int = 2048) -> bytes:
    """The older form: seedCBCWithSHA1 (PBKDF1-SHA1 gives the key; SHA-1 of its last four bytes the IV)."""
    salt = os.urandom(8)
    derived = hashlib.sha1(password.encode() + salt).digest()
    for _ in range(rounds - 1):
        derived = hashlib.sha1(derived).digest()
    key, iv = derived[:16], hashlib.sha1(derived[16:20]).digest()[:16]
    params = _SeedParams({"salt": salt, "iterations": rounds})
    return _EncryptedKey({"algorithm": {"algorithm": "1.2.410.200004.1.15", "parameters": params},
                          "data": _seed_encrypt(key, iv, party.pkcs8)}).dump()


def pbes2_key_file(party: Party, password: str, prf: str = "sha256", rounds: int = 2048) -> bytes:
    """The newer form: PBES2 with PBKDF2-HMAC (SHA-1 or SHA-256) and SEED-CBC, written with asn1crypto's own PKCS#8 types."""
    salt, iv = os.urandom(8), os.urandom(16)
    key = hashlib.pbkdf2_hmac(prf, password.encode(), salt, rounds, 16)
    info = keys.EncryptedPrivateKeyInfo({
        "encryption_algorithm": algos.EncryptionAlgorithm({
            "algorithm": "pbes2",
            "parameters": algos.Pbes2Params({
                "key_derivation_func": {"algorithm": "pbkdf2", "parameters": {
                    "salt": algos.Pbkdf2Salt(name="specified", value=salt), "iteration_count": rounds,
                    "prf": {"algorithm": prf}}},
                "encryption_scheme": algos.EncryptionAlgorithm({"algorithm": "1.2.410.200004.1.4",
                                                               "parameters": core.OctetString(iv)}),
            }),
        }),
        "encrypted_data": _seed_encrypt(key, iv, party.pkcs8),
    })
    return info.dump()


# -- a time-stamp server ---------------------------------------------------------------------------

class TimeStampServer:
    """An RFC 3161 server on 127.0.0.1 in a thread, answering with pyHanko's dummy time-stamper."""

    def __init__(self, pki: Pki) -> None:
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        def a(c: x509.Certificate) -> asn1_x509.Certificate:
            return asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))

        stamper = DummyTimeStamper(
            tsa_cert=a(pki.tsa.cert), tsa_key=keys.PrivateKeyInfo.load(pki.tsa.pkcs8),
            certs_to_embed=SimpleCertificateStore.from_certs([a(pki.sub.cert)]))
        self.requests = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                reply = asyncio.run(stamper.async_request_tsa_response(tsp.TimeStampReq.load(body))).dump()
                outer.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
