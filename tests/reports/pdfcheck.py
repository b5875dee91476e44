"""Reading packets back: text, fonts, outline and rendered pages."""

from __future__ import annotations

import io
import re

import pypdf
import pypdfium2

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text without any whitespace: Korean wraps between any two syllables, so compare without it."""
    return _SPACE.sub("", text)


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


_FURNITURE = re.compile(r"- \d+ -|(?:문서확인번호|Document confirmation number) [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}|초안 / DRAFT")


def bare(text: str) -> str:
    """A page's text without its furniture (page number, fingerprint, draft mark), whitespace removed."""
    return squash(_FURNITURE.sub("", text))


def all_text(pdf: bytes) -> str:
    """The packet's text without page furniture (number, fingerprint, draft mark), whitespace removed.

    Text that runs over a page break reads on without interruption."""
    return squash("".join(_FURNITURE.sub("", t) for t in page_texts(pdf)))


def font_dicts(pdf: bytes) -> dict[str, pypdf.generic.DictionaryObject]:
    """Every font named in any page's resources (and in the forms those pages draw), by base name."""
    fonts: dict[str, pypdf.generic.DictionaryObject] = {}

    def visit(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
        for xobj in (resources.get("/XObject") or {}).values():
            xobj = xobj.get_object()
            if xobj.get("/Subtype") == "/Form":
                visit(xobj.get("/Resources"))

    for page in reader(pdf).pages:
        visit(page.get("/Resources"))
    return fonts


def embedded(font) -> bool:
    """True when the font's program is in the file (TrueType, CFF or Type 1, directly or as CID)."""
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def outline_titles(pdf: bytes) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every outline entry, depth first."""
    r = reader(pdf)
    out: list[tuple[int, str, int]] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title, r.get_destination_page_number(item) + 1))

    walk(r.outline, 0)
    return out


def ink_ratios(pdf: bytes, scale: float = 0.4) -> list[float]:
    """For each page, the share of pixels that are not white once rendered."""
    doc = pypdfium2.PdfDocument(pdf)
    ratios = []
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=scale).to_pil().convert("L")
            histogram = image.histogram()
            total = sum(histogram)
            ratios.append(1 - sum(histogram[245:]) / total)
    finally:
        doc.close()
    return ratios


def boxes(pdf: bytes, page: int, needle: str) -> list[tuple[float, float, float, float]]:
    """Where ``needle`` is printed on page ``page`` (from 1): for each occurrence, in points from the
    page's bottom left, the left of its first character, the bottom and top of that character, and
    the right of its last character."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        text = doc[page - 1].get_textpage()
        search = text.search(needle)
        out = []
        while found := search.get_next():
            first, count = found
            left, bottom, _right, top = text.get_charbox(first)
            out.append((left, bottom, text.get_charbox(first + count - 1)[2], top))
        return out
    finally:
        doc.close()


def laid_out_tables(monkeypatch, proposal, path: str, lang: str) -> list:
    """Every ReportLab table laid out while ``proposal``'s draft packet is exported to ``path``
    (each as often as ReportLab wraps it), to look at the cells as they were set."""
    from reportlab.platypus import Table

    from reports.export import export_packet

    tables: list = []
    wrap = Table.wrap

    def record(self, *args):
        tables.append(self)
        return wrap(self, *args)

    monkeypatch.setattr(Table, "wrap", record)
    export_packet(proposal, path, lang=lang, draft=True)
    return tables


def pdftotext(pdf: bytes, layout: bool = False) -> list[str]:
    """The pages' text as poppler's ``pdftotext`` reads it (the pages split at its form feeds, the diagonal draft mark left out);
    the test is skipped on a machine without it."""
    import shutil
    import subprocess

    import pytest

    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler) is not installed")
    args = [tool, "-enc", "UTF-8", "-nodiag", *(["-layout"] if layout else []), "-", "-"]
    done = subprocess.run(args, input=pdf, capture_output=True, check=True, timeout=120)
    return done.stdout.decode("utf-8").split("\f")[:-1]
