"""The cache of validated packs: same records as from YAML, never stale, never in the way."""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import shutil
from pathlib import Path

import pytest

import hfs_desktop.pack as pack_module
from hfs_desktop.pack import Pack, PackInvalid, bundled_pack_dir, check_pack, load_pack
from hfs_desktop.pack import cache as pack_cache
from hfs_desktop.pack.model import Location


def _no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(root: object) -> object:
        raise AssertionError("read from YAML, not from the cache")

    monkeypatch.setattr(pack_module, "check_pack", refused)


def _plain(pack: Pack) -> dict[str, object]:
    return {
        "root": pack.root,
        "meta": pack.meta,
        "levels": (pack.evidence_levels, pack.recommendation_levels,
                   pack.association_levels, pack.verdicts, pack.relation_types),
        "entities": {key: pack.to_plain(entity) for key, entity in pack.entities.items()},
        "order": list(pack.entities),
    }


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(bundled_pack_dir(), target)
    return target


def test_the_bundled_pack_from_the_cache_is_the_pack_from_yaml(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "cache"
    root = bundled_pack_dir()
    from_yaml = load_pack(root, cache=store)
    assert list(store.glob("*.json")), "a validated pack is cached"
    _no_yaml(monkeypatch)
    from_cache = load_pack(root, cache=store)
    assert from_cache is not from_yaml
    assert from_cache == from_yaml  # every field of every record, locations included
    assert _plain(from_cache) == _plain(from_yaml)
    for key, entity in from_yaml.entities.items():
        cached = from_cache.entities[key]
        assert cached.field_locations == entity.field_locations
        assert cached.item_locations == entity.item_locations
        assert type(cached.aliases) is tuple
        assert all(type(v) is tuple for v in cached.relations.values())


def test_the_default_cache_is_in_the_users_cache_folder(home: Path) -> None:
    load_pack()
    folder = pack_cache.cache_dir()
    assert folder.is_relative_to(home)
    assert pack_cache.entry_path(folder, bundled_pack_dir()).is_file()


def test_every_record_type_round_trips(starter_pack: Path) -> None:
    pack, _ = check_pack(starter_pack)
    data = json.loads(json.dumps(pack_cache.to_data(pack)))
    assert pack_cache.from_data(data) == pack


def test_an_edited_pack_is_read_again_and_cached_again(
        bundled_copy: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    first = load_pack(bundled_copy, cache=store)
    entity = next(iter(first.entities.values()))
    path = bundled_copy.parent / entity.location.path
    text = path.read_text(encoding="utf-8")
    assert entity.summary
    path.write_text(text.replace("summary:", "summary: Edited.", 1), encoding="utf-8")
    second = load_pack(bundled_copy, cache=store)
    assert second != first
    assert second == check_pack(bundled_copy)[0]
    entry = pack_cache.entry_path(store, bundled_copy)
    header = json.loads(entry.read_bytes().split(b"\n", 1)[0])
    assert header["key"] == pack_cache.pack_key(bundled_copy)


def test_an_added_entity_file_changes_the_key(bundled_copy: Path) -> None:
    before = pack_cache.pack_key(bundled_copy)
    (bundled_copy / "entities" / "extra.yml").write_text("[]\n", encoding="utf-8")
    assert pack_cache.pack_key(bundled_copy) != before


def test_other_loader_code_changes_the_key(
        bundled_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = pack_cache.pack_key(bundled_copy)
    monkeypatch.setattr(pack_cache, "_code_key", b"another loader")
    assert pack_cache.pack_key(bundled_copy) != before


def test_loader_code_without_sources_still_keys_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an installed bundle has only .pyc files (and is not "frozen" when Debian's python3
    # runs it: installer/linux/start.py): a changed loader must still change the key
    code = tmp_path / "pack"
    code.mkdir()
    (code / "reader.pyc").write_bytes(b"one build")
    monkeypatch.setattr(pack_cache, "_CODE", code)
    before = pack_cache._code_digest()
    (code / "reader.pyc").write_bytes(b"another build")
    assert pack_cache._code_digest() != before


def test_a_pack_broken_after_caching_gives_the_same_errors_as_without(
        pack_copy: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    load_pack(pack_copy, cache=store)
    pack_yaml = pack_copy / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text(encoding="utf-8") + "\n  bad: [\n",
                         encoding="utf-8")
    with pytest.raises(PackInvalid) as cached_run:
        load_pack(pack_copy, cache=store)
    with pytest.raises(PackInvalid) as plain_run:
        load_pack(pack_copy, cache=False)
    assert str(cached_run.value) == str(plain_run.value)
    assert cached_run.value.diagnostics == plain_run.value.diagnostics
    assert "pack.yaml" in str(cached_run.value)


def test_an_invalid_pack_is_never_cached(pack_copy: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    (pack_copy / "pack.yaml").write_text("id: [\n", encoding="utf-8")
    with pytest.raises(PackInvalid):
        load_pack(pack_copy, cache=store)
    assert not list(store.glob("*.json"))


@pytest.mark.parametrize("damage", ["truncated", "garbled", "bad header", "checksum",
                                    "wrong shape", "empty"])
def test_a_damaged_entry_is_read_around_and_rewritten(
        damage: str, starter_pack: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
        ) -> None:
    store = tmp_path / "cache"
    expected = load_pack(starter_pack, cache=store)
    entry = pack_cache.entry_path(store, starter_pack)
    data = entry.read_bytes()
    header, body = data.split(b"\n", 1)
    if damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "garbled":
        entry.write_bytes(header + b"\n" + body.replace(b'"', b"'", 3))
    elif damage == "bad header":
        entry.write_bytes(b"{not json\n" + body)
    elif damage == "checksum":
        entry.write_bytes(header + b"\n" + body.replace(b"a", b"b", 1))
    elif damage == "wrong shape":  # a valid checksum over data that is no pack
        other = json.dumps([["x"], [1, 2]]).encode()
        fields = json.loads(header)
        fields["sha256"] = hashlib.sha256(other).hexdigest()
        entry.write_bytes(json.dumps(fields).encode() + b"\n" + other)
    else:
        entry.write_bytes(b"")
    with caplog.at_level(logging.DEBUG, logger="hfs_desktop.pack.cache"):
        assert load_pack(starter_pack, cache=store) == expected
    assert all(r.levelno <= logging.INFO for r in caplog.records)
    assert any("cached pack" in r.getMessage() for r in caplog.records)
    assert entry.read_bytes() == data  # rewritten as it was


def test_an_unwritable_cache_folder_only_costs_the_cache(
        starter_pack: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="hfs_desktop.pack.cache"):
        first = load_pack(starter_pack, cache=blocker / "packs")
        second = load_pack(starter_pack, cache=blocker / "packs")
    assert first == second == check_pack(starter_pack)[0]
    assert all(r.levelno <= logging.INFO for r in caplog.records)
    assert any("cannot cache the pack" in r.getMessage() for r in caplog.records)


def test_an_entry_of_another_folder_is_not_used(starter_pack: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    copy = tmp_path / "copy" / "knowledge"
    shutil.copytree(starter_pack, copy)
    load_pack(starter_pack, cache=store)
    pack = load_pack(copy, cache=store)
    assert pack.root == str(copy)
    assert len(list(store.glob("*.json"))) == 2


def test_old_entries_are_pruned(starter_pack: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    for n in range(pack_cache.KEEP_ENTRIES + 3):
        copy = tmp_path / f"copy{n}" / "knowledge"
        shutil.copytree(starter_pack, copy)
        load_pack(copy, cache=store)
    assert len(list(store.glob("*.json"))) == pack_cache.KEEP_ENTRIES
    from hfs_desktop.search.schema import pack_digest

    pack_digest(load_pack(copy, cache=store))
    assert len(list(store.glob("*.derived"))) == 1


def test_a_missing_pack_folder_still_reports_the_loaders_error(tmp_path: Path) -> None:
    with pytest.raises(PackInvalid) as cached_run:
        load_pack(tmp_path / "nowhere", cache=tmp_path / "cache")
    with pytest.raises(PackInvalid) as plain_run:
        load_pack(tmp_path / "nowhere", cache=False)
    assert str(cached_run.value) == str(plain_run.value)


def test_an_imported_pack_in_json_lines_is_cached_and_kept_fresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hfs_desktop.cli import main

    out = tmp_path / "TST"
    assert main(["import-obo", str(Path(__file__).parent / "data" / "every-construct.obo"),
                 "-o", str(out)]) == 0
    folder = tmp_path / "cache"
    from_yaml = load_pack(out, cache=folder)
    jsonl = sorted((out / "entities").glob("*.jsonl"))
    assert jsonl and jsonl[0] in pack_cache.pack_files(out)
    key = pack_cache.pack_key(out)
    with monkeypatch.context() as patch:
        _no_yaml(patch)
        assert load_pack(out, cache=folder) == from_yaml  # types, citations, kind, wording
    jsonl[0].write_text(jsonl[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert pack_cache.pack_key(out) != key


def test_the_differential_table_comes_back_from_the_cache(bundled_copy: Path,
                                                          tmp_path: Path) -> None:
    first = load_pack(bundled_copy, cache=tmp_path)
    again = load_pack(bundled_copy, cache=tmp_path)
    assert first.differential is not None and again.differential == first.differential
    assert again.entity_types == first.entity_types


def test_locations_keep_their_order_and_each_is_written_once(starter_pack: Path) -> None:
    pack, _ = check_pack(starter_pack)
    entity = next(iter(pack.entities.values()))
    here, there = Location("a.yaml", 3, 5), Location("b.yaml", 7, 1)
    entity.field_locations = {"id": here, "name": here, "summary": there, "details": here}
    entity.item_locations = {}
    paths, locations, body = pack_cache.to_data(pack)
    triples = list(zip(locations[::3], locations[1::3], locations[2::3], strict=True))
    assert len(triples) == len(set(triples)), "each distinct location once"
    assert len(paths) == len(set(paths))
    again = pack_cache.from_data(json.loads(json.dumps([paths, locations, body])))
    cached = again.entities[entity.id]
    assert list(cached.field_locations.items()) == list(entity.field_locations.items())
    assert cached.item_locations == {}
    assert again == pack


def test_an_imported_term_has_one_location_shared_by_its_fields(tmp_path: Path) -> None:
    from hfs_desktop.cli import main

    out = tmp_path / "TST"
    assert main(["import-obo", str(Path(__file__).parent / "data" / "every-construct.obo"),
                 "-o", str(out)]) == 0
    folder = tmp_path / "cache"
    from_yaml = load_pack(out, cache=folder)
    from_cache = load_pack(out, cache=folder)
    assert from_cache == from_yaml
    for entity in from_cache.entities.values():
        places = {*entity.field_locations.values(), *entity.item_locations.values()}
        assert places <= {entity.location}
        assert all(loc is entity.location for loc in entity.field_locations.values())


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_garbage_collector_as_it_found_it(
        enabled: bool, starter_pack: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    expected = load_pack(starter_pack, cache=store)
    entry = pack_cache.entry_path(store, starter_pack)
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        assert load_pack(starter_pack, cache=store) == expected
        assert gc.isenabled() is enabled
        header = entry.read_bytes().split(b"\n", 1)[0]
        other = json.dumps([[], [], [1]]).encode()  # checksum right, decoding fails
        fields = json.loads(header)
        fields["sha256"] = hashlib.sha256(other).hexdigest()
        entry.write_bytes(json.dumps(fields).encode() + b"\n" + other)
        assert load_pack(starter_pack, cache=store) == expected
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()


def _digest_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from hfs_desktop.search import schema

    computed: list[str] = []
    real = schema._digest

    def counted(pack: Pack) -> str:
        computed.append(pack.root)
        return real(pack)

    monkeypatch.setattr(schema, "_digest", counted)
    return computed


def test_the_search_digest_is_kept_with_the_entry_until_a_file_changes(
        bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hfs_desktop.search.schema import _digest, pack_digest

    store = tmp_path / "cache"
    computed = _digest_counted(monkeypatch)
    first = load_pack(bundled_copy, cache=store)
    digest = pack_digest(first)
    assert len(computed) == 1 and digest == _digest(check_pack(bundled_copy)[0])
    assert pack_digest(load_pack(bundled_copy, cache=store)) == digest
    assert len(computed) == 1  # read back, not computed again
    entity = next(iter(first.entities.values()))
    path = bundled_copy.parent / entity.location.path
    path.write_text(path.read_text(encoding="utf-8").replace("summary:", "summary: Edited.", 1),
                    encoding="utf-8")
    edited = load_pack(bundled_copy, cache=store)
    assert pack_digest(edited) != digest and len(computed) == 2
    assert pack_digest(load_pack(bundled_copy, cache=store)) == pack_digest(edited)
    assert len(computed) == 2


def test_a_pack_not_from_the_cache_computes_its_digest(
        starter_pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hfs_desktop.search.schema import pack_digest

    computed = _digest_counted(monkeypatch)
    pack = load_pack(starter_pack, cache=False)
    assert pack_digest(pack) == pack_digest(pack) and len(computed) == 2


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b'{"key": 3}',
                                     b'{"values": {"search digest 1": "x"}}'])
def test_a_damaged_or_foreign_digest_file_is_computed_again(
        starter_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture, content: bytes) -> None:
    from hfs_desktop.search.schema import pack_digest

    store = tmp_path / "cache"
    expected = pack_digest(load_pack(starter_pack, cache=store))
    kept = pack_cache.entry_path(store, starter_pack).with_suffix(".derived")
    assert kept.is_file()
    kept.write_bytes(content)
    computed = _digest_counted(monkeypatch)
    with caplog.at_level(logging.INFO):
        assert pack_digest(load_pack(starter_pack, cache=store)) == expected
    assert len(computed) == 1
    assert not any(r.exc_info for r in caplog.records)
    assert pack_digest(load_pack(starter_pack, cache=store)) == expected
    assert len(computed) == 1  # written again, read back


def test_an_unwritable_digest_file_only_costs_the_digest(
        starter_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hfs_desktop.search.schema import pack_digest

    store = tmp_path / "cache"
    pack = load_pack(starter_pack, cache=store)

    def refused(*args: object, **kwargs: object) -> object:
        raise PermissionError("read-only")

    monkeypatch.setattr(pack_cache.tempfile, "mkstemp", refused)
    assert pack_digest(pack) == pack_digest(load_pack(starter_pack, cache=False))
