"""Korean key files (NPKI / GPKI ``signPri.key``): a PKCS#8 EncryptedPrivateKeyInfo encrypted with SEED.

Two forms are in use: the older PBES1-like ``seedCBCWithSHA1`` (OID 1.2.410.200004.1.15, the key
and IV derived from the password by PBKDF1 with SHA-1), and PBES2 (PBKDF2 with HMAC-SHA1 or
HMAC-SHA256, then SEED-CBC, OID 1.2.410.200004.1.4). Both are decrypted here with ``cryptography``'s
SEED (among its legacy algorithms). The password is used once and not kept.
"""

from __future__ import annotations

import hashlib

from asn1crypto import core, keys, x509
from cryptography.hazmat.decrepit.ciphers.algorithms import SEED
from cryptography.hazmat.primitives import padding, serialization
from cryptography.hazmat.primitives.ciphers import Cipher, modes

from forms.base.errors import InputError
from forms.base.i18n import N_

SEED_CBC_WITH_SHA1 = "1.2.410.200004.1.15"
SEED_CBC = "1.2.410.200004.1.4"
PBES2 = "1.2.840.113549.1.5.13"
PBKDF2 = "1.2.840.113549.1.5.12"
HMAC = {"1.2.840.113549.2.7": "sha1", "1.2.840.113549.2.9": "sha256"}
#: A key file is a few kilobytes; a certificate too. Anything far larger is not one.
MAX_FILE = 256 * 1024
#: More rounds than any issuer uses would only keep the person waiting.
MAX_ROUNDS = 10_000_000


class WrongPassword(InputError):
    """The password does not open the key file."""


class _SeedParams(core.Sequence):
    _fields = [("salt", core.OctetString), ("iterations", core.Integer)]


class _Prf(core.Sequence):
    _fields = [("algorithm", core.ObjectIdentifier), ("parameters", core.Any, {"optional": True})]


class _Pbkdf2Params(core.Sequence):
    _fields = [("salt", core.OctetString), ("iterations", core.Integer),
               ("key_length", core.Integer, {"optional": True}), ("prf", _Prf, {"optional": True})]


class _Scheme(core.Sequence):
    _fields = [("algorithm", core.ObjectIdentifier), ("parameters", core.Any, {"optional": True})]


class _Pbes2Params(core.Sequence):
    _fields = [("kdf", _Scheme), ("cipher", _Scheme)]


class _EncryptedKey(core.Sequence):
    _fields = [("algorithm", _Scheme), ("data", core.OctetString)]


def read_at_most(path: str, most: int, too_large: str) -> bytes:
    """The bytes of ``path``, refused in words when missing, or with ``too_large`` when over ``most``."""
    try:
        with open(path, "rb") as f:
            data = f.read(most + 1)
    except OSError as exc:
        from forms.base.errors import os_reason

        raise InputError(N_("{file} cannot be read ({reason})."), file=path, reason=os_reason(exc)) from exc
    if len(data) > most:
        raise InputError(too_large, file=path)
    return data


def read_small(path: str) -> bytes:
    """The bytes of ``path``, refused in words when missing or too big to be a key, a certificate or a password."""
    return read_at_most(path, MAX_FILE, N_("{file} is too large to be a key file, a certificate or a password file."))


def pbkdf1_sha1(password: bytes, salt: bytes, rounds: int) -> bytes:
    digest = hashlib.sha1(password + salt).digest()
    for _round in range(rounds - 1):
        digest = hashlib.sha1(digest).digest()
    return digest


def _rounds(value: int, path: str) -> int:
    if not 1 <= value <= MAX_ROUNDS:
        raise InputError(N_("{file} is not a key file the app can read."), file=path)
    return value


def _seed_decrypt(key: bytes, iv: bytes, data: bytes) -> bytes | None:
    """The plain text, or None when the padding shows the key was wrong."""
    if len(data) % 16 or not data:
        return None
    decryptor = Cipher(SEED(key), modes.CBC(iv)).decryptor()
    plain = decryptor.update(data) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(plain) + unpadder.finalize()
    except ValueError:
        return None


