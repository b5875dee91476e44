"""Korean key files (signPri.key) in both SEED forms are opened with their password, and only with it."""

import pytest
from cryptography.hazmat.primitives import serialization

from forms.base.errors import InputError
from signing.keyfile import WrongPassword, decrypt_key, key_matches, read_certificate
from tests.signing.pki import pbes2_key_file, seed_sha1_key_file


def _same(party, info):
    return info.dump() == party.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption())


@pytest.mark.parametrize("make", [seed_sha1_key_file, lambda p, pw: pbes2_key_file(p, pw, "sha1"),
                                  lambda p, pw: pbes2_key_file(p, pw, "sha256")],
                         ids=["seedCBCWithSHA1", "pbes2-sha1", "pbes2-sha256"])
def test_each_form_opens_with_its_password_and_not_without(pki, make):
    data = make(pki.gyeongbuk, "암호 pass")
    info = decrypt_key(data, "암호 pass")
    assert _same(pki.gyeongbuk, info)
    assert key_matches(read_certificate(pki.gyeongbuk.der, "c.der"), info)
    assert not key_matches(read_certificate(pki.daegu.der, "c.der"), info)
    with pytest.raises(WrongPassword) as caught:
        decrypt_key(data, "암호 pas", "signPri.key")
    assert "password" in caught.value.text("en") and "암호가 맞지 않아" in caught.value.text("ko")


@pytest.mark.parametrize("data", [b"", b"not a key", b"\x30\x03\x02\x01\x01"])
def test_what_is_not_a_key_file_is_refused_in_words(data):
    with pytest.raises(InputError) as caught:
        decrypt_key(data, "x", "odd.key")
    assert not isinstance(caught.value, WrongPassword)
    assert "odd.key" in caught.value.text("ko")
