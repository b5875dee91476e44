"""The default database place."""

from __future__ import annotations

import os

from storage import paths


def test_default_db_path_is_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = paths.default_db_path()
    assert path == str(tmp_path / "data" / "RegionalProposalStudio" / "proposals.db")
    assert os.path.isdir(os.path.dirname(path)) and not os.path.exists(path)
    assert paths.backup_dir(path) == str(tmp_path / "data" / "RegionalProposalStudio" / "backups")
