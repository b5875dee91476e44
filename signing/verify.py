"""Checking a signed packet's signatures, offline: for each, who signed (the name in the
certificate), in which field and when, at which PAdES level, and whether it is intact (not a byte of
what it signed changed), trusted (its certificate leads to one of the given roots) and covers the
whole document but the signatures added after it (nothing else changed after signing, or only what
the certification allows).

No root certificates ship with the app (the public roots of GPKI and the accredited CAs were not
at hand to ship with their source): they are given with ``--trust`` (or chosen in the window), and
without them no signature is trusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import x509

from forms.base.errors import InputError
from forms.base.i18n import N_
from signing.sign import _reader

LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")


@dataclass
class Checked:
    """One signature as checked."""

    field: str
    signer: str
    signed_at: datetime | None
    level: str
    intact: bool
    trusted: bool
    covers: bool
    certifies: bool = False

    @property
    def ok(self) -> bool:
        return self.intact and self.trusted and self.covers

    def as_dict(self) -> dict[str, object]:
        return {"field": self.field, "signer": self.signer,
                "signed_at": self.signed_at.isoformat() if self.signed_at else None, "level": self.level,
                "intact": self.intact, "trusted": self.trusted, "covers_document": self.covers,
                "certifies": self.certifies, "ok": self.ok}


@dataclass
class Checks:
    signatures: list[Checked] = field(default_factory=list)
    #: the fields no one has signed yet
    unsigned: list[str] = field(default_factory=list)
    #: the document time-stamps (B-LTA) that are not intact or not trusted
    bad_timestamps: int = 0
    anchors: int = 0

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and all(s.ok for s in self.signatures) and not self.bad_timestamps


def signer_name(cert: x509.Certificate | None) -> str:
    if cert is None:
        return "-"
    subject = cert.subject.native
    return str(subject.get("common_name") or cert.subject.human_friendly)


def _context(r, roots: list[x509.Certificate]):  # noqa: ANN001, ANN202 - pyHanko's reader and context
    """A validation context with ``roots`` and whatever validation data the packet carries, offline."""
    from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError

    settings = {"trust_roots": roots, "allow_fetching": False, "revocation_mode": "soft-fail"}
    try:
        dss = DocumentSecurityStore.read_dss(r)
    except NoDSSFoundError:
        from pyhanko_certvalidator import ValidationContext

        return ValidationContext(**settings), set()
    return dss.as_validation_context(settings), {c.issuer_serial for c in dss.load_certs()}


def verify(data: bytes, roots: list[x509.Certificate], path: str = "packet.pdf") -> Checks:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    r = _reader(data, path)
    try:
        context, dss_certs = _context(r, roots)
        checks = Checks(anchors=len(roots))
        checks.unsigned = [str(name) for name, value, _ref in enumerate_sig_fields(r) if value is None]
        stamps = r.embedded_timestamp_signatures
        for stamp in stamps:
            try:
                status = validate_pdf_timestamp(stamp, validation_context=context)
                good = status.intact and status.valid and status.trusted
            except SignatureValidationError:
                good = False
            checks.bad_timestamps += not good
        for signature in r.embedded_regular_signatures:
            try:
                status = validate_pdf_signature(signature, signer_validation_context=context,
                                                ts_validation_context=context)
            except SignatureValidationError:
                checks.signatures.append(Checked(signature.field_name, signer_name(signature.signer_cert), None,
                                                 "-", False, False, False))
                continue
            level = "B-B"
            if status.timestamp_validity is not None:
                level = "B-T"
                if signature.signer_cert is not None and signature.signer_cert.issuer_serial in dss_certs:
                    level = "B-LT"
                    if any(s.signed_revision > signature.signed_revision for s in stamps):
                        level = "B-LTA"
            moved = status.modification_level
            covers = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
                status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and moved is not None
                and moved <= ModificationLevel.FORM_FILLING and status.docmdp_ok)
            when = status.timestamp_validity.timestamp if status.timestamp_validity else status.signer_reported_dt
            checks.signatures.append(Checked(
                str(signature.field_name), signer_name(status.signing_cert), when, level,
                bool(status.intact and status.valid), bool(status.trusted), bool(covers),
                certifies=signature.docmdp_level is not None))
        return checks
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(N_("The signatures of {file} cannot be read ({reason})."), file=path,
                         reason=type(exc).__name__) from exc


def read_roots(paths: list[str]) -> list[x509.Certificate]:
    from signing.keyfile import certificates

    return [c for p in paths for c in certificates(p)]


def check_file(path: str, roots: list[str]) -> Checks:
    from signing.sign import read_packet

    data = read_packet(path)
    return verify(data, read_roots(roots), path)


__all__ = ["LEVELS", "Checked", "Checks", "check_file", "verify"]
