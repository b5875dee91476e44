"""Hostile scans are bounded: a small file that unpacks to gigabytes, or a picture of a hundred
million pixels, is refused in words or placed scaled down — attach and export each stay under a
memory limit (a subprocess under ``RLIMIT_AS``, so a regression fails with MemoryError), never
exit 70, and print no library's warning."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from forms.files import exchange
from forms.model import ScanAttachment
from forms.sample import SAMPLES
from tests import scanfiles

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
#: The address space a command may take: the app's bound is 1 GB of memory; the rest is room for
#: the libraries mapped in (code, not data).
LIMIT = 1536 * 1024 * 1024

_UNDER_LIMIT = f"""
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, ({LIMIT}, {LIMIT}))
sys.argv = ["main.py"] + sys.argv[1:]
runpy.run_path({os.path.join(ROOT, "main.py")!r}, run_name="__main__")
"""


def limited(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", LANG="C.UTF-8")
    return subprocess.run([sys.executable, "-c", _UNDER_LIMIT, *args, "--lang", "en"], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def proposal(tmp_path_factory):
    path = tmp_path_factory.mktemp("bounds") / "p.json"
    exchange.write_file(SAMPLES["leap"](), str(path))
    return path


def _attach(proposal, tmp_path, name: str, data: bytes):
    scan = tmp_path / name
    scan.write_bytes(data)
    out = tmp_path / "with.json"
    return limited("attach", str(proposal), str(scan), "--slot", "other", "--out", str(out)), out


@pytest.mark.parametrize(("name", "make", "words"), [
    ("pages.pdf", scanfiles.content_bomb_pdf, "a page's content unpacks to more than 8 MB"),
    ("shared.pdf", lambda: scanfiles.content_bomb_pdf(20, 7_000_000, shared=True),
     "its pages' contents unpack to more than 64 MB in all"),
    ("picture.pdf", scanfiles.picture_bomb_pdf, "a picture, font or drawing in it unpacks to more than 1 MB"),
])
def test_a_small_pdf_that_unpacks_to_gigabytes_is_refused_at_attach(proposal, tmp_path, name, make, words):
    done, out = _attach(proposal, tmp_path, name, make())
    assert done.returncode == 2, done.stderr
    assert f"{name} cannot be placed in the packet: {words}. It was not attached." in done.stderr
    assert not out.exists()


def test_a_page_of_millions_of_operators_attaches_and_exports(proposal, tmp_path):
    done, attached = _attach(proposal, tmp_path, "operators.pdf", scanfiles.many_operators_pdf())
    assert done.returncode == 0, done.stderr
    packet = tmp_path / "p.pdf"
    done = limited("export", str(attached), "--out", str(packet), "--draft")
    assert done.returncode == 0, done.stderr
    assert packet.exists()


def test_a_scan_attached_by_an_older_version_that_cannot_be_placed_is_named_at_export(tmp_path):
    p = SAMPLES["leap"]()
    p.attachments.append(ScanAttachment(id="5e1f0a22-bomb", slot="other", name="pages.pdf",
                                        media_type="application/pdf", data=scanfiles.content_bomb_pdf()))
    source = tmp_path / "old.json"
    exchange.write_file(p, str(source))
    packet = tmp_path / "p.pdf"
    done = limited("export", str(source), "--out", str(packet), "--draft")
    assert done.returncode == 2, done.stderr
    assert ("The attached document pages.pdf (id 5e1f0a22-bomb) cannot be placed in the packet: a page's content "
            "unpacks to more than 8 MB.") in done.stderr
    assert "Traceback" not in done.stderr and not packet.exists()


def test_a_picture_of_120_million_pixels_is_placed_scaled_down_without_a_warning(proposal, tmp_path):
    done, attached = _attach(proposal, tmp_path, "huge.png", scanfiles.big_png())
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr
    packet = tmp_path / "p.pdf"
    done = limited("export", str(attached), "--out", str(packet), "--draft")
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr and "DecompressionBomb" not in done.stderr
    from tests.reports.pdfcheck import reader

    sizes = [(int(x["/Width"]), int(x["/Height"])) for page in reader(packet.read_bytes()).pages
             for x in (o.get_object() for o in page.get("/Resources", {}).get("/XObject", {}).values())
             if x.get("/Subtype") == "/Image"]
    assert sizes and max(w * h for w, h in sizes) <= 2100 * 3000  # printed at 300 dpi in the frame
