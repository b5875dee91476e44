"""The attachments generated from the data, read back from the packet: a local-funds commitment
per applicant region with its head and its amounts per year, a participation commitment per
organisation, a cost-share commitment per for-profit organisation with its own share; both
languages; listed in the contents, bookmarked, numbered on from the main document."""

from __future__ import annotations

import pytest

from forms import regions
from forms.budget import summarise
from forms.money import EntryUnit, format_won, written_form
from forms.profile import load_profile, load_profile_file
from forms.rules import validate
from forms.sample import SAMPLES
from reports import attachments
from reports import packet as packet_mod
from tests.forms.test_profile import edited
from tests.reports.pdfcheck import boxes, outline_titles, page_texts, squash

TITLES = {
    "ko": {"local": "지방비 부담 확약서", "participation": "참여 확약서", "cost": "기업 부담금 확약서"},
    "en": {"local": "Commitment to provide local funds", "participation": "Commitment to participate",
           "cost": "Commitment to the company’s cost share"}  # set with a typographic apostrophe,
}
NUMBER = {"ko": "붙임", "en": "Attachment"}
#: The sample proposal's date as a commitment letter writes it.
DATED = {"ko": "2023. 3. 2.", "en": "2 March 2023"}


@pytest.fixture(scope="module", params=["ko", "en"])
def packet(request, sample_packet):
    lang = request.param
    return lang, sample_packet("super_regional", lang)


def _pages(pdf: bytes, lang: str, kind: str) -> list[tuple[int, str]]:
    """(first page, squashed text of its pages) of every commitment of ``kind``, found by its bookmark."""
    texts = page_texts(pdf)
    tops = [(title, page) for level, title, page in outline_titles(pdf) if level == 0]
    out = []
    for i, (title, page) in enumerate(tops):
        if title.startswith(NUMBER[lang]) and f" {TITLES[lang][kind]} (" in title:
            end = tops[i + 1][1] - 1 if i + 1 < len(tops) else len(texts)
            out.append((page, squash("".join(texts[page - 1:end]))))
    return out


def test_one_local_funds_commitment_per_applicant_region_with_its_head_and_amounts(packet):
    lang, pdf = packet
    p = SAMPLES["super_regional"]()
    summary = summarise(p, load_profile(p.call))
    pages = _pages(pdf, lang, "local")
    assert len(pages) == len(p.applicant_regions()) == 2
    for code, (_page, text) in zip(p.applicant_regions(), pages, strict=True):
        assert squash(regions.name(code, p.date, lang)) in text
        assert squash(regions.get(code).head(p.date, lang)) in text
        for year in summary.years:
            amount = summary.local_by_region_year[(code, year)]
            assert amount > 0
            assert squash(written_form(amount, lang)) in text, (code, year)
        assert squash(written_form(summary.local_by_region[code], lang)) in text
        # dated by the proposal's own date, above the head who seals it
        assert squash(DATED[lang] + regions.get(code).head(p.date, lang)) in text
    heads = "".join(t for _p, t in pages)
    assert ("경상북도지사" in heads and "대구광역시장" in heads) if lang == "ko" else "GovernorofGyeongsangbuk-do" in heads


def test_one_participation_commitment_per_organisation(packet):
    lang, pdf = packet
    p = SAMPLES["super_regional"]()
    pages = _pages(pdf, lang, "participation")
    assert len(pages) == len(p.organisations)
    for org, (_page, text) in zip(p.organisations, pages, strict=True):
        assert squash(org.name.get(lang)) in text


#: The participation commitment's words: the facts stand above the sentence that refers to them;
#: the organisation seals it with its official seal.
REFERS = {"ko": ("위와같이참여", "아래와같이"), "en": ("assetoutabove", "assetoutbelow")}
SEAL = {"ko": "(직인)", "en": "(official seal)"}


