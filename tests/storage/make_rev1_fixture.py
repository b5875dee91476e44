"""Make ``fixtures/rev1.db``: a database at the first schema revision (0001_initial), holding the
two sample proposals and one snapshot, as version 0.1 of the app wrote it. Kept so the upgrade
test runs on a real old file. Run from the repository root:

    .venv/bin/python tests/storage/make_rev1_fixture.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from sqlalchemy import column, insert, table  # noqa: E402

from forms.files import exchange  # noqa: E402
from forms.sample import SAMPLES  # noqa: E402
from storage import migrations  # noqa: E402
from storage.schema import make_engine  # noqa: E402

#: What format 1 of the exchange file held; later keys are left out, so the bodies are as 0.1 wrote them.
V1_KEYS = ("format", "format_version", "id", "call", "type", "date", "title", "lead_region", "partner_regions",
           "organisations", "plan", "roadmap", "budget")
V1_ORG_KEYS = ("id", "name", "kind", "region", "role")
V1_SECTIONS = ("summary", "objectives", "strategic_industry", "stage_plan", "roadmap", "linkage", "pre_analysis",
               "expected_effects")


def _v1(p) -> dict:
    doc = {k: v for k, v in exchange.to_dict(p).items() if k in V1_KEYS}
    doc["organisations"] = [{k: o[k] for k in V1_ORG_KEYS} for o in doc["organisations"]]
    doc["plan"] = {k: doc["plan"].get(k, {"ko": "", "en": ""}) for k in V1_SECTIONS}
    doc["format_version"] = 1
    # Budget lines and roadmap stages had no id (nor justification rows).
    doc["roadmap"] = [{k: v for k, v in s.items() if k != "id"} for s in doc["roadmap"]]
    doc["budget"] = {**doc["budget"], "lines": [{k: v for k, v in line.items() if k not in ("id", "items")}
                                                for line in doc["budget"]["lines"]]}
    return doc


def _body(p) -> str:
    return json.dumps(_v1(p), ensure_ascii=False, indent=2) + "\n"


def _fingerprint(p) -> str:
    canonical = json.dumps(_v1(p), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "rev1.db")
WHEN = dt.datetime(2026, 11, 2, 9, 30, 0)


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
                conn.execute(insert(copies).values(proposal_pk=pk, body=_body(p),
                                                   fingerprint=_fingerprint(p), saved_at=WHEN))
            first = SAMPLES["super_regional"]()
            first.title.en = "Draft title"
            conn.execute(insert(snaps).values(proposal_pk=1, name="first draft", created_at=WHEN, version=2,
                                              body=_body(first), fingerprint=_fingerprint(first)))
    engine.dispose()
    return path


if __name__ == "__main__":
    print(make())
