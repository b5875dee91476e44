"""The layering of design.md, checked on the source: each folder imports only what it may."""

import ast
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORBIDDEN = {
    # forms/ uses no file-format library beyond the standard library
    "forms": {"PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab", "openpyxl", "hwpx", "lxml", "ui", "storage",
              "reports"},
    "storage": {"PySide6", "shiboken6", "reportlab", "ui", "reports"},
    "reports": {"PySide6", "shiboken6", "sqlalchemy", "alembic", "ui", "storage"},
    "ui": {"sqlalchemy", "alembic", "reportlab"},
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
