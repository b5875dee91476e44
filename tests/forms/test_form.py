"""The call's form is data of its profile: chapters, sections, record tables, and the limits the
new records' rules use. A second profile with another form (kept under tests/) proves that nothing
about the chapters is written in code."""

import json
import os
import shutil

import pytest

from forms.base.errors import InputError
from forms.files import exchange_read, exchange_write
from forms.model import Proposal, Text
from forms.profile import calls_dir, load_profile, load_profile_file
from forms.profile.types import BUDGET_TABLES
from forms.rules import validate

OTHER = os.path.join(os.path.dirname(__file__), "calls", "test-other-form.toml")
#: The plan's sections of the first file format (version 1): files of that format still load.
SECTIONS = ("summary", "objectives", "strategic_industry", "stage_plan", "roadmap", "linkage", "pre_analysis",
            "expected_effects")


@pytest.fixture
def other_form(tmp_path, monkeypatch):
    """The shipped profiles plus the test profile with another form, as if shipped."""
    folder = tmp_path / "calls"
    shutil.copytree(calls_dir(), folder)
    shutil.copy(OTHER, folder)
    from forms import profile as module

    monkeypatch.setattr(module, "calls_dir", lambda: str(folder))
    monkeypatch.setattr(module, "_cache", {})
    return module.load_profile("test-other-form")


def test_the_mega_call_follows_the_standard_plan_form():
    form = load_profile("msit-mega-2023").form
    assert [c.number for c in form.chapters] == ["00", "01", "02", "03", "04", "05", "06", "07", "08"]
    assert form.name.ko and form.name.en and form.source and form.source_ko
    need = next(c for c in form.chapters if "background" in [s.key for s in c.sections])
    assert (need.number, need.title.ko) == ("01", "연구개발과제의 필요성")
    # The first format's eight sections all stay valid, each placed in its chapter.
    assert set(SECTIONS) <= set(form.section_keys())
    where = {s.key: c.number for c in form.chapters for s in c.sections if s.key in SECTIONS}
    assert where == {"summary": "00", "strategic_industry": "01", "objectives": "02", "stage_plan": "02",
                     "roadmap": "02", "linkage": "03", "pre_analysis": "03", "expected_effects": "04"}
    tables = {t: form.chapter_of_record(t).number for t in
              ("indicators", "tasks", "deliverables", "researchers", "equipment", "organisations", "budget_items")}
    assert tables == {"indicators": "02", "tasks": "02", "deliverables": "02", "researchers": "07",
                      "equipment": "07", "organisations": "07", "budget_items": "08"}
    for chapter in form.chapters:
        assert chapter.title.ko and chapter.title.en
        for section in chapter.sections:
            assert section.title.ko and section.title.en and section.guidance.ko and section.guidance.en
            assert section.source and section.source_ko and section.max_chars > section.min_chars


def test_the_limits_of_the_new_records_are_profile_values_with_sources():
    p = load_profile("msit-mega-2023")
    assert (p.participation.max_projects, p.participation.max_pi_projects, p.participation.max_rate) == (5, 3, 100)
    assert "64" in p.clause("participation").source
    assert p.pi_min_rate.percent == 20 and p.clause("pi_min_rate").inferred
    assert p.equipment_review.amount_krw == 100_000_000 and p.clause("equipment_review").inferred
    assert p.clause("form").source_text("ko") != p.clause("form").source_text("en")


def test_the_items_of_chapters_07_and_08_are_numbered_from_the_profile():
    form = load_profile("msit-mega-2023").form
    numbered = {i.number: (i.title.ko, i.sections, i.tables) for i in form.items() if i.number[0] in "78"}
    assert numbered["7-1"] == ("참여연구자", (), ("researchers",))
    assert numbered["7-2"] == ("연구시설·장비", ("facilities",), ("equipment",))
    assert numbered["7-3"][2] == ("organisations",)
    assert [numbered[n][2] for n in ("8-1", "8-2", "8-3")] == [("budget.support_share",), ("budget.category",),
                                                                ("budget_items",)]
    assert form.item_of_table("equipment").number == "7-2"
    # every table of the budget is printed in one item; the basis of the budget stands before 8-1
    budget = next(c for c in form.chapters if c.number == "08")
    assert sorted(t for i in budget.items for t in i.tables) == sorted([*BUDGET_TABLES, "budget_items"])
    assert [s.key for s in budget.preamble] == ["budget_basis"]


def test_a_second_form_is_read_from_its_profile_alone(other_form):
    form = other_form.form
    assert [c.number for c in form.chapters] == ["I", "II", "III"]
    assert form.section_keys() == ["overview", "work_plan", "summary"]
    assert form.section("summary").title.en == "Abstract" and form.section("summary").max_chars == 300
    assert form.chapter_of_record("tasks").number == "II" and not form.holds("indicators")
    # without items of its own, each section is a numbered item and the records follow in the last;
    # a chapter of records only is one item under the chapter's title
    assert [(i.number, i.sections) for i in form.items()] == [("I-1", ("overview",)), ("II-1", ("work_plan",)),
                                                             ("II-2", ("summary",)), ("III-1", ())]
    assert form.items()[2].tables == ("tasks", "researchers")
    assert form.items()[3].tables == (*BUDGET_TABLES, "equipment")


