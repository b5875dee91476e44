"""The documents the official added to the proposal (scanned letters, signed commitments), as the
last attachments of the packet: after the attachments generated from the data."""

from __future__ import annotations

from forms.base.i18n import N_
from forms.model import SLOT_NAMES, ScanSlot
from reports import content
from reports.context import Packet


def attachments(pk: Packet, first: int) -> list[content.Attachment]:
    """Each added document under its heading (what it is), numbered on from ``first``, its pages
    as they were scanned."""
    out = []
    for offset, a in enumerate(pk.proposal.attachments):
        out.append(content.Attachment(
            title=pk.tr(SLOT_NAMES.get(a.slot, SLOT_NAMES[ScanSlot.OTHER])), key=f"scan-{a.id}",
            number=pk.tr(N_("Attachment {number}"), number=first + offset),
            blocks=[content.Scan(a.media_type, a.data, a.name, a.id)],
        ))
    return out
