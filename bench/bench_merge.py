"""Three-way merge of two partners' copies of a large proposal: 2,000 budget lines and 100 plan
sections of 12 paragraphs in two languages; each side changes amounts, adds and deletes lines and
edits paragraphs, with a few conflicts. Median of many runs, in process."""

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
    return [(f"merge 2,000 lines + 100 sections, {conflicts} conflicts (median of 30)", f"{ms:.1f} ms", "< 50 ms")]
