"""The packet as an archival PDF (PDF/A-2u, ISO 19005-2): ministries archive what they receive.

ReportLab's output already meets most of the standard — every font embedded as a TrueType subset
with a Unicode map, internal links and bookmarks by destination, no script — and is finished here
with pypdf: the document information repeated as XMP metadata declaring the conformance (the same
title, author, dates and producer, so the two never disagree), an sRGB output intent with the
profile shipped in ``resources/icc``, and the file syntax the standard asks for (a binary comment
after the header, an end-of-line before every ``endstream``, a file identifier, no encryption).
Nothing here reads the clock: the same packet gives the same bytes.

What an attached scan brings cannot always be made archival without redrawing it: a scan whose
fonts are not in the file leaves the packet readable but not PDF/A, and :func:`scan_shortfalls`
says so, naming the scan and the font (the export warns; the packet is still written).
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from forms.base.i18n import N_, translate
from forms.base.paths import resource_path

#: The profile of the output intent: sRGB, ICC version 2 (resources/icc/LICENSE).
ICC_PROFILE = resource_path("icc", "sRGB.icc")
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
#: The header: PDF/A-2 is built on PDF 1.7 (ISO 32000-1).
HEADER = b"%PDF-1.7"
#: Room left in the XMP packet for a later editor to add to it in place, as the XMP packet format suggests.
_PADDING = 2000
#: Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?")


@dataclass
class Shortfall:
    """Why the packet is not PDF/A, in words of the user's language (``text``)."""

    message: str
    fields: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return translate(self.message, lang, **self.fields)


def writer(pdf: bytes):  # noqa: ANN201 - a pypdf writer, pypdf loaded only for a packet
    """A pypdf writer holding ReportLab's ``pdf`` unchanged, to draw scans into and to :func:`finish`."""
    from pypdf import PdfReader, PdfWriter

    return PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))


def xmp_date(value: str) -> str:
    """A PDF date (``D:20230302000000+00'00'``) as XMP writes it (``2023-03-02T00:00:00+00:00``)."""
    m = _PDF_DATE.match(value)
    if m is None:
        raise ValueError(f"not a PDF date: {value!r}")
    year, month, day, hour, minute, second, zulu, sign, tz_hour, tz_minute = m.groups()
    text = f"{year}-{month or '01'}-{day or '01'}T{hour or '00'}:{minute or '00'}:{second or '00'}"
    if zulu:
        return text + "Z"
    if sign:
        return f"{text}{sign}{tz_hour}:{tz_minute or '00'}"
    return text


def _x(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def xmp(info: dict[str, str]) -> bytes:
    """The XMP metadata of a document whose information dictionary is ``info`` (``/Title`` …):
    PDF/A-2u, and each entry of ``info`` under its XMP name with the same value."""
    props = ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>U</pdfaid:conformance>",
             "<dc:format>application/pdf</dc:format>"]
    if info.get("/Title"):
        props.append(f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_x(info["/Title"])}</rdf:li></rdf:Alt></dc:title>')
    if info.get("/Author"):
        props.append(f"<dc:creator><rdf:Seq><rdf:li>{_x(info['/Author'])}</rdf:li></rdf:Seq></dc:creator>")
    if info.get("/Subject"):
        props.append(f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_x(info["/Subject"])}</rdf:li></rdf:Alt>'
                     "</dc:description>")
    if info.get("/Keywords"):
        props.append(f"<pdf:Keywords>{_x(info['/Keywords'])}</pdf:Keywords>")
    if info.get("/Producer"):
        props.append(f"<pdf:Producer>{_x(info['/Producer'])}</pdf:Producer>")
    if info.get("/Trapped") in ("/True", "/False"):
        props.append(f"<pdf:Trapped>{info['/Trapped'][1:]}</pdf:Trapped>")
    if info.get("/Creator"):
        props.append(f"<xmp:CreatorTool>{_x(info['/Creator'])}</xmp:CreatorTool>")
    if info.get("/CreationDate"):
        props.append(f"<xmp:CreateDate>{xmp_date(info['/CreationDate'])}</xmp:CreateDate>")
    if info.get("/ModDate"):
        modified = xmp_date(info["/ModDate"])
        props.append(f"<xmp:ModifyDate>{modified}</xmp:ModifyDate><xmp:MetadataDate>{modified}</xmp:MetadataDate>")
    body = "\n".join("   " + p for p in props)
    text = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
        f"{body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        + (" " * 99 + "\n") * (_PADDING // 100)
        + '<?xpacket end="w"?>'
    )
    return text.encode("utf-8")


