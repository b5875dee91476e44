"""Reference proposals: complete, valid and realistic, one per project type.

The organisations' company names are fictional; universities and institutes are those that took
part in the 2023 pilot. The budgets follow the call: national funds exactly at the cap, local
funds just above 20 % of them in every year, companies' own shares inside the legal ratios.
"""

from __future__ import annotations

import datetime as dt
import tomllib

from forms import bizno, ids
from forms.base.paths import resource_path
from forms.model import (
    BudgetItem,
    BudgetLine,
    Deliverable,
    Equipment,
    Indicator,
    Organisation,
    OtherProject,
    Proposal,
    Researcher,
    RoadmapStage,
    Task,
    Text,
)


def _data(kind: str) -> dict:
    """The sample's data kept beside the code (``resources/samples/<type>.toml``)."""
    with open(resource_path("samples", kind + ".toml"), "rb") as fp:
        return tomllib.load(fp)


def _text(d: dict) -> Text:
    return Text(d.get("ko", ""), d.get("en", ""))


def _short(value: str | dict) -> Text:
    """An indicator's baseline or target: a number written once is the same in both languages."""
    return Text.both(value) if isinstance(value, str) else _text(value)


def _fill(p: Proposal) -> Proposal:
    """Add what ``resources/samples`` holds for the proposal's type: the text of every section of the
    form, the organisations' general data, researchers, indicators, the schedule and the equipment
    plan; then the justification of every budget line."""
    data = _data(p.type)
    years = sorted(_NATIONAL_BY_YEAR)
    for key, text in data.get("plan", {}).items():
        p.plan[key] = _text(text)
    for org in p.organisations:
        d = data["organisations"][org.id]
        org.registration_number = bizno.formatted(d["registration"])
        org.representative, org.address, org.contact = (_text(d[k]) for k in ("representative", "address", "contact"))
        if "title" in d:
            org.representative_title = _text(d["title"])
    p.researchers = [
        Researcher(r["id"], r["org"], _text(r["name"]), _text(r["position"]), r.get("role", "researcher"),
                   {y: r["rate"] for y in years}, [OtherProject(**o) for o in r.get("other_projects", [])],
                   _text(r["field"]), r["national_number"], r["degree"])
        for r in data["researchers"]
    ]
    p.indicators = [
        Indicator(i["id"], _text(i["name"]), i.get("kind", "quantitative"), _text(i["unit"]), _short(i["baseline"]),
                  dict(zip(years, map(_short, i["targets"]), strict=True)), i["weight"], _text(i["method"]))
        for i in data["indicators"]
    ]
    p.tasks = [Task(t["id"], _text(t["name"]), t["org"], t["start"], t["end"]) for t in data["tasks"]]
    p.deliverables = [Deliverable(d["id"], d["task"], d["year"], _text(d["name"])) for d in data["deliverables"]]
    p.equipment = _equipment(p, data["equipment"])
    for line in p.budget.lines:
        line.items = _justify(p, line)
    return p


def _equipment(p: Proposal, kinds: list[dict]) -> list[Equipment]:
    """Each organisation's yearly facilities and equipment budget split among its kinds of item:
    the second bought twice at a round price, the first taking the rest, so the plan adds up."""
    budget: dict[tuple[str, int], int] = {}
    for line in p.budget.lines:
        if line.category == "equipment":
            budget[(line.org, line.year)] = budget.get((line.org, line.year), 0) + line.amount_krw
    out: list[Equipment] = []
    for (org, year), amount in budget.items():
        first, second = [k for k in kinds if k["org"] == org][:2]
        unit = amount * 35 // 100 // 2 // 100_000 * 100_000
        for n, (kind, quantity, price) in enumerate(((first, 1, amount - 2 * unit), (second, 2, unit)), start=1):
            out.append(Equipment(f"e-{org}-{year}-{n}", org, year, _text(kind["name"]), _text(kind["purpose"]),
                                 quantity, price, kind.get("shared", False), _text(kind.get("review_note", {}))))
    return out


