"""What the list of proposals shows of each (kept apart from the store, so that the quick list at
start, :mod:`storage.quicklist`, needs no SQLAlchemy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from forms.model import Text


@dataclass(frozen=True)
class ProposalInfo:
    id: str
    title: Text
    type: str
    lead_region: str
    version: int
    updated_at: dt.datetime  # UTC, timezone-aware
    call: str = ""
