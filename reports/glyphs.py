"""The characters that no bundled face can print, with where they were found."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


@dataclass
class Glyphs:
    """Collects the characters that no bundled face can show, with where they were found."""

    missing: dict[str, list[str]] = field(default_factory=dict)

    def note(self, char: str, where: str) -> None:
        places = self.missing.setdefault(char, [])
        if where and where not in places:
            places.append(where)

    def lines(self) -> list[str]:
        """One line per character: ``U+1F600 GRINNING FACE (plan.summary.ko)``."""
        out = []
        for char in sorted(self.missing):
            name = unicodedata.name(char, "UNNAMED CHARACTER")
            places = ", ".join(self.missing[char])
            out.append(f"U+{ord(char):04X} {name}" + (f" ({places})" if places else ""))
        return out
