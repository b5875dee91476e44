"""The packet's empty signature fields: one per signing region, laid over that region's seal box
(the local-funds commitment's 직인), named by the region's code (``KR-47``).

Each region's head signs the same PDF digitally in their own field, in turn (``main.py sign``); the
fields are what a PDF reader offers to sign. An empty field keeps the packet archival (PDF/A-2u):
it is printed (flag 4), has an empty appearance of its box's size and no action, and the form sets
no ``NeedAppearances``. Nothing here reads the clock: the same packet gives the same bytes.
"""

from __future__ import annotations

from reports.flowables import SealPlace

#: The annotation flag Print: PDF/A asks every annotation to be printed as it is shown.
PRINT = 4


def add_fields(w, places: list[SealPlace]) -> None:  # noqa: ANN001 - a pypdf writer (pypdf loaded for a packet only)
    """An empty signature field over each of ``places``, in their order, listed in the document's form."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    root = w._root_object
    form = root.get("/AcroForm")
    form = form.get_object() if form is not None else None
    if form is None:
        form = DictionaryObject({NameObject("/Fields"): ArrayObject()})
        root[NameObject("/AcroForm")] = w._add_object(form)
    fields = form[NameObject("/Fields")]
    for place in places:
        page = w.pages[place.page - 1]
        left, bottom, right, top = place.rect
        appearance = DecodedStreamObject()
        appearance.set_data(b"")
        appearance.update({
            NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(round(right - left, 2)),
                                              FloatObject(round(top - bottom, 2))]),
        })
        widget = DictionaryObject({
            NameObject("/FT"): NameObject("/Sig"), NameObject("/T"): TextStringObject(place.name),
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in place.rect]),
            NameObject("/F"): NumberObject(PRINT), NameObject("/P"): page.indirect_reference,
            NameObject("/AP"): DictionaryObject({NameObject("/N"): w._add_object(appearance)}),
        })
        ref = w._add_object(widget)
        annots = page.get("/Annots")
        if annots is None:
            page[NameObject("/Annots")] = ArrayObject([ref])
        else:
            annots.get_object().append(ref)
        fields.append(ref)


__all__ = ["add_fields"]
