"""The user's templates on disk: saved atomically, listed even when broken, never written
over; imports all-or-nothing; hostile files refused with the right message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hamtimer.core.template_document import to_json
from hamtimer.services.templates import LoadedTemplate
from hamtimer.services.user_templates import (
    DELETED_FOLDER,
    ImportRefusedError,
    TemplateLibrary,
    UserTemplates,
    export_templates,
    read_imports,
)
from tests.builders import document, many_exercises, template


def write(path: Path, doc: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_broken_file_is_listed_and_hides_nothing(tmp_path: Path) -> None:
    write(tmp_path / "a.json", document(id="a", name="A"))
    (tmp_path / "b.json").write_text("{ not json", encoding="utf-8")
    write(tmp_path / "c.json", document(id="c", name="C", countdown_s=9))
    write(tmp_path / "d.json", document(id="d", name="D"))
    loaded = UserTemplates(tmp_path).load()
    assert [t.template.id for t in loaded.templates] == ["a", "d"]
    assert [b.path.name for b in loaded.broken] == ["b.json", "c.json"]
    assert loaded.broken[1].summary() == "$.countdown_s: got 9; must be at most 5"


def test_an_id_already_taken_makes_the_later_file_broken(tmp_path: Path) -> None:
    write(tmp_path / "a.json", document(id="same"))
    write(tmp_path / "b.json", document(id="same"))
    write(tmp_path / "c.json", document(id="isometric"))
    loaded = UserTemplates(tmp_path).load(builtin_ids=["isometric"])
    assert [t.path for t in loaded.templates] == [tmp_path / "a.json"]
    messages = [b.summary() for b in loaded.broken]
    assert messages == [
        "$.id: the id 'same' is already used by a.json",
        "$.id: the id 'isometric' is already used by a built-in template",
    ]


def test_saving_never_takes_another_file(tmp_path: Path) -> None:
    (tmp_path / "test-bridge.json").write_text("broken", encoding="utf-8")
    store = UserTemplates(tmp_path)
    path = store.save(template())
    assert path == tmp_path / "test-bridge-2.json"
    assert (tmp_path / "test-bridge.json").read_text(encoding="utf-8") == "broken"
    again = store.save(template(name="Renamed"), current=path)
    assert again == path
    assert json.loads(path.read_text(encoding="utf-8"))["name"] == "Renamed"
    assert not list(tmp_path.glob("*.part"))


def test_delete_moves_aside_and_restore_brings_it_back(tmp_path: Path) -> None:
    store = UserTemplates(tmp_path)
    path = store.save(template())
    moved = store.delete(path)
    assert moved.parent == tmp_path / DELETED_FOLDER
    assert store.load().templates == []
    restored = store.restore(moved, path)
    assert restored == path
    assert [t.template.id for t in store.load().templates] == ["test-bridge"]


def test_the_library_lists_builtins_first_then_the_users_by_name(tmp_path: Path) -> None:
    builtin = LoadedTemplate(template(id="builtin", name="Zed"), "built-in", builtin=True)
    write(tmp_path / "1.json", document(id="b", name="beta"))
    write(tmp_path / "2.json", document(id="a", name="Alpha"))
    loaded = TemplateLibrary(UserTemplates(tmp_path), lambda: [builtin]).load()
    assert [t.template.id for t in loaded.templates] == ["builtin", "a", "b"]


def test_import_takes_every_file_or_none(tmp_path: Path) -> None:
    good = write(tmp_path / "in" / "good.json", document(id="good"))
    bad = write(tmp_path / "in" / "bad.json", document(id="Bad Id"))
    store = UserTemplates(tmp_path / "mine")
    with pytest.raises(ImportRefusedError) as refused:
        read_imports([good, bad])
    assert refused.value.lines() == [
        'bad.json: $.id: got "Bad Id"; must be lowercase letters, digits and dashes '
        "(like 'single-leg-bridge')"
    ]
    assert not (tmp_path / "mine").exists()
    paths = store.add_imported(read_imports([good]), taken_ids=["good"])
    assert [json.loads(p.read_text(encoding="utf-8"))["id"] for p in paths] == ["good-2"]


def test_export_all_writes_one_file_each_and_overwrites_nothing(tmp_path: Path) -> None:
    (tmp_path / "test-bridge.json").write_text("mine", encoding="utf-8")
    written = export_templates([template(), template(id="other")], tmp_path)
    assert [p.name for p in written] == ["test-bridge-2.json", "other.json"]
    assert (tmp_path / "test-bridge.json").read_text(encoding="utf-8") == "mine"
    assert read_imports(written) == [template(), template(id="other")]


def deep(levels: int) -> Any:
    node: Any = 1
    for _ in range(levels):
        node = {"a": node}
    return node


HOSTILE: dict[str, tuple[bytes, str]] = {
    "huge.json": (b" " * 1_000_001 + b"{}", "$: file is 1.0 MB; a template is at most 1 MB"),
    "nested.json": (
        json.dumps(document(notes=deep(50))).encode(),
        "$: nested more than 20 levels deep",
    ),
    # Refused by the scan before parsing now, not by catching RecursionError (issue 15).
    "recursion.json": (b"[" * 100_000 + b"]" * 100_000, "$: nested more than 20 levels deep"),
    "long-string.json": (
        json.dumps(document(name="x" * 100_000)).encode(),
        "$.name: got",
    ),
    "thousands-of-steps.json": (
        json.dumps(document(exercises=many_exercises(40, sets=20, hold_s=5))).encode(),
        "$: the template compiles to",
    ),
    "days-long-hold.json": (
        json.dumps(
            document(
                exercises=[
                    {
                        "id": "hold",
                        "name": "Hold",
                        "mode": "hold",
                        "hold_s": {"target": 172_800},
                    }
                ]
            )
        ).encode(),
        "$.exercises[0].hold_s.target: got 172800; must be at most 600",
    ),
    "latin1.json": (
        json.dumps(document(name="Brücke"), ensure_ascii=False).encode("latin-1"),
        "$: not UTF-8 text",
    ),
    "code.json": (
        json.dumps(document(name="__import__('os').system('rm -rf /')", id="../../etc")).encode(),
        '$.id: got "../../etc"; must be lowercase letters',
    ),
    "duplicate-key.json": (
        b'{"id": "a", "id": "b"}',
        '$: the key "id" appears twice in one object',
    ),
    "not-an-object.json": (b"[1, 2, 3]", "$: got a list of 3; must be an object {...}"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_and_nothing_changes_on_disk(tmp_path: Path, name: str) -> None:
    data, expected = HOSTILE[name]
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    source = hostile / name
    source.write_bytes(data)
    mine = tmp_path / "mine"
    store = UserTemplates(mine)
    store.save(template())
    before = snapshot(tmp_path)
    with pytest.raises(ImportRefusedError) as refused:
        store.add_imported(read_imports([source]), taken_ids=[])
    assert refused.value.lines()[0].startswith(f"{name}: {expected}")
    assert snapshot(tmp_path) == before


def test_a_hostile_file_in_the_folder_is_listed_as_broken(tmp_path: Path) -> None:
    for name, (data, _expected) in HOSTILE.items():
        (tmp_path / name).write_bytes(data)
    write(tmp_path / "fine.json", document(id="fine"))
    loaded = UserTemplates(tmp_path).load()
    assert [t.template.id for t in loaded.templates] == ["fine"]
    assert len(loaded.broken) == len(HOSTILE)


def test_a_file_read_as_a_template_is_never_used_as_code(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", document(name="__import__('os')"))
    loaded = UserTemplates(tmp_path).load()
    assert loaded.templates[0].template.name == "__import__('os')"
    assert to_json(loaded.templates[0].template).count("__import__") == 1
    assert path.exists()


def test_an_import_that_cannot_save_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15, item 7: all or nothing, also when the disk fails half way."""
    from hamtimer.services import user_templates

    store = UserTemplates(tmp_path / "mine")
    real_write = user_templates.write_atomic
    calls: list[Path] = []

    def failing_write(path: Path, text: str, **options: Any) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path))
        real_write(path, text, **options)

    monkeypatch.setattr(user_templates, "write_atomic", failing_write)
    with pytest.raises(OSError):
        store.add_imported([template(id="one"), template(id="two")], taken_ids=[])
    assert not list((tmp_path / "mine").glob("*.json"))
