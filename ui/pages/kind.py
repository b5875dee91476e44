"""Step 2: the two project types side by side, with what the call says of each; one click chooses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from forms.base.errors import InputError
from forms.base.i18n import N_, _, translate
from forms.fieldpath import TYPE, FieldPath
from forms.model import ProjectType, label
from forms.profile import CallProfile, load_profile
from forms.steps import Step
from forms.values import Label, Pct, Won
from ui.pages.base import Page


def describe(profile: CallProfile, code: str, lang: str) -> str:
    """What the call says of a type, as lines of text in ``lang`` (words and values alike)."""
    rule = profile.types.get(code)
    if rule is None:
        return translate(N_("This call does not offer this type."), lang)
    years = profile.years
    lines = [
        translate(N_("National funds: up to {cap} over {count} years ({first}–{last})."), lang,
                  cap=Won(profile.national_cap), count=len(years), first=min(years), last=max(years)),
        translate(N_("Local funds: at least {min} of {basis}."), lang,
                  min=Pct.of_limit(profile.local_min), basis=Label(f"basis.{profile.local_basis}")),
    ]
    if rule.max_regions and rule.max_regions == rule.min_regions:
        lines.append(translate(N_("Regions: exactly {count}."), lang, count=rule.min_regions))
    elif rule.max_regions:
        lines.append(translate(N_("Regions: {min} to {max}."), lang, min=rule.min_regions, max=rule.max_regions))
    else:
        lines.append(translate(N_("Regions: at least {min}."), lang, min=rule.min_regions))
    lines.append(translate(N_("Source: {source}"), lang, source=rule.explained(lang)))
    return "\n".join(lines)


class TypePage(Page):
    step = Step.TYPE

    def __init__(self, doc, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(doc, parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.cards: dict[str, tuple[QGroupBox, QLabel, QPushButton]] = {}
        row = QHBoxLayout()
        for code in ProjectType:
            box = QGroupBox()
            text = QLabel()
            text.setWordWrap(True)
            text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            button = QPushButton()
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, c=code.value: self._choose(c))
            self.group.addButton(button)
            inner = QVBoxLayout(box)
            inner.addWidget(text, 1)
            inner.addWidget(button)
            row.addWidget(box, 1)
            self.cards[code.value] = (box, text, button)
        self.layout_.addLayout(row)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.layout_.addWidget(self.note)
        self.add_findings()
        self.layout_.addStretch(1)

    def _choose(self, code: str) -> None:
        self.doc.edit("type", code, text=N_("Project type"))

    def retranslate(self) -> None:
        super().retranslate()
        self.intro.setText(_("Choose the project type. You can change it later, and everything is checked again."))
        self.note.setText(_("Every value above comes from the call profile, with the clause it rests on."))
        for code, (box, _text, button) in self.cards.items():
            box.setTitle(label(code, self.lang))
            button.setAccessibleName(label(code, self.lang))
        self.refresh("")

    def refresh(self, path: str) -> None:
        p = self.doc.proposal
        if p is None or path not in ("", "type"):
            return
        try:
            profile = load_profile(p.call)
        except InputError:  # an unknown call is reported by the rules as a finding
            profile = None
        self.group.setExclusive(False)
        for number, (code, (_box, text, button)) in enumerate(self.cards.items(), start=1):
            text.setText(describe(profile, code, self.lang) if profile else "")
            chosen = p.type == code
            button.setChecked(chosen)
            button.setText((_("Chosen (&{number})") if chosen else _("Choose this type (&{number})")).format(
                number=number))  # Alt+1, Alt+2: one card each
        self.group.setExclusive(True)

    def widget_for(self, path: str) -> QWidget | None:
        if FieldPath.parse(path) == TYPE:
            p = self.doc.proposal
            card = self.cards.get(p.type) if p else None
            return (card or next(iter(self.cards.values())))[2]
        return None
