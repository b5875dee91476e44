"""Child process for the two-writer test: load a proposal, change its title, save with VERSION.

    python stale_writer.py DB_PATH PROPOSAL_ID VERSION TITLE

Exit 0 and prints the new version if saved; exit 3 and prints the message (in Korean) on a conflict.
"""

from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from storage.errors import Conflict  # noqa: E402
from storage.opening import open_store  # noqa: E402


def main(db_path: str, proposal_id: str, version: int, title: str) -> int:
    with open_store(db_path) as store:
        p, _current = store.load(proposal_id)
        p.title.en = title
        try:
            print(store.save(p, version), flush=True)
        except Conflict as exc:
            print(exc.text("ko"), flush=True)
            return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]))
