"""Command line: `hamtimer` opens the window; subcommands work in the terminal.

Parsing and dispatch only: the services are built once in app.py, the commands run in
commands.py.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer import __version__, app, commands
from hamtimer.services.logging_setup import FILE_ONLY
from hamtimer.services.paths import AppPaths
from hamtimer.services.settings import SettingsStore
from hamtimer.terminal.safe_output import quiet_closed_stdout, safe_streams

if TYPE_CHECKING:
    from hamtimer.services.app_services import Services

DESCRIPTION = (
    "A hands-free hold and interval timer for hamstring strength sessions. "
    "With no command, opens the window."
)
EPILOG = """examples:
  hamtimer                              open the window
  hamtimer templates                    list the built-in session templates
  hamtimer show isometric-bridge-hold   every step, side, set and cue of a template
  hamtimer validate my-session.json     check a template file (or a template id)
  hamtimer doctor                       what works here: speech engine, audio output
  hamtimer history                      finished sessions, newest first
  hamtimer history --export all.csv     every session to CSV (or JSON for other names)
  hamtimer history edit 3f2a --effort 6 --notes "left weaker"
  hamtimer history edit 3f2a --not-training   leave a session out of charts and coaching
  hamtimer history delete 3f2a          to the trash (hamtimer history restore 3f2a undoes)
  hamtimer run isometric-bridge-hold    run a session in the terminal, spoken and captioned
  hamtimer plan --program isometric-base --hard-days tue,thu --long-run sat
                                        follow a program around your running week
  hamtimer today                        today's session and why, or a rest day
  hamtimer run today                    run today's session at this week's targets
  hamtimer plan --export plan.ics       the planned sessions for a calendar app
  hamtimer remind --on --at 18:00       a desktop notification on planned days (Linux)
"""


def build_parser() -> argparse.ArgumentParser:
    """The command line (`hamtimer` alone does without it: `window_arguments`)."""
    parser = argparse.ArgumentParser(
        prog="hamtimer",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"hamtimer {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    parser.add_argument(
        "--log-events",
        metavar="PATH",
        type=Path,
        help="append every step and cue, planned vs actual time, as JSON Lines to PATH",
    )
    parser.add_argument(
        "--start",
        dest="start_session",
        metavar="today",
        choices=["today"],
        help="open the window on today's planned session (what a reminder's Start runs)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("templates", help="list templates: id, name, duration, level, source")
    commands.add_parser("doctor", help="check the display, speech engine and audio output")
    history = commands.add_parser("history", help="finished sessions, newest first")
    history.add_argument(
        "--export",
        metavar="FILE",
        type=Path,
        help="write every session to FILE: JSON (importable), or CSV when FILE ends in .csv",
    )
    _add_history_actions(history)
    show = commands.add_parser("show", help="print a template's compiled timeline")
    show.add_argument("template", metavar="TEMPLATE", help="template id or .json file")
    validate = commands.add_parser(
        "validate",
        help="check template files or ids; exit 0 when all are valid, 1 otherwise",
    )
    validate.add_argument("files", metavar="FILE_OR_ID", nargs="+")
    _add_plan_commands(commands)
    run = commands.add_parser("run", help="run a session in the terminal, in real time")
    run.add_argument(
        "template", metavar="TEMPLATE|FILE", help="template id or .json file, or 'today'"
    )
    run.add_argument(
        "--log-events",
        dest="run_log_events",
        metavar="PATH",
        type=Path,
        help="append every step and cue, planned vs actual time, as JSON Lines to PATH",
    )
    run.add_argument(
        "--no-keys", action="store_true", help="ignore the keyboard even on a terminal"
    )
    run.add_argument("--silent", action="store_true", help="no voice and no sounds: captions only")
    run.add_argument(
        "--listen",
        action="store_true",
        help='voice commands: "timer pause", "timer resume", "timer next", "timer back",'
        ' "timer done", "timer stop" (offline; also the setting "Listen for commands")',
    )
    run.add_argument(
        "--keep-speakers-awake",
        action="store_true",
        help="play an inaudible tone between phrases, so Bluetooth speakers that sleep on"
        " silence don't clip a first word (also a setting)",
    )
    return parser


def _add_plan_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`hamtimer plan` (choose a program, show the week) and `hamtimer today`."""
    plan = commands.add_parser(
        "plan", help="follow a program over weeks: choose it, say your running week, see it"
    )
    plan.add_argument("--program", metavar="ID", help="a built-in program (starts it afresh)")
    plan.add_argument("--start", metavar="DATE", help="its first week's date (default today)")
    plan.add_argument(
        "--ics",
        metavar="FILE",
        type=Path,
        help="read hard days, long run and race from a calendar export (the options win)",
    )
    plan.add_argument(
        "--hard-days", metavar="DAYS", help="days of hard runs: mon,wed ('' for none)"
    )
    plan.add_argument("--long-run", metavar="DAY", help="the long run's day, or none")
    plan.add_argument("--race", metavar="DATE", help="a race date (2027-03-01), or none")
    plan.add_argument(
        "--export",
        metavar="FILE",
        type=Path,
        help="write the planned sessions to FILE.ics for a calendar app (again: same events)",
    )
    plan.add_argument(
        "--replace", action="store_true", help="let --export overwrite a file it did not write"
    )
    commands.add_parser("today", help="today's strength session and why, or a rest day")
    _add_remind_command(commands)


