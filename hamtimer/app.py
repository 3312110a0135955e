"""The one wiring place: paths are resolved, services built and frontends started here."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hamtimer.services.display import display_problem
from hamtimer.services.logging_setup import configure_logging
from hamtimer.services.paths import AppPaths
from hamtimer.services.screen_awake import screen_awake_for_platform
from hamtimer.services.settings import VoiceSettings, load_settings, save_settings

# The window path imports only what it needs before its first frame; the engine, the plan,
# the templates and the event log are imported by the functions that use them.
if TYPE_CHECKING:
    from hamtimer.core.engine import EngineEvent, EventSink, SessionEngine
    from hamtimer.core.history import QuickLog, SessionRecord
    from hamtimer.core.model import Template
    from hamtimer.core.plan import Plan, SpeechLength
    from hamtimer.services.session_recorder import SessionRecorder
    from hamtimer.services.speech.cue_voice import AudioOut, CueVoice, LiveSpeech
    from hamtimer.services.speech.renderer import RenderedPhrase, RendererStatus
    from hamtimer.services.template_choices import TemplateChoices
    from hamtimer.services.templates import LoadedTemplate
    from hamtimer.services.user_templates import TemplateLibrary
    from hamtimer.ui.qt_runner import SessionRunner
    from hamtimer.ui.voice_bridge import VoiceBridge

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_ENVIRONMENT = 2

PRE_RENDER_WAIT_S = 10.0
"""`hamtimer run` waits this long at most for its phrases before the session starts."""


def configure(verbose: bool) -> None:
    warning = configure_logging(AppPaths.for_user().log_file, verbose)
    if warning:
        print(warning, file=sys.stderr)


def library_service(paths: AppPaths | None = None) -> TemplateLibrary:
    from hamtimer.services.user_templates import TemplateLibrary, UserTemplates

    return TemplateLibrary(UserTemplates((paths or AppPaths.for_user()).user_templates_dir))


def window_templates(paths: AppPaths) -> tuple[TemplateLibrary, TemplateChoices]:
    from hamtimer.services.template_choices import TemplateChoices

    return library_service(paths), TemplateChoices(paths.template_choices_file)


def template_library() -> list[LoadedTemplate]:
    """Built-ins and the user's templates; a user file that fails is reported, not fatal."""
    loaded = library_service().load()
    for broken in loaded.broken:
        print(f"hamtimer: {broken.path} not loaded: {broken.summary()}", file=sys.stderr)
    return loaded.templates


def list_templates() -> int:
    from hamtimer.core.plan import compile_plan

    rows = [(item.template, compile_plan(item.template)) for item in template_library()]
    from hamtimer.terminal.formatting import template_table

    print("\n".join(template_table(rows)))
    return EXIT_OK


def show_template(reference: str) -> int:
    from hamtimer.core.plan import PlanTooLongError, compile_plan
    from hamtimer.core.validation import TemplateError
    from hamtimer.services.templates import TemplateNotFoundError, find_template

    try:
        template = find_template(reference, template_library())
        plan = compile_plan(template)
    except (TemplateError, TemplateNotFoundError, PlanTooLongError) as error:
        return _report_unusable(reference, error)
    from hamtimer.core.timeline_text import plan_lines

    print("\n".join(plan_lines(template, plan)))
    return EXIT_OK


def validate_files(files: Sequence[Path]) -> int:
    """One line per problem: file, JSON path, what is wrong and what is allowed (the editor
    shows the same lines: both come from `core.template_check`)."""
    from hamtimer.core.validation import TemplateError
    from hamtimer.services.templates import read_template_file

    status = EXIT_OK
    for path in files:
        try:
            read_template_file(path)
        except TemplateError as error:
            status = EXIT_INVALID
            _print_problems(str(path), error, sys.stdout)
        else:
            print(f"{path}: OK")
    return status


def run_in_terminal(
    reference: str, log_path: Path | None, use_keys: bool, speak: bool = True
) -> int:
    from hamtimer.core.engine import SessionEngine
    from hamtimer.core.plan import PlanTooLongError, compile_plan
    from hamtimer.core.validation import TemplateError
    from hamtimer.services.templates import TemplateNotFoundError, find_template

    try:
        template = _as_chosen(find_template(reference, template_library()))
        plan = compile_plan(template)
    except (TemplateError, TemplateNotFoundError, PlanTooLongError) as error:
        return _report_unusable(reference, error)
    with ExitStack() as stack:
        sinks = _event_sinks(stack, log_path)
        if sinks is None:
            return EXIT_ENVIRONMENT
        if speak:
            voice = terminal_voice(stack, AppPaths.for_user())
            plan = prepare_voice(voice, template, PRE_RENDER_WAIT_S)
            print(voice.status_text())
            sinks = (*sinks, _voice_sink(voice, plan))
        from hamtimer.terminal.session_runner import run_in_terminal as run_session

        paths = AppPaths.for_user()
        for line in recover_interrupted(paths):
            print(line)
        engine = SessionEngine(plan)
        run_session(engine, (*sinks, _recorder(paths, engine).on_event), use_keys)
    return EXIT_OK


