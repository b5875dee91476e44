import datetime as dt

from forms import regions


def test_seventeen_governments_until_the_merger():
    assert len(regions.existing_at(dt.date(2023, 4, 11))) == 17
    after = regions.existing_at(dt.date(2026, 7, 1))
    assert len(after) == 16
    assert "KR-29" not in {r.code for r in after} and "KR-46" not in {r.code for r in after}


def test_names_valid_at_a_date():
    gangwon = regions.get("KR-42")
    assert gangwon.name(dt.date(2023, 4, 11), "ko") == "강원도"
    assert gangwon.name(dt.date(2023, 6, 11), "ko") == "강원특별자치도"
    assert gangwon.name(dt.date(2023, 6, 11), "en") == "Gangwon State"
    jeonbuk = regions.get("KR-45")
    assert jeonbuk.name(dt.date(2023, 4, 11), "ko") == "전라북도"
    assert jeonbuk.name(dt.date(2024, 1, 18), "ko") == "전북특별자치도"
    assert jeonbuk.head(dt.date(2023, 4, 11), "ko") == "전라북도지사"


def test_heads_for_seal_boxes():
    day = dt.date(2023, 4, 11)
    assert regions.get("KR-47").head(day, "ko") == "경상북도지사"
    assert regions.get("KR-27").head(day, "ko") == "대구광역시장"
    assert regions.get("KR-27").head(day, "en") == "Mayor of Daegu"


def test_unknown_codes():
    assert not regions.is_known("KR-99") and not regions.is_known(None)
    assert regions.name("KR-99", dt.date(2023, 1, 1), "ko") == "KR-99"