def _output_intent(w):  # noqa: ANN001, ANN202 - a pypdf writer and reference
    from pypdf.generic import (
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    with open(ICC_PROFILE, "rb") as f:
        icc = DecodedStreamObject()
        icc.set_data(f.read())
    icc[NameObject("/N")] = NumberObject(3)
    profile = w._add_object(icc.flate_encode())  # pypdf's way to add an object
    condition = TextStringObject(OUTPUT_CONDITION)
    return w._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"), NameObject("/S"): NameObject("/GTS_PDFA1"),
        NameObject("/OutputConditionIdentifier"): condition, NameObject("/Info"): condition,
        NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
        NameObject("/DestOutputProfile"): profile,
    }))


def finish(w) -> bytes:  # noqa: ANN001 - a pypdf writer from :func:`writer`
    """The PDF/A-2u file of the packet held by ``w``: XMP metadata made from its document
    information, the sRGB output intent, and pypdf's file syntax (binary comment, an end-of-line
    before every ``endstream``, the identifier ReportLab derived from the content)."""
    from pypdf.generic import ArrayObject, ByteStringObject, DecodedStreamObject, NameObject

    info = w._info.get_object() if w._info is not None else None  # pypdf's document information
    values: dict[str, str] = {}
    if info is not None:
        for key in list(info.keys()):
            value = str(info[key])
            if not value:  # an empty entry (no lead region: no author) is left out of both
                del info[key]
            else:
                values[str(key)] = value
    metadata = DecodedStreamObject()
    metadata.set_data(xmp(values))
    metadata[NameObject("/Type")] = NameObject("/Metadata")
    metadata[NameObject("/Subtype")] = NameObject("/XML")
    root = w._root_object
    root[NameObject("/Metadata")] = w._add_object(metadata)  # not compressed: an archive reads it as text
    root[NameObject("/OutputIntents")] = ArrayObject([_output_intent(w)])
    w.pdf_header = HEADER
    if w._ID is None:  # ReportLab always gives one (from the content); a file without it is not PDF/A
        digest = hashlib.md5(repr(sorted(values.items())).encode(), usedforsecurity=False).digest()
        w._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


# -- what a scan brings ------------------------------------------------------------------------

def _fonts(resources, seen: set[int], found: dict[str, object]) -> None:  # noqa: ANN001 - pypdf objects
    """Every font of ``resources`` and of the forms it draws, by name (each object visited once)."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if id(font) not in seen:
            seen.add(id(font))
            found.setdefault(str(font.get("/BaseFont", "-")).lstrip("/"), font)
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if id(xobject) in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(id(xobject))
        _fonts(xobject.get("/Resources"), seen, found)


def _embedded(font) -> bool:  # noqa: ANN001 - a pypdf font dictionary
    """True when the font's program is in the file (a Type 3 font's glyphs always are)."""
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not descendants:
            return False
        font = descendants.get_object()[0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _unicode(font) -> bool:  # noqa: ANN001 - a pypdf font dictionary
    """True when the font's text maps to Unicode: a ToUnicode map, or a simple font in a standard encoding."""
    if "/ToUnicode" in font:
        return True
    if font.get("/Subtype") in ("/Type0", "/Type3"):
        return False
    encoding = font.get("/Encoding")
    encoding = encoding.get_object() if encoding is not None else None
    if isinstance(encoding, dict):
        encoding = encoding.get("/BaseEncoding")
    return encoding in ("/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding")


def scan_shortfalls(name: str, forms: list) -> list[Shortfall]:
    """Why the pages of the scan ``name``, drawn as ``forms``, keep the packet from PDF/A: each font
    whose program the scan does not carry, or whose text has no Unicode meaning."""
    found: dict[str, object] = {}
    seen: set[int] = set()
    for form in forms:
        _fonts(form.get_object().get("/Resources"), seen, found)
    out: list[Shortfall] = []
    missing = sorted(font for font, d in found.items() if not _embedded(d))
    if missing:
        out.append(Shortfall(N_("the attached document {file} uses fonts it does not contain ({fonts}), which an "
                                "archival PDF must carry. Attach a copy saved as PDF/A, or as a scanned image"),
                             {"file": name, "fonts": ", ".join(missing)}))
    no_text = sorted(font for font, d in found.items() if _embedded(d) and not _unicode(d))
    if no_text:
        out.append(Shortfall(N_("the attached document {file} uses fonts whose text has no Unicode meaning ({fonts}), "
                                "which an archival PDF must give. Attach a copy saved as PDF/A, or as a scanned image"),
                             {"file": name, "fonts": ", ".join(no_text)}))
    return out


__all__ = ["Shortfall", "finish", "scan_shortfalls", "writer", "xmp"]
