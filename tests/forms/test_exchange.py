import json
import re

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.base import app
from forms.base.errors import InputError
from forms.base.paths import resource_path
from forms.files import exchange_identity, exchange_read, exchange_write

SCHEMA = json.load(open(resource_path("schema", "proposal.schema.json"), encoding="utf-8"))


def test_round_trip_is_lossless(super_regional, leap):
    for p in (super_regional, leap):
        again = exchange_read.loads(exchange_write.dumps(p))
        assert exchange_write.to_dict(again) == exchange_write.to_dict(p)
        assert exchange_identity.fingerprint(again) == exchange_identity.fingerprint(p)


def test_samples_match_the_json_schema(super_regional, leap):
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for p in (super_regional, leap):
        assert [e.message for e in validator.iter_errors(exchange_write.to_dict(p))] == []


def _version_1(p):
    """``p`` as a version-1 file wrote it: budget lines and roadmap stages without ids."""
    doc = exchange_write.to_dict(p)
    doc["format_version"] = 1
    for record in [*doc["budget"]["lines"], *doc["roadmap"]]:
        del record["id"]
    return json.dumps(doc, ensure_ascii=False)


def test_version_1_files_load_with_ids_derived_from_their_place(super_regional, leap):
    for p in (super_regional, leap):
        text = _version_1(p)
        jsonschema.validate(json.loads(text), SCHEMA)
        first, second = exchange_read.loads(text), exchange_read.loads(text)
        line_ids = [line.id for line in first.budget.lines]
        assert line_ids == [line.id for line in second.budget.lines]
        assert [s.id for s in first.roadmap] == [s.id for s in second.roadmap]
        assert len(set(line_ids)) == len(line_ids)
        # The samples' fixed ids are the ones their version-1 file gets, so it reads back equal.
        assert exchange_write.to_dict(first) == exchange_write.to_dict(p)
    # With no proposal id either, the ids still come out the same each time.
    doc = json.loads(_version_1(super_regional))
    del doc["id"]
    first, second = exchange_read.from_dict(json.loads(json.dumps(doc))), exchange_read.from_dict(doc)
    assert exchange_write.to_dict(first) == exchange_write.to_dict(second)
    assert all(line.id for line in first.budget.lines)
    other = exchange_read.loads(_version_1(leap))
    assert not {line.id for line in other.budget.lines} & {line.id for line in super_regional.budget.lines}


def test_written_files_keep_every_record_id(super_regional):
    doc = exchange_write.to_dict(super_regional)
    assert doc["format_version"] == 3
    assert all(record["id"] for record in [*doc["organisations"], *doc["budget"]["lines"], *doc["roadmap"]])
    # A record keeps its id wherever it moves: ids come from the file, not from the place.
    doc["budget"]["lines"].reverse()
    moved = exchange_read.loads(json.dumps(doc, ensure_ascii=False))
    assert [line.id for line in moved.budget.lines] == [line.id for line in reversed(super_regional.budget.lines)]


def test_a_record_id_is_used_once_in_its_list(super_regional):
    doc = exchange_write.to_dict(super_regional)
    doc["budget"]["lines"][5]["id"] = doc["budget"]["lines"][1]["id"]
    with pytest.raises(InputError) as info:
        exchange_read.loads(json.dumps(doc))
    assert info.value.text("en").startswith("budget.lines[5].id: the id '")


def test_new_records_get_fresh_ids():
    from forms.model import BudgetLine, RoadmapStage

    assert BudgetLine(2023, "a", "personnel", "national").id != BudgetLine(2023, "a", "personnel", "national").id
    assert RoadmapStage(1, 2023, 2025).id != RoadmapStage(1, 2023, 2025).id


def test_fingerprint_changes_with_content(super_regional):
    before = exchange_identity.fingerprint(super_regional)
    super_regional.budget.lines[0].amount_krw += 1
    assert exchange_identity.fingerprint(super_regional) != before
    assert len(before) == 64


def test_written_file_reads_back(tmp_path, super_regional):
    path = tmp_path / "p.json"
    exchange_write.write_file(super_regional, str(path))
    assert exchange_write.to_dict(exchange_read.read_file(str(path))) == exchange_write.to_dict(super_regional)
    assert [f.name for f in tmp_path.iterdir()] == ["p.json"]  # no temporary file left


def test_unwritable_target_is_an_input_error(tmp_path, super_regional):
    with pytest.raises(InputError):
        exchange_write.write_file(super_regional, str(tmp_path / "missing" / "p.json"))


def mutate(doc, path, value):
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


DELETE = object()

