"""Reading and writing a proposal's fields by the paths findings use.

``title.ko``, ``plan.summary.en``, ``organisations[1].name.ko``, ``budget.lines[3].amount_krw``,
``partner_regions[0]``, ``roadmap[2].goal.ko``: the same paths ``forms.rules`` reports, so an edit,
its undo command and the finding it clears all name the field the same way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from forms.model import Proposal

_TOKEN = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def tokens(path: str) -> list[str | int]:
    out: list[str | int] = []
    for index, name in _TOKEN.findall(path):
        out.append(int(index) if index else name)
    return out


def _step(obj: object, token: str | int) -> object:
    if isinstance(token, int):
        return obj[token]  # type: ignore[index]
    if isinstance(obj, dict):
        return obj[token]
    return getattr(obj, token)


def get(proposal: Proposal, path: str) -> object:
    obj: object = proposal
    toks = tokens(path)
    if toks and toks[0] == "plan" and len(toks) > 1:
        proposal.section(str(toks[1]))
    for token in toks:
        obj = _step(obj, token)
    return obj


def set_(proposal: Proposal, path: str, value: object) -> None:
    toks = tokens(path)
    if toks and toks[0] == "plan" and len(toks) > 1:
        proposal.section(str(toks[1]))
    obj: object = proposal
    for token in toks[:-1]:
        obj = _step(obj, token)
    last = toks[-1]
    if isinstance(last, int) or isinstance(obj, dict):
        obj[last] = value  # type: ignore[index]
    else:
        setattr(obj, last, value)


def startswith(path: str, prefix: str) -> bool:
    """Whether ``path`` is ``prefix`` or lies inside it."""
    return path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")
