"""The drawn figures, checked on what they are made of (boxes, lines, words), not on pixels: names
wrap rather than being cut; the schedule's months stand inside their columns with no empty row;
the organisation chart shows the ministry, its agency and the governments over the lead, and joins
every organisation to the one above it."""

from __future__ import annotations

import pytest
from reportlab.graphics.shapes import Line, Rect, String
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from forms import regions
from forms.budget import summarise
from forms.model import Organisation, Text
from forms.money import EntryUnit
from forms.profile import load_profile
from forms.rules import validate
from forms.sample import SAMPLES
from reports import content, diagrams, record_tables, sections
from reports.context import Packet
from reports.fonts import GOTHIC, GOTHIC_BOLD, drawn, register
from reports.styles import FRAME_WIDTH


@pytest.fixture(autouse=True, scope="module")
def _faces():
    register(GOTHIC, GOTHIC_BOLD)


def packet(p, lang: str) -> Packet:
    profile = load_profile(p.call)
    return Packet(p, validate(p, profile), profile, summarise(p, profile), lang, EntryUnit.THOUSAND, False, "")


def test_a_name_wraps_and_shrinks_before_it_is_cut():
    name = "Kyungpook National University Industry-Academic Cooperation Foundation"
    wide = stringWidth(name, GOTHIC_BOLD, 8)
    # room for it on three lines: wrapped at spaces and hyphens, every word whole, nothing cut
    fitted = diagrams.fit(name, GOTHIC_BOLD, wide / 2.5)
    assert len(fitted.lines) <= 3 and fitted.size == 8
    assert " ".join(fitted.lines).replace("- ", "-") == name
    # room only at a smaller size: set a step smaller, still whole
    smaller = diagrams.fit(name, GOTHIC_BOLD, wide / 2.9)
    assert smaller.size < 8 and "…" not in "".join(smaller.lines)
    assert "".join(smaller.lines).replace(" ", "") == name.replace(" ", "")
    # a word wider than the line at 8 points is set smaller, not broken
    word = diagrams.fit("Pharmaceuticals", GOTHIC_BOLD, stringWidth("Pharmaceuticals", GOTHIC_BOLD, 7))
    assert word.lines == ["Pharmaceuticals"] and word.size == 7
    # only a name that three lines cannot hold at the smallest size ends in …
    cut = diagrams.fit(name * 3, GOTHIC_BOLD, wide / 3.3)
    assert len(cut.lines) == 3 and cut.lines[-1].endswith("…")
    for f in (fitted, smaller, word, cut):
        assert all(stringWidth(line, f.face, f.size) <= wide for line in f.lines)


def _strings(d) -> list[String]:
    return [s for s in d.contents if isinstance(s, String)]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_the_schedule_names_each_month_inside_its_column_and_leaves_no_empty_row(kind, lang):
    p = SAMPLES[kind]()
    figure = record_tables.schedule(packet(p, lang))[0].drawing
    d = diagrams.schedule(figure, FRAME_WIDTH)
    texts = [s.text for s in _strings(d)]
    assert not [t for t in texts if "…" in t]
    words = " ".join(texts).split()
    for task in p.tasks:
        assert all(w in words for w in task.name.get(lang).split()), task.name.get(lang)
    lines = [item for item in d.contents if isinstance(item, Line)]
    # no rule crosses a month's number or a year
    for s in _strings(d):
        if s.text.isdigit():
            w = stringWidth(s.text, s.fontName, s.fontSize)
            left, right = s.x - w / 2, s.x + w / 2
            for ln in lines:
                vertical = ln.x1 == ln.x2
                if vertical and left < ln.x1 < right:
                    assert not (min(ln.y1, ln.y2) < s.y + s.fontSize * 0.7 and max(ln.y1, ln.y2) > s.y), s.text
    # every band between two horizontal rules under the heading holds a task's bar: no empty sliver
    ys = sorted({round(ln.y1, 2) for ln in lines if ln.y1 == ln.y2 and ln.x1 == 0} | {0.0})
    bars = [r for r in d.contents if isinstance(r, Rect) and r.fillColor == diagrams._BAR]
    bands = list(zip(ys, ys[1:], strict=False))
    assert len(bands) == len(figure.tasks) == len(bars)
    for low, high in bands:
        assert any(low < b.y and b.y + b.height < high for b in bars), (low, high)
    assert ys[-1] + 9.5 * mm == pytest.approx(d.height, abs=0.01)  # the heading's two rows, nothing else