#: How each category's lines are justified: (row, quantity, months, share of the amount in per
#: mille) for the rows of the plan; a last row ("rest") takes what is left, so the rows add up.
_ROWS: dict[str, tuple[tuple[Text, int, int, int], Text]] = {
    "personnel": ((Text("참여연구원 급여", "Researchers' salaries"), 0, 12, 900),
                  Text("4대보험 등 기관부담분", "Employer's social insurance")),
    "student_personnel": ((Text("석·박사과정 학생연구원", "Master's and doctoral students"), 4, 12, 900),
                          Text("학생연구원 연구장려금", "Students' research grants")),
    "materials": ((Text("시약 및 소모품(월)", "Reagents and consumables (monthly)"), 1, 12, 600),
                  Text("시제품 제작 재료", "Materials for prototypes")),
    "activities": ((Text("국내외 출장", "Travel at home and abroad"), 20, 1, 400),
                   Text("회의·세미나·전문가 자문", "Meetings, seminars and expert advice")),
}
_SINGLE: dict[str, Text] = {
    "allowance": Text("연구수당(인건비의 20% 이내)", "Research allowance (within 20% of personnel cost)"),
    "commissioned": Text("위탁연구개발비", "Commissioned R&D"),
    "international": Text("국제공동연구(해외 협력기관)", "International joint R&D (partner abroad)"),
    "indirect": Text("간접비(기관 고시 비율)", "Indirect costs (the organisation's published rate)"),
}


def _see_equipment(p: Proposal) -> Text:
    """Equipment is justified by the form's item that lists it, named by its number and title as
    the packet prints them (``7-2 연구시설·장비``)."""
    from forms.profile import load_profile

    item = load_profile(p.call).form.item_of_table("equipment")
    if item is None:
        return Text("연구시설·장비 구입", "Facilities and equipment")
    return Text(f"연구시설·장비 구입({item.number} {item.title.ko} 참조)",
                f"Facilities and equipment (see {item.number} {item.title.en})")


def _justify(p: Proposal, line: BudgetLine) -> list[BudgetItem]:
    if not line.amount_krw:
        return []
    stem = "-".join(filter(None, (str(line.year), line.org, line.category, line.source, line.region)))
    if line.category == "commissioned":
        return [BudgetItem(f"{stem}-1", _commission(p, line.org), 1, line.amount_krw, 1)]
    rows = _ROWS.get(line.category)
    if rows is None:
        name = (_see_equipment(p) if line.category == "equipment"
                else _SINGLE.get(line.category, Text(line.category, line.category)))
        return [BudgetItem(f"{stem}-1", name, 1, line.amount_krw, 1)]
    (name, quantity, months, per_mille), rest = rows
    if not quantity:  # personnel: as many as the organisation lists researchers
        quantity = max(1, sum(1 for r in p.researchers if r.org == line.org))
    unit = line.amount_krw * per_mille // 1000 // (quantity * months) // 1000 * 1000
    first = BudgetItem(f"{stem}-1", name, quantity, unit, months)
    return [first, BudgetItem(f"{stem}-2", rest, 1, line.amount_krw - first.amount_krw, 1)]


def _commission(p: Proposal, org_id: str) -> Text:
    """A commissioned R&D row names the organisation commissioned and its tasks (the plan says who
    does the commissioned work, and what)."""
    names: list[tuple[str, str]] = []
    for org in p.organisations:
        if org.commissioned_by == org_id:
            tasks = [t.name for t in p.tasks if t.org == org.id]
            names.append((f"{org.name.ko} 위탁: " + ", ".join(t.ko for t in tasks),
                          f"Commissioned to {org.name.en}: " + ", ".join(t.en for t in tasks)))
    return Text("; ".join(ko for ko, _en in names), "; ".join(en for _ko, en in names))


_NATIONAL_BY_YEAR = {2023: 1_500_000_000, 2024: 2_000_000_000, 2025: 2_000_000_000}

# Share of each category in an organisation's national funds (per mille, summing to 1000).
_NONPROFIT = {"personnel": 250, "student_personnel": 80, "equipment": 150, "materials": 150,
              "activities": 170, "allowance": 50, "indirect": 150}
_INTL_LEAD = {"personnel": 150, "student_personnel": 50, "equipment": 70, "materials": 80,
              "activities": 60, "allowance": 30, "international": 450, "indirect": 110}
_INTL_INSTITUTE = {"personnel": 200, "student_personnel": 40, "equipment": 100, "materials": 100,
                   "activities": 100, "allowance": 40, "international": 300, "indirect": 120}
_COMPANY = {"personnel": 350, "equipment": 120, "materials": 250, "activities": 200, "indirect": 80}


