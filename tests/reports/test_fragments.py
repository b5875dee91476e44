"""The packet's paragraphs are built without ReportLab's markup parser (``reports.paragraphs.Fragments``):
each gets exactly the fragments the parser would have made of its markup, and people's text is
never read as markup on the way."""

from __future__ import annotations

import pytest
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from forms.money import EntryUnit, keep_amounts_together
from forms.rules import validate
from forms.sample import SAMPLES
from reports import fonts
from reports.packet import describe, packet
from reports.paragraphs import Fragments
from reports.pdf import PdfRenderer, typographic


def parsed(markup: str, style) -> tuple[str, list[dict]]:
    """What ReportLab's ``Paragraph`` makes of ``markup``: its cleaned text and its fragments."""
    text = cleanBlockQuotedText(markup)
    frags = ParaParser().parse(text, style)[1]
    assert frags is not None, markup
    return text, [f.__dict__ for f in frags]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("kind", ["super_regional", "leap"])
def test_every_paragraph_of_the_packet_gets_the_parsers_fragments(monkeypatch, kind, lang):
    proposal = SAMPLES[kind]()
    seen: list[tuple[str, object, tuple]] = []
    build = Fragments.__call__

    def watched(self, markup, style):
        out = build(self, markup, style)
        seen.append((markup, style, (out[0], [dict(f.__dict__) for f in out[1]])))  # as made, before a layout
        return out

    monkeypatch.setattr(Fragments, "__call__", watched)
    pk = packet(proposal, validate(proposal), lang, False, EntryUnit.THOUSAND)
    PdfRenderer(describe(pk), pk.glyphs).story()
    assert len(seen) > 500 and any("<br/>" in m for m, _s, _o in seen)
    for markup, style, (text, frags) in seen:
        assert (text, frags) == parsed(markup, style), markup


HOSTILE = [
    '<b>bold</b> & <font size="40">big</font> &amp; <br/> <para> </font>',
    '<font name="NanumMyeongjo">not a face</font> &lt;i&gt; &#65; &copy; & ;',
    "  leading and trailing  \n\n  second   line\u00a0with\u00a0no-break  \n ",
    "지역혁신 α-β 漢字 😀 ‘quoted’ \u3000ideographic\u3000space",
    "",
    "\n",
]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("text", HOSTILE)
def test_peoples_text_stays_text(text, lang):
    doc = describe(packet(SAMPLES["leap"](), validate(SAMPLES["leap"]()), lang, False, EntryUnit.THOUSAND))
    renderer = PdfRenderer(doc)
    s = renderer.styles
    for style in (s.body, s.cell, s.cell_num_bold, s.note, s.bullets[0]):
        seen: list[tuple[str, object]] = []
        build = renderer._frags

        def watched(markup, st, build=build, seen=seen):
            seen.append((markup, st))
            return build(markup, st)

        renderer._frags = watched
        para = renderer.para(text, style)
        renderer._frags = build
        (markup, _style), = seen
        assert (para.text, [f.__dict__ for f in para.frags]) == parsed(markup, style)
        shown = "".join(f.text for f in para.frags)
        # every character of the text is printed as itself (whitespace aside): a tag, an entity
        # and a face's name in it are letters, not markup
        source = keep_amounts_together(text)
        source = typographic(source) if lang == "en" else source
        words = " ".join(fonts.clean(source).replace("\u00a0", " ").split()).replace("😀", fonts.MISSING_MARK)
        assert " ".join(shown.replace("\u00a0", " ").split()) == words, (shown, text)
        if "漢" in text and style is s.body:  # a run in a fallback face, made without the parser too
            assert len({f.fontName for f in para.frags}) > 1
        if "<b>" in text:
            assert "<b>bold</b>" in shown and all(f.fontName == style.fontName for f in para.frags)
