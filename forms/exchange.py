"""The exchange file's functions under the name they had before they moved to ``forms.files``
(``exchange_write``, ``exchange_read``, ``exchange_identity``, ``exchange_values``), for the
callers that have not moved to those names yet. New code imports from ``forms.files``."""

from forms.app import MAX_FILE_BYTES
from forms.attached import MAX_COUNT, REPAIR_MAX_BYTES
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
