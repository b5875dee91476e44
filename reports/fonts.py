"""The packet's fonts: the bundled TrueType faces, embedded as subsets, and glyph fallback.

A Korean packet is set in NanumMyeongjo (body), NanumGothic and NanumGothic Bold (headings,
emphasis, tables) — their own Latin letters and figures included, as Korean word processors set
them: one face per run keeps a table's figures the width they were measured in. An English
packet is set in their Latin partners, Noto Serif for Myeongjo and Noto Sans (regular and bold)
for Gothic, with real hyphens, dashes and quotation marks; its Korean runs (an amount in the
official form, a name given only in Korean) fall back to the Nanum face of the same role.

Three faces a language, not four: parsing a TrueType face costs time, and the packet is held to
a start-to-finish time budget; emphasis in Gothic is usual in Korean reports. A face is
registered on first use, so a Korean packet never loads the Latin ones. A character the chosen
face lacks is set in the next face of its fallback chain; a character no bundled face has (an
emoji) is shown as ``〓`` — never as an empty box — and reported by name on the validation page
and on the command's standard error.
"""

from __future__ import annotations

from html import escape as _html_escape

from reportlab.pdfbase import pdfmetrics

from forms.base.paths import resource_path
from forms.printable import printable
from reports.facecache import CachedTTFont
from reports.glyphs import Glyphs


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` for Paragraph markup (``html.escape`` is cheap to import;
    ``xml.sax.saxutils`` pulls in ``urllib`` and ``http``)."""
    return _html_escape(text, quote=False)


GOTHIC = "NanumGothic"
GOTHIC_BOLD = "NanumGothicBold"
MYEONGJO = "NanumMyeongjo"
SANS = "NotoSans"
SANS_BOLD = "NotoSans-Bold"
SERIF = "NotoSerif"
#: The file of each face in ``resources/fonts``.
FILES = {GOTHIC: "NanumGothic.ttf", GOTHIC_BOLD: "NanumGothicBold.ttf", MYEONGJO: "NanumMyeongjo.ttf",
         SANS: "NotoSans-Regular.ttf", SANS_BOLD: "NotoSans-Bold.ttf", SERIF: "NotoSerif-Regular.ttf"}
FACES = (GOTHIC, GOTHIC_BOLD, MYEONGJO)
#: The face an English packet sets in place of each Korean one: serif for Myeongjo, sans for Gothic.
LATIN = {MYEONGJO: SERIF, GOTHIC: SANS, GOTHIC_BOLD: SANS_BOLD}
#: The next faces to try, in order, when a face lacks a character.
#: A Korean packet reaches the Latin faces only for a letter Nanum lacks (Greek, Cyrillic, ő).
FALLBACK = {MYEONGJO: (GOTHIC, SERIF), GOTHIC: (MYEONGJO, SANS), GOTHIC_BOLD: (MYEONGJO, SANS_BOLD),
            SERIF: (MYEONGJO, GOTHIC), SANS: (GOTHIC, MYEONGJO), SANS_BOLD: (GOTHIC_BOLD, MYEONGJO)}
#: Shown in place of a character that no bundled face has (the geta mark of Korean typesetting).
MISSING_MARK = "〓"

_coverage: dict[str, dict[int, int]] = {}


def face(name: str, lang: str) -> str:
    """The face that sets the role of the Korean face ``name`` in a packet in ``lang``."""
    return LATIN.get(name, name) if lang == "en" else name


def register(*names: str) -> None:
    """Register ``names`` (the Korean faces when none are given), each once per process;
    ReportLab embeds only the glyphs used."""
    for name in names or FACES:
        _have(name)


def _have(name: str) -> dict[int, int]:
    """The character map of ``name``, registering the face on first use."""
    have = _coverage.get(name)
    if have is None:
        font = CachedTTFont(name, resource_path("fonts", FILES[name]))
        pdfmetrics.registerFont(font)
        have = _coverage[name] = font.face.charToGlyph
        if name in (GOTHIC, GOTHIC_BOLD):
            pdfmetrics.registerFontFamily(GOTHIC, normal=GOTHIC, bold=GOTHIC_BOLD, italic=GOTHIC,
                                          boldItalic=GOTHIC_BOLD)
    return have


def covers(face: str, char: str) -> bool:
    return ord(char) in _have(face)


#: Control characters as every document prints them (``forms.printable``): the HWPX copy and the
#: workbook clean their texts the same way.
clean = printable


def runs(text: str, face: str, glyphs: Glyphs | None = None, where: str = "") -> list[tuple[str, str]]:
    """User text as ``(face, characters)`` runs: in ``face``, and in the first face of its fallback
    chain that has a character ``face`` lacks; a character no face has is shown as 〓 (and noted
    in ``glyphs``). The text is taken as it is: nothing in it is markup."""
    text = clean(text)
    have = _have(face)
    if all(ord(c) in have or c == "\n" for c in set(text)):
        return [(face, text)] if text else []
    chain = [(other, _have(other)) for other in FALLBACK[face]]
    parts: list[tuple[str, str]] = []
    run: list[str] = []
    run_face = face
    for char in text:
        code = ord(char)
        if code in have or char == "\n":
            target = face
        else:
            target = next((other for other, other_have in chain if code in other_have), "")
            if not target:
                if glyphs is not None:
                    glyphs.note(char, where)
                target, char = face, MISSING_MARK
        if target != run_face:
            if run:
                parts.append((run_face, "".join(run)))
                run.clear()
            run_face = target
        run.append(char)
    if run:
        parts.append((run_face, "".join(run)))
    return parts


def markup(text: str, face: str, glyphs: Glyphs | None = None, where: str = "") -> str:
    """User text as safe Paragraph markup in ``face``: escaped, with fallback runs for missing glyphs."""
    return "".join(escape(chunk) if run_face == face else f'<font name="{run_face}">{escape(chunk)}</font>'
                   for run_face, chunk in runs(text, face, glyphs, where))


def plain(text: str, face: str, glyphs: Glyphs | None = None, where: str = "") -> str:
    """User text for direct canvas drawing in ``face`` (no markup): unknown characters become 〓."""
    text = clean(text).replace("\n", " ")
    have = _have(face)
    out = []
    for char in text:
        if ord(char) not in have:
            if glyphs is not None:
                glyphs.note(char, where)
            char = MISSING_MARK
        out.append(char)
    return "".join(out)


def drawn(text: str, face: str) -> tuple[str, str]:
    """``(face, text)`` for drawing ``text`` on the canvas in one face: ``face`` when it has every
    character, else the first of its fallbacks that has them all (a Korean name in an English
    packet's chart), else ``face`` with the characters it lacks shown as 〓."""
    for name in (face, *FALLBACK[face]):
        have = _have(name)
        if all(ord(c) in have for c in clean(text).replace("\n", " ")):
            return name, clean(text).replace("\n", " ")
    return face, plain(text, face)