def _add_remind_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`hamtimer remind`: switch reminders on or off, or run the window-less reminder."""
    remind = commands.add_parser(
        "remind",
        help="desktop reminders on planned days (Linux): --on/--off, or run the reminder",
    )
    switch = remind.add_mutually_exclusive_group()
    switch.add_argument(
        "--on", action="store_true", help="remind on planned days (starts at each login)"
    )
    switch.add_argument("--off", action="store_true", help="no more reminders")
    remind.add_argument("--at", metavar="HH:MM", help="the reminder time (default 18:00)")
    remind.add_argument(
        "--systemd",
        action="store_true",
        help="with --on: a systemd user timer instead of the login autostart entry",
    )
    remind.add_argument(
        "--once", action="store_true", help="remind now if it is due, then exit (the timer's way)"
    )
    remind.add_argument(
        "--start-command",
        metavar="COMMAND",
        help="what the reminder's Start runs (default: hamtimer --start today)",
    )
    # Tests (and trying a reminder out): the clock starts at this moment and runs on.
    remind.add_argument("--pretend-now", metavar="ISO-TIME", help=argparse.SUPPRESS)


def _score(text: str) -> int | None:
    """0 to 10, or "none" to clear it."""
    if text.lower() == "none":
        return None
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is not from 0 to 10")
    return value


def _add_history_actions(history: argparse.ArgumentParser) -> None:
    """`hamtimer history edit|delete|restore ID`: correct the record from the terminal."""
    actions = history.add_subparsers(dest="history_action", metavar="ACTION")
    edit = actions.add_parser("edit", help="change a session's effort, pain, notes or training")
    edit.add_argument("id", metavar="ID", help="the session's id (the ID column), or its start")
    # SUPPRESS: an option not given is absent, so "none" (clear it) and "leave it" differ.
    keep = argparse.SUPPRESS
    edit.add_argument(
        "--effort", type=_score, default=keep, metavar="0-10", help="effort (RPE); none clears"
    )
    edit.add_argument(
        "--pain", type=_score, default=keep, metavar="0-10", help="hamstring pain; none clears"
    )
    edit.add_argument("--notes", default=keep, help="the session's notes (replaces them)")
    training = edit.add_mutually_exclusive_group()
    training.add_argument(
        "--not-training",
        dest="not_training",
        action="store_const",
        const=True,
        help="not a training session: left out of charts and coaching",
    )
    training.add_argument(
        "--training", dest="not_training", action="store_const", const=False,
        help="count it as training again",
    )  # fmt: skip
    delete = actions.add_parser("delete", help="move a session to the history's trash")
    delete.add_argument("id", metavar="ID")
    restore = actions.add_parser("restore", help="bring a deleted session back")
    restore.add_argument("id", metavar="ID", help="the deleted session's full id")


REPORT_FIRST_FRAME_ENV = "HAMTIMER_REPORT_FIRST_FRAME"
"""Opt-in, for the start-up benchmarks: the window writes its first frame's monotonic time to
the file this names."""


def window_arguments() -> argparse.Namespace:
    """What `build_parser` makes of no arguments at all: `hamtimer` alone, the window. The
    parser is not built for it: argparse's messages look up their translations on disk, 3 ms
    of the window's first frame (a test keeps the two the same)."""
    return argparse.Namespace(command=None, verbose=False, log_events=None, start_session=None)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser().parse_args(arguments) if arguments else window_arguments()
    with safe_streams():  # user text never drives the terminal, whichever command prints it
        return _main(args)


