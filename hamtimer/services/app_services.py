"""Everything a frontend needs, built once at start-up by app.py and handed down as one object.

Nothing here is created twice: the window and `hamtimer run` each get the one `Services`, and
a session (services.session.open_session) takes what it needs from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

# Names for the fields' types only: `hamtimer`'s window imports this module before its first
# frame, and builds what these name after it.
if TYPE_CHECKING:
    from concurrent.futures import Executor

    from hamtimer.core.engine import EventSink
    from hamtimer.services.history import HistoryStore
    from hamtimer.services.paths import AppPaths
    from hamtimer.services.screen_awake import ScreenAwake
    from hamtimer.services.settings import SettingsStore
    from hamtimer.services.speech.cue_voice import CueVoice
    from hamtimer.services.speech.voice_factory import VoiceOutput
    from hamtimer.services.template_choices import TemplateChoices
    from hamtimer.services.user_templates import TemplateLibrary


@dataclass(frozen=True, slots=True)
class Services:
    paths: AppPaths
    history: HistoryStore
    templates: TemplateLibrary
    """Built-in and user templates (parsed on `load()`, after the window's first frame)."""
    choices: TemplateChoices
    settings: SettingsStore
    screen_awake: ScreenAwake
    background: Executor
    """The one background thread, for what must stay off a session's timing path: every
    journal and history write and every call to the desktop (screen-awake), in order."""
    event_log: EventSink | None = None
    """The --log-events writer, when asked for."""
    mpris_bus: str | None = None
    """The D-Bus address ("SESSION": the user's) on which a running session is an MPRIS
    player; None: none (tests, Windows, macOS)."""

    def make_voice(self, output: VoiceOutput) -> CueVoice:
        """The cue voice, heard through `output` (each frontend brings its own)."""
        from hamtimer.services.speech.voice_factory import build_voice

        return build_voice(self.paths, self.settings, output)
