"""The three-way merge: the cases met in real work on a super-regional proposal, and its laws."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.files.exchange import to_dict
from forms.merge import MISSING, OURS, THEIRS, Kind, Unrelated, merge, shown, where
from forms.merge.paragraphs import merge_paragraphs
from forms.sample import SAMPLES


def sample_doc() -> dict:
    """The sample as exchange JSON, its budget lines with short ids to name them in the tests."""
    doc = to_dict(SAMPLES["super_regional"]())
    for i, line in enumerate(doc["budget"]["lines"]):
        line["id"] = f"line-{i}"
    return doc


def org(doc: dict, org_id: str) -> dict:
    return next(o for o in doc["organisations"] if o["id"] == org_id)


def line(doc: dict, line_id: str) -> dict:
    return next(b for b in doc["budget"]["lines"] if b["id"] == line_id)


def new_org(org_id: str, region: str) -> dict:
    return {"id": org_id, "name": {"ko": org_id + " 주식회사", "en": org_id + " Co."}, "kind": "sme",
            "region": region, "role": "participant"}


def new_line(line_id: str, org_id: str, amount: int) -> dict:
    return {"id": line_id, "year": 2024, "org": org_id, "category": "materials", "source": "national",
            "amount_krw": amount}


@pytest.fixture
def base():
    return sample_doc()


# --- cases from real work --------------------------------------------------------------------


def test_two_regions_each_adding_organisations_and_lines_merge_cleanly(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["organisations"].append(new_org("gb-co", "KR-47"))
    ours["budget"]["lines"] += [new_line("gb-1", "gb-co", 10_000_000), new_line("gb-2", "gb-co", 5_000_000)]
    theirs["organisations"].append(new_org("dg-co", "KR-27"))
    theirs["budget"]["lines"].append(new_line("dg-1", "dg-co", 7_000_000))

    result = merge(base, ours, theirs)

    assert result.clean and result.conflicts == []
    ids = [o["id"] for o in result.merged["organisations"]]
    assert ids == [o["id"] for o in base["organisations"]] + ["gb-co", "dg-co"]  # ours' order, then theirs'
    lines = [b["id"] for b in result.merged["budget"]["lines"]]
    assert lines[-3:] == ["gb-1", "gb-2", "dg-1"]
    assert len(lines) == len(base["budget"]["lines"]) + 3


def test_both_changing_the_same_amount_is_a_conflict_with_the_three_values(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    line(ours, "line-3")["amount_krw"] = 111_000_000
    line(theirs, "line-3")["amount_krw"] = 222_000_000
    was = line(base, "line-3")["amount_krw"]

    result = merge(base, ours, theirs)

    assert [c.key for c in result.unresolved] == ["budget.lines[id=line-3].amount_krw"]
    c = result.unresolved[0]
    assert (c.kind, c.base, c.ours, c.theirs) == (Kind.CHANGED, was, 111_000_000, 222_000_000)
    assert line(result.merged, "line-3")["amount_krw"] == 111_000_000  # undecided: ours stays
    assert line(merge(base, ours, theirs, take=THEIRS).merged, "line-3")["amount_krw"] == 222_000_000
    assert where(c, "en") == ("2023, POSTECH Industry-Academic Cooperation Foundation, Research materials, "
                              "National funds · amount (won)")
    assert c.shown_path == "budget.lines[3].amount_krw"
    assert "111,000,000" in shown(c.ours, "en", c.path.last)
    chosen = merge(base, ours, theirs, choices={c.key: THEIRS})
    assert chosen.clean and chosen.chosen == {c.key: THEIRS}


def _amount_conflict(base: dict, ours_change, theirs_change):
    """A conflict on line-3's amount (a line of postech), after the given changes on each side."""
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours_change(ours)
    theirs_change(theirs)
    line(ours, "line-3")["amount_krw"] = 111_000_000
    line(theirs, "line-3")["amount_krw"] = 222_000_000
    return next(c for c in merge(base, ours, theirs).conflicts if c.key == "budget.lines[id=line-3].amount_krw")


def _name(doc: dict, lang: str, text: str) -> None:
    org(doc, "postech")["name"][lang] = text


