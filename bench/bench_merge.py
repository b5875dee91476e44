"""Three-way merge of two partners' copies of a large proposal: 2,000 budget lines and 100 plan
sections of 12 paragraphs in two languages; each side changes amounts, adds and deletes lines and
edits paragraphs, with a few conflicts. Median of many runs, in process. Then the large cases, made
here (never committed as files): a text of 20,000 equal paragraphs, and 20,000 and 100,000 budget
lines of which ours deletes every other one."""

from __future__ import annotations

import copy
import statistics
import time

from forms.merge import merge

PROPOSAL_ID = "5b0f4c1e-8a43-4c4e-9d61-3f1f0e2a7c11"
CATEGORIES = ("personnel", "equipment", "materials", "activities", "indirect")


def base_doc(lines: int = 2000, sections: int = 100) -> dict:
    orgs = [{"id": f"org{i}", "name": {"ko": f"기관{i}", "en": f"Org {i}"}, "kind": "university",
             "region": "KR-47", "role": "participant"} for i in range(40)]
    budget = [{"id": f"line{i}", "year": 2023 + i % 3, "org": f"org{i % 40}", "category": CATEGORIES[i % 5],
               "source": "national", "amount_krw": 10_000_000 + i * 1000} for i in range(lines)]

    def text(key: int, lang: str) -> str:
        return "\n".join(f"{lang} 제{key}장 {n}문단: 지역혁신 메가프로젝트의 추진 내용과 기대효과를 기술한다." for n in range(12))

    plan = {f"section{k}": {"ko": text(k, "ko"), "en": text(k, "en")} for k in range(sections)}
    return {"format": "regional-proposal", "format_version": 2, "id": PROPOSAL_ID, "call": "msit-mega-2023",
            "type": "super_regional", "title": {"ko": "제목", "en": "Title"}, "lead_region": "KR-47",
            "partner_regions": ["KR-27"], "organisations": orgs, "plan": plan,
            "budget": {"entry_unit": "thousand", "lines": budget}}


def edited(base: dict, offset: int) -> dict:
    doc = copy.deepcopy(base)
    lines = doc["budget"]["lines"]
    for i in range(offset, len(lines), 37 + offset):  # about 50 amounts changed, a few the same ones
        lines[i]["amount_krw"] += 1000 * (offset + 1)
    del lines[offset + 5: offset + 15]  # 10 lines deleted
    lines.extend({"id": f"new{offset}-{i}", "year": 2024, "org": "org1", "category": "materials",
                  "source": "national", "amount_krw": 5_000_000} for i in range(20))
    for k in range(0, 100, 10):  # the same 10 sections on both sides, two paragraphs each
        for lang in ("ko", "en"):
            paras = doc["plan"][f"section{k}"][lang].split("\n")
            paras[2 + offset] += " (보완)"
            paras[0] += f" ({offset})"  # the first paragraph: a conflict where both edit the section
            doc["plan"][f"section{k}"][lang] = "\n".join(paras)
    return doc


def median_ms(runs: int) -> tuple[float, int]:
    base = base_doc()
    ours, theirs = edited(base, 0), edited(base, 3)
    result = merge(base, ours, theirs)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        merge(base, ours, theirs)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, len(result.conflicts)


def run() -> list[tuple[str, str, str]]:
    ms, conflicts = median_ms(30)
    return [(f"merge 2,000 lines + 100 sections, {conflicts} conflicts (median of 30)", f"{ms:.1f} ms", "< 50 ms"),
            *run_large()]


def long_text_docs(paragraphs: int = 20_000) -> tuple[dict, dict, dict]:
    """One plan section of ``paragraphs`` equal paragraphs (the case a diff over every pair of lines
    makes quadratic); ours edits one and inserts ten, theirs edits another and deletes ten."""
    base = base_doc(lines=10, sections=1)
    same = ["같은 문단입니다."] * paragraphs
    base["plan"]["section0"]["ko"] = "\n".join(same)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    o = list(same)
    o[paragraphs // 7] = "우리 쪽에서 고친 문단."
    o[paragraphs // 2:paragraphs // 2] = ["우리 쪽에서 넣은 문단."] * 10
    t = list(same)
    t[paragraphs * 6 // 7] = "상대 쪽에서 고친 문단."
    del t[paragraphs // 4: paragraphs // 4 + 10]
    ours["plan"]["section0"]["ko"], theirs["plan"]["section0"]["ko"] = "\n".join(o), "\n".join(t)
    return base, ours, theirs


def every_other_deleted_docs(lines: int) -> tuple[dict, dict, dict]:
    """``lines`` budget lines; ours deletes every other one (the order of the rest kept), theirs
    changes 100 amounts of lines ours kept and adds 10 lines."""
    base = base_doc(lines=lines, sections=1)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["budget"]["lines"] = ours["budget"]["lines"][::2]
    kept = theirs["budget"]["lines"]
    for i in range(0, lines, max(2, lines // 100) & ~1):
        kept[i]["amount_krw"] += 1000
    kept.extend({"id": f"theirs-{i}", "year": 2024, "org": "org1", "category": "materials", "source": "national",
                 "amount_krw": 5_000_000} for i in range(10))
    return base, ours, theirs


def once_ms(docs: tuple[dict, dict, dict], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        merge(*docs)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def run_large() -> list[tuple[str, str, str]]:
    return [
        ("merge a text of 20,000 equal paragraphs, edits on both sides (best of 3)",
         f"{once_ms(long_text_docs()):.1f} ms", "< 1 s"),
        ("merge 20,000 budget lines, ours deleting every other (best of 3)",
         f"{once_ms(every_other_deleted_docs(20_000)):.1f} ms", "< 1 s"),
        ("merge 100,000 budget lines, ours deleting every other (best of 3)",
         f"{once_ms(every_other_deleted_docs(100_000)):.1f} ms", "< 5 s (near-linear)"),
    ]
