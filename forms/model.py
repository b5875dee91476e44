"""The proposal: what an official fills in, as plain dataclasses.

The model holds what was typed, even when it breaks a rule; the rules (``forms.rules``) say what
is wrong. Codes (type, kind, role, source, region, category) are plain strings checked by the
exchange-file reader and the rules, so a half-finished proposal can always be kept.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from forms.i18n import N_, translate


class ProjectType(StrEnum):
    SUPER_REGIONAL = "super_regional"
    LEAP = "leap"


class OrgKind(StrEnum):
    UNIVERSITY = "university"
    INSTITUTE = "institute"
    LOCAL_PUBLIC = "local_public"
    SME = "sme"
    MID_SIZED = "mid_sized"
    LARGE = "large"


#: The kinds of organisation that are companies (for-profits), with their own-share duties.
FOR_PROFIT = frozenset({OrgKind.SME, OrgKind.MID_SIZED, OrgKind.LARGE})


class OrgRole(StrEnum):
    LEAD = "lead"
    PARTICIPANT = "participant"
    COMMISSIONED = "commissioned"


class Source(StrEnum):
    NATIONAL = "national"
    LOCAL = "local"
    OWN_CASH = "own_cash"
    OWN_IN_KIND = "own_in_kind"


#: The plan's sections, in the order of the form and the packet.
SECTIONS: tuple[str, ...] = (
    "summary",
    "objectives",
    "strategic_industry",
    "stage_plan",
    "roadmap",
    "linkage",
    "pre_analysis",
    "expected_effects",
)

LABELS: dict[str, str] = {
    # project types
    "super_regional": N_("Super-regional cooperation type"),
    "leap": N_("Regional innovation leap type"),
    # organisation kinds
    "university": N_("University"),
    "institute": N_("Research institute"),
    "local_public": N_("Local public body"),
    "sme": N_("Small or medium enterprise"),
    "mid_sized": N_("Mid-sized firm"),
    "large": N_("Large firm or public corporation"),
    # roles
    "lead": N_("Lead organisation"),
    "participant": N_("Participant"),
    "commissioned": N_("Commissioned"),
    # sources
    "national": N_("National funds"),
    "local": N_("Local funds"),
    "own_cash": N_("Own share (cash)"),
    "own_in_kind": N_("Own share (in kind)"),
    # plan sections
    "summary": N_("Summary"),
    "objectives": N_("Objectives"),
    "strategic_industry": N_("Strategic industry"),
    "stage_plan": N_("Stage plan: from basic technology to practical application"),
    "roadmap": N_("Roadmap up to 10 years"),
    "linkage": N_("Linkage with other government projects"),
    "pre_analysis": N_("Pre-analysis of patents, standards and regulations"),
    "expected_effects": N_("Expected effects"),
    # bases of the local match, and languages, as they appear inside messages
    "basis.national": N_("the national funds"),
    "basis.total": N_("the total project cost"),
    "lang.ko": N_("Korean"),
    "lang.en": N_("English"),
}


def section_length(text: str) -> int:
    """A plan section's length as the call counts it: characters, without the spaces and line
    breaks around the text (the counter under each box and the length rules both use this)."""
    return len(text.strip())


def label(code: str, lang: str) -> str:
    """The display name of a type, kind, role, source or section code."""
    msg = LABELS.get(code)
    return translate(msg, lang) if msg else code


@dataclass
class Text:
    """A text in Korean and English."""

    ko: str = ""
    en: str = ""

    def get(self, lang: str, fallback: bool = True) -> str:
        value = self.ko if lang == "ko" else self.en
        if value.strip() or not fallback:
            return value
        return self.en if lang == "ko" else self.ko

    def is_empty(self) -> bool:
        return not (self.ko.strip() or self.en.strip())


@dataclass
class Organisation:
    id: str
    name: Text = field(default_factory=Text)
    kind: str = OrgKind.UNIVERSITY.value
    region: str = ""
    role: str = OrgRole.PARTICIPANT.value

    @property
    def for_profit(self) -> bool:
        return self.kind in FOR_PROFIT


@dataclass
class BudgetLine:
    year: int
    org: str
    category: str
    source: str
    amount_krw: int = 0
    #: The government that pays; only for local funds.
    region: str | None = None


@dataclass
class RoadmapStage:
    stage: int
    start_year: int
    end_year: int
    goal: Text = field(default_factory=Text)

    @property
    def years(self) -> int:
        return self.end_year - self.start_year + 1


@dataclass
class SentCopy:
    """What marks a copy sent to a partner (File → Send a copy to a partner): to whom, and the
    fingerprint of the proposal it was sent from (the base its return is merged against)."""

    partner: str
    base_fingerprint: str


@dataclass
class Proposal:
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    call: str = "msit-mega-2023"
    type: str = ""
    #: The proposal's own date: printed on the packet, never the clock.
    date: dt.date = field(default_factory=dt.date.today)
    title: Text = field(default_factory=Text)
    lead_region: str = ""
    partner_regions: list[str] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    sections: dict[str, Text] = field(default_factory=lambda: {s: Text() for s in SECTIONS})
    roadmap: list[RoadmapStage] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    #: The unit in which plain numbers are typed and tables are shown: won, thousand, million.
    entry_unit: str = "thousand"
    #: Set on a copy sent to a partner, and kept while the partner edits it.
    sent_copy: SentCopy | None = None

    def section(self, key: str) -> Text:
        return self.sections.setdefault(key, Text())

    def organisation(self, org_id: str) -> Organisation | None:
        for org in self.organisations:
            if org.id == org_id:
                return org
        return None

    def lead_organisation(self) -> Organisation | None:
        for org in self.organisations:
            if org.role == OrgRole.LEAD:
                return org
        return None

    def applicant_regions(self) -> list[str]:
        """Lead first, then partners, without repeats or blanks."""
        out: list[str] = []
        for code in [self.lead_region, *self.partner_regions]:
            if code and code not in out:
                out.append(code)
        return out

    def copy(self) -> Proposal:
        return copy.deepcopy(self)
