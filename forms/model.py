"""The proposal: what an official fills in, as plain dataclasses.

The model holds what was typed, even when it breaks a rule; the rules (``forms.rules``) say what
is wrong. Codes (type, kind, role, source, region, category) are plain strings checked by the
exchange-file reader and the rules, so a half-finished proposal can always be kept.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from forms.base.i18n import N_, translate
from forms.ids import new_id


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


#: The structured tables a chapter of the call's form can hold (``[[form.chapters]] records``).
RECORD_TABLES: tuple[str, ...] = (
    "organisations", "roadmap", "indicators", "tasks", "deliverables", "researchers", "equipment",
    "budget", "budget_items",
)


class ResearcherRole(StrEnum):
    #: 연구책임자: the principal investigator of the whole project
    PRINCIPAL = "principal"
    #: the principal investigator of one organisation's part (기관 책임자)
    ORG_PRINCIPAL = "org_principal"
    #: 참여연구원
    RESEARCHER = "researcher"


class Degree(StrEnum):
    """A researcher's highest degree (학위)."""

    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"
    OTHER = "other"


class IndicatorKind(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


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
    # researchers' roles and indicator kinds
    "principal": N_("Principal investigator"),
    "org_principal": N_("Organisation's principal investigator"),
    "researcher": N_("Researcher"),
    # researchers' degrees
    "bachelor": N_("Bachelor's"),
    "master": N_("Master's"),
    "doctorate": N_("Doctorate"),
    "other": N_("Other degree"),
    "quantitative": N_("Quantitative"),
    "qualitative": N_("Qualitative"),
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

    @classmethod
    def both(cls, text: str) -> Text:
        """The same text in both languages: a number such as "12", or a value written once before
        it had a text in each."""
        return cls(text, text)


@dataclass
class Organisation:
    #: Chosen by the people who write the proposal (``postech``): budget lines name it in ``org``.
    id: str
    name: Text = field(default_factory=Text)
    kind: str = OrgKind.UNIVERSITY.value
    region: str = ""
    role: str = OrgRole.PARTICIPANT.value
    commissioned_by: str = ""
    #: 사업자등록번호 (or a non-profit's 고유번호), ten digits written 123-45-67890; "" if not given.
    registration_number: str = ""
    representative: Text = field(default_factory=Text)
    #: The head's title as the organisation writes it (단장, 총장, 원장, 대표이사); "" when not given.
    representative_title: Text = field(default_factory=Text)
    address: Text = field(default_factory=Text)
    #: The contact person: name, position, telephone, as one line in each language.
    contact: Text = field(default_factory=Text)

    def display_name(self, lang: str) -> str:
        """The organisation's name in ``lang``, else in the other language, else its id."""
        return self.name.get(lang) or self.id

    @property
    def for_profit(self) -> bool:
        return self.kind in FOR_PROFIT


@dataclass
class BudgetItem:
    """One row of a budget line's justification (산출근거): unit price × quantity × months."""

    id: str
    item: Text = field(default_factory=Text)
    quantity: int = 1
    unit_price_krw: int = 0
    #: Months (or times) the quantity is paid for; 1 for a one-off purchase.
    months: int = 1

    @property
    def amount_krw(self) -> int:
        return self.unit_price_krw * self.quantity * self.months


@dataclass
class BudgetLine:
    year: int
    org: str
    category: str
    source: str
    amount_krw: int = 0
    #: The government that pays; only for local funds.
    region: str | None = None
    #: Itemised justification; when present, the rows add up exactly to ``amount_krw``.
    items: list[BudgetItem] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    #: No amount is entered (the cell was cleared): the line shows and prints no figure, adds
    #: nothing to any total (``amount_krw`` stays 0) and a rule asks for its amount.
    no_amount: bool = False


@dataclass
class OtherProject:
    """Another ongoing national R&D project of a researcher (for 3책5공 and the 100% rate)."""

    title: str = ""
    #: Whether the researcher leads it (as principal investigator).
    principal: bool = False
    #: The researcher's participation rate in it, in percent.
    rate: int = 0
    #: False for a project the count leaves out (ending within four months, planning or
    #: evaluation, commercialisation, small); its rate still counts toward 100%.
    counted: bool = True


@dataclass
class Researcher:
    id: str
    org: str = ""
    name: Text = field(default_factory=Text)
    position: Text = field(default_factory=Text)
    role: str = ResearcherRole.RESEARCHER.value
    #: Participation rate (참여율) in this project, percent per year.
    rates: dict[int, int] = field(default_factory=dict)
    other_projects: list[OtherProject] = field(default_factory=list)
    #: The research field (전공·분야); after the fields made with ``dataclasses.field``, because its
    #: name hides that function below it.
    field: Text = field(default_factory=Text)
    #: The national researcher number (국가연구자번호) NTIS gives each researcher: 8 digits; "" until known.
    national_number: str = ""
    #: The highest degree, a :class:`Degree` code; "" when not given.
    degree: str = ""


@dataclass
class Indicator:
    """A performance indicator (성과지표): the baseline and a target per year as written (a number
    or a phrase), in Korean and English like its name (a number is the same text in both)."""

    id: str
    name: Text = field(default_factory=Text)
    kind: str = IndicatorKind.QUANTITATIVE.value
    unit: Text = field(default_factory=Text)
    baseline: Text = field(default_factory=Text)
    targets: dict[int, Text] = field(default_factory=dict)
    #: Weight in percent; the weights of all indicators add up to 100.
    weight: int = 0
    method: Text = field(default_factory=Text)


@dataclass
class Task:
    """A task of the schedule (추진일정): months written YYYY-MM, inside the call's years."""

    id: str
    name: Text = field(default_factory=Text)
    org: str = ""
    start: str = ""
    end: str = ""


@dataclass
class Deliverable:
    """A main deliverable (주요 결과물) of a task in a year."""

    id: str
    task: str = ""
    year: int = 0
    name: Text = field(default_factory=Text)


class ScanSlot(StrEnum):
    """What an attached document is (the official's scans: 붙임 after the generated attachments)."""

    LOCAL_FUNDS_COMMITMENT = "local_funds_commitment"
    PARTICIPATION_COMMITMENT = "participation_commitment"
    COST_SHARE_COMMITMENT = "cost_share_commitment"
    OFFICIAL_LETTER = "official_letter"
    OTHER = "other"


#: The name of each slot, as the contents and the window print it.
SLOT_NAMES: dict[str, str] = {
    ScanSlot.LOCAL_FUNDS_COMMITMENT: N_("Local-funds commitment (signed)"),
    ScanSlot.PARTICIPATION_COMMITMENT: N_("Participation commitment (signed)"),
    ScanSlot.COST_SHARE_COMMITMENT: N_("Cost-share commitment (signed)"),
    ScanSlot.OFFICIAL_LETTER: N_("Official letter"),
    ScanSlot.OTHER: N_("Other document"),
}

#: The media types an attached document may have.
SCAN_TYPES = ("application/pdf", "image/png", "image/jpeg")


@dataclass
class ScanAttachment:
    """A document the official attached (a scanned letter, a signed commitment): its bytes are
    kept in the proposal itself, never a path, so the record and the fingerprint hold it."""

    id: str
    slot: str = ScanSlot.OTHER
    name: str = ""
    media_type: str = "application/pdf"
    data: bytes = b""


@dataclass
class Equipment:
    """An item of the facilities and equipment plan (연구시설·장비)."""

    id: str
    org: str = ""
    year: int = 0
    name: Text = field(default_factory=Text)
    purpose: Text = field(default_factory=Text)
    quantity: int = 1
    unit_price_krw: int = 0
    shared: bool = False
    #: Why an item above the call's review price is needed (for the equipment review).
    review_note: Text = field(default_factory=Text)

    @property
    def amount_krw(self) -> int:
        return self.unit_price_krw * self.quantity


@dataclass
class RoadmapStage:
    stage: int
    start_year: int
    end_year: int
    goal: Text = field(default_factory=Text)
    id: str = field(default_factory=new_id)

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
class StoredVersion:
    """What marks a file written from the proposal database (``main.py db export``): the version it
    was taken from and that version's fingerprint, against which ``db save`` merges it back."""

    version: int
    fingerprint: str


@dataclass
class Budget:
    #: The unit in which plain numbers are typed and tables are shown: won, thousand, million.
    entry_unit: str = "thousand"
    lines: list[BudgetLine] = field(default_factory=list)


@dataclass
class Proposal:
    """Attribute names are the exchange file's keys (``plan``, ``budget.lines``), so a field path
    names the same thing in the file, in the model and in a finding."""

    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    call: str = "msit-mega-2023"
    type: str = ""
    #: The proposal's own date: printed on the packet, never the clock.
    date: dt.date = field(default_factory=dt.date.today)
    title: Text = field(default_factory=Text)
    lead_region: str = ""
    partner_regions: list[str] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    #: The plan's text by section key (the call's form says which keys, in which chapter).
    plan: dict[str, Text] = field(default_factory=dict)
    roadmap: list[RoadmapStage] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)
    researchers: list[Researcher] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    deliverables: list[Deliverable] = field(default_factory=list)
    equipment: list[Equipment] = field(default_factory=list)
    #: Set on a copy sent to a partner, and kept while the partner edits it.
    sent_copy: SentCopy | None = None
    #: Set on a file written from the database, and kept while it is edited outside the app.
    stored_version: StoredVersion | None = None
    #: Documents the official attached, in the order they follow the generated attachments.
    attachments: list[ScanAttachment] = field(default_factory=list)

    def section(self, key: str) -> Text:
        return self.plan.setdefault(key, Text())

    def organisation(self, org_id: str) -> Organisation | None:
        for org in self.organisations:
            if org.id == org_id:
                return org
        return None

    def org_name(self, org_id: str, lang: str) -> str:
        """The name of the organisation ``org_id`` as people read it: in ``lang``, else in the other
        language, else its id; ``org_id`` itself when no organisation has it."""
        org = self.organisation(org_id)
        return org.display_name(lang) if org else org_id

    def lead_organisation(self) -> Organisation | None:
        for org in self.organisations:
            if org.role == OrgRole.LEAD:
                return org
        return None

    def principal_investigator(self) -> Researcher | None:
        """The project's principal investigator (the first, if several are marked)."""
        for person in self.researchers:
            if person.role == ResearcherRole.PRINCIPAL:
                return person
        return None

    def task(self, task_id: str) -> Task | None:
        for task in self.tasks:
            if task.id == task_id:
                return task
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


def duplicate(p: Proposal, titled: Callable[[str, str], str]) -> Proposal:
    """A copy of ``p`` under a new id; ``titled(title, lang)`` names each non-empty title as a copy."""
    new = p.copy()
    new.id = str(uuid.uuid4())
    for lang in ("ko", "en"):
        title = getattr(p.title, lang)
        if title.strip():
            setattr(new.title, lang, titled(title, lang))
    return new