def _main(args: argparse.Namespace) -> int:
    paths = app.configure(verbose=args.verbose)
    try:
        with ExitStack() as stack:
            if args.command is None:
                return _open_window(args, paths, stack)
            services = app.build_services(paths, stack, _event_log(args))
            return _dispatch(args, services)
    except app.EventLogError as error:
        print(f"hamtimer: {error}", file=sys.stderr)
        return commands.EXIT_ENVIRONMENT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `hamtimer show x | head`: the reader has what it wanted; that is not an error.
        quiet_closed_stdout()
        return commands.EXIT_OK
    except Exception as error:
        # Anything unforeseen: the traceback goes to the log file only (stderr too with -v),
        # and the user reads one line.
        logging.getLogger("hamtimer").error("unexpected error", exc_info=True, extra=FILE_ONLY)
        print(f"hamtimer: unexpected error: {error} (details in the log file)", file=sys.stderr)
        return 1


def _event_log(args: argparse.Namespace) -> Path | None:
    """--log-events before or after `run`; only sessions have events to log."""
    chosen: Path | None = args.log_events
    if args.command == "run":
        chosen = args.run_log_events or chosen
    return chosen if args.command in ("run", None) else None


def _dispatch(args: argparse.Namespace, services: Services) -> int:
    if args.command == "templates":
        return commands.list_templates(services)
    if args.command == "doctor":
        return commands.doctor(services)
    if args.command == "history" and args.history_action is not None:
        return commands.change_history(services, args)
    if args.command == "history":
        return commands.show_history(services, args.export)
    if args.command == "show":
        return commands.show_template(services, args.template)
    if args.command == "plan":
        return commands.plan(services, args)
    if args.command == "today":
        return commands.today(services)
    if args.command == "remind":
        return commands.remind(services, args)
    if args.command == "validate":
        return commands.validate(services, args.files)
    if args.command == "run":
        return commands.run_in_terminal(
            services,
            args.template,
            use_keys=not args.no_keys,
            speak=not args.silent,
            listen=args.listen,
            keep_speakers_awake=args.keep_speakers_awake,
        )
    raise AssertionError(f"no handler for {args.command!r}")  # the parser allows no other


def _open_window(args: argparse.Namespace, paths: AppPaths, stack: ExitStack) -> int:
    """The window: its frame is drawn from the settings alone, and the services (the history,
    the templates) are built just after it, so the window appears sooner."""
    settings = SettingsStore(paths.settings_file)
    event_log = _event_log(args)
    report = os.environ.get(REPORT_FIRST_FRAME_ENV)
    return commands.run_window(
        settings,
        lambda: app.build_services(paths, stack, event_log, settings),
        app_icon=paths.app_icon,
        report_first_frame=Path(report) if report else None,
        start_session=args.start_session,
    )


if __name__ == "__main__":
    sys.exit(main())
