"""The packet's fonts: the bundled Nanum TrueType faces, embedded as subsets, and glyph fallback.

Body text is set in NanumMyeongjo, headings, emphasis and tables in NanumGothic (regular and
bold). Three faces, not four: parsing a Korean TrueType face costs about 40 ms, and the packet
is held to a start-to-finish time budget; emphasis in Gothic is usual in Korean reports. A character the chosen
face lacks (a Hanja missing from Myeongjo, say) is set in the other bundled face; a character no
bundled face has (an emoji) is shown as ``〓`` — never as an empty box — and reported by name on
the validation page and on the command's standard error.
"""

from __future__ import annotations

from html import escape as _html_escape

from reportlab.pdfbase import pdfmetrics

from forms.paths import resource_path
from reports.facecache import CachedTTFont
from reports.glyphs import Glyphs


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` for Paragraph markup (``html.escape`` is cheap to import;
    ``xml.sax.saxutils`` pulls in ``urllib`` and ``http``)."""
    return _html_escape(text, quote=False)


GOTHIC = "NanumGothic"
GOTHIC_BOLD = "NanumGothicBold"
MYEONGJO = "NanumMyeongjo"
FACES = (GOTHIC, GOTHIC_BOLD, MYEONGJO)
#: The next face to try when a face lacks a character.
FALLBACK = {MYEONGJO: GOTHIC, GOTHIC: MYEONGJO, GOTHIC_BOLD: MYEONGJO}
#: Shown in place of a character that no bundled face has (the geta mark of Korean typesetting).
MISSING_MARK = "〓"

_coverage: dict[str, dict[int, int]] = {}


def register() -> None:
    """Register the four faces once per process (ReportLab embeds only the glyphs used)."""
    if _coverage:
        return
    for name in FACES:
        font = CachedTTFont(name, resource_path("fonts", name + ".ttf"))
        pdfmetrics.registerFont(font)
        _coverage[name] = font.face.charToGlyph
    pdfmetrics.registerFontFamily(GOTHIC, normal=GOTHIC, bold=GOTHIC_BOLD, italic=GOTHIC, boldItalic=GOTHIC_BOLD)


def covers(face: str, char: str) -> bool:
    register()
    return ord(char) in _coverage[face]


_DROP = {c for c in map(chr, range(32)) if c not in "\n\t"} | {"\x7f"}


def clean(text: str) -> str:
    """Remove control characters that have no printed form (tabs become spaces)."""
    if any(c in _DROP or c == "\t" for c in text):
        text = "".join(" " if c == "\t" else c for c in text if c not in _DROP)
    return text


def markup(text: str, face: str, glyphs: Glyphs | None = None, where: str = "") -> str:
    """User text as safe Paragraph markup in ``face``: escaped, with fallback runs for missing glyphs."""
    register()
    text = clean(text)
    have = _coverage[face]
    if all(ord(c) in have or c == "\n" for c in set(text)):
        return escape(text)
    other = FALLBACK[face]
    other_have = _coverage[other]
    parts: list[str] = []
    run: list[str] = []
    run_face = face

    def flush() -> None:
        if run:
            chunk = escape("".join(run))
            parts.append(chunk if run_face == face else f'<font name="{run_face}">{chunk}</font>')
            run.clear()

    for char in text:
        code = ord(char)
        if code in have or char == "\n":
            target = face
        elif code in other_have:
            target = other
        else:
            if glyphs is not None:
                glyphs.note(char, where)
            target, char = face, MISSING_MARK
        if target != run_face:
            flush()
            run_face = target
        run.append(char)
    flush()
    return "".join(parts)


def plain(text: str, face: str, glyphs: Glyphs | None = None, where: str = "") -> str:
    """User text for direct canvas drawing in ``face`` (no markup): unknown characters become 〓."""
    register()
    text = clean(text).replace("\n", " ")
    have = _coverage[face]
    out = []
    for char in text:
        if ord(char) not in have:
            if glyphs is not None:
                glyphs.note(char, where)
            char = MISSING_MARK
        out.append(char)
    return "".join(out)