def _chart(p, lang):
    return sections.org_chart(packet(p, lang)).drawing


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_chart_shows_ministry_agency_governments_and_joins_each_organisation_to_its_commissioner(lang):
    p = SAMPLES["super_regional"]()
    rist = next(o for o in p.organisations if o.id == "rist")
    assert rist.role == "commissioned"
    rist.commissioned_by = "knu"
    chart = _chart(p, lang)
    names = {b.key: b.name for b in chart.boxes}
    profile = load_profile(p.call)
    assert names["ministry"] == {"ko": "과학기술정보통신부", "en": "Ministry of Science and ICT"}[lang]
    assert names["agency"] == profile.agency.get(lang)
    for code in p.applicant_regions():
        assert names[f"region:{code}"] == regions.name(code, p.date, lang)
        assert (f"region:{code}", "org:postech") in chart.links
    assert ("ministry", "agency") in chart.links and ("agency", "org:postech") in chart.links
    for org in p.organisations:
        if org.role == "participant":
            assert ("org:postech", f"org:{org.id}") in chart.links
    assert ("org:knu", "org:rist") in chart.links and ("org:postech", "org:rist") not in chart.links
    # a commissioned organisation that names no commissioner (or one not in the proposal) hangs from the lead
    rist.commissioned_by = ""
    assert ("org:postech", "org:rist") in _chart(p, lang).links
    rist.commissioned_by = "nobody"
    assert ("org:postech", "org:rist") in _chart(p, lang).links


def _grown(kind: str, extra: int):
    """A sample with ``extra`` more organisations, every other one commissioned by a participant."""
    p = SAMPLES[kind]()
    participants = [o.id for o in p.organisations if o.role == "participant"]
    for i in range(extra):
        commissioned = i % 2 == 1
        p.organisations.append(Organisation(
            f"x{i}", Text(f"한국가상연구원 제{i}분원", f"Korea Virtual Research Institute of Advanced Materials, branch {i}"),
            "institute", p.lead_region, "commissioned" if commissioned else "participant",
            commissioned_by=participants[i % len(participants)] if commissioned else ""))
    return p


def _assert_drawn_whole(chart: content.OrgChart, layout: diagrams.OrgLayout, width: float) -> None:
    boxes = list(layout.boxes.values())
    assert {b.key for b in chart.boxes} == set(layout.boxes)
    for b in boxes:
        assert 0 <= b.x and b.x + b.w <= width + 0.01, b.box.name
        assert "…" not in "".join(b.name.lines), b.box.name
        assert all(stringWidth(line, b.name.face, b.name.size) <= b.w for line in b.name.lines)
        assert " ".join(b.name.lines).replace("- ", "-").replace(" ", "") == drawn(b.box.name, GOTHIC_BOLD)[1].replace(" ", "")
    for i, a in enumerate(boxes):  # no two boxes overlap
        for b in boxes[i + 1:]:
            assert a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y, (a.box.key, b.box.key)
    for up, low in chart.links:  # every link drawn, from the upper box's bottom to the lower box's top
        path = layout.paths[(up, low)]
        a, b = layout.boxes[up], layout.boxes[low]
        assert path[0] == pytest.approx((a.centre, a.y)) and path[-1] == pytest.approx((b.centre, b.y + b.h))
        for (x1, y1), (x2, y2) in zip(path, path[1:], strict=False):
            assert x1 == pytest.approx(x2) or y1 == pytest.approx(y2)  # straight rules only
            for other in boxes:  # never through a box
                inside_x = max(min(x1, x2), other.x + 0.5) < min(max(x1, x2), other.x + other.w - 0.5)
                inside_y = max(min(y1, y2), other.y + 0.5) < min(max(y1, y2), other.y + other.h - 0.5)
                assert not (inside_x and inside_y), (up, low, other.box.key)


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(("kind", "extra"), [("super_regional", 0), ("leap", 0), ("super_regional", 3),
                                             ("leap", 4)])
def test_the_chart_of_five_to_nine_organisations_fits_the_page_width_whole(kind, extra, lang):
    p = _grown(kind, extra)
    assert 5 <= len(p.organisations) <= 10
    chart = _chart(p, lang)
    layout = diagrams.org_layout(chart, FRAME_WIDTH)
    _assert_drawn_whole(chart, layout, FRAME_WIDTH)
    d = diagrams.org_chart(chart, FRAME_WIDTH)
    assert d.width == FRAME_WIDTH
    assert not [s.text for s in _strings(d) if "…" in s.text]
    # the ministry stands on top, the lead organisation under the agency and the governments
    top = max(layout.boxes.values(), key=lambda b: b.y)
    assert top.box.tier == "ministry"
    lead = layout.boxes["org:" + p.lead_organisation().id]
    assert all(layout.boxes[k].y > lead.y for k in ("agency", *(f"region:{c}" for c in p.applicant_regions())))
