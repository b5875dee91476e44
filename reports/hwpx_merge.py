"""Merging the cells of an HWPX table as python-hwpx's ``merge_cells`` does, without looking every
cell of the table up again for each merge (see :func:`merge_cells`)."""

from __future__ import annotations


def merge_cells(table, grid: list[list], merges: list[tuple[int, int, int, int]]) -> None:  # noqa: ANN001
    """``table.merge_cells`` for each of ``merges`` in turn, with the same result, without
    looking every cell of the table up again for each merge (python-hwpx rebuilds the table's
    grid and scans all its cells three times a merge: most of the copy's time in a long table).

    ``grid`` holds the table's cells as made (row r, column c, each spanning one cell). A merged
    rectangle of such cells takes the library's own steps: the covered cells' contents move into
    the first, the covered cells go, the first spans the rectangle and takes its width and height.
    A merge over a cell already merged, or one that leaves a row without cells or a column that
    no cell starts at (which the library then removes, renumbering the rest), is left to the
    library, with every merge after it."""
    from hwpx.oxml.table_merge import collapse_merged_grid

    in_row = [len(row) for row in grid]
    starting = [0] * max((len(row) for row in grid), default=0)  # the cells that start at each column
    for row in grid:
        for col in range(len(row)):
            starting[col] += 1
    for i, (r0, c0, r1, c1) in enumerate(merges):
        region = [grid[r][col] if r < len(grid) and col < len(grid[r]) else None
                  for r in range(r0, r1 + 1) for col in range(c0, c1 + 1)]
        if any(cell is None or cell.span != (1, 1) for cell in region):
            for rest in merges[i:]:
                table.merge_cells(*rest)
            return
        if len(region) == 1:
            continue  # one cell: the library changes nothing
        target = region[0]
        width = sum(grid[r0][col].width for col in range(c0, c1 + 1))
        height = sum(grid[r][c0].height for r in range(r0, r1 + 1))
        table._move_covered_contents(target, [cell.element for cell in region])
        for r in range(r0, r1 + 1):
            for col in range(c0, c1 + 1):
                if (r, col) == (r0, c0):
                    continue
                cell = grid[r][col]
                cell._row_element.remove(cell.element)
                grid[r][col] = None
                in_row[r] -= 1
                starting[col] -= 1
        target.set_span(r1 - r0 + 1, c1 - c0 + 1)
        target.set_size(width or target.width, height or target.height)
        target._clear_own_layout_caches()
        if 0 in in_row or 0 in starting[1:]:  # the library drops that row or column: so do we, then it goes on
            collapse_merged_grid(table.element)
            for rest in merges[i + 1:]:
                table.merge_cells(*rest)
            return
    table.mark_dirty()
