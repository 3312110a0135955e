"""What each `hamtimer` command does: print, and return an exit code.

Each handler gets the one `Services` built by app.py; a problem the user can fix is one line
on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hamtimer.services.display import display_problem

# The window's path imports only what it needs before its first frame: the template model,
# the plan and the engine are imported by the handlers that use them.
if TYPE_CHECKING:
    from hamtimer.core.history import HistoryEntry
    from hamtimer.core.model import Template
    from hamtimer.core.program import Program
    from hamtimer.core.reminders import Reminder
    from hamtimer.core.rotation import PastSession
    from hamtimer.core.scheduling import RunningWeek
    from hamtimer.core.session_record import SessionRecord
    from hamtimer.services.app_services import Services
    from hamtimer.services.programs import PlanChoice
    from hamtimer.services.settings import SettingsStore
    from hamtimer.services.templates import LoadedTemplate

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_ENVIRONMENT = 2
EXIT_NOT_SAVED = 3
"""`hamtimer run`: the session ran but is not in the history (it is kept for the next start)."""


def template_library(services: Services) -> list[LoadedTemplate]:
    """Built-ins and the user's templates; a user file that fails is reported, not fatal."""
    loaded = services.templates.load()
    for broken in loaded.broken:
        print(f"hamtimer: {broken.path} not loaded: {broken.summary()}", file=sys.stderr)
    return loaded.templates


def list_templates(services: Services) -> int:
    from hamtimer.core.plan import compile_plan
    from hamtimer.terminal.formatting import template_table

    rows = [
        (
            item.template,
            compile_plan(_next_session(item.template, _past_sessions(services, item.template))),
        )
        for item in template_library(services)
    ]
    print("\n".join(template_table(rows)))
    return EXIT_OK


def _next_session(template: Template, past: list[PastSession]) -> Template:
    """The template as its next session runs it, quick-adjust choices aside: for a
    choose-some template, the main exercises in turn (its length is a session's)."""
    from hamtimer.core.rotation import session_choice
    from hamtimer.core.template_choice import TemplateChoice, apply_choice

    return apply_choice(template, session_choice(template, TemplateChoice(), past))


def show_template(services: Services, reference: str) -> int:
    from hamtimer.core.plan import PlanTooLongError, compile_plan
    from hamtimer.core.rotation import next_turn
    from hamtimer.core.template_choice import TemplateChoice
    from hamtimer.core.timeline_text import plan_lines
    from hamtimer.core.validation import TemplateError
    from hamtimer.services.templates import TemplateNotFoundError, find_template

    try:
        template = find_template(reference, template_library(services))
        # A choose-some template shows its next session (picked in turn by the history);
        # quick-adjust choices stay out of `show`, which shows the template as written.
        past = _past_sessions(services, template)
        plan = compile_plan(_next_session(template, past))
    except (TemplateError, TemplateNotFoundError, PlanTooLongError) as error:
        return _report_unusable(reference, error)
    turn = next_turn(template, TemplateChoice(), past)
    print("\n".join(plan_lines(template, plan, turn)))
    return EXIT_OK


def validate(services: Services, references: Sequence[str]) -> int:
    """`hamtimer validate FILE_OR_ID...`: a .json name or an existing file is checked as a
    file; anything else is a template id, looked up among the built-ins and yours (a file of
    yours that fails to load is found by its file name)."""
    status = EXIT_OK
    for reference in references:
        path = Path(reference)
        if path.suffix.lower() == ".json" or path.exists():
            status = max(status, validate_files([path]))
        else:
            status = max(status, _validate_id(services, reference))
    return status


def _validate_id(services: Services, template_id: str) -> int:
    from hamtimer.core.template_check import check_template

    loaded = services.templates.load()
    for item in loaded.templates:
        if item.template.id == template_id:
            check = check_template(item.template)
            for problem in check.problems:
                print(f"{template_id}: {problem}")
            for warning in check.warnings:
                print(f"{template_id}: warning: {warning}")
            if check.ok:
                print(f"{template_id} ({item.origin}): OK")
            return EXIT_OK if check.ok else EXIT_INVALID
    for broken in loaded.broken:
        if broken.path.stem == template_id:
            for problem in broken.problems:
                print(f"{template_id} ({broken.path}): {problem}")
            return EXIT_INVALID
    known = ", ".join(item.template.id for item in loaded.templates)
    print(f"{template_id}: no template file or id '{template_id}'; known ids: {known}")
    return EXIT_INVALID


