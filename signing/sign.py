"""One PAdES signature in a region's field of the packet, as an incremental update, so that the
signatures made before stay valid; and, once online, the validation data and a document time-stamp
that keep them verifiable for years (B-LT, B-LTA).

The first signature certifies the packet (DocMDP, P=2): after it, only form filling and signing is
allowed, so a change of the text after the lead region signed shows as a fault of every signature.
The lead region (the first field) therefore signs first. Offline a signature is PAdES B-B; with a
time-stamp server (``tsa``) B-T. Nothing here writes a file: each function returns the new bytes.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass

from asn1crypto import x509

from forms.base.errors import InputError
from forms.base.i18n import N_
from signing.keyfile import (
    WrongPassword,
    certificates,
    decrypt_key,
    key_matches,
    read_at_most,
    read_certificate,
    read_small,
)

#: A packet with its scans stays well under this; a larger file is not read.
MAX_PACKET = 400 * 1024 * 1024
MD = "sha256"


@dataclass(frozen=True)
class Field:
    """A signature field of the packet: its name (a region's code) and whether it is signed."""

    name: str
    signed: bool


def read_packet(path: str) -> bytes:
    return read_at_most(path, MAX_PACKET, N_("{file} is too large to be a packet."))


def _reader(data: bytes, path: str):  # noqa: ANN202 - pyHanko's reader
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        if not data.lstrip()[:5] == b"%PDF-":
            raise PdfError("no header")
        r = PdfFileReader(io.BytesIO(data), strict=False)
        r.root  # noqa: B018 - read the catalogue now, where a damaged file fails
        return r
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError) as exc:
        raise InputError(N_("{file} is not a PDF the app can read."), file=path) from exc


def fields(data: bytes, path: str = "packet.pdf") -> list[Field]:
    """The signature fields of the packet in ``data``, in the order they are listed (the lead region's first)."""
    from pyhanko.sign.fields import enumerate_sig_fields

    r = _reader(data, path)
    try:
        return [Field(str(name), value is not None) for name, value, _ref in enumerate_sig_fields(r)]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(N_("{file} is not a PDF the app can read."), file=path) from exc


def key_file_signer(cert_path: str, key_path: str, password: str, chain: list[str] = ()):  # noqa: ANN201
    """A signer from a Korean certificate (``signCert.der``) and its key file (``signPri.key``)."""
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = read_certificate(read_small(cert_path), cert_path)
    key = decrypt_key(read_small(key_path), password, key_path)
    if not key_matches(cert, key):
        raise InputError(N_("The key file {key} does not belong to the certificate {cert}: choose the signCert.der "
                            "and signPri.key of the same folder. Nothing was signed."), key=key_path, cert=cert_path)
    cas = [c for path in chain for c in certificates(path)]
    return SimpleSigner(signing_cert=cert, signing_key=key, cert_registry=SimpleCertificateStore.from_certs([cert, *cas]))


@contextlib.contextmanager
def token_signer(library: str, token: str, pin: str, chain: list[str] = (),
                 cert_path: str | None = None) -> Iterator[object]:
    """A signer with the first private key of the token labelled ``token`` (a security token or an
    HSM, through its PKCS#11 ``library``), and the certificate it holds beside it (or ``cert_path``)."""
    from pkcs11 import Attribute, ObjectClass
    from pkcs11 import exceptions as p11
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.pkcs11 import PKCS11Error, PKCS11Signer, TokenCriteria, open_pkcs11_session

    try:
        session = open_pkcs11_session(library, token_criteria=TokenCriteria(label=token), user_pin=pin)
    except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange) as exc:
        raise WrongPassword(N_("The PIN does not open the token {token}. Nothing was signed."), token=token) from exc
    except p11.PinLocked as exc:
        raise InputError(N_("The token {token} is locked after too many wrong PINs. Nothing was signed."),
                         token=token) from exc
    except (PKCS11Error, SigningError) as exc:
        raise InputError(N_("No token labelled {token} is connected. Nothing was signed."), token=token) from exc
    except (OSError, RuntimeError, p11.PKCS11Error) as exc:
        raise InputError(N_("{library} cannot be used as a PKCS#11 library of a token ({reason}). Nothing was "
                            "signed."), library=library, reason=type(exc).__name__) from exc
    try:
        found = list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}))
        if not found:
            raise InputError(N_("The token {token} holds no signing key. Nothing was signed."), token=token)
        key_id = found[0][Attribute.ID]
        cas = [c for path in chain for c in certificates(path)]
        cert = read_certificate(read_small(cert_path), cert_path) if cert_path else None
        yield PKCS11Signer(session, key_id=key_id, cert_id=key_id, signing_cert=cert, ca_chain=cas)
    finally:
        with contextlib.suppress(Exception):  # a token pulled out meanwhile: nothing left to close
            session.close()


