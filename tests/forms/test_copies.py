"""A partner's copy come back, weighed without a screen or a database: each thing the merge of a
copy can come to, which proposal it belongs to, what it changes and the snapshot's name."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from forms.base.errors import InputError
from forms.copies import Verdict, changes, snapshot_name, weigh
from forms.files.exchange import fingerprint
from forms.merge import OURS, THEIRS
from forms.model import SentCopy
from forms.sample import SAMPLES

WHEN = dt.datetime(2024, 5, 2, 9, 30, tzinfo=dt.UTC)


@dataclasses.dataclass
class Sent:
    proposal_id: str
    partner: str
    base: object


class Store:
    """What the window's store answers, as plain dictionaries; it records what it was asked."""

    def __init__(self, base, partner: str = "KR-27") -> None:
        self.base = base.copy()
        self.base.sent_copy = None
        self.sent = {fingerprint(self.base): Sent(base.id, partner, self.base)}
        self.merged: dict[tuple[str, str], dt.datetime] = {}
        self.working = {base.id: base.copy()}
        self.asked: list[str] = []

    def sent_base(self, fp: str):
        self.asked.append("sent_base")
        return self.sent.get(fp)

    def merged_at(self, proposal_id: str, fp: str):
        self.asked.append("merged_at")
        return self.merged.get((proposal_id, fp))

    def load(self, proposal_id: str):
        self.asked.append("load")
        return self.working[proposal_id]

    def weigh(self, theirs):
        return weigh(theirs, self.sent_base, self.merged_at, self.load)

    def copy_for(self, partner: str = "KR-27"):
        """The copy as written for the partner: the base, marked with its fingerprint."""
        copy = self.base.copy()
        copy.sent_copy = SentCopy(partner, fingerprint(self.base))
        return copy


@pytest.fixture
def store():
    return Store(SAMPLES["super_regional"]())


def test_a_proposal_that_carries_no_fingerprint_is_not_a_copy_and_nothing_is_asked(store):
    returned = store.weigh(store.base.copy())
    assert returned.verdict == Verdict.NOT_A_COPY
    assert store.asked == []


def test_a_copy_this_database_has_no_record_of_sending(store):
    copy = store.copy_for()
    copy.sent_copy = SentCopy("KR-27", "0" * 64)
    returned = store.weigh(copy)
    assert returned.verdict == Verdict.NOT_SENT_HERE
    assert store.asked == ["sent_base"]


def test_a_copy_merged_before_says_when_and_is_not_merged_again(store):
    copy = store.copy_for()
    copy.title.ko = "바뀐 제목"
    store.merged[(store.base.id, fingerprint(copy))] = WHEN
    returned = store.weigh(copy)
    assert returned.verdict == Verdict.ALREADY_MERGED
    assert returned.merged_at == WHEN and returned.proposal_id == store.base.id
    assert "load" not in store.asked  # the proposal is not even read


def test_a_copy_that_brings_nothing_new_says_so_naming_the_partner(store):
    returned = store.weigh(store.copy_for())
    assert returned.verdict == Verdict.NOTHING_NEW
    assert returned.partner_name("ko") == "대구광역시" and returned.partner_name("en") == "Daegu"


def test_a_copy_whose_changes_the_proposal_already_holds_brings_nothing_new(store):
    copy = store.copy_for()
    copy.title.ko = "함께 고친 제목"
    store.working[store.base.id].title.ko = "함께 고친 제목"
    assert store.weigh(copy).verdict == Verdict.NOTHING_NEW


def test_a_copy_with_a_change_is_to_merge_into_the_proposal_it_was_sent_from(store):
    copy = store.copy_for()
    copy.title.ko = "파트너가 고친 제목"
    returned = store.weigh(copy)
    assert returned.verdict == Verdict.TO_MERGE
    assert returned.proposal_id == store.base.id
    assert returned.copy_fingerprint == fingerprint(copy)
    assert returned.ours is store.working[store.base.id]
    assert returned.result.clean and returned.result.merged["title"]["ko"] == "파트너가 고친 제목"


def test_a_conflict_is_chosen_by_merging_again_with_the_choice(store):
    copy = store.copy_for()
    copy.title.ko = "파트너의 제목"
    store.working[store.base.id].title.ko = "우리의 제목"
    returned = store.weigh(copy)
    assert returned.verdict == Verdict.TO_MERGE and not returned.result.clean
    key = returned.result.conflicts[0].key
    assert returned.merge({key: THEIRS}).merged["title"]["ko"] == "파트너의 제목"
    assert returned.merge({key: OURS}).merged["title"]["ko"] == "우리의 제목"


def test_a_copy_of_another_proposal_sent_from_here_is_refused(store):
    copy = store.copy_for()
    other = SAMPLES["leap"]()
    other.sent_copy = copy.sent_copy
    assert store.weigh(other).verdict == Verdict.OTHER_PROPOSAL


def test_what_the_store_cannot_answer_is_left_to_the_caller_to_say(store):
    def broken(_fp: str):
        raise InputError("The database cannot be read.")

    with pytest.raises(InputError):
        weigh(store.copy_for(), broken, store.merged_at, store.load)


def test_the_changes_list_each_applied_change_then_the_budget_totals(store):
    copy = store.copy_for()
    copy.title.en = "A title the partner wrote"
    copy.budget.lines[0].amount_krw += 1_000_000
    returned = store.weigh(copy)
    listed = changes(returned.ours, returned.result, "en")
    assert listed[:len(returned.result.applied("en"))] == returned.result.applied("en")
    assert any("A title the partner wrote" in line for line in listed)
    assert len(listed) > len(returned.result.applied("en"))  # the budget's totals follow


def test_the_snapshot_of_a_merge_is_named_after_the_partner_and_the_time(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")  # the person's local time: here, UTC
    time.tzset()
    # the date as every date of the window is written, the time to the second (names stay unique)
    assert snapshot_name("Busan", WHEN, "en") == "Merged the copy from Busan, 2 May 2024, 09:30:00"
    assert snapshot_name("부산광역시", WHEN, "ko") == "부산광역시 사본 병합, 2024. 5. 2. 09:30:00"