def test_a_budget_line_is_named_by_its_organisation_from_ours_first(base):
    c = _amount_conflict(base, lambda d: _name(d, "ko", "포항공대(우리)"), lambda d: _name(d, "ko", "포항공대(상대)"))
    assert c.record_name("ko") == "2023, 포항공대(우리), 연구재료비, 국비"
    assert c.record_name("en") == "2023, POSTECH Industry-Academic Cooperation Foundation, Research materials, National funds"


@pytest.mark.parametrize(("base_en", "ours_en", "theirs_en", "named"), [
    ("POSTECH (base)", "POSTECH (ours)", "POSTECH (theirs)", "POSTECH (ours)"),
    ("POSTECH (base)", "", "POSTECH (theirs)", "POSTECH (base)"),
    ("", "", "POSTECH (theirs)", "POSTECH (theirs)"),
    ("", "", "", "포항공대(우리)"),  # no English name anywhere: ours' Korean one
])
def test_an_organisation_name_falls_back_from_ours_to_the_base_theirs_then_the_other_language(
        base, base_en, ours_en, theirs_en, named):
    _name(base, "en", base_en)
    c = _amount_conflict(base, lambda d: (_name(d, "en", ours_en), _name(d, "ko", "포항공대(우리)")),
                         lambda d: _name(d, "en", theirs_en))
    assert c.record_name("en") == f"2023, {named}, Research materials, National funds"


def test_an_organisation_gone_from_every_version_is_named_by_its_id(base):
    line(base, "line-3")["org"] = "gone"
    c = _amount_conflict(base, lambda d: None, lambda d: None)
    assert c.record_name("en").startswith("2023, gone, ")