def test_the_rules_ask_for_the_sections_of_the_proposals_form(other_form, super_regional):
    super_regional.call = "test-other-form"
    report = validate(super_regional)
    missing = sorted(str(f.shown) for f in report.findings if f.code == "content.section_missing")
    assert missing == ["plan.overview.ko", "plan.work_plan.ko"]  # 'summary' is written; the rest not asked
    message = next(f for f in report.findings if str(f.shown) == "plan.overview.ko").message("en")
    assert message.startswith("Overview of the project:")
    super_regional.plan["summary"] = Text("가" * 301, "")
    long = [f for f in validate(super_regional).findings if f.code == "content.section_long"]
    assert [f.message("en")[:9] for f in long] == ["Abstract "]


def test_the_exchange_file_takes_the_plan_keys_of_the_form(other_form, super_regional):
    doc = exchange_write.to_dict(super_regional)
    doc["call"] = "test-other-form"
    doc["plan"] = {"overview": {"ko": "개요", "en": "Overview"}, "summary": {"ko": "요약", "en": ""}}
    p = exchange_read.loads(json.dumps(doc, ensure_ascii=False))
    assert p.plan == {"overview": Text("개요", "Overview"), "summary": Text("요약", "")}
    assert list(exchange_write.to_dict(p)["plan"]) == ["overview", "summary"]  # in the form's order
    doc["plan"]["background"] = {"ko": "배경"}  # a section of the mega form, not of this one
    with pytest.raises(InputError) as info:
        exchange_read.loads(json.dumps(doc, ensure_ascii=False))
    assert info.value.text("en").startswith("plan.background: unexpected key")


def test_a_file_of_the_first_format_loads_unchanged(super_regional):
    doc = exchange_write.to_dict(super_regional)
    for key in ("researchers", "indicators", "tasks", "deliverables", "equipment"):
        del doc[key]
    for org in doc["organisations"]:
        for key in ("registration_number", "representative", "address", "contact"):
            del org[key]
    doc["plan"] = {k: v for k, v in doc["plan"].items() if k in SECTIONS}
    p = exchange_read.loads(json.dumps(doc, ensure_ascii=False))
    assert list(p.plan) == [k for k in load_profile(p.call).form.section_keys() if k in SECTIONS]
    assert {k: p.plan[k] for k in SECTIONS} == {k: super_regional.plan[k] for k in SECTIONS}
    assert p.researchers == p.indicators == p.tasks == p.deliverables == p.equipment == []
    # Its eight sections are in place; the form's new sections are asked for.
    missing = {str(f.shown) for f in validate(p).findings if f.code == "content.section_missing"}
    assert "plan.background.ko" in missing and not {f"plan.{k}.ko" for k in SECTIONS} & missing


def test_a_new_proposal_has_no_sections_until_written():
    assert Proposal().plan == {}


# The loader names a bad key by its place in the file (form.chapters[8] is the ninth [[form.chapters]]
# table): the indexes below are the words of its message, not chapters looked up.
@pytest.mark.parametrize(("old", "new", "needle"), [
    ('records = ["indicators", "roadmap", "tasks", "deliverables"]', 'records = ["indicators", "gadgets"]',
     "form.chapters[2].records"),
    ('records = ["budget", "budget_items"]', 'records = ["budget", "indicators"]', "form.chapters[8].records"),
    ('key = "background"', 'key = "summary"', "form.chapters[1].sections[0].key"),
    ('sections = ["facilities"]', 'sections = ["summary"]', "form.chapters[7].items[1].sections"),
    ('tables = ["budget_items"]', 'tables = ["indicators"]', "form.chapters[8].items[2].tables"),
    ('tables = ["budget.org"]', 'tables = ["budget.category"]', "form.chapters[8].items[5].tables"),
    ('key = "background"', 'key = "Back ground"', "form.chapters[1].sections[0].key"),
    ('number = "03"', "number = 3", "form.chapters[3].number"),
    ('min_chars = 100\nmax_chars = 4000', "min_chars = 100", "form.chapters[1].sections[0].max_chars"),
    ("max_pi_projects = 3", 'max_pi_projects = "three"', "participation.max_pi_projects"),
    ("price_krw = 100_000_000", "price_krw = -1", "equipment_review.price_krw"),
    ("min_percent = 20\nsource = \"Call guidelines", "min_percent = 200\nsource = \"Call guidelines",
     "participation.pi_min_rate.min_percent"),
])
def test_bad_forms_name_the_key(tmp_path, old, new, needle):
    text = open(os.path.join(calls_dir(), "msit-mega-2023.toml"), encoding="utf-8").read()
    assert old in text
    path = tmp_path / "msit-mega-2023.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_profile_file(str(path))
    assert needle in info.value.text("en")


def test_the_test_profile_is_a_whole_profile():
    assert load_profile_file(OTHER).id == "test-other-form"
