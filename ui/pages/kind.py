"""Step 2: the two project types side by side, with what the call says of each; one click chooses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from forms.errors import InputError
from forms.i18n import N_, _
from forms.model import ProjectType, label
from forms.money import format_won
from forms.profile import CallProfile, load_profile
from forms.steps import Step
from forms.values import Pct
from ui.pages.base import Page


def describe(profile: CallProfile, code: str, lang: str) -> str:
    """What the call says of a type, as lines of text (values from the profile)."""
    rule = profile.types.get(code)
    if rule is None:
        return _("This call does not offer this type.")
    years = profile.years
    lines = [
        _("National funds: up to {cap} over {count} years ({first}–{last}).").format(
            cap=format_won(profile.national_cap, lang), count=len(years), first=min(years), last=max(years)),
        _("Local funds: at least {min} of {basis}.").format(
            min=Pct(profile.local_min, percent=True).render(lang), basis=label(f"basis.{profile.local_basis}", lang)),
    ]
    if rule.max_regions and rule.max_regions == rule.min_regions:
        lines.append(_("Regions: exactly {count}.").format(count=rule.min_regions))
    elif rule.max_regions:
        lines.append(_("Regions: {min} to {max}.").format(min=rule.min_regions, max=rule.max_regions))
    else:
        lines.append(_("Regions: at least {min}.").format(min=rule.min_regions))
    source = _("Source: {source}").format(source=rule.source_text(lang))
    if rule.inferred:
        source += " " + _("(inferred, not stated by the call)")
    lines.append(source)
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
        self.layout_.addStretch(1)

    def _choose(self, code: str) -> None:
        self.doc.edit("type", code, text=N_("Project type"))

    def retranslate(self) -> None:
        super().retranslate()
        self.intro.setText(_("Choose the project type. You can change it later; everything is checked again."))
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
        for code, (_box, text, button) in self.cards.items():
            text.setText(describe(profile, code, self.lang) if profile else "")
            chosen = p.type == code
            button.setChecked(chosen)
            button.setText(_("Chosen") if chosen else _("Choose this type"))
        self.group.setExclusive(True)

    def widget_for(self, path: str) -> QWidget | None:
        if path == "type":
            p = self.doc.proposal
            card = self.cards.get(p.type) if p else None
            return (card or next(iter(self.cards.values())))[2]
        return None
