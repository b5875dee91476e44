"""The packet's paragraphs, made and laid out at less cost than ReportLab's own: their fragments
read from the packet's own markup without ReportLab's markup parser (:class:`Fragments`), and
their lines broken once for each width (:class:`CellParagraph`)."""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser


class CellParagraph(Paragraph):
    """A paragraph laid out once for each width it is given. ReportLab measures every cell of a
    table again each time it splits the table over a page (for each page a long table runs over),
    always at the column's width: the lines, width and height it found the last time for that
    width are kept and given back, instead of breaking the same lines again."""

    _laid_out: tuple | None = None  # (width, size, the lines ReportLab broke at that width)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's names
        done = self._laid_out
        if done is not None and done[0] == availWidth and self.__dict__.get("blPara") is done[2]:
            return done[1]
        size = super().wrap(availWidth, availHeight)
        self._laid_out = (availWidth, size, self.blPara)
        return size


#: The only markup the packet's own paragraphs hold (``reports.fonts.markup``): a line break, a run in
#: a fallback face, and the three escaped characters. People's text is escaped before it gets here,
#: so none of it is ever read as markup.
_MARKUP = re.compile(r'(<br/>|<font name="[^"<>&]*">|</font>|&amp;|&lt;|&gt;)')
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}


class Fragments:
    """Builds a paragraph's fragments (ReportLab's ``ParaFrag``: a run of text in one face, or a line
    break) from the packet's own markup without ReportLab's markup parser, which is a fifth of the
    layout's time. The parser reads each style, and each fallback face in it, once: the fragments
    it made then are copied with another text, so a paragraph is given exactly what the parser
    would have given it (``tests/reports/test_fragments.py`` compares them)."""

    def __init__(self) -> None:
        #: by the style's id: the style (held, so that the id is not reused), and the prototype
        #: fragments by face ("" the style's own, "br" a line break)
        self._protos: dict[int, tuple[ParagraphStyle, dict[str, ParaFrag]]] = {}

    def _proto(self, style: ParagraphStyle, face: str) -> ParaFrag:
        entry = self._protos.get(id(style))
        if entry is None:
            para, br = ParaParser().parse("x<br/>x", style)[1][:2]
            entry = self._protos[id(style)] = (style, {"": para, "br": br})
        protos = entry[1]
        proto = protos.get(face)
        if proto is None:
            proto = protos[face] = ParaParser().parse(f'<font name="{face}">x</font>', style)[1][0]
        return proto

    def __call__(self, markup: str, style: ParagraphStyle) -> tuple[str, list[ParaFrag]]:
        """The text ReportLab would keep for ``markup`` (its whitespace cleaned as the parser's
        caller cleans it) and the fragments."""
        text = cleanBlockQuotedText(markup)
        frags: list[ParaFrag] = []
        proto = self._proto(style, "")
        for token in _MARKUP.split(text):
            if not token:
                continue
            if token[0] == "<":
                if token == "<br/>":
                    frag = ParaFrag.__new__(ParaFrag)
                    frag.__dict__.update(self._proto(style, "br").__dict__)
                    frags.append(frag)
                elif token == "</font>":
                    proto = self._proto(style, "")
                else:
                    proto = self._proto(style, token[12:-2])
                continue
            frag = ParaFrag.__new__(ParaFrag)
            frag.__dict__.update(proto.__dict__)
            frag.text = _ENTITIES.get(token, token)
            frags.append(frag)
        return text, frags
