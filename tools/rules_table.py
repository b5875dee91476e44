"""The table of the rules in docs/call-profiles.md ("The rules"), made from the rules themselves
(``forms.rules.RULES``), so the documentation cannot drift from them.

  python tools/rules_table.py           print the table
  python tools/rules_table.py --write   put it into docs/call-profiles.md, between its two markers

``tests/test_readme.py`` fails while that page's table differs from the one made here. A rule whose
code fits no area below (a new kind of record, say) stops the table: give it an area here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from forms.rules import RULES, Rule, Severity  # noqa: E402

PAGE = os.path.join(ROOT, "docs", "call-profiles.md")
BEGIN = "<!-- the rules: made by tools/rules_table.py from forms/rules/, do not edit by hand -->"
END = "<!-- end of the rules -->"


def _prefix(*prefixes: str) -> Callable[[Rule], bool]:
    return lambda r: r.code.split(".")[0] in prefixes


def _budget(*clauses: str) -> Callable[[Rule], bool]:
    """Budget rules by the clause of the call they enforce (``caps`` stands for every ``caps.…``)."""
    return lambda r: r.code.startswith("budget.") and r.clause.split(".")[0] in clauses


#: The areas of the table, in order: a title and which rules belong to it. Each rule belongs to
#: exactly one area.
AREAS: list[tuple[str, Callable[[Rule], bool]]] = [
    ("the call", _prefix("call")),
    ("type and regions", _prefix("type", "region")),
    ("organisations (and their general data)", _prefix("org")),
    ("plan: title, sections, roadmap, date", _prefix("content")),
    ("performance indicators (성과지표)", _prefix("indicators")),
    ("schedule (추진일정) and deliverables", _prefix("tasks", "deliverables")),
    ("researchers (참여율, 3책5공)", _prefix("researchers")),
    ("facilities and equipment", _prefix("equipment")),
    ("budget lines and their justification (산출근거)", _budget("years", "categories", "call")),
    ("national funds", _budget("national_cap")),
    ("local funds and the match", _budget("local_match")),
    ("organisation shares and caps", _budget("shares", "caps")),
    ("policy hints", _prefix("policy")),
]


def areas(rules: dict[str, Rule] = RULES) -> list[tuple[str, list[Rule]]]:
    """Each area with its rules in the order they are defined; ValueError for a rule in no area
    or in two."""
    placed: list[tuple[str, list[Rule]]] = [(title, []) for title, _ in AREAS]
    for r in rules.values():
        homes = [i for i, (_, belongs) in enumerate(AREAS) if belongs(r)]
        if len(homes) != 1:
            where = "no area" if not homes else "areas " + ", ".join(AREAS[i][0] for i in homes)
            raise ValueError(f"rule {r.code} (clause {r.clause}) falls in {where}: set its area in tools/rules_table.py")
        placed[homes[0]][1].append(r)
    return [(title, found) for title, found in placed if found]


def table(rules: dict[str, Rule] = RULES) -> str:
    rows = ["| area | codes (warnings marked; every other rule is an error) |", "|---|---|"]
    for title, found in areas(rules):
        codes = ", ".join(f"`{r.code}`" + (" (warning)" if r.severity == Severity.WARNING else "") for r in found)
        rows.append(f"| {title} | {codes} |")
    return "\n".join(rows) + "\n"


def in_page(text: str) -> str:
    """The table between the markers of the page's text (ValueError when a marker is missing)."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"docs/call-profiles.md lacks the markers of the rules table ({BEGIN} … {END})")
    return text[start + len(BEGIN):end].strip("\n") + "\n"


def write(path: str = PAGE) -> bool:
    """Put the table into the page; True when it changed."""
    with open(path, encoding="utf-8") as fp:
        text = fp.read()
    if in_page(text) == table():
        return False
    start, end = text.find(BEGIN) + len(BEGIN), text.find(END)
    from forms.base.atomic import write_bytes

    write_bytes(path, (text[:start] + "\n" + table() + text[end:]).encode("utf-8"))
    return True


def main(argv: list[str]) -> int:
    if argv == ["--write"]:
        print("docs/call-profiles.md: rules table " + ("rewritten" if write() else "already current"))
        return 0
    if argv:
        sys.stderr.write(__doc__)
        return 2
    sys.stdout.write(table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
