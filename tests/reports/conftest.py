"""The samples' packets, exported once for the whole run (per test process) and shared by every test
that reads them unchanged."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from forms.sample import SAMPLES


@pytest.fixture(scope="session")
def sample_packet(tmp_path_factory) -> Callable[..., bytes]:
    """``sample_packet(kind, lang, draft=False, unit="thousand", fmt="pdf")``: the bytes of the sample
    ``kind``'s packet as ``export_packet`` writes it, made on first use. The bytes cannot be changed;
    a test that changes the proposal or needs the file's own path exports its own."""
    from reports.export import export_packet

    made: dict[tuple[str, str, bool, str, str], bytes] = {}

    def get(kind: str = "super_regional", lang: str = "ko", draft: bool = False, unit: str = "thousand",
            fmt: str = "pdf") -> bytes:
        key = (kind, lang, draft, unit, fmt)
        if key not in made:
            out = tmp_path_factory.mktemp("sample-packet") / f"{kind}-{lang}.{fmt}"
            export_packet(SAMPLES[kind](), str(out), lang=lang, draft=draft, unit=unit, fmt=fmt)
            made[key] = out.read_bytes()
        return made[key]

    return get
