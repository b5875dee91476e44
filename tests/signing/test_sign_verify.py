"""Two regions sign the packet in turn, both signatures stay valid, and verify tells a sound packet from
a changed one, an unknown root or a change the certification forbids; refusals are in words (exit 2)
and write nothing."""

import io
import json
import shutil
import subprocess

import pytest

import main
from forms.sample import SAMPLES
from reports.export import write_packet
from signing.sign import fields


def _sign(files, src, out, who="gb", field="KR-47", *extra):
    return main.main(["sign", str(src), "--field", field, "--out", str(out), "--cert", str(files / who / "signCert.der"),
                      "--key", str(files / who / "signPri.key"), "--password-file", str(files / "password.txt"),
                      "--chain", str(files / "ca.der"), *extra])


def _verify(path, *extra):
    return main.main(["verify", str(path), *extra])


@pytest.fixture(scope="module")
def signed(files, tsa, tmp_path_factory):
    """The packet signed by Gyeongbuk (offline, B-B), then by Daegu with a time-stamp (B-T)."""
    d = tmp_path_factory.mktemp("signed")
    assert _sign(files, files / "packet.pdf", d / "one.pdf") == 0
    assert _sign(files, d / "one.pdf", d / "two.pdf", "dg", "KR-27", "--tsa", tsa.url) == 0
    return d


def test_the_final_packet_offers_a_field_per_region_lead_first_and_a_draft_none(files, tmp_path):
    data = (files / "packet.pdf").read_bytes()
    assert [(f.name, f.signed) for f in fields(data)] == [("KR-47", False), ("KR-27", False)]
    write_packet(SAMPLES["super_regional"](), str(tmp_path / "draft.pdf"), lang="ko", draft=True)
    assert fields((tmp_path / "draft.pdf").read_bytes()) == []


def test_two_regions_sign_in_turn_and_both_stay_valid(signed, files, capsys):
    assert [(f.name, f.signed) for f in fields((signed / "two.pdf").read_bytes())] == [("KR-47", True),
                                                                                        ("KR-27", True)]
    one = (signed / "one.pdf").read_bytes()
    assert (signed / "two.pdf").read_bytes()[:len(one)] == one  # an incremental update: the first signed bytes kept
    capsys.readouterr()
    assert _verify(signed / "two.pdf", "--trust", str(files / "root.pem"), "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    got = [(s["field"], s["signer"], s["level"], s["intact"], s["trusted"], s["covers_document"], s["certifies"])
           for s in doc["signatures"]]
    assert got == [("KR-47", "경상북도지사 홍길동", "B-B", True, True, True, True),
                   ("KR-27", "대구광역시장 김대구", "B-T", True, True, True, False)]
    assert doc["ok"] and doc["unsigned_fields"] == []


def test_verify_in_words_names_the_signer_field_and_level(signed, files, capsys):
    main.main(["verify", str(signed / "one.pdf"), "--trust", str(files / "root.pem"), "--lang", "ko"])
    out = capsys.readouterr().out
    assert "KR-47" in out and "경상북도지사 홍길동" in out and "B-B" in out
    assert "KR-27" in out  # not signed yet


@pytest.mark.skipif(not shutil.which("pdfsig"), reason="poppler's pdfsig is not installed")
def test_poppler_sees_both_signatures(signed):
    out = subprocess.run(["pdfsig", "-nocert", str(signed / "two.pdf")], capture_output=True, text=True).stdout
    assert out.count("Signature Field Name") == 2
    assert "KR-47" in out and "KR-27" in out
    assert out.count("Signature is Valid") == 2
    assert "경상북도지사 홍길동" in out and "대구광역시장 김대구" in out


def test_one_byte_changed_is_found(signed, files, tmp_path, capsys):
    data = bytearray((signed / "two.pdf").read_bytes())
    at = data.index(b"/Title") + 8  # a character of the title, inside what both signed
    data[at] ^= 1
    (tmp_path / "changed.pdf").write_bytes(bytes(data))
    assert _verify(tmp_path / "changed.pdf", "--trust", str(files / "root.pem")) == 1
    assert "changed after signing" in capsys.readouterr().out


def test_an_unknown_root_or_none_is_not_trusted(signed, files, capsys):
    assert _verify(signed / "two.pdf", "--trust", str(files / "stranger.pem")) == 1
    assert "trusted root" in capsys.readouterr().out
    assert _verify(signed / "two.pdf") == 1
    assert "No trust anchors given" in capsys.readouterr().err


def test_a_change_the_certification_forbids_fails_every_signature(signed, files, tmp_path, capsys):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO((signed / "one.pdf").read_bytes()))
    page = w.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)  # the text's page turned: not form filling
    w.update_container(page)
    out = io.BytesIO()
    w.write(out)
    (tmp_path / "turned.pdf").write_bytes(out.getvalue())
    assert _verify(tmp_path / "turned.pdf", "--trust", str(files / "root.pem")) == 1
    assert "does not allow" in capsys.readouterr().out


def test_a_wrong_password_is_refused_and_nothing_written(files, tmp_path, capsys):
    (tmp_path / "wrong.txt").write_text("not it\n")
    code = main.main(["sign", str(files / "packet.pdf"), "--field", "KR-47", "--out", str(tmp_path / "s.pdf"),
                      "--cert", str(files / "gb" / "signCert.der"), "--key", str(files / "gb" / "signPri.key"),
                      "--password-file", str(tmp_path / "wrong.txt"), "--lang", "en"])
    assert code == 2 and not (tmp_path / "s.pdf").exists()
    assert "password does not open" in capsys.readouterr().err


def test_refusals_in_words(signed, files, tmp_path, capsys):
    out = tmp_path / "s.pdf"
    assert _sign(files, files / "packet.pdf", out, field="KR-11") == 2
    assert "KR-11" in capsys.readouterr().err
    assert _sign(files, signed / "one.pdf", out, field="KR-47") == 2
    assert "already signed" in capsys.readouterr().err
    assert _sign(files, files / "packet.pdf", out, "dg", "KR-27") == 2
    assert "signs first" in capsys.readouterr().err
    write_packet(SAMPLES["super_regional"](), str(tmp_path / "draft.pdf"), lang="en", draft=True)
    assert _sign(files, tmp_path / "draft.pdf", out) == 2
    assert "no signature fields" in capsys.readouterr().err
    (tmp_path / "notes.pdf").write_text("not a pdf")
    assert _sign(files, tmp_path / "notes.pdf", out) == 2
    assert "not a PDF" in capsys.readouterr().err
    assert _verify(tmp_path / "notes.pdf") == 2
    assert not out.exists()


def test_a_key_file_of_another_certificate_is_refused(files, tmp_path, capsys):
    out = tmp_path / "s.pdf"
    code = main.main(["sign", str(files / "packet.pdf"), "--field", "KR-47", "--out", str(out),
                      "--cert", str(files / "dg" / "signCert.der"), "--key", str(files / "gb" / "signPri.key"),
                      "--password-file", str(files / "password.txt")])
    assert code == 2 and not out.exists()
    assert "does not belong" in capsys.readouterr().err


def test_extending_adds_validation_data_and_a_document_time_stamp(signed, files, tsa, tmp_path, capsys):
    out = tmp_path / "lta.pdf"
    assert main.main(["sign", "--extend", str(signed / "two.pdf"), "--out", str(out), "--tsa", tsa.url,
                      "--trust", str(files / "root.pem")]) == 0
    capsys.readouterr()
    assert _verify(out, "--trust", str(files / "root.pem"), "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert [s["level"] for s in doc["signatures"]] == ["B-B", "B-LTA"]
    assert doc["ok"]
