"""The layering of design.md, checked on the source: each folder imports only what it may."""

import ast
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORBIDDEN = {
    # forms/ uses no file-format library beyond the standard library
    "forms": {"PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab", "openpyxl", "hwpx", "lxml", "ui", "storage",
              "reports", "cli"},
    # the database layer reads no document: scans are read beside the packet that places them
    "storage": {"PySide6", "shiboken6", "reportlab", "pypdf", "PIL", "openpyxl", "ui", "reports", "cli"},
    "reports": {"PySide6", "shiboken6", "sqlalchemy", "alembic", "ui", "storage", "cli", "signing", "pyhanko"},
    # signing reads and signs PDFs with pyHanko: no window, database or layout of the packet
    "signing": {"PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab", "openpyxl", "hwpx", "ui", "storage",
                "reports", "cli"},
    # the window does not depend on the command line: what both need (exit codes) lives in forms/
    "ui": {"sqlalchemy", "alembic", "reportlab", "cli", "pyhanko", "pkcs11"},
    "cli": {"PySide6", "shiboken6", "ui"},
}


def imports(path):
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0], node.lineno


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_layer_imports(folder):
    bad = []
    for dirpath, _dirs, files in os.walk(os.path.join(ROOT, folder)):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(dirpath, name)
                bad += [f"{os.path.relpath(path, ROOT)}:{line} imports {mod}"
                        for mod, line in imports(path) if mod in FORBIDDEN[folder]]
    assert not bad, "\n".join(bad)


def modules(folders=tuple(FORBIDDEN)) -> dict[str, str]:
    """Every module of ``folders`` by its dotted name (a package by its ``__init__``), with its path."""
    found = {}
    for folder in folders:
        for dirpath, _dirs, files in os.walk(os.path.join(ROOT, folder)):
            for name in files:
                if name.endswith(".py"):
                    path = os.path.join(dirpath, name)
                    parts = os.path.relpath(path, ROOT)[:-3].split(os.sep)
                    found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def import_graph(found: dict[str, str]) -> dict[str, dict[str, int]]:
    """Which of ``found`` each module imports, with the line of the first such import: at module level,
    in a function or under ``TYPE_CHECKING`` alike (a circle through a function is a circle all the same).
    ``from a import b`` counts as importing ``a.b`` when that is a module, else ``a``."""
    graph: dict[str, dict[str, int]] = {}
    for module, path in found.items():
        package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
        edges: dict[str, int] = {}
        for node in ast.walk(ast.parse(open(path, encoding="utf-8").read(), path)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from the package, up level - 1
                    up = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in found else base for alias in node.names]
            else:
                continue
            for name in names:
                while name and name not in found:  # a name inside a module: the module
                    name = name.rpartition(".")[0]
                if name and name != module:
                    edges.setdefault(name, node.lineno)
        graph[module] = edges
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """One circle of imports through each group of modules that reach one another, as the modules in
    order, the first repeated at the end."""
    found: list[list[str]] = []
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        # the modules that start reaches and that reach start: its group
        reach = _reachable(graph, start)
        group = {m for m in reach if start in _reachable(graph, m)}
        done |= group | {start}
        if group:
            found.append(_path_back(graph, start, group))
    return found


def _reachable(graph: dict[str, dict[str, int]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph.get(start, ()))
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo += graph.get(m, ())
    return seen


def _path_back(graph: dict[str, dict[str, int]], start: str, group: set[str]) -> list[str]:
    """The shortest way from ``start`` back to itself through ``group`` (breadth first)."""
    came = {m: start for m in sorted(graph[start]) if m in group}
    todo = list(came)
    while start not in came:
        m = todo.pop(0)
        for n in sorted(graph[m]):
            if n in group and n not in came:
                came[n] = m
                todo.append(n)
    back, m = [start], came[start]
    while m != start:  # from start's last step before it back to its first
        back.append(m)
        m = came[m]
    return [*back, start][::-1]


def _shown(graph: dict[str, dict[str, int]], circle: list[str]) -> str:
    return " → ".join(f"{a} (line {graph[a][b]})" for a, b in zip(circle, circle[1:], strict=False)) + \
        f" → {circle[-1]}"


def test_no_import_circles():
    """No module reaches itself through imports: each folder reads from the bottom up, so a newcomer
    can read a module knowing only what is below it."""
    graph = import_graph(modules())
    assert not (found := cycles(graph)), "import circles:\n" + "\n".join(_shown(graph, c) for c in found)


def test_the_cycle_finder_names_a_circle(tmp_path):
    """The check above can fail: a circle through a function's import is found and named in order."""
    for name, text in {"a.py": "from pkg import b\n", "b.py": "def f():\n    from pkg.c import x\n",
                       "c.py": "import pkg.a\nx = 1\n", "__init__.py": "", "d.py": "from . import a\n"}.items():
        (tmp_path / "pkg").mkdir(exist_ok=True)
        (tmp_path / "pkg" / name).write_text(text)
    found = {f"pkg.{n}" if n != "__init__" else "pkg": str(tmp_path / "pkg" / f"{n}.py") for n in "abcd"}
    found["pkg"] = str(tmp_path / "pkg" / "__init__.py")
    graph = import_graph(found)
    assert graph["pkg.d"] == {"pkg.a": 1}
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c", "pkg.a"]]
    assert _shown(graph, cycles(graph)[0]) == "pkg.a (line 1) → pkg.b (line 2) → pkg.c (line 1) → pkg.a"


def test_no_pyside6_umbrella_import():
    for dirpath, _dirs, files in os.walk(ROOT):
        if ".venv" in dirpath or "build" in dirpath:
            continue
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(dirpath, name)
                tree = ast.parse(open(path, encoding="utf-8").read())
                for node in ast.walk(tree):
                    if isinstance(node, ast.Import):
                        assert all(a.name != "PySide6" for a in node.names), f"{path}:{node.lineno}"
                    if isinstance(node, ast.ImportFrom) and node.module == "PySide6":
                        pytest.fail(f"{path}:{node.lineno} imports from the PySide6 umbrella")


def test_the_bottom_package_imports_nothing_else_of_the_project():
    """forms/base/ (words, errors, atomic writes, paths, the terminal, the app's identity) is what
    every other module may use, so it uses nothing of theirs: not even the proposal."""
    graph = import_graph(modules())
    upward = [f"{mod} (line {line}) imports {target}" for mod, targets in graph.items()
              if mod.startswith("forms.base") for target, line in targets.items() if not target.startswith("forms.base")]
    assert not upward, "\n".join(upward)


def test_no_source_module_is_over_500_lines():
    """A module that passes 500 lines holds two ideas or more; each is a room of its own."""
    long = [f"{os.path.relpath(path, ROOT)} ({n} lines)" for path in modules().values()
            if (n := sum(1 for _line in open(path, encoding="utf-8"))) > 500]
    assert not long, "split by idea:\n" + "\n".join(long)