def decrypt_key(data: bytes, password: str, path: str = "signPri.key") -> keys.PrivateKeyInfo:
    """The private key in the key file ``data``, opened with ``password``.

    :class:`WrongPassword` when the password does not open it; :class:`InputError` when it is not a
    key file (or one in a form the app does not read)."""
    try:
        encrypted = _EncryptedKey.load(data)
        scheme = encrypted["algorithm"]["algorithm"].dotted
        secret = encrypted["data"].native
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(N_("{file} is not a key file the app can read."), file=path) from exc
    pw = password.encode("utf-8")
    try:
        if scheme == SEED_CBC_WITH_SHA1:
            params = _SeedParams.load(encrypted["algorithm"]["parameters"].dump())
            derived = pbkdf1_sha1(pw, params["salt"].native, _rounds(params["iterations"].native, path))
            key, iv = derived[:16], hashlib.sha1(derived[16:20]).digest()[:16]
        elif scheme == PBES2:
            params = _Pbes2Params.load(encrypted["algorithm"]["parameters"].dump())
            if params["kdf"]["algorithm"].dotted != PBKDF2 or params["cipher"]["algorithm"].dotted != SEED_CBC:
                raise InputError(N_("{file} is encrypted in a way the app does not read (only SEED is)."), file=path)
            kdf = _Pbkdf2Params.load(params["kdf"]["parameters"].dump())
            prf = kdf["prf"]["algorithm"].dotted if kdf["prf"].native is not None else "1.2.840.113549.2.7"
            if prf not in HMAC:
                raise InputError(N_("{file} is encrypted in a way the app does not read (only SEED is)."), file=path)
            iv = core.OctetString.load(params["cipher"]["parameters"].dump()).native
            key = hashlib.pbkdf2_hmac(HMAC[prf], pw, kdf["salt"].native, _rounds(kdf["iterations"].native, path), 16)
            if len(iv) != 16:
                raise InputError(N_("{file} is not a key file the app can read."), file=path)
        else:
            raise InputError(N_("{file} is encrypted in a way the app does not read (only SEED is)."), file=path)
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(N_("{file} is not a key file the app can read."), file=path) from exc
    plain = _seed_decrypt(key, iv, secret)
    try:
        if plain is None:
            raise ValueError("padding")
        private = serialization.load_der_private_key(plain, None)
    except (ValueError, TypeError) as exc:
        raise WrongPassword(N_("The password does not open the key file {file}. Nothing was signed."),
                            file=path) from exc
    der = private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return keys.PrivateKeyInfo.load(der)


def read_certificate(data: bytes, path: str) -> x509.Certificate:
    """A certificate in DER (as Korean certificates are kept) or PEM."""
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            from asn1crypto import pem

            _type, _headers, data = pem.unarmor(data)
        cert = x509.Certificate.load(data)
        cert.native  # noqa: B018 - parse it whole now, not halfway through signing
        return cert
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(N_("{file} is not a certificate the app can read."), file=path) from exc


def certificates(path: str) -> list[x509.Certificate]:
    """Every certificate in ``path``: one in DER, or any number in PEM."""
    data = read_small(path)
    if data.lstrip().startswith(b"-----BEGIN"):
        from asn1crypto import pem

        try:
            return [read_certificate(der, path) for _type, _headers, der in pem.unarmor(data, multiple=True)]
        except ValueError as exc:
            raise InputError(N_("{file} is not a certificate the app can read."), file=path) from exc
    return [read_certificate(data, path)]


def key_matches(cert: x509.Certificate, key: keys.PrivateKeyInfo) -> bool:
    """Whether ``key`` is the private half of ``cert``'s public key."""
    private = serialization.load_der_private_key(key.dump(), None)
    public = private.public_key().public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    return public == cert.public_key.dump()
