"""Templates as the user adjusted them, and their plans, each computed once.

Selecting a template shows its total, prepares the voice for its phrases and, on Start, runs
it: all three read the same compiled plan, so the total shown before a session is what the
engine runs. A template is adjusted (validated) once per choice and compiled once per set of
phrase lengths; when measured lengths arrive (`lengths_changed`) or the user's open-step
setting changes (`use_wait_for_done`) the plans are compiled again.

Keys are object identities (templates are loaded once and kept), with the object held so an
identity can't be reused while its entry lives.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Generic, TypeVar

from hamtimer.core.plan import Plan, SpeechLength, compile_plan, estimate_speech_s

if TYPE_CHECKING:
    from hamtimer.core.model import Template
    from hamtimer.core.template_choice import TemplateChoice

ENTRIES = 64
"""More than a library's templates: a cache this size never evicts while browsing."""

K = TypeVar("K")
V = TypeVar("V")


class _Recent(Generic[K, V]):
    """A small least-recently-used map."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()


class PlanBook:
    def __init__(self, speech_length: SpeechLength = estimate_speech_s) -> None:
        self._speech_length = speech_length
        self._wait_for_done = False
        self._adjusted: _Recent[tuple[int, str], tuple[Template, Template]] = _Recent(ENTRIES)
        self._plans: _Recent[int, tuple[Template, Plan]] = _Recent(ENTRIES)
        self.compiled = 0
        """How many plans were compiled (tests check that browsing compiles once)."""

    def adjusted(self, template: Template, choice: TemplateChoice) -> Template:
        """`template` as `choice` adjusts it (the same object for the same choice)."""
        from hamtimer.core.template_choice import apply_choice

        if choice.is_default:
            return template
        key = (id(template), _choice_key(choice))
        found = self._adjusted.get(key)
        if found is not None and found[0] is template:
            return found[1]
        result = apply_choice(template, choice)
        self._adjusted.put(key, (template, result))
        return result

    def plan(self, template: Template) -> Plan:
        """The plan a session of `template` runs, with the current phrase lengths.
        Raises PlanTooLongError as `compile_plan` does."""
        found = self._plans.get(id(template))
        if found is not None and found[0] is template:
            return found[1]
        plan = compile_plan(template, self._speech_length, wait_for_done=self._wait_for_done)
        self.compiled += 1
        self._plans.put(id(template), (template, plan))
        return plan

    def use_speech_length(self, speech_length: SpeechLength) -> None:
        """Phrase lengths from a voice (measured once rendered, estimated until then)."""
        self._speech_length = speech_length
        self._plans.clear()

    def use_wait_for_done(self, wait: bool) -> None:
        """The user's setting: open steps wait for Done (True) or move on by themselves."""
        if wait != self._wait_for_done:
            self._wait_for_done = wait
            self._plans.clear()

    def before_the_voice(self) -> PlanBook:
        """A book as a new window has one before its voice starts: estimated phrase lengths,
        the same setting for open steps."""
        book = PlanBook()
        book.use_wait_for_done(self._wait_for_done)
        return book

    def lengths_changed(self) -> None:
        """Phrases were rendered, so their measured lengths may differ from the estimates."""
        self._plans.clear()


def _choice_key(choice: TemplateChoice) -> str:
    import json

    return json.dumps(choice.to_document(), sort_keys=True)
