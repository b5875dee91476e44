"""The bench's LibreOffice peers (bench/peers.py) without LibreOffice: the UNO driver's output read
back, every "not measured" path, and every LibreOffice started by the bench ended. Stand-in
executables (shell scripts) play soffice and the system's Python."""

import ast
import os
import stat
import sys
import time

import pytest

BENCH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench")
sys.path.insert(0, BENCH)

import fodt  # noqa: E402
import peers  # noqa: E402


def script(path, body):
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def gone(pid, within=5.0):
    """Whether process ``pid`` has ended (an ended one its parent has not reaped yet counts)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as fp:
                if fp.read().rsplit(")", 1)[1].split()[0] in "ZX":
                    return True
        except (FileNotFoundError, ProcessLookupError):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "packet.fodt"
    path.write_text("<office:document/>")
    return str(path)


@pytest.fixture
def lingering_soffice(tmp_path):
    """A soffice that starts a child of its own and keeps running until it is killed."""
    return script(tmp_path / "soffice", f'sleep 300 &\necho $! > {tmp_path}/child\necho $$ > {tmp_path}/pid\nwait\n')


def test_driver_output_read():
    out = 'javaldx: warning\n{"times": [1.25, 1.5, 2], "warmup": [3.0]}\n'
    assert peers.parse_driver(out, 0) == [1.25, 1.5, 2.0]


@pytest.mark.parametrize("out, code, says", [
    ('{"error": "NoConnectException: Connector : couldn\'t connect"}', 1, "NoConnectException"),
    ("", 1, "printed no result (exit 1)"),
    ("{not json", 0, "printed no result"),
    ('{"times": []}', 0, "not a list of times"),
    ('{"times": [1.0, -2.0]}', 0, "not a list of times"),
    ('{"times": [true]}', 0, "not a list of times"),
    ('{"times": "1.0"}', 0, "not a list of times"),
    ('{"times": [1.0]}', 3, "not a list of times (exit 3)"),
])
def test_driver_output_refused(out, code, says):
    reason = peers.parse_driver(out, code)
    assert isinstance(reason, str)
    assert reason.startswith("not measured: ") and says in reason


def test_no_soffice(tmp_path, source):
    missing = str(tmp_path / "no-such-soffice")
    assert peers.warm(source, str(tmp_path), 2, soffice=missing) == "not measured: soffice not found"
    assert peers.cold(source, str(tmp_path), 2, soffice=missing) == "not measured: soffice not found"


def test_no_system_python(tmp_path, source):
    soffice = script(tmp_path / "soffice", "exit 0\n")
    reason = peers.warm(source, str(tmp_path), 2, soffice=soffice, python=str(tmp_path / "no-such-python"))
    assert reason.startswith("not measured: ") and "not found" in reason


def test_no_python_uno(tmp_path, source):
    soffice = script(tmp_path / "soffice", "exit 0\n")
    python = script(tmp_path / "python3", 'echo "ModuleNotFoundError: No module named \'uno\'" >&2\nexit 1\n')
    assert peers.warm(source, str(tmp_path), 2, soffice=soffice, python=python) == \
        f"not measured: python3-uno is not installed for {python}"


def test_warm_measured_and_soffice_ended(tmp_path, source, lingering_soffice):
    # The driver is given the connection string with a port nothing listened on before.
    python = script(tmp_path / "python3", f'[ "$1" = -c ] && exit 0\necho "$2" > {tmp_path}/connect\n'
                                          'echo \'{"times": [0.5, 0.25], "warmup": [2.0]}\'\n')
    got = peers.warm(source, str(tmp_path), 2, soffice=lingering_soffice, python=python)
    assert got == peers.Measured([0.5, 0.25], 0)
    assert (tmp_path / "connect").read_text().startswith("socket,host=127.0.0.1,port=")
    assert gone(int((tmp_path / "pid").read_text())) and gone(int((tmp_path / "child").read_text()))


def test_warm_driver_fails_soffice_ended(tmp_path, source, lingering_soffice):
    python = script(tmp_path / "python3", '[ "$1" = -c ] && exit 0\necho \'{"error": "NoConnectException: x"}\'\n'
                                          "exit 1\n")
    got = peers.warm(source, str(tmp_path), 2, soffice=lingering_soffice, python=python)
    assert got == "not measured: NoConnectException: x"
    assert gone(int((tmp_path / "pid").read_text())) and gone(int((tmp_path / "child").read_text()))


def test_warm_driver_hangs(tmp_path, source, lingering_soffice):
    python = script(tmp_path / "python3", '[ "$1" = -c ] && exit 0\nexec sleep 300\n')
    got = peers.warm(source, str(tmp_path), 2, soffice=lingering_soffice, python=python, timeout=1)
    assert got == "not measured: LibreOffice took over 1 s"
    assert gone(int((tmp_path / "pid").read_text())) and gone(int((tmp_path / "child").read_text()))


def test_cold_measured(tmp_path, source):
    # --outdir DIR SOURCE are the last arguments: write a two-page "PDF" there, as soffice would
    soffice = script(tmp_path / "soffice", 'for a; do prev2=$prev; prev=$a; done\n'
                                           'printf "/Type /Page\\n/Type /Pages\\n/Type /Page\\n" > "$prev2/packet.pdf"\n')
    got = peers.cold(source, str(tmp_path), 3, soffice=soffice)
    assert isinstance(got, peers.Measured)
    assert len(got.times) == 3 and got.pages == 2


def test_cold_fails(tmp_path, source):
    soffice = script(tmp_path / "soffice", "exit 81\n")
    assert peers.cold(source, str(tmp_path), 2, soffice=soffice) == "not measured: soffice failed (exit 81)"


def test_cold_hangs_and_is_ended(tmp_path, source, lingering_soffice):
    got = peers.cold(source, str(tmp_path), 2, soffice=lingering_soffice, timeout=1)
    assert got == "not measured: soffice took over 1 s"
    assert gone(int((tmp_path / "pid").read_text())) and gone(int((tmp_path / "child").read_text()))


def test_rows_say_aim_and_reason():
    warm = peers.Measured([2.0, 1.0, 4.0], 43)
    asked = []

    def layout():
        asked.append(1)
        return sum(range(1000))

    met = peers.warm_rows(0.3, warm, 3, layout)
    assert met[-1][1] == "0.30x" and met[-1][2] == "aim <= 0.4x: met" and not asked
    assert met[0][1] == "2.000 s" and "43 pages" in met[0][2]
    missed = peers.warm_rows(0.6, warm, 3, layout)[-1]
    assert missed[1] == "0.60x" and missed[2].startswith("aim <= 0.4x: not met: the layout's own time (cProfile): ")
    assert asked
    absent = peers.warm_rows(0.6, "not measured: soffice not found", 3, layout)
    assert [r[1:] for r in absent] == [("-", "not measured: soffice not found")] * 2
    assert peers.cold_rows(1.0, "not measured: soffice failed (exit 1)", 5, sys.executable)[-1][2] == \
        "not measured: soffice failed (exit 1)"


def test_driver_imports_nothing_of_the_project():
    tree = ast.parse(open(os.path.join(BENCH, "lo_driver.py"), encoding="utf-8").read())
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert names == {"json", "sys", "time", "uno", "com"}


def test_fodt_writes_the_sample_packet(tmp_path):
    """The peers' file: the sample packet's description written whole (its attachments list too)."""
    from forms.money import EntryUnit
    from forms.rules import validate
    from forms.sample import SAMPLES
    from reports.packet import describe, packet

    sample = SAMPLES["super_regional"]()
    path = tmp_path / "packet.fodt"
    fodt.write(describe(packet(sample, validate(sample), "ko", False, EntryUnit.THOUSAND)), str(path))
    text = path.read_text(encoding="utf-8")
    assert text.rstrip().endswith("</office:document>")
    import xml.dom.minidom

    xml.dom.minidom.parseString(text.encode())  # well-formed
    assert "fo:margin-left=" in text and "_i0" in text  # an attachment line indented beyond its role
