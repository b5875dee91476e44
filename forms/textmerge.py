"""diff3 over paragraphs, on the standard library's ``difflib`` alone.

A text is cut into paragraphs (its lines). The paragraphs that ours and
theirs both kept unchanged from the base are the fixed points; between two fixed points, a stretch
changed on one side only takes that side, the same change on both sides is taken once, and
different changes are a conflict. A conflicting stretch of as many paragraphs on every side is
looked at paragraph by paragraph, so edits to neighbouring paragraphs do not conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Chunk:
    base: list[str]
    ours: list[str]
    theirs: list[str]
    conflict: bool
    #: Where the chunk starts among ours' paragraphs (from 0).
    start: int


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: its lines, without their ends (a final line end gives a last,
    empty paragraph, so ``"\\n".join`` gives the text back exactly)."""
    return text.split("\n")


def _matches(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    return SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()


def _stable(base: list[str], ours: list[str], theirs: list[str]) -> list[tuple[int, int, int, int, int, int]]:
    """The stretches of the base both sides kept, as (base start, base end, ours start, ours end,
    theirs start, theirs end), ending with an empty stretch at the three ends."""
    mo, mt = _matches(base, ours), _matches(base, theirs)
    out = []
    i = j = 0
    while i < len(mo) and j < len(mt):
        ob, oo, on = mo[i]
        tb, tt, tn = mt[j]
        lo, hi = max(ob, tb), min(ob + on, tb + tn)
        if lo < hi:
            out.append((lo, hi, oo + lo - ob, oo + hi - ob, tt + lo - tb, tt + hi - tb))
        if ob + on < tb + tn:
            i += 1
        else:
            j += 1
    out.append((len(base), len(base), len(ours), len(ours), len(theirs), len(theirs)))
    return out


def _resolve(b: list[str], o: list[str], t: list[str]) -> list[str] | None:
    """The merge of one changed stretch, or None when the two sides truly disagree."""
    if o == t or b == t:
        return o
    if b == o:
        return t
    if len(b) == len(o) == len(t):
        out = []
        for pb, po, pt in zip(b, o, t, strict=True):
            if po == pt or pb == pt:
                out.append(po)
            elif pb == po:
                out.append(pt)
            else:
                return None
        return out
    return None


def merge_chunks(base: list[str], ours: list[str], theirs: list[str]) -> list[Chunk]:
    chunks: list[Chunk] = []
    zb = zo = zt = 0
    for sb, eb, so, eo, st, et in _stable(base, ours, theirs):
        b, o, t = base[zb:sb], ours[zo:so], theirs[zt:st]
        if b or o or t:
            merged = _resolve(b, o, t)
            if merged is None:
                chunks.append(Chunk(b, o, t, True, zo))
            else:
                chunks.append(Chunk(b, merged, merged, False, zo))
        if eb > sb:
            same = base[sb:eb]
            chunks.append(Chunk(same, same, same, False, so))
        zb, zo, zt = eb, eo, et
    return chunks


def merge_paragraphs(base: str, ours: str, theirs: str) -> list[Chunk]:
    """The text merged in chunks; a conflicting chunk holds the three sides' paragraphs. The merged
    text is ``"\\n".join`` of the chunks' paragraphs."""
    return merge_chunks(paragraphs(base), paragraphs(ours), paragraphs(theirs))
