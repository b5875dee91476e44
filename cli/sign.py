"""``python main.py sign`` and ``verify``: each region's head signs the final packet in turn, and anyone
checks it. pyHanko (``signing/``) is loaded only when one of the two runs."""

from __future__ import annotations

import argparse
import getpass
import sys

from cli.exits import EXIT_ERRORS, EXIT_OK
from forms.base.console import json_text, say
from forms.base.errors import InputError
from forms.base.i18n import N_, _


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sign", parents=[common], help=_("sign the final packet in a region's field (PAdES)"))
    p.add_argument("packet", metavar="PACKET.pdf")
    p.add_argument("--out", required=True, metavar="SIGNED.pdf")
    p.add_argument("--field", metavar="CODE", help=_("the signing region's field, named by its code (KR-47)"))
    p.add_argument("--cert", metavar="signCert.der", help=_("the certificate of a key file"))
    p.add_argument("--key", metavar="signPri.key", help=_("the key file (SEED-encrypted PKCS#8)"))
    p.add_argument("--password-file", metavar="FILE",
                   help=_("a file holding the key file's password (asked at the terminal otherwise)"))
    p.add_argument("--pkcs11", metavar="LIB", help=_("the PKCS#11 library of a security token"))
    p.add_argument("--token", metavar="LABEL", help=_("the token's label"))
    p.add_argument("--pin-file", metavar="FILE", help=_("a file holding the token's PIN (asked at the terminal otherwise)"))
    p.add_argument("--chain", metavar="CA", nargs="+", action="extend", default=[],
                   help=_("certificates of the issuing CAs, added to the signature"))
    p.add_argument("--tsa", metavar="URL", help=_("a time-stamp server: the signature gets a trusted time (PAdES B-T)"))
    p.add_argument("--extend", action="store_true",
                   help=_("add the validation data and a document time-stamp to a signed packet (B-LT, B-LTA), which "
                          "needs --tsa and --trust"))
    p.add_argument("--trust", metavar="ROOT", nargs="+", action="extend", default=[],
                   help=_("root certificates the signatures lead to (with --extend)"))
    p.set_defaults(func=cmd_sign)

    p = sub.add_parser("verify", parents=[common], help=_("check the signatures of a signed packet"))
    p.add_argument("packet", metavar="PDF")
    p.add_argument("--trust", metavar="ROOT", nargs="+", action="extend", default=[],
                   help=_("root certificates to trust (PEM or DER), e.g. those of GPKI and the accredited CAs"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(func=cmd_verify)


def secret_from(path: str | None, prompt: str) -> str:
    """The first line of ``path``, or what the person types at the terminal (not shown); never an argument."""
    if path:
        from signing.keyfile import read_small

        text = read_small(path).decode("utf-8", "replace")
        return text.splitlines()[0] if text else ""
    if not sys.stdin.isatty():
        raise InputError(N_("Give the password or PIN in a file (--password-file, --pin-file), or run the command at a "
                            "terminal to type it. Nothing was signed."))
    try:
        return getpass.getpass(prompt)
    except EOFError as exc:
        raise InputError(N_("No password or PIN was given. Nothing was signed.")) from exc


def cmd_sign(ns: argparse.Namespace) -> int:
    from forms.base.atomic import write_bytes
    from forms.base.errors import os_reason
    from signing import sign

    data = sign.read_packet(ns.packet)
    if ns.extend:
        if not ns.tsa:
            raise InputError(N_("--extend needs a time-stamp server: name it with --tsa URL. Nothing was written."))
        from signing.verify import read_roots

        signed = sign.extend_packet(data, ns.tsa, read_roots(ns.trust), ns.packet)
    else:
        if not ns.field:
            raise InputError(N_("Name the field to sign with --field (the region's code, e.g. KR-47)."))
        by_file, by_token = bool(ns.cert or ns.key), bool(ns.pkcs11 or ns.token)
        if by_file == by_token:
            raise InputError(N_("Sign either with a key file (--cert and --key) or with a token (--pkcs11 and "
                                "--token), one of the two."))
        # a file that is not a packet, or the wrong field, is refused before a password is asked
        sign.check_field(sign.fields(data, ns.packet), ns.field, ns.packet)
        if by_file:
            if not (ns.cert and ns.key):
                raise InputError(N_("A key file needs both --cert (signCert.der) and --key (signPri.key)."))
            password = secret_from(ns.password_file, _("Password of the key file: "))
            signer = sign.key_file_signer(ns.cert, ns.key, password, ns.chain)
            signed = sign.sign_packet(data, ns.field, signer, ns.tsa, ns.packet)
        else:
            if not (ns.pkcs11 and ns.token):
                raise InputError(N_("A token needs both --pkcs11 (its library) and --token (its label)."))
            pin = secret_from(ns.pin_file, _("PIN of the token: "))
            with sign.token_signer(ns.pkcs11, ns.token, pin, ns.chain, ns.cert) as signer:
                signed = sign.sign_packet(data, ns.field, signer, ns.tsa, ns.packet)
    try:
        write_bytes(ns.out, signed)
    except OSError as exc:
        raise InputError(N_("{file} cannot be written ({reason}). Nothing was written."),
                         file=ns.out, reason=os_reason(exc)) from exc
    if ns.extend:
        say(_("Added the validation data and a document time-stamp. Wrote {file}.").format(file=ns.out))
    else:
        say(_("Signed the field {field}. Wrote {file}.").format(field=ns.field, file=ns.out))
    return EXIT_OK


def describe(check: object) -> str:
    """One signature in a line: field, signer, time, level, and valid or what is wrong."""
    problems = []
    if not check.intact:
        problems.append(_("changed after signing, or the signature is damaged"))
    if not check.trusted:
        problems.append(_("its certificate does not lead to a trusted root"))
    if check.intact and not check.covers:
        problems.append(_("the document was changed after this signature in a way it does not allow"))
    verdict = "; ".join(problems) if problems else _("valid")
    when = check.signed_at.astimezone().strftime("%Y-%m-%d %H:%M:%S %z") if check.signed_at else "-"
    line = _("{field}: signed by {signer} at {time}, {level}: {verdict}").format(
        field=check.field, signer=check.signer, time=when, level=check.level, verdict=verdict)
    if check.certifies:
        line += " " + _("(certifies the packet: later only signing is allowed)")
    return line


def cmd_verify(ns: argparse.Namespace) -> int:
    from signing.verify import check_file

    checks = check_file(ns.packet, ns.trust)
    if ns.json:
        say(json_text({"file": ns.packet, "trust_anchors": checks.anchors, "ok": checks.ok,
                       "signatures": [c.as_dict() for c in checks.signatures], "unsigned_fields": checks.unsigned,
                       "document_timestamps_failing": checks.bad_timestamps}))
        return EXIT_OK if checks.ok else EXIT_ERRORS
    if not checks.anchors:
        say(_("No trust anchors given: no signature can be trusted. Name the root certificates of GPKI or of the "
              "accredited CAs with --trust."), err=True)
    if not checks.signatures:
        say(_("{file} carries no signature.").format(file=ns.packet))
    for check in checks.signatures:
        say(describe(check))
    if checks.unsigned:
        say(_("Not signed yet: {fields}.").format(fields=", ".join(checks.unsigned)))
    if checks.bad_timestamps:
        say(_("A document time-stamp is damaged or not trusted."))
    say(_("Every signature is intact and trusted.") if checks.ok else _("Not every signature is intact and trusted."))
    return EXIT_OK if checks.ok else EXIT_ERRORS


__all__ = ["add_parsers"]