BAD = [
    (("budget", "lines", 3, "amount_krw"), 1.5, "budget.lines[3].amount_krw: must be a whole number of won, 0 or more"),
    (("budget", "lines", 3, "amount_krw"), 1e3, "budget.lines[3].amount_krw"),
    (("budget", "lines", 3, "amount_krw"), "1000", "budget.lines[3].amount_krw: must be a whole number of won"),
    (("budget", "lines", 3, "amount_krw"), True, "budget.lines[3].amount_krw"),
    (("budget", "lines", 3, "amount_krw"), -1, "budget.lines[3].amount_krw"),
    (("budget", "lines", 3, "amount_krw"), 10**15 + 1, "budget.lines[3].amount_krw: An amount cannot exceed KRW 1,000,000,000,000,000."),
    (("budget", "lines", 0, "category"), "coffee", "budget.lines[0].category: 'coffee' is not a known code"),
    (("budget", "lines", 0, "source"), "gift", "budget.lines[0].source"),
    (("budget", "lines", 0, "year"), "2023", "budget.lines[0].year: must be a whole number"),
    (("budget", "lines", 0, "region"), "KR-99", "budget.lines[0].region: 'KR-99' is not a region code"),
    (("budget", "lines", 0, "org"), 7, "budget.lines[0].org: must be text"),
    (("lead_region",), "Seoul", "lead_region: 'Seoul' is not a region code"),
    (("type",), "mega", "type: 'mega' is not a known code"),
    (("call",), "no-such-call", "call: 'no-such-call' is not a known code"),
    (("organisations", 0, "kind"), "startup", "organisations[0].kind"),
    (("organisations", 1, "id"), "postech", "organisations[1].id: the id 'postech' is used"),
    (("organisations", 0, "name"), "POSTECH", "organisations[0].name: must be an object"),
    (("budget", "lines"), DELETE, "budget.lines: this key is missing"),
    (("organisations",), DELETE, "organisations: this key is missing"),
    (("lines",), [], "lines: unexpected key"),  # wrong nesting: lines at the top
    (("budget", "lines", 0, "extra"), 1, "budget.lines[0].extra: unexpected key"),
    (("format",), "something-else", "format: must be"),
    (("format_version",), 4, "format_version: the file was written by a newer version"),
    (("budget", "lines", 4, "id"), DELETE, "budget.lines[4].id: this key is missing"),
    (("roadmap", 1, "id"), DELETE, "roadmap[1].id: this key is missing"),
    (("budget", "lines", 2, "id"), " ", "budget.lines[2].id: must not be empty"),
    (("budget", "lines", 2, "id"), "x" * 65, "budget.lines[2].id: is longer than 64 characters"),
    (("date",), "2023-02-30", "date: '2023-02-30' does not exist: that month has 28 days"),
    (("date",), "2023-13-01", "date: '2023-13-01' does not exist: a year has no month 13"),
    (("date",), "2023-2-3", "date: must be a date written YYYY-MM-DD"),
    (("id",), "not-a-uuid", "id: must be a UUID"),
    (("budget",), [], "budget: must be an object"),
    (("partner_regions",), "KR-27", "partner_regions: must be a list"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD, ids=[m.split(":")[0] for _p, _v, m in BAD])
def test_bad_files_name_the_field(super_regional, path, value, message):
    doc = mutate(exchange_write.to_dict(super_regional), path, value)
    text = json.dumps(doc, ensure_ascii=False)
    with pytest.raises(InputError) as info:
        exchange_read.loads(text)
    assert message in info.value.text("en")
    ko = info.value.text("ko")  # the same place, said in Korean
    assert ko.startswith(info.value.place("ko")) and ko != info.value.text("en")
    assert re.search("[\uac00-\ud7a3]", ko), ko
    # The JSON Schema agrees that the document is not a valid proposal (where it can tell).
    # (1e3 is an integer to JSON Schema; the app refuses any number written with a fraction or exponent.)
    if "call" not in path and "id" not in path[-1:] and path != ("organisations", 1, "id") and value != 1e3:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(doc, SCHEMA, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize(("raw", "message"), [
    (b'{"format": "regional-proposal",\n "call": ', "line 2, column"),
    (b"", "line 1, column 1"),
    (b'{"a": 1, "a": 2}', "line 1, column 10: the key 'a' appears twice in this object"),
    (b'{"t": "NaN",\n "x": {"y": {"y": 0},\n  "y": 2}}', "line 3, column 3: the key 'y' appears twice"),
    (b'{"t": "a \\" NaN",\n "x": NaN}', "line 2, column 7: NaN is not allowed"),
    (b'{"x": [1, -Infinity]}', "line 1, column 11: -Infinity is not allowed"),
    (b"[" * 100_000, "nested too deeply"),
    ('{"title": "\ud55c"}'.encode("utf-8")[:-3] + b"\xff\xfe", "not UTF-8"),
    (b'{"n": ' + b"9" * 5000 + b"}", "cannot be read"),
    (b"null", "must be an object"),
])
def test_unreadable_files(raw, message):
    with pytest.raises(InputError) as info:
        exchange_read.loads_bytes(raw)
    assert message in info.value.text("en")


def test_too_large_file(tmp_path):
    path = tmp_path / "big.json"
    with open(path, "wb") as fp:
        fp.truncate(app.MAX_FILE_BYTES + 1)
    with pytest.raises(InputError) as info:
        exchange_read.read_file(str(path))
    assert f"{app.MAX_FILE_BYTES // (1024 * 1024)} MB" in info.value.text("en")


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        exchange_read.read_file(str(tmp_path / "nope.json"))
    assert "Cannot read" in info.value.text("en")
    assert info.value.text("en").endswith("the file or folder does not exist.")
    assert info.value.text("ko").endswith("파일이나 폴더가 없습니다.")
    assert "파일이나 폴더가 없습니다" in info.value.text("ko")  # the reason too, not the system's English


@pytest.mark.parametrize(("raw", "en", "ko"), [
    (b'{"a" 1}', "a colon ':' is missing after the key", "키 뒤에 콜론(:)이 없습니다"),
    (b'{"a": 1 "b": 2}', "a comma ',' is missing between two items", "쉼표(,)가 없습니다"),
    (b'{"a": "x', "a text is not closed with a double quote", "큰따옴표로 닫히지 않았습니다"),
    (b"{} x", "there is more text after the end of the proposal", "다른 내용이 더 있습니다"),
    (b'{"a": }', "a value is missing here", "이 자리에 값이 없습니다"),
])
def test_broken_json_is_explained_in_the_users_language(raw, en, ko):
    with pytest.raises(InputError) as info:
        exchange_read.loads_bytes(raw)
    assert en in info.value.text("en")
    korean = info.value.text("ko")
    assert ko in korean and "Expecting" not in korean and "Unterminated" not in korean


def test_bom_is_accepted(super_regional):
    raw = b"\xef\xbb\xbf" + exchange_write.dumps(super_regional).encode("utf-8")
    assert exchange_read.loads_bytes(raw).id == super_regional.id


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
@given(data=st.data())
def test_loader_raises_nothing_but_input_error_on_mutated_files(super_regional, data):
    doc = exchange_write.to_dict(super_regional)
    # Replace one value somewhere in the document by an arbitrary JSON value.
    target, key = doc, None
    for _ in range(data.draw(st.integers(1, 4))):
        keys = list(target.keys()) if isinstance(target, dict) else list(range(len(target)))
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        if isinstance(target[key], (dict, list)) and data.draw(st.booleans()):
            target = target[key]
            key = None
        else:
            break
    if key is not None:
        target[key] = data.draw(json_values)
    try:
        p = exchange_read.loads(json.dumps(doc))
    except InputError as refused:
        _said_in_words(refused)
    else:  # what is read is a proposal the app writes back and reads again unchanged
        assert exchange_read.loads(json.dumps(exchange_write.to_dict(p))) == p


@given(st.binary(max_size=200))
def test_loader_raises_nothing_but_input_error_on_random_bytes(raw):
    try:
        p = exchange_read.loads_bytes(raw)
    except InputError as refused:
        _said_in_words(refused)
    else:
        assert exchange_read.loads(json.dumps(exchange_write.to_dict(p))) == p


def _said_in_words(refused: InputError) -> None:
    """A refusal is a sentence in each language, with no trace of the program in it."""
    for lang in ("ko", "en"):
        text = refused.text(lang)
        assert text.strip() and "Traceback" not in text and "Error(" not in text, (lang, text)


def test_written_files_get_ordinary_permissions(tmp_path, super_regional):
    import os
    import stat

    path = tmp_path / "p.json"
    exchange_write.write_file(super_regional, str(path))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~umask
    os.chmod(path, 0o640)
    exchange_write.write_file(super_regional, str(path))  # replacing keeps the file's mode
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_an_unknown_type_lists_the_choices_with_the_empty_one_named(super_regional):
    doc = json.loads(exchange_identity.canonical_json(super_regional))
    doc["type"] = "mega"
    with pytest.raises(InputError) as info:
        exchange_read.loads(json.dumps(doc))
    assert info.value.text("en").endswith('Expected one of: super_regional, leap, "" (not chosen yet).')
    assert '"" (아직 선택하지 않음)' in info.value.text("ko")
