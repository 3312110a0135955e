"""Every file kind the app reads, against every hostile shape (issue 15): each reader either
loads around the bad file or refuses it with its own error type, never hangs, never raises
anything else, and loses nothing else. Fast: readers are called directly; the CLI versions
are in tests/cli/test_hostile_cli.py (e2e)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hamtimer.core.history import RecordError, record_to_json
from hamtimer.core.validation import TemplateError
from hamtimer.services.history.documents import session_text
from hamtimer.services.history.index import read_index
from hamtimer.services.history.journal import read_journal
from hamtimer.services.history.layout import INDEX_NAME, JOURNALS
from hamtimer.services.history_export import read_export
from hamtimer.services.settings import SettingsStore, VoiceSettings
from hamtimer.services.speech.wav import wav_length_s
from hamtimer.services.template_choices import TemplateChoices
from hamtimer.services.templates import read_template_file
from hamtimer.services.user_templates import UserTemplates
from tests.builders import document
from tests.history_records import small_record, store_at
from tests.hostile_corpus import (
    ICS_SHAPES,
    SHAPES,
    UNDATED_SHAPES,
    plant,
    plant_ics,
    session_document,
    wav_claiming,
)

TIMEOUT_S = 10.0


def _within_timeout(call: Callable[[], Any]) -> Any:
    """Run `call` on a thread: a FIFO that blocks fails the test instead of hanging it."""
    outcome: list[Any] = []

    def target() -> None:
        try:
            outcome.append(("ok", call()))
        except BaseException as error:  # reported below, whatever it is
            outcome.append(("error", error))

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(TIMEOUT_S)
    assert outcome, f"hung for {TIMEOUT_S} s"
    kind, value = outcome[0]
    if kind == "error":
        raise value
    return value


def _record_json() -> dict[str, Any]:
    return record_to_json(small_record(1))


@pytest.mark.parametrize("shape", UNDATED_SHAPES)
def test_a_template_file_is_refused_with_problems(tmp_path: Path, shape: str) -> None:
    path = tmp_path / "t.json"
    plant(path, shape, document())
    with pytest.raises(TemplateError) as refused:
        _within_timeout(lambda: read_template_file(path))
    assert refused.value.problems


@pytest.mark.parametrize("shape", UNDATED_SHAPES)
def test_a_user_template_entry_is_listed_as_not_loaded(tmp_path: Path, shape: str) -> None:
    folder = tmp_path / "templates"
    plant(folder / "bad.json", shape, document(id="bad"))
    (folder / "good.json").write_text(json.dumps(document(id="good")), "utf-8")
    library = _within_timeout(lambda: UserTemplates(folder).load())
    assert [item.template.id for item in library.templates] == ["good"]
    assert [broken.path.name for broken in library.broken] == ["bad.json"]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_session_file_is_set_aside_and_the_others_load(tmp_path: Path, shape: str) -> None:
    store = store_at(tmp_path)
    store.append(small_record(1))
    months = tmp_path / "history" / "sessions"
    [month] = list(months.iterdir())
    plant(month / "bad.json", shape, session_document(_record_json()))
    loaded = _within_timeout(store.load)
    assert [entry.id for entry in loaded.entries] == [small_record(1).id]
    assert len(loaded.messages) <= 1


@pytest.mark.parametrize("shape", SHAPES)
def test_a_bad_index_is_rebuilt(tmp_path: Path, shape: str) -> None:
    store = store_at(tmp_path)
    store.append(small_record(1))
    index = tmp_path / "local" / INDEX_NAME
    if index.exists() or index.is_symlink():
        index.unlink()
    plant(index, shape)
    _within_timeout(lambda: read_index(index, tmp_path / "history"))
    if shape != "directory":  # a folder where the index goes: the history still loads
        loaded = _within_timeout(store_at(tmp_path).load)
        assert [entry.id for entry in loaded.entries] == [small_record(1).id]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_bad_journal_is_refused_and_the_history_loads(tmp_path: Path, shape: str) -> None:
    store = store_at(tmp_path)
    store.append(small_record(1))
    journal = tmp_path / "local" / JOURNALS / "journal-bad.json"
    valid = {"schema_version": 1, "session": _record_json()}
    plant(journal, shape, valid)
    with pytest.raises((OSError, ValueError)):
        _within_timeout(lambda: read_journal(journal))
    from hamtimer.services.session_recorder import recover_interrupted

    lines = _within_timeout(lambda: recover_interrupted(store))
    assert len(lines) <= 2
    loaded = _within_timeout(store_at(tmp_path).load)
    assert small_record(1).id in [entry.id for entry in loaded.entries]


@pytest.mark.parametrize("shape", SHAPES)
def test_settings_fall_back_to_defaults_and_keep_the_file(tmp_path: Path, shape: str) -> None:
    path = tmp_path / "settings.json"
    plant(path, shape, {"schema_version": 1, "voice": {"volume": 30.0, "rate": 150}})
    settings, message = _within_timeout(SettingsStore(path).load)
    assert settings == VoiceSettings()
    assert message is not None and message.count(".") <= 3  # one sentence, with a file name
    assert _within_timeout(SettingsStore(path).history_folder) is None


@pytest.mark.parametrize("shape", SHAPES)
def test_quick_adjust_choices_fall_back_and_keep_the_file(tmp_path: Path, shape: str) -> None:
    path = tmp_path / "template-choices.json"
    plant(path, shape, {"schema_version": 1, "choices": {"bridge": {"sets": 30.0}}})
    choices = TemplateChoices(path)
    problem = _within_timeout(lambda: choices.problem)
    assert problem is not None
    assert list(tmp_path.glob("template-choices.json.damaged-*")) or shape == "directory"


@pytest.mark.parametrize("shape", SHAPES)
def test_a_history_import_is_refused_whole(tmp_path: Path, shape: str) -> None:
    path = tmp_path / "export.json"
    plant(path, shape, {"schema_version": 1, "sessions": [_record_json()]})
    with pytest.raises((OSError, RecordError)):
        _within_timeout(lambda: read_export(path))


@pytest.mark.parametrize("shape", [*SHAPES, "huge-data-chunk"])
def test_a_cached_wav_is_refused(tmp_path: Path, shape: str) -> None:
    """The renderer treats these as not cached and renders again."""
    path = tmp_path / "phrase.wav"
    if shape == "huge-data-chunk":  # made a get-ready step 37 hours long
        path.write_bytes(wav_claiming(frames=3_000_000_000 // 2))
    else:
        plant(path, shape)
    with pytest.raises((OSError, EOFError, ValueError)):
        _within_timeout(lambda: wav_length_s(path))


def test_an_honest_wav_is_read(tmp_path: Path) -> None:
    path = tmp_path / "phrase.wav"
    path.write_bytes(wav_claiming(frames=2205, actual_frames=2205))
    assert wav_length_s(path) == pytest.approx(0.1)


def test_a_session_file_written_by_hamtimer_still_reads(tmp_path: Path) -> None:
    """The guard must not refuse the app's own files (emoji are written as \\u escapes)."""
    from dataclasses import replace

    from hamtimer.core.history_merge import Stamp
    from hamtimer.services.history.documents import read_session

    record = replace(small_record(1), template_name="Brücke 😀")
    stamp = Stamp(record.ended, "device")
    text = session_text(record, stamp)
    assert read_session(text, "x.json").record == record