def test_rows_are_those_of_ours_else_of_the_version_holding_the_record(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["budget"]["lines"].insert(0, new_line("on-top", "knu", 1))  # ours' rows move down one
    line(ours, "line-3")["amount_krw"] = 111_000_000
    line(theirs, "line-3")["amount_krw"] = 222_000_000
    ours["budget"]["lines"] = [b for b in ours["budget"]["lines"] if b["id"] != "line-5"]
    line(theirs, "line-5")["amount_krw"] += 1  # deleted by ours: only theirs and the base hold it
    by_key = {c.key: c for c in merge(base, ours, theirs).conflicts}
    assert by_key["budget.lines[id=line-3].amount_krw"].shown_path == "budget.lines[4].amount_krw"
    assert by_key["budget.lines[id=line-5]"].shown_path == "budget.lines[5]"


def test_a_justification_row_is_named_after_its_line_and_codes_by_their_names(base):
    line(base, "line-3")["items"] = [{"id": "i1", "item": {"ko": "시약", "en": "Reagents"}, "quantity": 1,
                                      "unit_price_krw": 5, "months": 1}]
    base["researchers"][0]["org"] = "postech"
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    line(ours, "line-3")["items"][0]["quantity"] = 2
    line(theirs, "line-3")["items"][0]["quantity"] = 3
    ours["researchers"][0]["org"], theirs["researchers"][0]["org"] = "knu", "dgist"
    ours["partner_regions"], theirs["partner_regions"] = ["KR-31"], ["KR-11"]
    by_path = {c.shown_path: c for c in merge(base, ours, theirs).conflicts}
    item = by_path["budget.lines[3].items[0].quantity"]
    assert item.record_name("en") == ("2023, POSTECH Industry-Academic Cooperation Foundation, Research materials, "
                                      "National funds · Reagents")
    person = by_path["researchers[0].org"]
    assert [person.shown_value(side, "en") for side in ("base", OURS, THEIRS)] == [
        "POSTECH Industry-Academic Cooperation Foundation", "Kyungpook National University R&DB Foundation", "DGIST"]
    regions = by_path["partner_regions"]
    assert [regions.shown_value(side, "ko") for side in ("base", OURS, THEIRS)] == [
        "대구광역시", "울산광역시", "서울특별시"]


def test_the_same_change_on_both_sides_is_no_conflict(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    for doc in (ours, theirs):
        line(doc, "line-3")["amount_krw"] = 99_000_000
        org(doc, "knu")["role"] = "commissioned"
    result = merge(base, ours, theirs)
    assert result.clean and result.merged == ours


def test_different_fields_of_one_record_both_stay(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    org(ours, "knu")["name"]["en"] = "KNU Foundation"
    org(theirs, "knu")["role"] = "commissioned"
    result = merge(base, ours, theirs)
    assert result.clean
    assert org(result.merged, "knu")["name"]["en"] == "KNU Foundation"
    assert org(result.merged, "knu")["role"] == "commissioned"


def test_a_target_edited_in_english_on_one_side_and_in_korean_on_the_other_both_stay(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["indicators"][-1]["targets"]["2024"]["en"] = "First draft"
    theirs["indicators"][-1]["targets"]["2024"]["ko"] = "표준안 1차 초안"
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.merged["indicators"][-1]["targets"]["2024"] == {"ko": "표준안 1차 초안", "en": "First draft"}
    theirs["indicators"][-1]["targets"]["2024"]["en"] = "Draft, first version"
    c = merge(base, ours, theirs).unresolved
    assert [x.key for x in c] == ["indicators[id=i-standard].targets.2024.en"]
    assert where(c[0], "en") == "Draft standard for recycled raw materials · target · 2024 · English"
    assert where(c[0], "ko") == "재생 원료 표준안 · 목표 · 2024 · 영문"


def test_deleting_an_organisation_the_other_side_gave_lines_is_a_conflict(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["organisations"] = [o for o in ours["organisations"] if o["id"] != "hanbit"]
    ours["budget"]["lines"] = [b for b in ours["budget"]["lines"] if b["org"] != "hanbit"]
    theirs["budget"]["lines"].append(new_line("extra", "hanbit", 30_000_000))

    result = merge(base, ours, theirs)

    [c] = result.unresolved
    assert c.kind == Kind.REFERENCED and c.key == "organisations[id=hanbit]"
    assert c.ours is MISSING and c.theirs == org(base, "hanbit")
    assert c.refs == ("budget.lines[id=extra]",)
    assert c.record_name("ko") == "(주)한빛배터리소재"
    kept = merge(base, ours, theirs, take=THEIRS).merged
    assert org(kept, "hanbit") == org(base, "hanbit")
    dropped = merge(base, ours, theirs, take=OURS).merged
    assert "hanbit" not in [o["id"] for o in dropped["organisations"]]


def test_a_record_deleted_on_one_side_and_changed_on_the_other_is_a_conflict(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["budget"]["lines"] = [b for b in ours["budget"]["lines"] if b["id"] != "line-5"]
    line(theirs, "line-5")["amount_krw"] += 1_000
    result = merge(base, ours, theirs)
    [c] = result.unresolved
    assert (c.kind, c.key, c.ours) == (Kind.DELETED, "budget.lines[id=line-5]", MISSING)
    assert "line-5" in [b["id"] for b in merge(base, ours, theirs, take=THEIRS).merged["budget"]["lines"]]


def test_a_record_deleted_on_one_side_and_untouched_on_the_other_goes(base):
    ours = copy.deepcopy(base)
    ours["budget"]["lines"] = [b for b in ours["budget"]["lines"] if b["id"] != "line-5"]
    result = merge(base, copy.deepcopy(base), ours)
    assert result.clean and "line-5" not in [b["id"] for b in result.merged["budget"]["lines"]]


PARAS = ["첫째 문단: 배경.", "둘째 문단: 현황.", "셋째 문단: 필요성.", "넷째 문단: 기대효과."]


def with_summary(doc: dict, paragraphs: list[str]) -> dict:
    doc = copy.deepcopy(doc)
    doc["plan"]["summary"]["ko"] = "\n".join(paragraphs)
    return doc


def test_different_paragraphs_of_one_section_both_stay(base):
    base = with_summary(base, PARAS)
    ours = with_summary(base, [PARAS[0] + " 보완", *PARAS[1:]])
    theirs = with_summary(base, [*PARAS[:2], PARAS[2] + " 수정", PARAS[3], "다섯째 문단: 추가."])
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.merged["plan"]["summary"]["ko"].split("\n") == [
        PARAS[0] + " 보완", PARAS[1], PARAS[2] + " 수정", PARAS[3], "다섯째 문단: 추가."]


def test_neighbouring_paragraphs_edited_on_each_side_both_stay(base):
    base = with_summary(base, PARAS)
    ours = with_summary(base, [PARAS[0], PARAS[1] + " (경북)", *PARAS[2:]])
    theirs = with_summary(base, [*PARAS[:2], PARAS[2] + " (대구)", PARAS[3]])
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.merged["plan"]["summary"]["ko"].split("\n")[1:3] == [PARAS[1] + " (경북)", PARAS[2] + " (대구)"]


def test_the_same_paragraph_edited_differently_is_a_conflict(base):
    base = with_summary(base, PARAS)
    ours = with_summary(base, [PARAS[0], "둘째 문단: 경북 현황.", *PARAS[2:], "경북 추가."])
    theirs = with_summary(base, [PARAS[0], "둘째 문단: 대구 현황.", *PARAS[2:]])
    result = merge(base, ours, theirs)
    [c] = result.unresolved
    assert (c.kind, c.key, c.paragraph) == (Kind.TEXT, "plan.summary.ko#1", 2)
    assert (c.base, c.ours, c.theirs) == (PARAS[1], "둘째 문단: 경북 현황.", "둘째 문단: 대구 현황.")
    taken = merge(base, ours, theirs, take=THEIRS).merged["plan"]["summary"]["ko"].split("\n")
    assert taken == [PARAS[0], "둘째 문단: 대구 현황.", *PARAS[2:], "경북 추가."]


def test_a_scalar_list_merges_as_a_whole(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["partner_regions"] = ["KR-27", "KR-31"]
    assert merge(base, ours, theirs).merged["partner_regions"] == ["KR-27", "KR-31"]
    theirs["partner_regions"] = ["KR-29"]
    assert [c.key for c in merge(base, ours, theirs).conflicts] == ["partner_regions"]


def test_record_types_other_than_organisations_and_lines_merge_the_same_way(base):
    """Researchers (or any record list added later) need no code of their own."""
    base["researchers"] = [{"id": "r1", "name": {"ko": "김연구", "en": "Kim"}, "rate": 30, "projects": []}]
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["researchers"][0]["rate"] = 40
    theirs["researchers"].append({"id": "r2", "name": {"ko": "이연구", "en": "Lee"}, "rate": 20, "projects": []})
    theirs["researchers"][0]["name"]["en"] = "Kim Yeon-gu"
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.merged["researchers"] == [
        {"id": "r1", "name": {"ko": "김연구", "en": "Kim Yeon-gu"}, "rate": 40, "projects": []},
        theirs["researchers"][1]]


def test_nested_records_merge_by_id_too(base):
    base["budget"]["justification"] = [{"id": "j1", "items": [{"id": "i1", "text": "장비", "amount_krw": 5}]}]
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["budget"]["justification"][0]["items"].append({"id": "i2", "text": "재료", "amount_krw": 3})
    theirs["budget"]["justification"][0]["items"][0]["amount_krw"] = 6
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.merged["budget"]["justification"][0]["items"] == [
        {"id": "i1", "text": "장비", "amount_krw": 6}, {"id": "i2", "text": "재료", "amount_krw": 3}]


def test_copies_of_different_proposals_are_refused(base):
    other = copy.deepcopy(base)
    other["id"] = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(Unrelated):
        merge(base, base, other)


def test_the_file_keys_are_not_merged(base):
    theirs = copy.deepcopy(base)
    theirs["sent_copy"] = {"partner": "대구광역시", "base_fingerprint": "ab" * 32}
    result = merge(base, base, theirs)
    assert result.clean and "sent_copy" not in result.merged


def test_conflicts_as_json_name_what_is_absent(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["budget"]["lines"] = [b for b in ours["budget"]["lines"] if b["id"] != "line-5"]
    line(theirs, "line-5")["amount_krw"] += 1_000
    [c] = merge(base, ours, theirs).conflicts
    d = c.as_dict("ko")
    assert d["ours"] is None and d["absent"] == ["ours"] and d["what"] != c.describe("en")


# --- laws ---------------------------------------------------------------------------------------

IDS = st.sampled_from(["a", "b", "c", "d", "e"])
LEAF = st.one_of(st.integers(0, 3), st.sampled_from(["", "x", "y", "p\nq", "p\nr\nq", "s\nq"]))


def _record(rid: str):
    return st.fixed_dictionaries({"id": st.just(rid)}, optional={"v": LEAF, "w": LEAF, "t": TEXT})


TEXT = st.lists(st.sampled_from(["가", "나", "다", "라", "", "마 바"]), max_size=6).map("\n".join)


@st.composite
def records(draw):
    ids = draw(st.lists(IDS, unique=True, max_size=5))
    return [draw(_record(i)) for i in ids]


DOC = st.fixed_dictionaries({"id": st.just("p")}, optional={
    "n": LEAF, "text": TEXT, "recs": records(), "nested": st.fixed_dictionaries({}, optional={"k": LEAF, "r": records()}),
    "scalars": st.lists(st.integers(0, 2), max_size=3)})

LAW = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@LAW
@given(DOC, DOC)
def test_theirs_unchanged_gives_ours(b, x):
    r = merge(b, x, b)
    assert r.clean and r.merged == x


@LAW
@given(DOC, DOC)
def test_ours_unchanged_gives_theirs(b, y):
    r = merge(b, b, y)
    assert r.clean and r.merged == y


@LAW
@given(DOC, DOC)
def test_the_same_change_on_both_sides_gives_it(b, x):
    r = merge(b, x, x)
    assert r.clean and r.merged == x


def _as_records(doc: object) -> object:
    """The document with each record list as a mapping by id: the same records, order aside."""
    if isinstance(doc, dict):
        return {k: _as_records(v) for k, v in doc.items()}
    if isinstance(doc, list) and doc and all(isinstance(i, dict) and "id" in i for i in doc):
        return {i["id"]: _as_records(i) for i in doc}
    if isinstance(doc, list):
        return [_as_records(v) for v in doc]
    return doc


@LAW
@given(DOC, DOC, DOC, st.sampled_from([OURS, THEIRS]))
def test_the_two_sides_swapped_agree_when_conflicts_go_the_same_way(b, x, y, side):
    other = THEIRS if side == OURS else OURS
    r1 = merge(b, x, y, take=side)
    r2 = merge(b, y, x, take=other)
    assert r1.clean and r2.clean
    assert _as_records(r1.merged) == _as_records(r2.merged)
    assert sorted(c.key for c in r1.conflicts) == sorted(c.key for c in r2.conflicts)


@LAW
@given(DOC, DOC, DOC)
def test_every_conflict_can_be_chosen_one_by_one(b, x, y):
    first = merge(b, x, y)
    choices = {c.key: THEIRS for c in first.conflicts}
    again = merge(b, x, y, choices=choices)
    assert again.clean and [c.key for c in again.conflicts] == [c.key for c in first.conflicts]
    assert again.merged == merge(b, x, y, take=THEIRS).merged


@LAW
@given(TEXT, TEXT)
def test_text_without_a_conflict_keeps_every_paragraph_of_ours(b, x):
    chunks = merge_paragraphs(b, x, b)
    assert not any(c.conflict for c in chunks)
    assert "\n".join(p for c in chunks for p in c.ours) == x


def test_a_sent_copy_keeps_its_mark_through_the_file_and_a_bad_fingerprint_is_refused(tmp_path):
    from forms.base.errors import InputError
    from forms.files.exchange import loads, read_file, write_file
    from forms.model import SentCopy

    p = SAMPLES["leap"]()
    p.sent_copy = SentCopy("충청남도 천안시", "0f" * 32)
    write_file(p, str(tmp_path / "copy.json"))
    assert read_file(str(tmp_path / "copy.json")).sent_copy == p.sent_copy
    doc = to_dict(p)
    doc["sent_copy"]["base_fingerprint"] = "xyz"
    with pytest.raises(InputError) as err:
        loads(json.dumps(doc))
    assert err.value.where == "sent_copy.base_fingerprint"


# --- order of records kept against a delete ----------------------------------------------------


def test_a_record_deleted_by_theirs_and_kept_by_ours_stays_where_ours_has_it(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ids = [o["id"] for o in base["organisations"]]
    middle = ids[-2]
    org(ours, middle)["name"]["ko"] = "새 이름"
    theirs["organisations"] = [o for o in theirs["organisations"] if o["id"] != middle]

    result = merge(base, ours, theirs, take=OURS)

    assert [c.kind for c in result.conflicts] == [Kind.DELETED]
    assert [o["id"] for o in result.merged["organisations"]] == ids


def test_a_record_deleted_by_ours_and_taken_from_theirs_stays_where_it_was(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ids = [o["id"] for o in base["organisations"]]
    gone = ids[1]
    ours["organisations"] = [o for o in ours["organisations"] if o["id"] != gone]
    ours["organisations"].append(new_org("gb-co", "KR-47"))
    org(theirs, gone)["name"]["ko"] = "새 이름"
    theirs["organisations"].append(new_org("dg-co", "KR-27"))
    for b in ours["budget"]["lines"] + theirs["budget"]["lines"]:
        if b["org"] == gone:
            b["org"] = ids[0]

    result = merge(base, ours, theirs, take=THEIRS)

    assert [o["id"] for o in result.merged["organisations"]] == [*ids, "gb-co", "dg-co"]


def test_a_deleted_budget_line_kept_by_ours_keeps_its_row(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    line(ours, "line-2")["amount_krw"] += 1_000
    theirs["budget"]["lines"] = [b for b in theirs["budget"]["lines"] if b["id"] != "line-2"]

    result = merge(base, ours, theirs, take=OURS)

    assert [b["id"] for b in result.merged["budget"]["lines"]] == [b["id"] for b in base["budget"]["lines"]]


# --- fields, sections and records named for people ----------------------------------------------


def test_fields_and_plan_sections_are_named_never_by_their_keys(base):
    line(base, "line-3")["items"] = [{"id": "i1", "item": {"ko": "시약", "en": "Reagents"}, "quantity": 1,
                                      "unit_price_krw": 5, "months": 1}]
    base["plan"]["background"]["ko"] = "첫 문단\n둘째 문단"
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    row_o, row_t = line(ours, "line-3")["items"][0], line(theirs, "line-3")["items"][0]
    for key, o, t in (("quantity", 2, 3), ("unit_price_krw", 6, 7), ("months", 2, 3)):
        row_o[key], row_t[key] = o, t
    row_o["item"]["en"], row_t["item"]["en"] = "Reagents A", "Reagents B"
    ours["partner_regions"], theirs["partner_regions"] = ["KR-31"], ["KR-11"]
    ours["lead_region"], theirs["lead_region"] = "KR-31", "KR-11"
    ours["plan"]["background"]["ko"] = "첫 문단\n우리 문단"
    theirs["plan"]["background"]["ko"] = "첫 문단\n상대 문단"
    shown_where = {c.shown_path: (where(c, "ko"), where(c, "en")) for c in merge(base, ours, theirs).conflicts}
    keys = ("quantity", "unit_price_krw", "months", "item", "partner_regions", "lead_region", "background")
    for ko, en in shown_where.values():
        assert not any(key in ko for key in keys) and "_" not in en and "background" not in en, (ko, en)
    assert shown_where["budget.lines[3].items[0].quantity"][1].endswith("· Reagents A · quantity")
    assert shown_where["partner_regions"] == ("참여 지역", "Partner regions")
    assert shown_where["plan.background.ko"][0].startswith("계획 · 연구개발 배경 · 국문")


def test_a_deleted_and_changed_organisation_is_shown_field_by_field_by_name(base):
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    gone = base["organisations"][-1]["id"]
    ours["organisations"] = [o for o in ours["organisations"] if o["id"] != gone]
    for b in ours["budget"]["lines"]:
        if b["org"] == gone:
            b["org"] = base["organisations"][0]["id"]
    org(theirs, gone)["name"]["ko"] += " (상호변경)"
    c = next(c for c in merge(base, ours, theirs).conflicts if c.kind is Kind.DELETED)
    text = c.shown_value(THEIRS, "ko")
    lines = text.splitlines()
    assert lines[0].startswith("명칭 (국문): ") and lines[0].endswith("(상호변경)")
    assert "id:" not in text and gone not in text.split("\n")[0]
    assert all(":" in ln and not ln.split(":")[0].isascii() for ln in lines), lines
    assert "id:" not in c.shown_value("base", "en") and "kind:" in c.shown_value("base", "en")


# --- the paragraph diff: a longest common run of paragraphs, in time near the text's size ---------


def _lcs(a: list[str], b: list[str]) -> int:
    """The length of a longest common subsequence, by the textbook table."""
    row = [0] * (len(b) + 1)
    for x in reversed(a):
        new = [0] * (len(b) + 1)
        for j in range(len(b) - 1, -1, -1):
            new[j] = row[j + 1] + 1 if x == b[j] else max(row[j], new[j + 1])
        row = new
    return row[0]


PARAGRAPH_LISTS = st.lists(st.sampled_from(["가", "나", "다", ""]), max_size=12)


@LAW
@given(PARAGRAPH_LISTS, PARAGRAPH_LISTS)
def test_the_paragraphs_kept_alike_are_a_longest_common_run(a, b):
    """Myers' diff finds the most paragraphs the two texts share (difflib's longest-block-first
    search does not always: then an unchanged paragraph looks changed, and a merge conflicts
    where it need not)."""
    from forms.merge.paragraphs import matching_blocks

    blocks = matching_blocks(a, b)
    assert blocks[-1] == (len(a), len(b), 0)
    ends = (0, 0)
    for x, y, size in blocks:
        assert x >= ends[0] and y >= ends[1] and a[x:x + size] == b[y:y + size]
        ends = (x + size, y + size)
    assert sum(size for _x, _y, size in blocks) == _lcs(a, b)


def test_a_text_of_thousands_of_equal_paragraphs_takes_both_sides_edits():
    same = ["같은 문단입니다."] * 5000
    ours, theirs = list(same), list(same)
    ours[700] = "우리 쪽"
    theirs[4300] = "상대 쪽"
    del theirs[2000:2010]
    chunks = merge_paragraphs("\n".join(same), "\n".join(ours), "\n".join(theirs))
    assert not any(c.conflict for c in chunks)
    merged = [p for c in chunks for p in c.ours]
    assert len(merged) == 4990 and merged[700] == "우리 쪽" and merged[4290] == "상대 쪽"


def test_every_other_record_deleted_on_one_side_keeps_the_others_changes_in_order():
    lines = [{"id": f"l{i}", "amount_krw": i} for i in range(2000)]
    base = {"id": "p", "recs": lines}
    ours = {"id": "p", "recs": lines[::2]}
    theirs = copy.deepcopy(base)
    theirs["recs"][10]["amount_krw"] = -1  # ours kept it
    theirs["recs"][11]["amount_krw"] = -2  # ours deleted it: a conflict, the record kept in its place
    theirs["recs"].insert(500, {"id": "new", "amount_krw": 0})
    result = merge(base, ours, theirs, take=THEIRS)
    ids = [r["id"] for r in result.merged["recs"]]
    assert [c.kind for c in result.conflicts] == [Kind.DELETED]
    assert ids[:8] == ["l0", "l2", "l4", "l6", "l8", "l10", "l11", "l12"]
    assert ids[-1] == "new" and len(ids) == 1002


# --- copies of the first format (no record ids) -------------------------------------------------


def first_format(doc: dict) -> dict:
    """``doc`` as the first format wrote it (budget lines and roadmap stages without ids), read back
    as today's: the ids derived from the rows."""
    from forms.files.exchange import from_dict

    old = copy.deepcopy(doc)
    old["format_version"] = 1
    for record in old["budget"]["lines"] + old.get("roadmap", []):
        record.pop("id", None)
    return to_dict(from_dict(old))


@pytest.mark.parametrize("side", [OURS, THEIRS])
def test_a_line_inserted_in_a_copy_without_ids_is_matched_by_its_keys_not_its_row(side):
    """The partner (first format) puts a new line on top: every row after it moves. Lines are matched
    by year, organisation, category, source and region, so nothing is duplicated or mixed up."""
    doc = to_dict(SAMPLES["super_regional"]())
    ours, theirs = copy.deepcopy(doc), copy.deepcopy(doc)
    ours["budget"]["lines"][5]["amount_krw"] += 1_000_000
    new = dict(doc["budget"]["lines"][0], year=2030, amount_krw=7_000_000)  # a year no line has
    theirs["budget"]["lines"].insert(0, new)
    theirs["budget"]["lines"][9]["amount_krw"] += 3_000_000
    base, ours, theirs = first_format(doc), first_format(ours), first_format(theirs)

    result = merge(base, ours, theirs, take=side)

    lines = result.merged["budget"]["lines"]
    assert result.conflicts == []
    assert len(lines) == len(doc["budget"]["lines"]) + 1
    key = ("year", "org", "category", "source", "region")
    assert len({tuple(b.get(k) for k in key) for b in lines}) == len(lines)  # no line twice
    amounts = {tuple(b.get(k) for k in key): b["amount_krw"] for b in lines}
    old = doc["budget"]["lines"]
    assert amounts[tuple(old[5].get(k) for k in key)] == old[5]["amount_krw"] + 1_000_000
    assert amounts[tuple(old[8].get(k) for k in key)] == old[8]["amount_krw"] + 3_000_000
    assert amounts[tuple(new.get(k) for k in key)] == 7_000_000


# --- a merge always gives a file the app reads ------------------------------------------------------


def _reads(doc: dict) -> None:
    from forms.files.exchange import from_dict

    from_dict(doc)  # raises InputError naming the place if the app would refuse the file


def _without_org(doc: dict, org_id: str) -> None:
    """``doc`` with an organisation deleted as the window deletes it: with everything naming it."""
    doc["organisations"] = [o for o in doc["organisations"] if o["id"] != org_id]
    tasks = {t["id"] for t in doc["tasks"] if t["org"] == org_id}
    for key in ("researchers", "tasks", "equipment"):
        doc[key] = [r for r in doc[key] if r["org"] != org_id]
    doc["budget"]["lines"] = [b for b in doc["budget"]["lines"] if b["org"] != org_id]
    doc["deliverables"] = [d for d in doc["deliverables"] if d["task"] not in tasks]


def _task_deleted_and_named(base: dict) -> tuple[dict, dict]:
    """Ours deletes a task (and its deliverables); the partner adds a deliverable to it."""
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["tasks"] = [t for t in ours["tasks"] if t["id"] != "t-mechanism"]
    ours["deliverables"] = [d for d in ours["deliverables"] if d["task"] != "t-mechanism"]
    theirs["deliverables"].append({"id": "d-new", "task": "t-mechanism", "year": 2024,
                                   "name": {"ko": "추가 보고서", "en": "A further report"}})
    return ours, theirs


@pytest.mark.parametrize("side", [None, OURS, THEIRS])
def test_a_task_deleted_on_one_side_and_named_by_the_others_deliverable_settles_consistently(base, side):
    ours, theirs = _task_deleted_and_named(base)
    result = merge(base, ours, theirs, take=side)
    [c] = result.conflicts
    assert c.kind == Kind.REFERENCED and c.key == "tasks[id=t-mechanism]"
    if side is None:
        assert not result.clean
        return
    _reads(result.merged)
    tasks = {t["id"] for t in result.merged["tasks"]}
    deliverables = {d["id"] for d in result.merged["deliverables"]}
    assert ("t-mechanism" in tasks) == (side == THEIRS) == ("d-new" in deliverables)


@pytest.mark.parametrize("side", [OURS, THEIRS])
def test_an_organisation_deleted_on_one_side_leaves_no_line_naming_it(base, side):
    """Ours deletes knu with all it has; the partner renames knu and gives it a new budget line. No
    settlement leaves a line for an organisation the file does not hold."""
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    _without_org(ours, "knu")
    org(theirs, "knu")["name"]["en"] = "KNU, renamed"
    theirs["budget"]["lines"].append(new_line("line-new", "knu", 5_000_000))
    result = merge(base, ours, theirs, take=side)
    assert result.clean
    orgs = {o["id"] for o in result.merged["organisations"]}
    for key in ("researchers", "tasks", "equipment"):
        assert {r["org"] for r in result.merged[key]} <= orgs
    assert {b["org"] for b in result.merged["budget"]["lines"]} <= orgs
    assert ("knu" in orgs) == (side == THEIRS)
    assert any(b["id"] == "line-new" for b in result.merged["budget"]["lines"]) == (side == THEIRS)
    _reads(result.merged)


def _stages(doc: dict, who: str, first: int, count: int) -> None:
    doc["roadmap"].extend({"id": f"{who}-stage-{first + i}", "stage": first + i, "start_year": 2025, "end_year": 2025,
                           "goal": {"ko": f"{first + i}단계", "en": f"Stage {first + i}"}} for i in range(count))


@pytest.mark.parametrize("side", [None, OURS, THEIRS])
def test_two_copies_within_the_limits_never_merge_beyond_them(base, side):
    """Each side adds four stages to the roadmap's three: eleven together, one more than a file
    holds. That is a conflict; settled, the list is the chosen side's stages."""
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    _stages(ours, "ours", 4, 4)
    _stages(theirs, "theirs", 4, 4)
    _reads(ours)
    _reads(theirs)
    result = merge(base, ours, theirs, take=side)
    [c] = result.conflicts
    assert c.kind == Kind.LIMIT and c.key == "roadmap"
    assert (c.base, c.ours, c.theirs) == (3, 7, 7)
    assert where(c, "en") == "Stages of the roadmap" and c.describe("en") == "more entries together than a proposal file holds"
    if side is None:
        assert not result.clean
        return
    _reads(result.merged)
    kept = ours if side == OURS else theirs
    assert [s["id"] for s in result.merged["roadmap"]] == [s["id"] for s in kept["roadmap"]]
