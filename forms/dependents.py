"""Records that name an organisation: budget lines, researchers, and whatever else the proposal
holds that points at an organisation by its id. Removing an organisation asks about them first.

The proposal is walked rather than listed by hand, so a record added to the model later (any list
of records with an ``org`` field) is counted without a change here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass

from forms.base.i18n import NP_, ngettext
from forms.fieldpath import FieldPath
from forms.model import Proposal, Text

#: the fields by which a record names its organisation
_ORG_FIELDS = ("org", "organisation", "org_id")


@dataclass(frozen=True)
class Dependents:
    """The records of one list (``path``, e.g. ``budget.lines``) that name the organisation."""

    path: str
    indices: tuple[int, ...]

    @property
    def kind(self) -> str:
        return str(FieldPath.parse(self.path).last)

    def describe(self) -> str:
        """"3 budget lines", in the current UI language: each list by what it holds, so that two
        lists are never both "other records"."""
        n = len(self.indices)
        singular, plural = _NOUNS.get(self.path, _OTHER)
        return ngettext(singular, plural, n).format(n=n)


#: What each list that can name an organisation holds, counted; a list added to the model later
#: is counted as other records until it is named here.
_NOUNS = {
    "budget.lines": NP_("{n} budget line", "{n} budget lines"),
    "researchers": NP_("{n} researcher", "{n} researchers"),
    "tasks": NP_("{n} task", "{n} tasks"),
    "equipment": NP_("{n} equipment item", "{n} equipment items"),
}
_OTHER = NP_("{n} other record", "{n} other records")


def _names_org(record: object, org_id: str) -> bool:
    return any(getattr(record, name, None) == org_id for name in _ORG_FIELDS)


def _lists(obj: object, prefix: str = "") -> Iterator[tuple[str, list[object]]]:
    """Each non-empty list of records under the record ``obj``, with its path."""
    if not is_dataclass(obj):
        return
    for f in fields(obj):
        value = getattr(obj, f.name)
        path = f"{prefix}{f.name}"  # the model's names are the exchange file's
        if isinstance(value, list) and value and is_dataclass(value[0]):
            yield path, value
        elif is_dataclass(value) and not isinstance(value, Text):
            yield from _lists(value, f"{path}.")


def dependents(proposal: Proposal, org_id: str) -> list[Dependents]:
    """Every list of records with at least one record naming ``org_id`` (the organisations
    themselves excepted)."""
    out = []
    for path, records in _lists(proposal):
        if path == "organisations":
            continue
        found = tuple(i for i, record in enumerate(records) if _names_org(record, org_id))
        if found:
            out.append(Dependents(path, found))
    return out


def without(records: list, dependent: Dependents) -> list:
    """``records`` (the list at ``dependent.path``) without the dependent ones."""
    drop = set(dependent.indices)
    return [record for i, record in enumerate(records) if i not in drop]
