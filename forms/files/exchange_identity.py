"""Who a proposal is: its fingerprint (SHA-256 of the canonical exchange JSON) and its id, as a
file writes it or, for a file that gives none, as its content determines it."""

from __future__ import annotations

import hashlib
import json
import re
import uuid

from forms.files.exchange_write import to_dict
from forms.model import Proposal


def _canonical(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def canonical_json(p: Proposal) -> bytes:
    """Sorted keys, no spaces, UTF-8: the bytes the fingerprint is taken of."""
    return _canonical(to_dict(p))


def fingerprint(p: Proposal) -> str:
    """SHA-256 of the canonical exchange JSON, in hex."""
    return hashlib.sha256(canonical_json(p)).hexdigest()


def written_fingerprint(text: str) -> str:
    """The fingerprint of an exchange document as it was written, in its own format version (a
    version-1 document read into today's model gains record ids, and so another fingerprint)."""
    return hashlib.sha256(_canonical(json.loads(text))).hexdigest()


#: The namespace of ids derived from a proposal's content (a file that gives no id).
_CONTENT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:regional-proposal:content")
#: A UUID as people and programs write it: any case, in braces or after ``urn:uuid:``, with the
#: usual hyphens or none.
_UUID_TEXT = re.compile(r"(?i)(?:urn:uuid:)?(\{)?([0-9a-f]{8}(?:-?[0-9a-f]{4}){3}-?[0-9a-f]{12})(?(1)\})")


def normal_id(text: str) -> str | None:
    """The one way a proposal id is written (lower-case hex, hyphens, no braces or ``urn:uuid:``),
    or None when ``text`` is not a UUID in any of its usual spellings."""
    m = _UUID_TEXT.fullmatch(text.strip())
    return str(uuid.UUID(m.group(2).replace("-", ""))) if m else None


def content_id(p: Proposal) -> str:
    """The id of a proposal read from a file that gives none: derived from its content, so the same
    file is always the same proposal (the same PDF, the same record in the database)."""
    without = to_dict(p)
    without["id"] = ""
    raw = json.dumps(without, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return str(uuid.uuid5(_CONTENT_NAMESPACE, raw))