def _as_chosen(template: Template) -> Template:
    """The template with the user's quick-adjust choices (made in the window) applied."""
    from hamtimer.core.template_choice import apply_choice, choice_text
    from hamtimer.services.template_choices import TemplateChoices

    choices = TemplateChoices(AppPaths.for_user().template_choices_file)
    if choices.problem:
        print(f"hamtimer: {choices.problem}", file=sys.stderr)
    choice = choices.get(template.id)
    if not choice.is_default:
        print(f"Adjusted: {choice_text(template, choice)} (change it on the Train page)")
    return apply_choice(template, choice)


def show_history(export: Path | None) -> int:
    """`hamtimer history`: the sessions as a table, or every record exported to a file."""
    from hamtimer.services.history_store import HistoryStore
    from hamtimer.terminal.formatting import history_table

    store = HistoryStore(AppPaths.for_user().history_dir)
    loaded = store.load()
    for message in loaded.messages:
        print(f"hamtimer: {message}", file=sys.stderr)
    if export is None:
        if not loaded.entries:
            print("No sessions yet: finished sessions appear here.")
        for line in history_table(loaded.entries):
            print(line)
        return EXIT_OK
    from hamtimer.services.history_export import export_history

    try:
        count = export_history(store.all_records(), export)
    except OSError as error:
        print(f"hamtimer: cannot write {export}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    print(f"Exported {count} sessions to {export}")
    return EXIT_OK


def recover_interrupted(paths: AppPaths) -> list[str]:
    """Sessions cut off last time (a crash, a kill, a power cut), saved as interrupted:
    one line each to tell the user, and one per journal that could not be used."""
    from hamtimer.services.history_store import HistoryStore, ReadOnlyHistoryError

    try:
        recovered, messages = HistoryStore(paths.history_dir).recover_interrupted()
    except (OSError, ValueError, ReadOnlyHistoryError) as error:
        log.warning("interrupted sessions not recovered: %s", error)
        return []
    lines = [
        f"Saved an interrupted session: {r.template_name}, {r.started.astimezone():%a %d %b %H:%M}"
        for r in recovered
    ]
    for line in [*lines, *messages]:
        log.warning("%s", line)
    return [*lines, *messages]


def _save_quick_log(
    paths: AppPaths, saved: SessionRecord | None, quick_log: QuickLog
) -> str | None:
    """Add the after-session log to the saved session; why not, if it could not be."""
    from hamtimer.core.history import entry_of
    from hamtimer.services.history_store import HistoryStore, ReadOnlyHistoryError

    if saved is None:
        return "The session was not saved, so its log can't be (see the log file)."
    try:
        HistoryStore(paths.history_dir).set_quick_log(entry_of(saved), quick_log)
    except (OSError, ValueError, ReadOnlyHistoryError) as error:
        log.warning("quick log not saved: %s", error)
        return f"The log could not be saved ({error})."
    return None


def _recorder(paths: AppPaths, engine: SessionEngine) -> SessionRecorder:
    from hamtimer.services.history_store import HistoryStore
    from hamtimer.services.session_recorder import SessionRecorder

    return SessionRecorder(HistoryStore(paths.history_dir), engine)


def terminal_voice(stack: ExitStack, paths: AppPaths) -> CueVoice:
    """The speech service for `hamtimer run`: pyttsx3 in a child process, a command player."""
    from hamtimer.services.speech.command_audio import (
        CommandAudioPlayer,
        command_audio_problem,
        find_player,
    )

    player = find_player()
    voice = _build_voice(
        paths, CommandAudioPlayer(player), command_audio_problem(player), on_rendered=None
    )
    stack.callback(voice.close)
    return voice


def prepare_voice(voice: CueVoice, template: Template, wait_s: float) -> Plan:
    """Render the template's phrases (up to `wait_s`, before the session starts), then
    compile its plan with their measured lengths so no phrase runs into the next."""
    from hamtimer.core.plan import compile_plan

    plan = compile_plan(template, voice.speech_length)
    voice.prepare(plan)
    deadline = time.monotonic() + wait_s
    while not voice.is_prepared(plan) and time.monotonic() < deadline:
        time.sleep(0.05)
    return compile_plan(template, voice.speech_length)


def _voice_sink(voice: CueVoice, plan: Plan) -> EventSink:
    def speak(event: EngineEvent, _actual: float) -> None:
        voice.on_event(event, plan)

    return speak


def run_window(log_path: Path | None) -> int:
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
    with ExitStack() as stack:
        sinks = _event_sinks(stack, log_path)
        if sinks is None:
            return EXIT_ENVIRONMENT

        paths = AppPaths.for_user()

        recorders: list[SessionRecorder] = []

        def make_runner(template: Template, lengths: SpeechLength) -> SessionRunner:
            from hamtimer.core.engine import SessionEngine
            from hamtimer.core.plan import compile_plan
            from hamtimer.ui.qt_runner import SessionRunner

            engine = SessionEngine(compile_plan(template, lengths), clock=time.monotonic)
            recorders[:] = [_recorder(paths, engine)]
            return SessionRunner(engine, time.monotonic, (*sinks, recorders[0].on_event))

        def save_quick_log(quick_log: QuickLog) -> str | None:
            return _save_quick_log(paths, recorders[0].saved if recorders else None, quick_log)

        from hamtimer.services.history_store import HistoryStore

        return run_application(
            lambda: window_templates(paths),
            make_runner,
            screen_awake_for_platform(),
            lambda bridge: window_voice(paths, bridge),
            save_quick_log,
            HistoryStore(paths.history_dir),
            lambda: recover_interrupted(paths),
            paths.app_icon,
        )


def doctor() -> int:
    """What works on this machine: display, speech engine, audio output, settings."""
    import threading

    from PySide6.QtCore import QCoreApplication

    from hamtimer.services.speech.qt_audio import audio_problem
    from hamtimer.services.speech.renderer import (
        PhraseRenderer,
        RendererState,
        default_engine_key,
    )
    from hamtimer.ui.application import route_qt_messages

    route_qt_messages()
    paths = AppPaths.for_user()
    _app = QCoreApplication.instance() or QCoreApplication([])
    settings, settings_problem = load_settings(paths.settings_file)
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
        f"audio output (window): {audio_problem() or 'available'}",
        f"audio output (hamtimer run): {_terminal_player_text()}",
        f"fallback voice (Qt speech): {_qt_speech_engines_text()}",
        f"settings: {settings_problem or paths.settings_file}",
        f"speech cache: {paths.speech_cache_dir}",
    ]
    print("\n".join(lines))
    return EXIT_OK if status.state == RendererState.READY else EXIT_ENVIRONMENT


