"""``python main.py sample | validate | export``: proposal files on the command line, through the same code
as the window."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_BAD_INPUT, EXIT_ERRORS, EXIT_OK
from forms.base import i18n
from forms.base.console import json_text, say
from forms.base.errors import InputError
from forms.base.i18n import N_, _
from forms.values import ERRORS, WARNINGS, Count
from reports.export import FORMATS, check_export  # the export's rules, the window's too (no ReportLab yet)


def cmd_sample(ns: argparse.Namespace) -> int:
    from forms.files.exchange_write import write_file
    from forms.model import label
    from forms.sample import SAMPLES

    proposal = SAMPLES[ns.type]()
    write_file(proposal, ns.out)
    say(_("Wrote the sample of the {type} to {file}.").format(
        type=label(ns.type, i18n.current_language()), file=ns.out))
    return EXIT_OK


def cmd_validate(ns: argparse.Namespace) -> int:
    from forms.files.exchange_read import read_file
    from forms.rules import validate

    lang = i18n.current_language()
    try:
        proposal = read_file(ns.file)
    except InputError as exc:
        if ns.json:  # a script reading the output gets JSON in every case
            doc = {"file": ns.file, "readable": False, "where": exc.place(lang), "message": exc.text(lang)}
            doc.update({k: exc.fields[k] for k in ("line", "column") if k in exc.fields})
            say(json_text(doc))
        raise
    report = validate(proposal)
    if ns.report:
        from forms.base.atomic import same_file
        from reports.export import write_report

        if same_file(ns.file, ns.report):
            raise InputError(N_("The report would be written over the proposal file {file}. Name another file "
                                "with --report."), file=ns.report)
        write_report(proposal, ns.report, lang)  # an unwritable target: exit 2, as for any bad input
    if ns.json:
        doc = {
            "file": ns.file,
            "readable": True,
            "call": proposal.call,
            "profile_version": report.profile.version if report.profile else None,
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "findings": [f.as_dict(lang) for f in report.findings],
        }
        say(json_text(doc))
    else:
        words = {"error": _("error"), "warning": _("warning")}
        for f in report.findings:
            say(f"{words[f.severity.value]}\t{f.code}\t{f.shown}\t{f.message(lang)}")
        say(_("{errors}, {warnings}.").format(errors=Count(len(report.errors), ERRORS).render(lang),
                                               warnings=Count(len(report.warnings), WARNINGS).render(lang)))
        if ns.report:
            say(_("Wrote the validation report to {file}.").format(file=ns.report))
    return EXIT_ERRORS if report.has_errors else EXIT_OK


def cmd_export(ns: argparse.Namespace) -> int:
    return export_command(ns.file, ns.out, lang=ns.packet_lang or i18n.current_language(), draft=ns.draft,
                          unit=ns.unit, fmt=ns.format)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sample", parents=[common], help=_("write a complete reference proposal"))
    p.add_argument("--type", required=True, choices=["super_regional", "leap"])
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("validate", parents=[common], help=_("check a proposal file against its call's rules"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help=_("print the findings as JSON"))
    p.add_argument("--report", metavar="OUT.pdf", help=_("also write the validation report as a PDF"))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("export", help=_("write the PDF packet of a proposal file"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--out", required=True, metavar="OUT.pdf")
    p.add_argument("--format", choices=list(FORMATS), default=None,
                   help=_("pdf (the packet), hwpx (its editable copy for Hancom Office) or xlsx (the budget workbook), "
                          "by default as the suffix of --out says, else pdf"))
    p.add_argument("--lang", dest="packet_lang", choices=["ko", "en"], help=_("language of the packet"))
    p.add_argument("--draft", action="store_true", help=_("export despite errors, marking every page as a draft"))
    p.add_argument("--unit", choices=["won", "thousand", "million"], default=None,
                   help=_("unit of the amount tables of the packet and its HWPX copy (default: thousand), while the "
                          "budget workbook always holds won"))
    p.set_defaults(func=cmd_export)


def export_command(file: str, out: str, lang: str = "ko", draft: bool = False, unit: str | None = None,
                   fmt: str | None = None) -> int:
    """``main.py export``: 0 written, 1 refused for errors, 2 unreadable input or unwritable output. Without
    ``fmt`` the suffix of ``out`` chooses the format. A unit other than won for the workbook is refused (exit 2):
    its amounts are numbers of won, which Excel sums and the import reads back."""
    from forms.files.exchange_read import read_file
    from reports.export import ExportRefused, write_packet  # ReportLab loads only for an export

    ui = i18n.current_language()
    try:
        fmt = check_export(out, fmt, unit, source=file)  # the window's rules too
        proposal = read_file(file)
        written = write_packet(proposal, out, lang=lang, draft=draft, unit=unit or "thousand", fmt=fmt)
    except ExportRefused as exc:  # each error in words; `validate` gives the rule codes and fields
        say(exc.text(ui), err=True)
        return EXIT_ERRORS
    except InputError as exc:
        say(exc.text(ui), err=True)
        return EXIT_BAD_INPUT
    for line in written.missing:
        say(_("warning: a character the bundled fonts cannot print is shown as 〓: {char}").format(char=line), err=True)
    for shortfall in written.not_archival:
        say(_("warning: the packet is not an archival PDF (PDF/A-2u): {reason}.").format(reason=shortfall.text(ui)),
            err=True)
    done = {"pdf": _("Wrote the packet to {file}."), "hwpx": _("Wrote the editable HWPX copy of the packet to {file}."),
            "xlsx": _("Wrote the budget workbook to {file}.")}[fmt]
    say(done.format(file=out))
    if draft:
        say(_("This is a draft: every page is marked as such."), err=True)
    return EXIT_OK