def validate_files(files: Sequence[Path]) -> int:
    """One line per problem: file, JSON path, what is wrong and what is allowed (the editor
    shows the same lines: both come from `core.template_check`)."""
    from hamtimer.core.validation import TemplateError
    from hamtimer.services.programs import looks_like_program, read_program_file
    from hamtimer.services.templates import read_template_file

    status = EXIT_OK
    for path in files:
        try:
            if looks_like_program(path):
                read_program_file(path)
            else:
                read_template_file(path)
        except TemplateError as error:
            status = EXIT_INVALID
            _print_problems(str(path), error, sys.stdout)
        else:
            print(f"{path}: OK")
    return status


def run_in_terminal(
    services: Services,
    reference: str,
    use_keys: bool,
    speak: bool,
    listen: bool = False,
    keep_speakers_awake: bool = False,
) -> int:
    """`hamtimer run`: the session in the terminal, spoken unless `speak` is off; voice
    commands if `listen` or the setting "Listen for commands" is on; `keep_speakers_awake`
    turns the keep-alive on for this run whatever the setting says."""
    from hamtimer.core.plan import PlanTooLongError, compile_plan
    from hamtimer.core.validation import TemplateError
    from hamtimer.services.session_recorder import recover_interrupted
    from hamtimer.services.templates import TemplateNotFoundError, find_template
    from hamtimer.terminal.session_runner import run_in_terminal as run_session
    from hamtimer.terminal.voice import prepare_voice, terminal_voice

    settings, settings_problem = services.settings.load()
    if settings_problem:
        print(f"hamtimer: {settings_problem}", file=sys.stderr)
    try:
        if reference == TODAY:
            todays = _todays_session(services)
            if todays is None:
                return EXIT_OK
            template = todays
        else:
            template = _as_chosen(services, find_template(reference, template_library(services)))
        plan = compile_plan(template, wait_for_done=settings.open_steps_wait_for_done)
    except (TemplateError, TemplateNotFoundError, PlanTooLongError, LookupError) as error:
        return _report_unusable(reference, error)
    for line in guidance_lines(template):
        print(line)
    voice = terminal_voice(services, keep_speakers_awake) if speak else None
    try:
        if voice is not None:
            plan = prepare_voice(voice, template)
            print(voice.status_text())
        for line in recover_interrupted(services.history):
            print(line)
        record, save_problem = run_session(
            services, plan, voice, use_keys, listen or settings.listen_for_commands
        )
    finally:
        if voice is not None:
            voice.close()
    if save_problem and record.id:
        print(f"hamtimer: {save_problem}", file=sys.stderr)
        return EXIT_NOT_SAVED
    return EXIT_OK


TODAY = "today"
"""`hamtimer run today`: the plan's session for today, at this week's targets."""


def _todays_session(services: Services) -> Template | None:
    """Today's planned session with the week's targets applied through quick adjust's
    mechanism (and a choose-some template's turn); None, after saying why, on a rest day."""
    from hamtimer.core.rotation import session_choice
    from hamtimer.core.template_choice import apply_choice, choice_text
    from hamtimer.services.programs import PlanFileError, PlanStore, current_plan
    from hamtimer.services.templates import find_template
    from hamtimer.terminal.plan_text import today_lines

    entries = services.history.load().entries
    try:
        current = current_plan(
            PlanStore(services.paths.plan_file), program_list(services), entries, date.today()
        )
    except PlanFileError as error:
        raise LookupError(str(error)) from None
    if current is None:
        raise LookupError("no plan chosen yet: pick one with `hamtimer plan --program ID`")
    library = template_library(services)
    coached = current.coached
    if coached is None or coached.stop is not None:
        print("\n".join(today_lines(current, {i.template.id: i.template for i in library})))
        return None
    template = find_template(coached.session.template, library)
    targets = coached.choice()
    if choice_text(template, targets):
        print(f"This week's targets: {choice_text(template, targets)}")
    for note in coached.notes:
        print(note)
    past = _past_sessions(services, template)
    return apply_choice(template, session_choice(template, targets, past))


