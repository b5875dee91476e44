"""Handing an edit to the autosaver copies what was edited, not the whole proposal: the copy handed
over shares every part not edited with the one before, is the proposal as it is, and is saved."""

from __future__ import annotations

from forms.files.exchange_identity import canonical_json


def test_the_copy_handed_over_shares_what_was_not_edited(sample_window, store):
    doc = sample_window.doc
    handed = []
    saver = doc._autosaver
    real = saver.changed
    saver.changed = lambda p, *args, **kwargs: handed.append(p) or real(p, *args, **kwargs)
    doc.edit("title.en", "A new title")
    doc._hand_over()
    doc.edit("budget.lines[2].amount_krw", 7_000_000)
    doc._hand_over()
    first, second = handed
    assert canonical_json(second) == canonical_json(doc.proposal)
    assert second.title.en == "A new title" and first.budget.lines[2].amount_krw != 7_000_000
    assert second.organisations is first.organisations and second.plan is first.plan
    assert second.budget.lines[3] is first.budget.lines[3]
    assert second.budget.lines[2] is not doc.proposal.budget.lines[2]  # never the window's own
    doc.flush()
    saved, _version = store.load(doc.proposal.id)
    assert canonical_json(saved) == canonical_json(doc.proposal)