def test_a_participation_commitment_refers_to_the_facts_above_and_is_signed_on_one_line(packet):
    lang, pdf = packet
    p = SAMPLES["super_regional"]()
    for org, (page, text) in zip(p.organisations, _pages(pdf, lang, "participation"), strict=True):
        above, below = REFERS[lang]
        assert above in text and below not in text
        rep = org.representative.get(lang)
        # the head's title as the organisation writes it: 단장, 총장, 원장, 대표이사 (never a bare 대표)
        title = org.representative_title.get(lang)
        assert title and title != "대표"
        head = title if lang == "ko" else f", {title}"
        assert squash(f"{org.name.get(lang)} {head} {rep}") + squash(SEAL[lang]) in text
        # the organisation, the head's title and the representative's name all on one line
        # (the lowest of each on the page is the signatory's: the facts table stands above it)
        name_bottom = min(b[1] for b in boxes(pdf, page, rep.split()[-1]))
        head_bottom = min(b[1] for b in boxes(pdf, page, head.strip(", ").split()[0]))
        org_bottom = min(b[1] for b in boxes(pdf, page, org.name.get(lang).split()[0]))
        assert abs(name_bottom - head_bottom) < 3, org.id
        if lang == "ko":  # a long English line breaks after "…Foundation,", before "Director …"
            assert abs(org_bottom - head_bottom) < 3, org.id


def test_one_cost_share_commitment_per_for_profit_organisation_with_its_figures(packet):
    lang, pdf = packet
    p = SAMPLES["super_regional"]()
    summary = summarise(p, load_profile(p.call))
    companies = [o for o in p.organisations if o.for_profit]
    pages = _pages(pdf, lang, "cost")
    assert len(pages) == len(companies) == 2
    for org, (_page, text) in zip(companies, pages, strict=True):
        assert squash(org.name.get(lang)) in text
        for year in summary.years:
            for source in ("own_cash", "own_in_kind"):
                assert squash(format_won(summary.by_org_year_source[(org.id, year, source)], lang)) in text
        own = sum(v for (o, _y, s), v in summary.by_org_year_source.items()
                  if o == org.id and s in ("own_cash", "own_in_kind"))
        assert squash(written_form(own, lang)) in text


def test_attachments_are_bookmarked_listed_and_numbered_on(packet):
    lang, pdf = packet
    texts = page_texts(pdf)
    entries = outline_titles(pdf)
    attached = [(title, page) for level, title, page in entries if level == 0 and title.startswith(NUMBER[lang])]
    assert len(attached) == 2 + 6 + 2
    assert [t.split()[1] for t, _p in attached] == [str(n) for n in range(1, 11)]
    first_chapter = entries[0][2]
    contents = squash("".join(texts[1:first_chapter - 1]))
    pages = [page for _t, page in attached]
    assert pages == sorted(set(pages))  # each on its own pages, in order
    for title, page in attached:
        assert squash(title) + str(page) in contents
        assert f"- {page} -" in texts[page - 1]
    assert pages[-1] == len(texts)


def test_a_call_without_commitment_wording_has_no_generated_attachments(tmp_path):
    path = edited(tmp_path, "[commitments.cost_share]", "[unused.cost_share]")
    with pytest.raises(Exception, match="unused"):
        load_profile_file(path)
    text = open(path, encoding="utf-8").read()
    cut = text.index("[commitments.local_funds]")
    path2 = tmp_path / "none.toml"
    path2.write_text(text[:cut], encoding="utf-8")
    profile = load_profile_file(str(path2))
    assert profile.commitments == {}
    p = SAMPLES["super_regional"]()
    pk = packet_mod.packet(p, validate(p, profile), "ko", False, EntryUnit.THOUSAND)
    assert attachments.generated(pk) == []


def test_wording_naming_an_unknown_field_is_refused(tmp_path):
    path = edited(tmp_path, 'ko = "본 기관은 {call}의', 'ko = "본 기관은 {budget}의')
    with pytest.raises(Exception) as info:
        load_profile_file(path)
    assert "commitments.participation.body" in info.value.text("en")
