"""Call profiles: one TOML file per call under ``resources/calls/``, read with ``tomllib``.

A profile holds every value a call's rules use, and where each value came from. A wrong key or
type is reported with the file, the key and what was expected.

- ``forms.profile.types``: what a profile holds (:class:`CallProfile` and its parts), plain data;
- ``forms.profile.reader``: the TOML file read and checked into a :class:`CallProfile`;
- here: the shipped profiles, found by their id (:func:`load_profile`, cached).

Import from ``forms.profile``: every name the app uses is here.
"""

from __future__ import annotations

import os

from forms.base.i18n import N_
from forms.base.paths import resource_path
from forms.profile.reader import ProfileError, load_profile_file, parse_profile
from forms.profile.types import (
    COMMITMENT_FIELDS,
    COMMITMENTS,
    DEFAULT_SCAN_LIMIT,
    INFERRED,
    Amount,
    CallProfile,
    Chapter,
    Commitment,
    Form,
    FormItem,
    FormSection,
    Participation,
    Percent,
    Period,
    SectionRule,
    ShareRule,
    Size,
    Sourced,
    TypeRule,
    printed_tables,
)

__all__ = [
    "COMMITMENTS", "COMMITMENT_FIELDS", "DEFAULT_SCAN_LIMIT", "INFERRED", "Amount", "CallProfile",
    "Chapter", "Commitment", "Form", "FormItem", "FormSection", "Participation", "Percent", "Period", "ProfileError",
    "SectionRule", "ShareRule", "Size", "Sourced", "TypeRule", "calls_dir", "load_profile", "load_profile_file",
    "parse_profile", "printed_tables", "profile_ids",
]


def calls_dir() -> str:
    return resource_path("calls")


def profile_ids() -> list[str]:
    """The ids of every shipped profile (file names without ``.toml``), sorted."""
    return sorted(f[:-5] for f in os.listdir(calls_dir()) if f.endswith(".toml"))


_cache: dict[str, CallProfile] = {}


def load_profile(call_id: str) -> CallProfile:
    """The shipped profile ``call_id`` (cached). Raises :class:`ProfileError` if there is none."""
    if call_id in _cache:
        return _cache[call_id]
    if call_id not in profile_ids():
        raise ProfileError(N_("There is no call profile '{call}'. Known calls: {known}."),
                           call=call_id, known=", ".join(profile_ids()))
    profile = load_profile_file(os.path.join(calls_dir(), call_id + ".toml"))
    if profile.id != call_id:
        raise ProfileError(N_("Call profile {file} declares id '{id}'. It must match the file name."),
                           file=os.path.basename(profile.path), id=profile.id)
    _cache[call_id] = profile
    return profile
