"""The window's Export step and ``main.py export`` follow the same rules, from ``reports.export``:
the same formats and suffixes, and the same refusals, in the same words."""

from __future__ import annotations

import argparse

import pytest

from cli.files import export_command
from forms.files.exchange import write_file
from forms.steps import STEPS, Step
from reports import export


def _format_choices() -> list[str]:
    import main

    parser = main.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(next(a for a in sub.choices["export"]._actions if "--format" in a.option_strings).choices)


def test_the_window_offers_the_formats_the_command_line_accepts_with_their_suffixes(sample_window, tmp_path):
    w = sample_window
    w.go(STEPS.index(Step.EXPORT))
    offered = [w.export.format.itemData(i) for i in range(w.export.format.count())]
    assert offered == _format_choices() == list(export.FORMATS)
    w.export.file.setText(str(tmp_path / "packet.pdf"))
    for i, fmt in enumerate(offered):
        w.export.format.setCurrentIndex(i)
        name = w.export.file.text()
        assert name == export.with_suffix(str(tmp_path / "packet.pdf"), fmt) == str(tmp_path / f"packet.{fmt}")
        assert export.format_for(name) == fmt  # the command line, without --format, makes what the window chose


@pytest.mark.parametrize("fmt, name", [("pdf", "l.xlsx"), ("xlsx", "l.hwpx"), ("hwpx", "l.PDF")])
def test_a_format_the_suffix_contradicts_is_refused_by_both_in_the_same_words(sample_window, super_regional,
                                                                              tmp_path, capsys, fmt, name):
    source = tmp_path / "p.json"
    write_file(super_regional, str(source))
    out = tmp_path / name
    assert export_command(str(source), str(out), lang="en", fmt=fmt) == 2
    said = capsys.readouterr().err.strip()
    assert "does not fit the file name" in said and not out.exists()

    w = sample_window
    w.go(STEPS.index(Step.EXPORT))
    w.export.format.setCurrentIndex(w.export.format.findData(fmt))
    w.export.draft.setChecked(True)
    w.export.file.setText(str(out))  # typed after choosing the format: nothing corrects it
    assert not w.export.export()
    assert w.export.failure.text() == said and not out.exists()


def test_the_shared_checks_refuse_a_unit_for_the_workbook_and_the_proposal_s_own_file(tmp_path):
    source = tmp_path / "p.json"
    source.write_text("{}")
    assert export.check_export(str(tmp_path / "b.xlsx")) == "xlsx"
    assert export.check_export(str(tmp_path / "b.xlsx"), unit="won") == "xlsx"
    assert export.check_export(str(tmp_path / "b.pdf"), unit="million") == "pdf"
    assert export.check_export(str(tmp_path / "b.bin"), "hwpx") == "hwpx"  # a suffix no format claims
    with pytest.raises(export.InputError, match="holds every amount in won"):
        export.check_export(str(tmp_path / "b.xlsx"), unit="thousand")
    with pytest.raises(export.InputError, match="written over the proposal file"):
        export.check_export(str(tmp_path / "." / "p.json"), "pdf", source=str(source))
