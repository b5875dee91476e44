"""The printed packet: whole-process `python main.py export` of the sample, and how the layout
time grows with a proposal ten times larger (organisations, budget lines, section text)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

RUNS = 15
HWPX_RUNS = 5


def scaled(proposal, factor: int):  # noqa: ANN001, ANN201
    """``proposal`` with every organisation, budget line and section text repeated ``factor`` times."""
    from forms.model import BudgetLine, Organisation, Text

    p = proposal.copy()
    base_orgs, base_lines = list(p.organisations), list(p.budget.lines)
    for k in range(1, factor):
        for org in base_orgs:
            p.organisations.append(Organisation(
                f"{org.id}-{k}", Text(f"{org.name.ko} 제{k}분원", f"{org.name.en}, branch {k}"), org.kind, org.region,
                "participant" if org.role == "lead" else org.role))
        for line in base_lines:
            p.budget.lines.append(BudgetLine(line.year, f"{line.org}-{k}", line.category, line.source,
                                             line.amount_krw, line.region))
    for key, text in p.plan.items():
        p.plan[key] = Text("\n".join([text.ko] * factor), "\n".join([text.en] * factor))
    return p


def _process_times(source: str, out: str, fmt: str = "pdf", runs: int = RUNS) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, os.path.join(ROOT, "main.py"), "export", source, "--out", out,
                               "--lang", "ko", "--format", fmt], capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(done.stderr.decode(errors="replace"))
    return times


def _render_time(proposal, draft: bool, runs: int = 3) -> tuple[float, int]:  # noqa: ANN001
    from forms.exchange import canonical_json
    from forms.money import EntryUnit
    from forms.rules import validate
    from reports.packet import render

    report = validate(proposal)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        render(proposal, report, "ko", draft, EntryUnit.THOUSAND)
        best = min(best, time.perf_counter() - start)
    return best, len(canonical_json(proposal))


def run() -> list[tuple[str, str, str]]:
    from forms.exchange import write_file
    from forms.sample import SAMPLES
    from reports import fonts

    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "sample.json")
        write_file(SAMPLES["super_regional"](), source)
        times = _process_times(source, os.path.join(tmp, "sample.pdf"))
        pages = open(os.path.join(tmp, "sample.pdf"), "rb").read().count(b"/Type /Page\n")
        rows.append(("export: whole process, sample (median of 15)", f"{statistics.median(times):.3f} s",
                     "<= 0.6 s on 2 cores"))
        rows.append(("export: whole process, sample (best of 15)", f"{min(times):.3f} s", "-"))
        rows.append(("export: sample packet pages", str(pages) if pages else "-", "-"))
        # The editable HWPX copy of the same packet, the whole process too (python-hwpx builds and
        # checks the document in Python: slower than the PDF, and measured, not bounded).
        hwpx_times = _process_times(source, os.path.join(tmp, "sample.hwpx"), "hwpx", HWPX_RUNS)
        rows.append((f"export --format hwpx: whole process, sample (median of {HWPX_RUNS})",
                     f"{statistics.median(hwpx_times):.3f} s", "-"))

    fonts.register()  # the fixed cost is the same for both sizes; compare the layout alone
    sample = SAMPLES["super_regional"]()
    small_t, small_size = _render_time(sample, draft=True)
    big_t, big_size = _render_time(scaled(sample, 10), draft=True)
    content = big_size / small_size
    ratio = big_t / small_t
    rows.append(("export: layout of the sample, in process", f"{small_t:.3f} s", "-"))
    rows.append(("export: layout of a 10x proposal, in process", f"{big_t:.3f} s", "-"))
    rows.append(("export: 10x proposal, content ratio (JSON size)", f"{content:.1f}x", "-"))
    rows.append(("export: 10x proposal, time ratio", f"{ratio:.1f}x", f"<= content ratio ({content:.1f}x)"))
    return rows


if __name__ == "__main__":
    for row in run():
        print("\t".join(row))
