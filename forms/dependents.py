"""Records that name an organisation: budget lines, researchers, and whatever else the proposal
holds that points at an organisation by its id. Removing an organisation asks about them first.

The proposal is walked rather than listed by hand, so a record added to the model later (any list
of records with an ``org`` field) is counted without a change here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass

from forms.fieldpath import FieldPath
from forms.i18n import ngettext
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
        """"3 budget lines", in the current UI language."""
        n = len(self.indices)
        if self.path == "budget.lines":
            return ngettext("{n} budget line", "{n} budget lines", n).format(n=n)
        if self.kind == "researchers":
            return ngettext("{n} researcher", "{n} researchers", n).format(n=n)
        return ngettext("{n} other record", "{n} other records", n).format(n=n)


def _names_org(record: object, org_id: str) -> bool:
    return any(getattr(record, name, None) == org_id for name in _ORG_FIELDS)


def _lists(obj: object, prefix: str = ""):  # noqa: ANN202 - a generator of (path, list)
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
