"""The composition root: paths are resolved and every service is built here, once.

`build_services` makes the one `Services` object that a command hands to its frontend (the
window or `hamtimer run`); nothing re-enters this module while the app runs.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.services.logging_setup import configure_logging
from hamtimer.services.paths import AppPaths
from hamtimer.services.settings import SettingsStore

if TYPE_CHECKING:
    from hamtimer.core.engine import EventSink
    from hamtimer.services.app_services import Services


class EventLogError(OSError):
    """The --log-events file can't be opened; the message says why in one line."""


def configure(verbose: bool) -> AppPaths:
    """The user's folders, resolved here once for the whole run, and logging into them."""
    paths = AppPaths.for_user()
    warning = configure_logging(paths.log_file, verbose)
    if warning:
        print(warning, file=sys.stderr)
    return paths


def build_services(
    paths: AppPaths,
    stack: ExitStack,
    event_log: Path | None = None,
    settings: SettingsStore | None = None,
) -> Services:
    """Every service, built once. `stack` closes what must be closed when the command ends:
    the background thread (after its last write) and the event log. `settings`: the store
    the window already read its frame from (else one is made here)."""
    # Imported here, not above: the window draws its first frame before building these.
    from concurrent.futures import ThreadPoolExecutor

    from hamtimer.services.app_services import Services
    from hamtimer.services.history import HistoryStore
    from hamtimer.services.screen_awake import screen_awake_for_platform
    from hamtimer.services.template_choices import TemplateChoices
    from hamtimer.services.user_templates import TemplateLibrary, UserTemplates

    background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hamtimer-background")
    stack.callback(background.shutdown, wait=True)  # pending history writes finish
    background.submit(int)  # starts its thread now, not on the first step of a session
    if settings is None:
        settings = SettingsStore(paths.settings_file)
    history_folder = settings.history_folder() or paths.history_dir
    return Services(
        paths=paths,
        history=HistoryStore(history_folder, paths.history_local_dir),
        templates=TemplateLibrary(UserTemplates(paths.user_templates_dir)),
        choices=TemplateChoices(paths.template_choices_file),
        settings=settings,
        screen_awake=screen_awake_for_platform(),
        background=background,
        event_log=_open_event_log(stack, event_log),
        mpris_bus="SESSION" if sys.platform.startswith("linux") else None,
    )


def _open_event_log(stack: ExitStack, path: Path | None) -> EventSink | None:
    if path is None:
        return None
    from hamtimer.services.event_log import EventLog  # the engine's events: only when asked

    try:
        return stack.enter_context(EventLog(path)).write
    except OSError as error:
        raise EventLogError(f"cannot write events to {path}: {error.strerror}") from error
