"""The exchange file in one name: reading (``exchange_read``), writing (``exchange_write``), its
identity (``exchange_identity``) and its limits (``exchange_values``), for code that only reads or
writes a proposal file (``exchange.read_file``, ``exchange.write_file``, ``exchange.fingerprint``)."""

from forms.attached import MAX_COUNT, REPAIR_MAX_BYTES
from forms.base.app import MAX_FILE_BYTES
from forms.files.exchange_identity import (
    canonical_json,
    content_id,
    fingerprint,
    normal_id,
    written_fingerprint,
)
from forms.files.exchange_read import from_dict, loads, loads_bytes, read_file
from forms.files.exchange_values import LIST_LIMITS, MAX_TEXT
from forms.files.exchange_write import dumps, to_dict, write_file

__all__ = [
    "LIST_LIMITS", "MAX_COUNT", "MAX_FILE_BYTES", "MAX_TEXT", "REPAIR_MAX_BYTES", "canonical_json", "content_id", "dumps", "fingerprint",
    "from_dict", "loads", "loads_bytes", "normal_id", "read_file", "to_dict", "write_file", "written_fingerprint",
]
