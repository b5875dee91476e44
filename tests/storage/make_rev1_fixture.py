"""Make ``fixtures/rev1.db``: a database at the first schema revision (0001_initial), holding the
two sample proposals and one snapshot, as version 0.1 of the app wrote it. Kept so the upgrade
test runs on a real old file. Run from the repository root:

    .venv/bin/python tests/storage/make_rev1_fixture.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from sqlalchemy import column, insert, table  # noqa: E402

from forms import exchange  # noqa: E402
from forms.sample import SAMPLES  # noqa: E402
from storage import migrations  # noqa: E402
from storage.schema import make_engine  # noqa: E402

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "rev1.db")
WHEN = dt.datetime(2026, 11, 2, 9, 30, 0)


def _version_1(p) -> tuple[str, str]:
    """The body and fingerprint version 0.1 stored: exchange format 1, no ids on budget lines and
    roadmap stages."""
    doc = exchange.to_dict(p)
    doc["format_version"] = 1
    for record in [*doc["budget"]["lines"], *doc["roadmap"]]:
        del record["id"]
    body = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return body, exchange.written_fingerprint(body)


def make(path: str = FIXTURE) -> str:
    if os.path.exists(path):
        os.unlink(path)
    engine = make_engine(path)  # the tables as revision 0001 made them, spelled out below
    props = table("proposals", column("pk"), column("uuid"), column("version"), column("title_ko"),
                  column("title_en"), column("type"), column("lead_region"), column("created_at"),
                  column("updated_at"))
    copies = table("working_copies", column("proposal_pk"), column("body"), column("fingerprint"),
                   column("saved_at"))
    snaps = table("snapshots", column("proposal_pk"), column("name"), column("created_at"), column("version"),
                  column("body"), column("fingerprint"))
    with engine.connect() as conn:
        conn.execution_options(write=True)
        with conn.begin():
            assert migrations.upgrade(conn, target="0001_initial") == ["0001_initial"]
            for pk, kind in enumerate(("super_regional", "leap"), start=1):
                p = SAMPLES[kind]()
                conn.execute(insert(props).values(pk=pk, uuid=p.id, version=3, title_ko=p.title.ko,
                                                  title_en=p.title.en, type=p.type, lead_region=p.lead_region,
                                                  created_at=WHEN, updated_at=WHEN))
                body, fingerprint = _version_1(p)
                conn.execute(insert(copies).values(proposal_pk=pk, body=body, fingerprint=fingerprint, saved_at=WHEN))
            first = SAMPLES["super_regional"]()
            first.title.en = "Draft title"
            body, fingerprint = _version_1(first)
            conn.execute(insert(snaps).values(proposal_pk=1, name="first draft", created_at=WHEN, version=2,
                                              body=body, fingerprint=fingerprint))
    engine.dispose()
    return path


if __name__ == "__main__":
    print(make())
