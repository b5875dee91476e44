"""A copy that follows the edits: made from the last copy and the paths edited since, it is the
proposal as it is now, shares what was not edited, and leaves the last copy as it was."""

from __future__ import annotations

import random

from forms.fieldpath import FieldPath
from forms.files.exchange_identity import canonical_json
from forms.model import BudgetLine, Text
from forms.sample import SAMPLES
from forms.snapshot import refreshed


def _edit(p, text: str, value) -> FieldPath:
    """Set ``value`` at ``text`` as the window does, and return the path it records (by id)."""
    where = FieldPath.parse(text)
    where.set(p, value)
    return where.by_id(p)


def test_an_edited_amount_is_copied_and_everything_else_shared():
    live = SAMPLES["super_regional"]()
    last = live.copy()
    before = canonical_json(last)
    path = _edit(live, "budget.lines[3].amount_krw", 123_000)
    new = refreshed(last, live, [path])
    assert canonical_json(new) == canonical_json(live)
    assert canonical_json(last) == before  # the last copy is not changed
    assert new.budget.lines[3] is not last.budget.lines[3] and new.budget.lines[3] is not live.budget.lines[3]
    assert new.budget.lines[4] is last.budget.lines[4]  # not edited: shared with the last copy
    assert new.organisations is last.organisations and new.plan is last.plan
    live.budget.lines[3].amount_krw = 1
    assert new.budget.lines[3].amount_krw == 123_000  # the copy does not follow later changes


def test_any_sequence_of_edits_gives_the_proposal_as_it_is():
    rng = random.Random(7)
    for kind in ("super_regional", "leap"):
        live = SAMPLES[kind]()
        copies = [live.copy()]
        texts = [canonical_json(copies[0])]
        edited: list[FieldPath] = []
        for i in range(300):
            lines = live.budget.lines
            choice = rng.randrange(7)
            if choice == 0 and lines:
                edited.append(_edit(live, f"budget.lines[{rng.randrange(len(lines))}].amount_krw", i * 1000))
            elif choice == 1:  # a line added, as the budget page adds one
                edited.append(_edit(live, "budget.lines", [*lines, BudgetLine(2024, lines[0].org, lines[0].category,
                                                                              "national", i)]))
            elif choice == 2 and len(lines) > 1:  # a line removed
                gone = rng.randrange(len(lines))
                edited.append(_edit(live, "budget.lines", [x for n, x in enumerate(lines) if n != gone]))
            elif choice == 3:
                key = rng.choice([*sorted(live.plan), "new_section"])
                edited.append(_edit(live, f"plan.{key}.ko", f"문단 {i}"))
            elif choice == 4:
                edited.append(_edit(live, "title", Text(f"제목 {i}", f"Title {i}")))
            elif choice == 5 and live.organisations:
                row = rng.randrange(len(live.organisations))
                edited.append(_edit(live, f"organisations[{row}].name.en", f"Org {i}"))
            else:
                edited.append(_edit(live, "partner_regions", sorted(rng.sample(["KR-26", "KR-27", "KR-48"], 2))))
            if rng.random() < 0.3:  # handed over now and then, as the window does
                copies.append(refreshed(copies[-1], live, edited))
                texts.append(canonical_json(copies[-1]))
                edited = []
                assert texts[-1] == canonical_json(live)
        assert [canonical_json(c) for c in copies] == texts  # no copy changed after it was made
