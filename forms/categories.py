"""Budget categories (비목) of Korean national R&D (National R&D Innovation Act and its Decree).

Which of them a call allows is the call profile's business; this module only knows what each is.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.base.i18n import N_, translate


@dataclass(frozen=True)
class Category:
    code: str
    ko: str
    en: str
    direct: bool = True
    #: Whether an organisation's own in-kind share may be booked here.
    in_kind_allowed: bool = False

    def name(self, lang: str) -> str:
        return self.ko if lang == "ko" else translate(self.en, lang)


CATEGORIES: dict[str, Category] = {
    c.code: c
    for c in (
        Category("personnel", "인건비", N_("Personnel"), in_kind_allowed=True),
        Category("student_personnel", "학생인건비", N_("Student personnel")),
        Category("equipment", "연구시설·장비비", N_("Facilities and equipment"), in_kind_allowed=True),
        Category("materials", "연구재료비", N_("Research materials"), in_kind_allowed=True),
        Category("activities", "연구활동비", N_("Research activities"), in_kind_allowed=True),
        Category("allowance", "연구수당", N_("Research allowance")),
        Category("commissioned", "위탁연구개발비", N_("Commissioned R&D")),
        Category("international", "국제공동연구개발비", N_("International joint R&D")),
        Category("security_allowance", "보안수당", N_("Security allowance")),
        Category("burden", "연구개발부담비", N_("R&D burden cost")),
        Category("innovation", "연구혁신비", N_("Research innovation cost")),
        Category("indirect", "간접비", N_("Indirect costs"), direct=False),
    )
}
# In-kind shares may be personnel, equipment, technology acquisition, materials or software
# (Decree Annex). Technology acquisition and software are booked under research activities.


def name(code: str, lang: str) -> str:
    cat = CATEGORIES.get(code)
    return cat.name(lang) if cat else code


def is_known(code: object) -> bool:
    return isinstance(code, str) and code in CATEGORIES
