"""`make bench`: run every bench/bench_*.py module and print one table.

Each module has ``run() -> list[tuple[str, str, str]]``: (what was measured, the figure, the
budget it is held to). Figures are measured here, never asserted in tests.
"""

from __future__ import annotations

import importlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)


def compile_sources() -> None:
    """Measure the app as it ships: the bundle carries compiled bytecode, so compile ours first
    (an environment with PYTHONDONTWRITEBYTECODE would otherwise recompile every module on
    every start, and the figures would measure the compiler)."""
    import compileall

    root = os.path.dirname(HERE)
    for name in ("forms", "storage", "reports", "ui", "cli"):
        compileall.compile_dir(os.path.join(root, name), quiet=1)
    compileall.compile_file(os.path.join(root, "main.py"), quiet=1)


def main() -> int:
    compile_sources()
    rows: list[tuple[str, str, str]] = []
    names = sorted(f[:-3] for f in os.listdir(HERE) if f.startswith("bench_") and f.endswith(".py"))
    only = sys.argv[1:]
    for name in names:
        if only and not any(o in name for o in only):
            continue
        module = importlib.import_module(name)
        print(f"… {name}", file=sys.stderr, flush=True)
        rows.extend(module.run())
    width = max((len(r[0]) for r in rows), default=10)
    print(f"{'measure':<{width}}  {'figure':>16}  budget")
    print("-" * (width + 32))
    for what, figure, budget in rows:
        print(f"{what:<{width}}  {figure:>16}  {budget}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