def check_field(found: list[Field], field: str, path: str) -> bool:
    """Whether signing ``field`` certifies the packet (no signature yet); refused in words when
    the packet has no such field, it is signed, or the lead region has not signed first."""
    if not found:
        raise InputError(N_("{file} has no signature fields: it is not a final packet made by the app (a draft has "
                            "none). Export the final packet and sign that. Nothing was signed."), file=path)
    names = [f.name for f in found]
    if field not in names:
        raise InputError(N_("{file} has no signature field {field}. Its fields are {fields}. Nothing was signed."),
                         file=path, field=field, fields=", ".join(names))
    if next(f for f in found if f.name == field).signed:
        raise InputError(N_("The field {field} of {file} is already signed. Nothing was signed."),
                         file=path, field=field)
    first = not any(f.signed for f in found)
    if first and field != names[0]:
        raise InputError(N_("The lead region ({lead}) signs first: its signature certifies the packet. Nothing was "
                            "signed."), lead=names[0])
    return first


def sign_packet(data: bytes, field: str, signer: object, tsa: str | None = None, path: str = "packet.pdf") -> bytes:
    """``data`` with a PAdES signature by ``signer`` in ``field``, appended as an incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
    from pyhanko.sign.signers.pdf_byterange import SigSeedSubFilter
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError
    from pyhanko.stamp.noop import NoOpStampStyle

    certify = check_field(fields(data, path), field, path)
    meta = PdfSignatureMetadata(field_name=field, md_algorithm=MD, subfilter=SigSeedSubFilter.PADES,
                                certify=certify, docmdp_permissions=MDPPerm.FILL_FORMS)
    stamper = None
    if tsa:
        from signing.tsa import UrlTimeStamper

        stamper = UrlTimeStamper(tsa)
    out = io.BytesIO()
    try:
        w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        # The seal box keeps its look (the empty appearance the archival packet needs): the signature
        # is in the file, the printed page is sealed by hand where that is still the rule.
        PdfSigner(meta, signer, timestamper=stamper, stamp_style=NoOpStampStyle()).sign_pdf(w, output=out)
    except TimestampRequestError as exc:
        raise InputError(N_("The time-stamp server {url} did not give a time-stamp ({reason}). Nothing was signed."),
                         url=tsa, reason=str(exc)) from exc
    except SigningError as exc:
        raise InputError(N_("The packet could not be signed ({reason}). Nothing was signed."),
                         reason=str(exc)) from exc
    return out.getvalue()


def extend_packet(data: bytes, tsa: str, roots: list[x509.Certificate], path: str = "packet.pdf") -> bytes:
    """``data`` with the validation data of every signature (certificates, and the revocation
    answers their issuers give: B-LT) and a document time-stamp over it all (B-LTA). Online."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.signers import PdfTimeStamper
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError
    from pyhanko.sign.validation import add_validation_info
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

    from signing.tsa import UrlTimeStamper

    if not roots:
        raise InputError(N_("Name the root certificates the signatures lead to with --trust: the validation data is "
                            "gathered up to them. Nothing was written."))
    if not _reader(data, path).embedded_regular_signatures:
        raise InputError(N_("{file} has no signature to extend. Nothing was written."), file=path)
    context = ValidationContext(trust_roots=roots, allow_fetching=True, revocation_mode="soft-fail")
    try:
        count = len(_reader(data, path).embedded_regular_signatures)
        for index in range(count):
            signature = _reader(data, path).embedded_regular_signatures[index]
            out = io.BytesIO()
            add_validation_info(signature, context, output=out)
            data = out.getvalue()
        out = io.BytesIO()
        PdfTimeStamper(UrlTimeStamper(tsa)).timestamp_pdf(IncrementalPdfFileWriter(io.BytesIO(data), strict=False),
                                                          MD, validation_context=context, output=out)
    except TimestampRequestError as exc:
        raise InputError(N_("The time-stamp server {url} did not give a time-stamp ({reason}). Nothing was written."),
                         url=tsa, reason=str(exc)) from exc
    except (PathBuildingError, PathValidationError) as exc:
        raise InputError(N_("A signature's certificate does not lead to a root named with --trust ({reason}). Nothing "
                            "was written."), reason=str(exc)) from exc
    except (SigningError, ValueError) as exc:
        raise InputError(N_("The packet could not be extended ({reason}). Nothing was written."),
                         reason=str(exc)) from exc
    return out.getvalue()
