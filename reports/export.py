"""Exporting the packet: refuse a proposal with errors (unless a draft is asked for), check the
target, lay the document out in memory and write it atomically — never a partial file.

Three formats, one road: the PDF packet (the default and the checked document), its editable
HWPX copy, and the budget workbook (XLSX). Public API (the GUI and ``main.py export``, in
``cli/files.py``, use only this): :func:`export_packet`, :func:`write_packet`, :class:`ExportRefused`,
:class:`Written`, :data:`FORMATS`, and the rules both follow before anything is made: :func:`format_for` (the format
by the file's suffix), :func:`with_suffix` (the suffix by the format) and :func:`check_export` (a
format the suffix contradicts, a unit for the workbook, the proposal's own file as the target).
Nothing here prints: the command line says what happened.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field

from forms.base.atomic import same_file, write_bytes
from forms.base.errors import InputError, os_reason
from forms.base.i18n import N_, translate
from forms.model import Proposal
from forms.money import EntryUnit
from forms.profile import CallProfile
from forms.rules import Finding, validate
from forms.values import ERRORS, Count

LANGUAGES = ("ko", "en")
#: The formats a proposal can be exported in, the first being the default; each is also the suffix of its files.
FORMATS = ("pdf", "hwpx", "xlsx")
_MAX_NAMED = 10


#: What each format's refusal names: the document that cannot be exported.
_REFUSALS = {
    "pdf": N_("The proposal has {errors}, so the packet cannot be exported. Correct them, or export a draft:"),
    "hwpx": N_("The proposal has {errors}, so the HWPX copy cannot be exported. Correct them, or export a draft:"),
    "xlsx": N_("The proposal has {errors}, so the budget workbook cannot be exported. Correct them, or export a "
               "draft:"),
}


@dataclass
class Written:
    """What an export wrote that the person should know: the characters no bundled font could
    print (by name), and why the PDF packet is not an archival PDF (PDF/A-2u) when a scan keeps it
    from being one (:class:`reports.pdfa.Shortfall`, each ``text(lang)``). Both empty as a rule."""

    missing: list[str] = field(default_factory=list)
    not_archival: list = field(default_factory=list)


class ExportRefused(InputError):
    """The proposal has errors, so the document cannot be made (a draft still can). Its text names
    the document and says each error in words, as the window's Review does (the rule codes are for
    the validation report and ``validate``)."""

    def __init__(self, findings: list[Finding], fmt: str = "pdf") -> None:
        self.findings = findings
        self.format = fmt
        super().__init__(_REFUSALS.get(fmt, _REFUSALS["pdf"]), errors=Count(len(findings), ERRORS))

    def text(self, lang: str) -> str:
        lines = [super().text(lang)] + ["- " + f.message(lang) for f in self.findings[:_MAX_NAMED]]
        if len(self.findings) > _MAX_NAMED:
            lines.append(translate(N_("… and {count} more."), lang, count=len(self.findings) - _MAX_NAMED))
        return "\n".join(lines)


def format_for(out: str, fmt: str | None = None) -> str:
    """The format of an export to ``out``: the one given, else the one its suffix names, else pdf. A
    given format that another known suffix contradicts is refused, as a PDF in a file named .xlsx
    helps no one; a suffix no format claims keeps the given format."""
    suffix = os.path.splitext(out)[1].lower().lstrip(".")
    named = suffix if suffix in FORMATS else None
    if fmt is None:
        return named or FORMATS[0]
    if named is not None and named != fmt:
        raise InputError(N_("The format {format} does not fit the file name {file}, which ends in .{suffix}. Name a "
                            ".{format} file, or choose the format the suffix names."),
                         format=fmt, file=out, suffix=suffix)
    return fmt


def with_suffix(path: str, fmt: str) -> str:
    """``path`` ending in ``.fmt``: another format's suffix is replaced, a missing one added."""
    root, ext = os.path.splitext(path)
    if ext.lower().lstrip(".") in FORMATS:
        return f"{root}.{fmt}"
    return path if ext.lower() == "." + fmt else f"{path}.{fmt}"


def check_export(out: str, fmt: str | None = None, unit: str | None = None, source: str | None = None) -> str:
    """The format an export to ``out`` makes, once the rules that need no proposal are met: the
    format fits the suffix (:func:`format_for`), no unit is asked of the budget workbook (it holds
    every amount in won, as numbers Excel sums and the import reads back), and the target is not the
    proposal file ``source`` it is made from. :class:`InputError` otherwise; the folder is checked
    when the document is written (:func:`write_packet`)."""
    fmt = format_for(out, fmt)
    if fmt == "xlsx" and unit not in (None, "won"):
        raise InputError(N_("The budget workbook holds every amount in won, as numbers Excel can sum and the "
                            "import reads back, so the unit {unit} does not apply to it."), unit=unit)
    if source and same_file(source, out):
        raise InputError(N_("The packet would be written over the proposal file {file}. Name another file."),
                         file=out)
    return fmt


