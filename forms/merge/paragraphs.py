"""diff3 over paragraphs, in pure Python.

A text is cut into paragraphs (its lines). The paragraphs that ours and
theirs both kept unchanged from the base are the fixed points; between two fixed points, a stretch
changed on one side only takes that side, the same change on both sides is taken once, and
different changes are a conflict. A conflicting stretch of as many paragraphs on every side is
looked at paragraph by paragraph, so edits to neighbouring paragraphs do not conflict.

The two diffs (base → ours, base → theirs) take time near the size of the text plus the square of
the number of paragraphs changed: the paragraphs the two texts begin and end with alike are set
aside first, and the rest is compared with Myers' O(ND) algorithm, which follows runs of equal
paragraphs without looking at every pair (a text of 20,000 equal lines is no harder than any other).
A text changed beyond :data:`MAX_WORK` steps of comparison (two unrelated texts of thousands of
paragraphs) is taken as changed as a whole past its common beginning and end, which is never
wrong, only coarser: its time is bounded for any file that comes in.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The most steps one comparison of two stretches of paragraphs may take (see the module's text).
MAX_WORK = 3_000_000


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


def matching_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """The paragraphs ``a`` and ``b`` have in common, in order, as (start in a, start in b,
    length) blocks, ending with ``(len(a), len(b), 0)`` (as ``difflib`` gives them)."""
    n, m = len(a), len(b)
    head = 0
    while head < n and head < m and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and a[n - 1 - tail] == b[m - 1 - tail]:
        tail += 1
    blocks: list[tuple[int, int, int]] = [(0, 0, head)] if head else []
    for x, y, size in _myers(a[head:n - tail], b[head:m - tail]):
        if blocks and blocks[-1][0] + blocks[-1][2] == x + head and blocks[-1][1] + blocks[-1][2] == y + head:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + size)
        else:
            blocks.append((x + head, y + head, size))
    if tail:
        if blocks and blocks[-1][0] + blocks[-1][2] == n - tail and blocks[-1][1] + blocks[-1][2] == m - tail:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + tail)
        else:
            blocks.append((n - tail, m - tail, tail))
    blocks.append((n, m, 0))
    return blocks


def _myers(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """A longest common subsequence of ``a`` and ``b`` as matching blocks (Myers 1986, greedy
    forward search, then back along the path found); [] when none is found within
    :data:`MAX_WORK` steps."""
    n, m = len(a), len(b)
    if not n or not m:
        return []
    v: dict[int, int] = {1: 0}
    trace: list[dict[int, int]] = []
    work = 0
    found = False
    for d in range(n + m + 1):
        trace.append(dict(v))
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[k - 1] < v[k + 1]):
                x = v[k + 1]
            else:
                x = v[k - 1] + 1
            y = x - k
            start = x
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            work += 1 + x - start
            v[k] = x
            if x >= n and y >= m:
                found = True
                break
        if found:
            break
        if work > MAX_WORK:
            return []
    matches: list[tuple[int, int, int]] = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        v = trace[d]
        k = x - y
        if k == -d or (k != d and v.get(k - 1, -1) < v.get(k + 1, -1)):
            prev_k = k + 1
        else:
            prev_k = k - 1
        prev_x = v[prev_k]
        prev_y = prev_x - prev_k
        snake_x = prev_x + (prev_k == k - 1) if d else 0
        if x > snake_x:
            matches.append((snake_x, snake_x - k, x - snake_x))
        x, y = prev_x, prev_y
    matches.reverse()
    return matches


def _stable(base: list[str], ours: list[str], theirs: list[str]) -> list[tuple[int, int, int, int, int, int]]:
    """The stretches of the base both sides kept, as (base start, base end, ours start, ours end,
    theirs start, theirs end), ending with an empty stretch at the three ends."""
    mo, mt = matching_blocks(base, ours), matching_blocks(base, theirs)
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
