"""A researcher's load across national R&D projects, as the call counts it (3책5공 and the 100%
rate), and the form of the national researcher number. The rules check these figures and the
packet prints them: both take them from here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from forms.model import Researcher, ResearcherRole

#: The roles that lead this project or an organisation's part of it: both count as leading it.
LEADING_ROLES = (ResearcherRole.PRINCIPAL, ResearcherRole.ORG_PRINCIPAL)
#: How many digits a national researcher number (국가연구자번호) has.
NATIONAL_NUMBER_DIGITS = 8
_NATIONAL_NUMBER = re.compile(rf"[0-9]{{{NATIONAL_NUMBER_DIGITS}}}")


def is_national_number(text: str) -> bool:
    """Whether ``text`` (surrounding spaces aside) is a national researcher number: 8 digits."""
    return _NATIONAL_NUMBER.fullmatch(text.strip()) is not None


@dataclass(frozen=True)
class Load:
    """What a researcher carries: the other projects' rates added up (counted or not), the projects
    the count takes in (this one included) and how many of them the researcher leads."""

    others_rate: int
    projects: int
    led: int

    def total(self, rate: int) -> int:
        """The rates added up in a year this project takes ``rate`` of the researcher."""
        return rate + self.others_rate


def load(person: Researcher) -> Load:
    """``person``'s load: a project the count leaves out adds its rate but is not a project here."""
    counted = [o for o in person.other_projects if o.counted]
    return Load(
        others_rate=sum(o.rate for o in person.other_projects),
        projects=1 + len(counted),
        led=(1 if person.role in LEADING_ROLES else 0) + sum(1 for o in counted if o.principal),
    )