def _check_target(out_path: str) -> None:
    """Fail early, with a clear message, when the PDF could not be written where asked."""
    if not out_path:
        raise InputError(N_("Name the file to write."))
    target = os.path.abspath(out_path)
    folder = os.path.dirname(target)
    if os.path.isdir(target):
        raise InputError(N_("{file} is a folder. Name a file to write."), file=out_path)
    if not os.path.isdir(folder):
        probe = folder  # the nearest part of the path that exists: a file where a folder should be?
        while not os.path.exists(probe) and os.path.dirname(probe) != probe:
            probe = os.path.dirname(probe)
        if os.path.exists(probe) and not os.path.isdir(probe):
            raise InputError(N_("{path} is a file, not a folder. Nothing was written."), path=probe)
        raise InputError(N_("The folder {folder} does not exist. Nothing was written."), folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(N_("The folder {folder} cannot be written to. Nothing was written."), folder=folder)


def write_packet(proposal: Proposal, out_path: str, lang: str = "ko", draft: bool = False,
                 unit: str = "thousand", fmt: str = "pdf", profile: CallProfile | None = None) -> Written:
    """Like :func:`export_packet`; returns what the person should know of it (:class:`Written`)."""
    if lang not in LANGUAGES:
        raise InputError(N_("The packet can be made in Korean (ko) or English (en), not '{lang}'."), lang=lang)
    if fmt not in FORMATS:
        raise InputError(N_("'{format}' is not a format the app writes. Use one of {formats}."), format=fmt, formats=", ".join(FORMATS))
    entry_unit = EntryUnit.from_code(unit)
    report = validate(proposal, profile)
    if report.profile is None or (report.has_errors and not draft):
        raise ExportRefused(report.errors, fmt)
    _check_target(out_path)
    written = Written()
    # The layout makes many short-lived objects and no reference cycles worth collecting midway:
    # pausing the cyclic collector for its duration saves a noticeable share of the export time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if fmt == "xlsx":
            from reports.budget_workbook import (
                workbook_bytes,  # each library is loaded only when its format is made
            )

            data = workbook_bytes(proposal, report.statement, lang, draft)
        elif fmt == "hwpx":
            from reports import hwpx
            from reports.packet import describe, packet

            # The same description of the packet as the PDF's, laid out as OWPML.
            data = hwpx.render(describe(packet(proposal, report, lang, draft, entry_unit)))
        else:
            from reports.packet import render

            rendered = render(proposal, report, lang, draft, entry_unit)
            data = rendered.pdf
            written = Written(rendered.glyphs.lines(), rendered.shortfalls)
    finally:
        if collecting:
            gc.enable()
    try:
        write_bytes(out_path, data)
    except OSError as exc:
        raise InputError(N_("{file} cannot be written ({reason}). Nothing was written."),
                         file=out_path, reason=os_reason(exc)) from exc
    return written


def write_report(proposal: Proposal, out_path: str, lang: str = "ko") -> None:
    """Write the validation report of ``proposal`` as a PDF of its own (atomically): every finding
    with its rule code and field, which a final packet never carries."""
    if lang not in LANGUAGES:
        raise InputError(N_("The packet can be made in Korean (ko) or English (en), not '{lang}'."), lang=lang)
    report = validate(proposal)
    if report.profile is None:
        raise ExportRefused(report.errors)
    _check_target(out_path)
    from reports.packet import render_report

    data = render_report(proposal, report, lang)
    try:
        write_bytes(out_path, data)
    except OSError as exc:
        raise InputError(N_("{file} cannot be written ({reason}). The report was not written."),
                         file=out_path, reason=os_reason(exc)) from exc


def export_packet(proposal: Proposal, out_path: str, lang: str = "ko", draft: bool = False,
                  unit: str = "thousand", fmt: str = "pdf", profile: CallProfile | None = None) -> Written:
    """Write the PDF packet of ``proposal`` to ``out_path`` (or, by ``fmt``, its HWPX copy or the
    budget workbook), under its own call's profile or ``profile``.

    Raises :class:`ExportRefused` when the proposal has errors and ``draft`` is false, and
    :class:`InputError` when the target cannot be written. Atomic: no partial file, ever. Returns
    what the person should know of what was written (:class:`Written`).
    """
    return write_packet(proposal, out_path, lang=lang, draft=draft, unit=unit, fmt=fmt, profile=profile)