def _terminal_player_text() -> str:
    from hamtimer.services.speech.command_audio import command_audio_problem, find_player

    player = find_player()
    return player.name if player is not None else str(command_audio_problem(player))


def _qt_speech_engines_text() -> str:
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as error:
        return f"cannot load ({error})"
    engines = [name for name in QTextToSpeech.availableEngines() if name != "mock"]
    return ", ".join(engines) if engines else "no engines installed"


def window_voice(paths: AppPaths, bridge: VoiceBridge) -> CueVoice:
    """The speech service for the window: pyttsx3 in a child process, Qt Multimedia output.
    The renderer's news crosses to the GUI thread through `bridge`."""
    from hamtimer.services.speech.qt_audio import QtAudioPlayer, audio_problem
    from hamtimer.services.speech.qt_live_speech import QtLiveSpeech

    return _build_voice(
        paths,
        QtAudioPlayer(paths.playback_copies_dir),
        audio_problem(),
        on_rendered=bridge.rendered.emit,
        on_status=bridge.status_changed.emit,
        live_factory=lambda: QtLiveSpeech(on_status=lambda: bridge.status_changed.emit(None)),
    )


def _build_voice(
    paths: AppPaths,
    audio: AudioOut,
    problem: str | None,
    on_rendered: Callable[[RenderedPhrase], None] | None,
    on_status: Callable[[RendererStatus], None] = lambda _status: None,
    live_factory: Callable[[], LiveSpeech] | None = None,
) -> CueVoice:
    from hamtimer.core.announcements import Sound
    from hamtimer.services.speech.cue_voice import CueVoice
    from hamtimer.services.speech.renderer import PhraseRenderer, default_engine_key

    settings, settings_problem = load_settings(paths.settings_file)
    if settings_problem:
        log.warning("%s", settings_problem)
    voice: CueVoice | None = None

    def rendered(phrase: RenderedPhrase) -> None:
        # Without a GUI thread to hop to, the (thread-safe) player is called from here.
        if voice is not None:
            voice.on_rendered(phrase)

    def make_renderer(chosen: VoiceSettings) -> PhraseRenderer:
        return PhraseRenderer(
            paths.speech_cache_dir,
            engine_key=default_engine_key(),
            voice=chosen.voice,
            rate=chosen.rate,
            on_rendered=on_rendered or rendered,
            on_status=on_status,
        )

    voice = CueVoice(
        make_renderer(settings) if problem is None else None,
        audio,
        {sound: paths.sounds_dir / f"{sound.value}.wav" for sound in Sound},
        settings,
        audio_problem=problem,
        live_factory=live_factory,
        renderer_factory=make_renderer,
        save_settings=lambda chosen: save_settings(paths.settings_file, chosen),
    )
    return voice


def _event_sinks(stack: ExitStack, log_path: Path | None) -> tuple[EventSink, ...] | None:
    """The --log-events writer, closed with `stack`; None (after saying why) if it can't open."""
    from hamtimer.services.event_log import EventLog

    if log_path is None:
        return ()
    try:
        return (stack.enter_context(EventLog(log_path)).write,)
    except OSError as error:
        print(f"hamtimer: cannot write events to {log_path}: {error.strerror}", file=sys.stderr)
        return None


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
