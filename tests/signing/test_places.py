"""The folders where Korean certificates live are offered only when they exist."""

from signing.places import certificate_folders


def test_only_existing_certificate_folders_are_offered(tmp_path):
    home, roaming, drive = tmp_path / "home", tmp_path / "AppData" / "Roaming", tmp_path / "C"
    for d in (home / "Library" / "Preferences" / "NPKI", roaming, tmp_path / "AppData" / "LocalLow" / "NPKI",
              drive / "GPKI"):
        d.mkdir(parents=True)
    assert certificate_folders(str(home), str(roaming), str(drive)) == [
        str(tmp_path / "AppData" / "LocalLow" / "NPKI"), str(drive / "GPKI"),
        str(home / "Library" / "Preferences" / "NPKI")]
    assert certificate_folders(str(tmp_path / "nobody"), "", str(tmp_path / "D")) == []