@pytest.mark.parametrize(
    "voice", [{"volume": True}, {"rate": "150"}, {"voice": 7}, {"form_cues": 1}]
)
def test_settings_of_the_wrong_type_are_refused(tmp_path: Path, voice: dict[str, Any]) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 1, "voice": voice}), "utf-8")
    settings, message = SettingsStore(path).load()
    assert settings == VoiceSettings() and message is not None


@pytest.mark.parametrize("count", [0, -3, 10**30, True, "5"])
def test_absurd_quick_adjust_counts_are_refused(tmp_path: Path, count: object) -> None:
    path = tmp_path / "template-choices.json"
    path.write_text(
        json.dumps({"schema_version": 1, "choices": {"bridge": {"sets": {"bridge": count}}}}),
        "utf-8",
    )
    assert TemplateChoices(path).problem is not None


@pytest.mark.parametrize("shape", SHAPES)
def test_a_bad_device_id_is_replaced(tmp_path: Path, shape: str) -> None:
    from hamtimer.services.history.device import device_id

    path = tmp_path / "device"
    plant(path, shape)
    made = _within_timeout(lambda: device_id(path))
    assert made.isalnum() and len(made) == 12


@pytest.mark.parametrize("at", ["9999-12-31T23:30:00-05:00", "0001-01-01T00:30:00+05:00"])
def test_a_stamp_near_year_1_or_9999_is_damage(at: str) -> None:
    """A synced session file's edit stamp overflowed on time-zone conversion."""
    from hamtimer.services.history.documents import read_session

    document = session_document(_record_json())
    document["edited"]["at"] = at
    with pytest.raises(RecordError, match="between 1971 and 2999"):
        read_session(json.dumps(document), "x.json")


@pytest.mark.parametrize("shape", SHAPES)
def test_a_users_program_file_is_listed_as_not_loaded(tmp_path: Path, shape: str) -> None:
    """Programs go through the same guarded reader as templates (a FIFO must not hang
    `hamtimer plan`)."""
    from hamtimer.services.programs import builtin_programs, program_library

    folder = tmp_path / "programs"
    plant(folder / "bad.json", shape, json.loads(_builtin_program_text()))
    library = _within_timeout(lambda: program_library(folder))
    assert [program.id for program in library.programs] == [p.id for p in builtin_programs()]
    if shape != "dates":  # a program holds no dates: that shape is the valid file, a copy
        assert [path.name for path, _error in library.broken] == ["bad.json"]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_bad_plan_file_is_one_clear_error(tmp_path: Path, shape: str) -> None:
    from hamtimer.services.programs import PlanFileError, PlanStore

    path = tmp_path / "plan.json"
    plant(path, shape, {"program": "isometric-base", "start": "2026-11-30"})
    try:
        _within_timeout(lambda: PlanStore(path).load())
    except PlanFileError as error:
        assert str(error)


def _builtin_program_text() -> str:
    from importlib import resources

    folder = resources.files("hamtimer.data").joinpath("programs")
    return folder.joinpath("isometric-base.json").read_text("utf-8")


@pytest.mark.parametrize("shape", [*SHAPES, *ICS_SHAPES])
def test_a_running_calendar_is_refused_in_one_line(tmp_path: Path, shape: str) -> None:
    """`hamtimer plan --ics`: the generic shapes and the calendar ones (repeats every second,
    impossible repeats, floods, deep nesting, other encodings) are one CalendarError line."""
    from datetime import date

    from hamtimer.services.calendar_import import CalendarError, read_calendar_file

    path = tmp_path / "runs.ics"
    plant_ics(path, shape)
    with pytest.raises(CalendarError) as refused:
        _within_timeout(lambda: read_calendar_file(path, date(2026, 11, 30)))
    assert "\n" not in str(refused.value)