def _split(amount: int, weights: dict[str, int]) -> dict[str, int]:
    """Split ``amount`` by per-mille weights in whole thousands of won; the last takes the rest."""
    out: dict[str, int] = {}
    left = amount
    keys = list(weights)
    for key in keys[:-1]:
        part = amount * weights[key] // 1000 // 1000 * 1000
        out[key] = part
        left -= part
    out[keys[-1]] = left
    return out


def _round_k(amount: int) -> int:
    return -(-amount // 1000) * 1000


def _budget(orgs: list[tuple[str, int, dict[str, int], str | None]],
            local: dict[int, dict[str, dict[str, int]]], commissions: dict[str, str]) -> list[BudgetLine]:
    """orgs: (id, per-mille of national, category weights, company own-share percent or None).
    commissions: each commissioned organisation's id → the id of the one that commissions it; the
    commissioned organisation's national and local funds are the commissioning one's commissioned
    R&D (위탁연구개발비), one line a year for each source and paying region."""
    lines: list[BudgetLine] = []
    for year, national in _NATIONAL_BY_YEAR.items():
        shares = _split(national, {org_id: per_mille for org_id, per_mille, _w, _own in orgs})
        for org_id, _pm, weights, own_pct in orgs:
            for category, amount in _split(shares[org_id], weights).items():
                lines.append(BudgetLine(year, org_id, category, "national", amount))
            if own_pct is not None:
                # Own share = own_pct % of the organisation's total cost, which includes the work it
                # commissions: own = gov * p / (100 - p).
                gov = shares[org_id] + sum(shares[c] for c, by in commissions.items() if by == org_id)
                own = _round_k(gov * int(own_pct) // (100 - int(own_pct)))
                cash = own * 4 // 10 // 1000 * 1000
                lines.append(BudgetLine(year, org_id, "materials", "own_cash", cash))
                lines.append(BudgetLine(year, org_id, "personnel", "own_in_kind", own - cash))
        for region, per_org in local[year].items():
            for org_id, amount in per_org.items():
                for category, part in _split(amount, {"equipment": 500, "materials": 300, "activities": 200}).items():
                    lines.append(BudgetLine(year, org_id, category, "local", part, region))
    return _commissioned(lines, commissions)


def _commissioned(lines: list[BudgetLine], commissions: dict[str, str]) -> list[BudgetLine]:
    out: list[BudgetLine] = []
    booked: dict[tuple[int, str, str, str | None], BudgetLine] = {}
    for line in lines:
        by = commissions.get(line.org)
        if by is None:
            out.append(line)
            continue
        key = (line.year, by, line.source, line.region)
        if key in booked:
            booked[key].amount_krw += line.amount_krw
        else:
            booked[key] = BudgetLine(line.year, by, "commissioned", line.source, line.amount_krw, line.region)
            out.append(booked[key])
    return out


def _roadmap(goals: list[tuple[str, str]]) -> list[RoadmapStage]:
    spans = [(2023, 2025), (2026, 2028), (2029, 2032)]
    return [RoadmapStage(i + 1, start, end, Text(ko, en)) for i, ((start, end), (ko, en)) in enumerate(zip(spans, goals, strict=True))]


def _fixed_ids(p: Proposal) -> Proposal:
    """The sample's records get the ids a version-1 file of it would get: fixed, and the same on
    every run."""
    ids.derive_ids(p.budget.lines, p.id, "budget.lines")
    ids.derive_ids(p.roadmap, p.id, "roadmap")
    return p


def super_regional() -> Proposal:
    p = Proposal(
        id="5b0f4c1e-8a43-4c4e-9d61-3f1f0e2a7c11",
        call="msit-mega-2023",
        type="super_regional",
        date=dt.date(2023, 3, 2),
        title=Text(
            "무변형·초장수명 이차전지 원료소재 재사용 업사이클링 기술 개발",
            "Upcycling of raw materials for non-deforming, ultra-long-life secondary batteries",
        ),
        lead_region="KR-47",
        partner_regions=["KR-27"],
    )
    p.organisations = [
        Organisation("postech", Text("포항공과대학교 산학협력단", "POSTECH Industry-Academic Cooperation Foundation"),
                     "university", "KR-47", "lead"),
        Organisation("knu", Text("경북대학교 산학협력단", "Kyungpook National University R&DB Foundation"),
                     "university", "KR-27", "participant"),
        Organisation("dgist", Text("대구경북과학기술원", "DGIST"), "institute", "KR-27", "participant"),
        Organisation("rist", Text("포항산업과학연구원", "Research Institute of Industrial Science & Technology"),
                     "institute", "KR-47", "commissioned", "postech"),
        Organisation("hanbit", Text("(주)한빛배터리소재", "Hanbit Battery Materials Co., Ltd."), "sme", "KR-47",
                     "participant"),
        Organisation("daegyeong", Text("(주)대경리사이클", "Daegyeong Recycle Corp."), "mid_sized", "KR-27",
                     "participant"),
    ]
    orgs = [("postech", 300, _INTL_LEAD, None), ("knu", 180, _NONPROFIT, None), ("dgist", 200, _INTL_INSTITUTE, None),
            ("rist", 80, _NONPROFIT, None), ("hanbit", 120, _COMPANY, "29"), ("daegyeong", 120, _COMPANY, "32")]
    local = {
        2023: {"KR-47": {"postech": 150_000_000, "rist": 60_000_000}, "KR-27": {"knu": 60_000_000, "dgist": 50_000_000}},
        2024: {"KR-47": {"postech": 190_000_000, "rist": 80_000_000}, "KR-27": {"knu": 80_000_000, "dgist": 70_000_000}},
        2025: {"KR-47": {"postech": 190_000_000, "rist": 80_000_000}, "KR-27": {"knu": 75_000_000, "dgist": 65_000_000}},
    }
    p.budget.lines = _budget(orgs, local, {"rist": "postech"})
    p.roadmap = _roadmap([
        ("무변형 회수 원천기술 확보", "Core deformation-free recovery technology"),
        ("파일럿 실증과 지역기업 이전", "Pilot demonstration and transfer to regional firms"),
        ("양산 적용과 순환경제 거점 완성", "Mass production and a complete circular-economy hub"),
    ])
    return _fixed_ids(_fill(p))


def leap() -> Proposal:
    p = Proposal(
        id="9d2e7a60-1c4b-4f0e-8b7a-52c3d9e4f801",
        call="msit-mega-2023",
        type="leap",
        date=dt.date(2023, 3, 2),
        title=Text(
            "해양바이오 전략소재 메타플랫폼 기반기술 개발",
            "Meta-platform foundational technology for marine-bio strategic materials",
        ),
        lead_region="KR-44",
        partner_regions=[],
    )
    p.organisations = [
        Organisation("sch", Text("순천향대학교 산학협력단", "Soonchunhyang University Industry-Academia Cooperation"),
                     "university", "KR-44", "lead"),
        Organisation("kit", Text("안전성평가연구소", "Korea Institute of Toxicology"), "institute", "KR-30",
                     "participant"),
        Organisation("ctp", Text("충남테크노파크", "Chungnam Technopark"), "local_public", "KR-44", "participant"),
        Organisation("seohae", Text("(주)서해마린바이오", "Seohae Marine Bio Inc."), "sme", "KR-44", "participant"),
        Organisation("kmbio", Text("(주)케이엠바이오텍", "KM Biotech Co."), "mid_sized", "KR-44", "commissioned",
                     "seohae"),
    ]
    orgs = [("sch", 380, _INTL_LEAD, None), ("kit", 250, _INTL_INSTITUTE, None), ("ctp", 130, _NONPROFIT, None),
            ("seohae", 140, _COMPANY, "28"), ("kmbio", 100, _COMPANY, None)]
    local = {
        2023: {"KR-44": {"sch": 180_000_000, "ctp": 130_000_000}},
        2024: {"KR-44": {"sch": 240_000_000, "ctp": 170_000_000}},
        2025: {"KR-44": {"sch": 240_000_000, "ctp": 170_000_000}},
    }
    p.budget.lines = _budget(orgs, local, {"kmbio": "seohae"})
    p.roadmap = _roadmap([
        ("후보 소재 발굴과 플랫폼 설계", "Candidate materials and platform design"),
        ("안전성 평가와 시생산 실증", "Safety assessment and trial production"),
        ("상용화와 지역 양산 체계", "Commercialisation and regional mass production"),
    ])
    return _fixed_ids(_fill(p))


SAMPLES = {"super_regional": super_regional, "leap": leap}