def _as_chosen(services: Services, template: Template) -> Template:
    """The template with the user's quick-adjust choices (made in the window) applied, and a
    choose-some template's picks for this session."""
    from hamtimer.core.rotation import current_choice, next_turn, session_choice
    from hamtimer.core.template_choice import apply_choice, choice_text
    from hamtimer.core.timeline_text import turn_text

    choices = services.choices
    if choices.problem:
        print(f"hamtimer: {choices.problem}", file=sys.stderr)
    past = _past_sessions(services, template)
    choice = current_choice(template, choices.get(template.id), past)
    if not choice.is_default and choice_text(template, choice):
        print(f"Adjusted: {choice_text(template, choice)} (change it on the Train page)")
    turn = next_turn(template, choice, past)
    if turn is not None:
        print(turn_text(template, turn))
    return apply_choice(template, session_choice(template, choice, past))


def _past_sessions(services: Services, template: Template) -> list[PastSession]:
    """A choose-some template's latest sessions, from the history (none for the others)."""
    if template.choose_per_session is None:
        return []
    from hamtimer.services.past_sessions import PastSessions

    return PastSessions(services.history).of(template.id, len(template.exercises))


def guidance_lines(template: Template) -> list[str]:
    """What to know before starting: the template's notes, each exercise's caution and notes
    (the cautions are said again at their exercise's get-ready step)."""
    lines = [f"Notes: {template.notes}"] if template.notes else []
    for exercise in template.all_exercises():
        if exercise.caution:
            lines.append(f"  ⚠ {exercise.name}: {exercise.caution}")
        if exercise.notes:
            lines.append(f"  {exercise.name}: {exercise.notes}")
    return lines


def _prepare_history(services: Services) -> None:
    """Every command that reads the history first converts the old layout and saves the
    sessions cut off last time, and says so (once: then they are saved)."""
    from hamtimer.services.session_recorder import recover_interrupted

    for line in recover_interrupted(services.history):
        print(f"hamtimer: {line}", file=sys.stderr)


def show_history(services: Services, export: Path | None) -> int:
    """`hamtimer history`: the sessions as a table, or every record exported to a file."""
    from hamtimer.terminal.formatting import history_table

    _prepare_history(services)
    store = services.history
    loaded = store.load()
    for message in loaded.messages:
        print(f"hamtimer: {message}", file=sys.stderr)
    if export is None:
        lines = history_table(loaded.entries) if loaded.entries else []
        print("\n".join(lines) or "No sessions yet: finished sessions appear here.")
        return EXIT_OK
    from hamtimer.services.history_export import export_history

    try:
        count = export_history(store.all_records(), export)
    except OSError as error:
        print(f"hamtimer: cannot write {export}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    print(f"Exported {count} sessions to {export}")
    return EXIT_OK


def change_history(services: Services, args: argparse.Namespace) -> int:
    """`hamtimer history edit|delete|restore ID`: one line saying what was done, or why not."""
    from hamtimer.services.history import ReadOnlyHistoryError, UnknownSessionError

    _prepare_history(services)
    try:
        print(_change_history(services, args))
    except UnknownSessionError as error:
        print(f"hamtimer: {error.args[0]} (`hamtimer history` lists the ids)", file=sys.stderr)
        return EXIT_INVALID
    except (OSError, ValueError, ReadOnlyHistoryError) as error:
        print(f"hamtimer: the history was not changed: {error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    return EXIT_OK


def _change_history(services: Services, args: argparse.Namespace) -> str:
    from dataclasses import replace

    store = services.history
    if args.history_action == "restore":
        record = store.restore(args.id)
        return f"Restored {_session_name(record)}."
    entry = store.find(args.id)
    if args.history_action == "delete":
        store.delete(entry.id)
        return f"Deleted {_session_name(entry)}; `hamtimer history restore {entry.id}` undoes it."
    changes = {key: getattr(args, key) for key in ("effort", "pain", "notes") if key in args}
    if not changes and args.not_training is None:
        raise ValueError("nothing to change: give --effort, --pain, --notes or --not-training")

    def change(record: SessionRecord) -> SessionRecord:
        log = replace(record.log, **changes)
        flag = record.not_training if args.not_training is None else args.not_training
        return replace(record, log=log, not_training=flag)

    edited = store.update(entry.id, change)
    marked = " (not training)" if edited.not_training else ""
    log = edited.log
    return (
        f"Edited {_session_name(edited)}{marked}: effort {_or_dash(log.effort)},"
        f" pain {_or_dash(log.pain)}, notes {log.notes!r}."
    )


def _session_name(session: HistoryEntry | SessionRecord) -> str:
    return f"{session.template_name}, {session.started.astimezone():%a %d %b %Y %H:%M}"


def _or_dash(value: int | None) -> str:
    return "-" if value is None else str(value)


def run_window(
    settings: SettingsStore,
    open_services: Callable[[], Services],
    *,
    app_icon: Path | None = None,
    report_first_frame: Path | None = None,
    start_session: str | None = None,
) -> int:
    """The window: drawn first from `settings`, then `open_services()` builds the rest.
    `start_session` ("today", from a reminder's Start): it opens on today's planned session,
    or on Train saying why nothing started."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_ENVIRONMENT
    try:
        from hamtimer.ui.application import run_application
    except ImportError as error:
        print(
            f"hamtimer: Qt could not load ({error}); run `make run` to install what it needs",
            file=sys.stderr,
        )
        return EXIT_ENVIRONMENT
    return run_application(
        settings,
        open_services,
        app_icon=app_icon,
        report_first_frame=report_first_frame,
        start_session=start_session,
        exit_when_services_fail=EXIT_ENVIRONMENT,
    )


def _voice_commands_text(listening: bool) -> str:
    from hamtimer.services.voice_commands import voice_commands_unavailable

    reason = voice_commands_unavailable()
    if reason is not None:
        return f"unavailable ({reason.rstrip('.')})"
    return "available, on" if listening else "available, off (Listen for commands, or --listen)"


def doctor(services: Services) -> int:
    """What works on this machine: display, speech engine, audio output, settings."""
    import threading

    from PySide6.QtCore import QCoreApplication

    from hamtimer.qt.audio import audio_problem
    from hamtimer.services.speech.renderer import (
        PhraseRenderer,
        RendererState,
        default_engine_key,
    )
    from hamtimer.ui.application import route_qt_messages

    route_qt_messages()
    paths = services.paths
    _app = QCoreApplication.instance() or QCoreApplication([])
    settings, settings_problem = services.settings.load()
    decided = threading.Event()
    renderer = PhraseRenderer(
        paths.speech_cache_dir,
        engine_key=default_engine_key(),
        voice=settings.voice,
        rate=settings.rate,
        on_status=lambda status: decided.set(),
    )
    decided.wait(30)
    status = renderer.status
    renderer.close()
    lines = [
        f"display: {display_problem() or 'available'}",
        f"speech engine: {status.engine} ({len(status.voices)} voices)"
        if status.state == RendererState.READY
        else f"speech engine: none ({status.reason or 'did not start'}); captions only",
        f"audio output (window): {_window_player_text(audio_problem)}",
        f"audio output (hamtimer run): {_terminal_player_text()}",
        f"fallback voice (Qt speech): {_qt_speech_engines_text()}",
        f"voice commands: {_voice_commands_text(settings.listen_for_commands)}",
        f"settings: {settings_problem or paths.settings_file}",
        f"speech cache: {paths.speech_cache_dir}",
    ]
    print("\n".join(lines))
    return EXIT_OK if status.state == RendererState.READY else EXIT_ENVIRONMENT


def _window_player_text(qt_problem: Callable[[], str | None]) -> str:
    from hamtimer.services.speech.stream_audio import stream_problem

    problem = stream_problem()
    if problem is None:
        return "in-process stream (PortAudio), open while a session needs it"
    return f"Qt Multimedia: {qt_problem() or 'available'} (the in-process stream: {problem})"


def _terminal_player_text() -> str:
    from hamtimer.services.speech.command_audio import command_audio_problem, find_player
    from hamtimer.services.speech.stream_audio import NoOutputStreamError, StreamAudioPlayer

    try:
        stream = StreamAudioPlayer.open()
    except NoOutputStreamError as error:
        player = find_player()
        fallback = player.name if player is not None else str(command_audio_problem(player))
        return f"{fallback} (the in-process stream did not open: {error})"
    stream.close()
    return f"in-process stream ({stream.backend})"


def _qt_speech_engines_text() -> str:
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as error:
        return f"cannot load ({error})"
    engines = [name for name in QTextToSpeech.availableEngines() if name != "mock"]
    return ", ".join(engines) if engines else "no engines installed"


def _report_unusable(reference: str, error: Exception) -> int:
    _print_problems(reference, error)
    return EXIT_INVALID


def _print_problems(source: str, error: Exception, stream: TextIO = sys.stderr) -> None:
    from hamtimer.core.validation import TemplateError

    if isinstance(error, TemplateError):
        for problem in error.problems:
            print(f"{source}: {problem}", file=stream)
    else:
        print(f"{source}: {error}", file=stream)


# -- plans over weeks ---------------------------------------------------------------------


def plan(services: Services, args: argparse.Namespace) -> int:
    """`hamtimer plan [--program ID --start DATE --hard-days mon,wed --long-run sat --race
    DATE]`: save what is given (the rest kept from the saved plan), then show the week."""
    from hamtimer.services.programs import PlanFileError, PlanStore, UnknownProgramError

    store = PlanStore(services.paths.plan_file)
    try:
        if _plan_options_given(args):
            chosen = _new_plan(store.load(), program_list(services), args, date.today())
            store.save(chosen)
            print(f"Saved: {chosen.program} from {chosen.start:%a %d %b %Y}.")
    except (PlanFileError, UnknownProgramError, ValueError) as error:
        print(f"hamtimer: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(f"hamtimer: the plan was not saved: {error.strerror or error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    if args.export is not None:
        return export_plan(services, args.export, args.replace)
    return _show_plan(services, today_only=False)


def export_plan(services: Services, path: Path, replace_other: bool = False) -> int:
    """`hamtimer plan --export FILE`: the planned sessions, today to the program's end, as an
    .ics file; importing a later export updates the same events."""
    from datetime import datetime

    from hamtimer.services.calendar_export import (
        NotAnExportError,
        saved_plan_export,
        write_calendar,
    )
    from hamtimer.services.programs import PlanFileError, UnknownProgramError

    _prepare_history(services)
    templates = {item.template.id: item.template for item in template_library(services)}
    at = services.settings.reminders().at
    entries = services.history.load().entries
    try:
        exported = saved_plan_export(
            services.paths.plan_file,
            program_list(services),
            entries,
            templates,
            at,
            datetime.now().astimezone(),
        )
        if exported is None:
            raise LookupError("no plan chosen yet: pick one with `hamtimer plan --program ID`")
    except (PlanFileError, UnknownProgramError, LookupError) as error:
        print(f"hamtimer: {error}", file=sys.stderr)
        return EXIT_INVALID
    program, export = exported
    try:
        write_calendar(path, export.text, replace_other)
    except NotAnExportError as error:
        print(f"hamtimer: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(f"hamtimer: cannot write {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    print(
        f"Wrote {export.sessions} sessions of {program.name} to {path}, each at {at:%H:%M}."
        " Import it into your calendar; importing a later export updates the same events."
    )
    return EXIT_OK


def today(services: Services) -> int:
    """`hamtimer today`: today's session and why, or a rest day and what comes next."""
    return _show_plan(services, today_only=True)


def program_list(services: Services) -> list[Program]:
    """Built-in programs and the user's; a user file that fails is reported, not fatal."""
    from hamtimer.services.programs import program_library

    library = program_library(services.paths.user_programs_dir)
    for path, error in library.broken:
        print(f"hamtimer: {path} not loaded: {error.problems[0]}", file=sys.stderr)
    return library.programs


PLAN_OPTIONS = ("program", "start", "ics", "hard_days", "long_run", "race")
"""The options that change the saved plan (--export only writes it out)."""


def _plan_options_given(args: argparse.Namespace) -> bool:
    return any(getattr(args, name) is not None for name in PLAN_OPTIONS)


def _new_plan(
    saved: PlanChoice | None, programs: list[Program], args: argparse.Namespace, today: date
) -> PlanChoice:
    """The saved plan with the options given laid over it; ValueError says what is wrong."""
    from hamtimer.core.scheduling import RunningWeek
    from hamtimer.services.programs import PlanChoice, find_program

    if saved is None and args.program is None:
        raise ValueError("choose a program first: `hamtimer plan --program ID`")
    program = find_program(args.program or (saved.program if saved else ""), programs)
    running = _running_week(saved.running if saved else RunningWeek(), args, today)
    start = saved.start if saved is not None and args.program is None else today
    if args.start is not None:
        start = _iso_date(args.start, "--start")
    return PlanChoice(program.id, start, running)


def _running_week(running: RunningWeek, args: argparse.Namespace, today: date) -> RunningWeek:
    """`running` changed by --ics, then by the day and race options (they have the last word)."""
    from dataclasses import replace

    from hamtimer.core.scheduling import parse_days

    if args.ics is not None:
        running = _calendar_running_week(args.ics, today)
    if args.hard_days is not None:
        running = replace(running, hard_days=parse_days(args.hard_days))
    if args.long_run is not None:
        running = replace(running, long_run=_one_weekday(args.long_run))
    if args.race is not None:
        running = replace(running, race=_race_date(args.race, today))
    return running


def _calendar_running_week(path: Path, today: date) -> RunningWeek:
    """The running week read from an .ics export, and the titles it was read from (by kind)
    so the user can see what was taken for hard and correct it with the options."""
    from hamtimer.core.running_calendar import classified_titles, describe
    from hamtimer.services.calendar_import import read_calendar_file

    read = read_calendar_file(path, today)
    running = read.running_week(today)
    print(f"From {path}: {describe(running)}.")
    for kind, titles in classified_titles(read.events, today).items():
        shown = ", ".join(titles[:MAX_TITLES_SHOWN])
        more = (
            f" and {len(titles) - MAX_TITLES_SHOWN} more" if len(titles) > MAX_TITLES_SHOWN else ""
        )
        print(f"  read as {kind}: {shown}{more}")
    if read.left_out:
        print(f"  {read.left_out} event(s) left out: their dates or repeats could not be read")
    print("  (wrong? --hard-days, --long-run and --race given with --ics have the last word)")
    return running


MAX_TITLES_SHOWN = 5


def _one_weekday(text: str) -> int | None:
    """A day name, or 'none' for no long run."""
    from hamtimer.core.scheduling import parse_days

    if text.lower() == "none":
        return None
    days = parse_days(text)
    if len(days) != 1:
        raise ValueError(f"--long-run takes one day, not '{text}'")
    return next(iter(days))


def _iso_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{option} '{text}' is not a date like 2027-03-01") from None


def _race_date(text: str, today: date) -> date | None:
    if text.lower() == "none":
        return None
    race = _iso_date(text, "--race")
    if race < today:
        raise ValueError(f"the race date {race.isoformat()} is in the past")
    return race


def _show_plan(services: Services, today_only: bool) -> int:
    from hamtimer.services.programs import (
        PlanFileError,
        PlanStore,
        UnknownProgramError,
        current_plan,
    )
    from hamtimer.terminal.plan_text import NO_PLAN, today_lines, week_lines

    _prepare_history(services)
    entries = services.history.load().entries
    try:
        programs = program_list(services)
        current = current_plan(PlanStore(services.paths.plan_file), programs, entries, date.today())
    except (PlanFileError, UnknownProgramError) as error:
        print(f"hamtimer: {error}", file=sys.stderr)
        return EXIT_INVALID
    if current is None:
        print(NO_PLAN.format(programs=", ".join(p.id for p in programs)))
        return EXIT_OK
    templates = {item.template.id: item.template for item in template_library(services)}
    lines = (today_lines if today_only else week_lines)(current, templates)
    print("\n".join(lines))
    return EXIT_OK


# -- reminders ------------------------------------------------------------------------------


REMINDER_STATE_NAME = "reminders.json"


def remind(services: Services, args: argparse.Namespace) -> int:
    """`hamtimer remind --on/--off/--at`: the setting and what starts the reminders;
    `hamtimer remind [--once]`: the window-less reminder process itself."""
    from hamtimer.services.reminders import reminders_unavailable

    unavailable = reminders_unavailable()
    if unavailable is not None:
        print(f"hamtimer: {unavailable}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    if args.on or args.off or args.at is not None:
        return _switch_reminders(services, args)
    return _run_reminders(services, args)


def _switch_reminders(services: Services, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from hamtimer.services.reminders import (
        ReminderFiles,
        apply_reminder_files,
        systemctl_available,
        xdg_config_home,
    )
    from hamtimer.services.settings import parse_reminder_time

    saved = services.settings.reminders()
    try:
        at = parse_reminder_time(args.at) if args.at is not None else saved.at
    except ValueError as error:
        print(f"hamtimer: --at {error}", file=sys.stderr)
        return EXIT_INVALID
    files = ReminderFiles(xdg_config_home())
    systemd = args.systemd or (not args.on and files.uses_systemd())
    if systemd and not systemctl_available():
        print(
            "hamtimer: systemctl is not available here; leave out --systemd to use the login"
            " autostart entry",
            file=sys.stderr,
        )
        return EXIT_INVALID
    chosen = replace(saved, enabled=args.on or (saved.enabled and not args.off), at=at)
    try:
        services.settings.save_reminders(chosen)
        lines = apply_reminder_files(files, chosen, systemd)
    except OSError as error:
        print(f"hamtimer: reminders not changed: {error.strerror or error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    print("\n".join(lines))
    return EXIT_OK


def _run_reminders(services: Services, args: argparse.Namespace) -> int:
    import shlex
    from datetime import datetime

    from hamtimer.services.reminders import (
        Clock,
        ReminderLoop,
        ReminderState,
        ShiftedClock,
        SystemClock,
        desktop_notifier,
        run_command,
        start_today_command,
    )

    if not services.settings.reminders().enabled:
        print("Reminders are off: `hamtimer remind --on` switches them on.")
        return EXIT_OK
    clock: Clock = SystemClock()
    if args.pretend_now is not None:
        try:
            clock = ShiftedClock(datetime.fromisoformat(args.pretend_now))
        except ValueError:
            print(f"hamtimer: --pretend-now '{args.pretend_now}' is not a time", file=sys.stderr)
            return EXIT_INVALID
    command = shlex.split(args.start_command) if args.start_command else start_today_command()
    loop = ReminderLoop(
        clock=clock,
        settings=services.settings.reminders,
        todays_reminder=lambda day: _todays_reminder(services, day),
        notifier=desktop_notifier(),
        start=run_command(command),
        state=ReminderState(services.paths.state_dir / REMINDER_STATE_NAME),
        icon=str(services.paths.app_icon) if services.paths.app_icon.exists() else "",
    )
    loop.run(once=args.once)
    return EXIT_OK


def _todays_reminder(services: Services, day: date) -> Reminder | None:
    """Today's planned session as a notification; None on a rest day, a day already trained,
    or a day the coaching rules say to rest."""
    import logging

    from hamtimer.core.reminders import Reminder
    from hamtimer.services.programs import (
        PlanFileError,
        PlanStore,
        UnknownProgramError,
        current_plan,
    )
    from hamtimer.services.today import heading, session_text

    entries = services.history.load().entries
    try:
        current = current_plan(
            PlanStore(services.paths.plan_file), program_list(services), entries, day
        )
    except (PlanFileError, UnknownProgramError) as error:
        logging.getLogger(__name__).warning("no reminder: %s", error)
        return None
    if current is None or current.coached is None or current.coached.stop is not None:
        return None
    templates = {item.template.id: item.template for item in template_library(services)}
    what = session_text(current.coached.session, templates)
    why = f"{heading(current)}, {current.today_plan().reason}."
    return Reminder(f"Hamstring session today: {what}", f"{why}\nStart opens hamtimer on it.")
