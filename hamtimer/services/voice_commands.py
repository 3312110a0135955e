"""Voice commands, offline and opt-in: "timer pause", "timer next"… said from the mat.

pocketsphinx spots a few keyphrases in the microphone's audio with the US English model that
ships inside the package. Nothing leaves the machine and no audio is written anywhere: the
samples go from `parec` through a pipe into the decoder and are dropped.

Two parts:

- A child process (multiprocessing "spawn", like the speech renderer) captures and decodes.
  Not a thread: pocketsphinx holds the GIL while it decodes, and measured here a 5 ms sleep
  on the app's thread woke up to 50 ms late beside a decoding thread, which would make cues
  late. The child sends each spotted phrase, with the time it was spotted, on a queue.
- A reader thread in the app takes those and drops every one spotted while the app's own
  voice plays or within `TAIL_S` of its end (`CueVoice.audible_until`): the app saying
  "Next: Glute bridge" must never skip a step. The rest go to `on_heard` on that thread; the
  frontend hands them to its own thread (the terminal's `RemoteInbox`, a queued Qt signal),
  exactly like MPRIS commands, where `Session.heard` runs them.

Linux only for now: capture is PulseAudio's (or PipeWire's) `parec`.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import multiprocessing
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.context import SpawnProcess
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from hamtimer.services.remote import HeardCommand, RemoteCommand

log = logging.getLogger(__name__)

PREFIX = "timer"
COMMAND_WORDS: dict[str, RemoteCommand] = {
    "pause": RemoteCommand.PAUSE,
    "resume": RemoteCommand.PLAY,
    "next": RemoteCommand.NEXT,
    "back": RemoteCommand.PREVIOUS,
    "done": RemoteCommand.DONE,
    "stop": RemoteCommand.STOP,
}
"""What follows the prefix, and what it asks of the session (the MPRIS commands' meanings;
"done" ends the step as done, like the Done key)."""
COMMAND_PHRASES: dict[str, RemoteCommand] = {
    f"{PREFIX} {word}": command for word, command in COMMAND_WORDS.items()
}

KEYPHRASE_THRESHOLDS: dict[str, float] = {
    "timer pause": 1e-8,
    "timer resume": 1e-5,
    "timer next": 1e-4,
    "timer back": 1e2,
    "timer done": 1e10,
    "timer stop": 1e0,
}
"""pocketsphinx's detection threshold for each phrase (smaller: spotted more readily).

Tuned on real data: the 298 phrases of every built-in session rendered by espeak-ng (the
app's own engine and voice) and fed as one stream, against each command in 11 espeak-ng
voices and speeds (tests/services/test_voice_recognition.py and tests/bench/voice_bench.py
replay both). Each threshold is the most permissive one, in steps of a few powers of ten,
at which none of the app's phrases trips that command:
- "resume" and "pause" have no near neighbour in the app's words: 1e-5 and 1e-8 hear
  "resume" in 9 renders of 11, "pause" in 5, with no false trigger down to 1e-12.
- "next": at 1e-8 "Right leg. 10 reps. Go." tripped it ("ten reps" is close to "timer
  next"), at 1e-12 two more "…reps. Go." did; 1e-4 is clear of them and still hears 7 of 11.
- "back" at 1e-3 was tripped by "Keep the back flat" and "at the back of the thigh";
  1e2, with the onset rule (`KeywordSpotter`), is clear: 4 of 11.
- "done" is the weakest ("done" is one short syllable): "Walk the hands out long" tripped it
  up to 1e2; 1e10 is clear, and hears it only in espeak-ng's female voice (2 of 11).
- "stop" at 1e-5 was tripped by "Long step, chest up"; 1e0 is clear: 7 of 11.
Thresholds above 1 are allowed: pocketsphinx compares them with the keyphrase's score
against its phone loop, which may favour the keyphrase by far."""
KWS_PHONE_LOOP = 1e-10
"""pocketsphinx's phone-loop probability: what a keyphrase is weighed against. Its default
(0.1) heard 18 of 66 command renders at a false-trigger-free threshold; 1e-10 hears about
half, at the thresholds above."""

SAMPLE_RATE = 16000
"""The acoustic model's rate: `parec` resamples the microphone to it."""
CHUNK_S = 0.05
"""Audio is decoded in pieces this long: a spotted phrase waits at most this for its piece."""
PAUSE_S = 0.3
"""Silence this long after speech ends a search (see `KeywordSpotter`)."""
ONSET_QUIET_S = 0.15
"""Speech after at least this much silence is an onset: where a command may start."""
SAMPLES_PER_FRAME = SAMPLE_RATE // 100
"""pocketsphinx's frames are 10 ms."""
ONSET_SLACK_FRAMES = 25
"""A phrase may start this many frames (0.25 s) from an onset: the detector and the
keyphrase's alignment each place the start of a word a little differently."""
CAPTURE_LATENCY_MS = 30
TAIL_S = 0.75
"""Spotted this soon after the app's own sound ended, a phrase is still taken for the app's:
the sound reaches the microphone late by the output's latency (tens of ms through
PulseAudio, 0.2-0.3 s to a Bluetooth speaker), and a phrase is spotted at most 0.12 s after
its last sound (tests/bench/voice_bench.py, through a null sink; often before it ends)."""
START_TIMEOUT_S = 15.0
PARENT_CHECK_S = 1.0
PROBE_TIMEOUT_S = 2.0


# -- availability -------------------------------------------------------------------------


def voice_commands_unavailable(source: str | None = None) -> str | None:
    """Why voice commands can't work here (one sentence for the user), or None if they can.
    The Settings page greys "Listen for commands" out with this as the reason."""
    if importlib.util.find_spec("pocketsphinx") is None:
        return "Voice commands need the pocketsphinx package, which is not installed."
    if shutil.which("parec") is None:
        return (
            "Voice commands need PulseAudio or PipeWire's parec to hear the microphone "
            "(Linux only for now)."
        )
    sources = _capture_sources()
    if sources is None:
        return None  # no pactl to ask: the capture itself will say what is wrong, if anything
    if isinstance(sources, str):
        return sources
    if source is not None:
        return None if source in sources else f"The microphone {source!r} was not found."
    if not any(not name.endswith(".monitor") for name in sources):
        return "No microphone found."
    return None


def _capture_sources() -> list[str] | str | None:
    """The names of PulseAudio's sources (monitors included); why there are none, if the
    sound server does not answer; None if there is no `pactl` to ask."""
    if shutil.which("pactl") is None:
        return None
    try:
        listing = subprocess.run(
            ["pactl", "list", "short", "sources"],
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT_S,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "No sound server (PulseAudio or PipeWire) answered, so no microphone can be heard."
    return [line.split("\t")[1] for line in listing.splitlines() if line.count("\t") >= 1]


# -- the recogniser -----------------------------------------------------------------------


class KeywordSpotter:
    """pocketsphinx in keyphrase mode: `feed` it 16 kHz mono 16-bit audio, it returns the
    command phrases spotted in it. Used by the child process and, fed from WAV data, by the
    tests and the benchmark.

    A command is said on its own: a phrase is taken only if it starts where speech starts
    after a pause (pocketsphinx's voice activity detector finds both). "Keep the back
    flat" holds something close to "timer back", but mid-sentence; the app's cue phrases
    tripped the spotter this way until this rule. The search also restarts after each
    pause: pocketsphinx takes in the voice's and the room's levels at the end of a search,
    and without these ends a long stretch without a command never gets them."""

    def __init__(self, thresholds: dict[str, float] | None = None) -> None:
        from pocketsphinx import Decoder, Vad  # type: ignore[import-untyped]

        chosen = KEYPHRASE_THRESHOLDS if thresholds is None else thresholds
        # pocketsphinx takes a list with thresholds only from a file: the list, never audio.
        with tempfile.TemporaryDirectory(prefix="hamtimer-kws-") as folder:
            keyfile = Path(folder) / "commands.kws"
            keyfile.write_text("".join(f"{p} /{t:g}/\n" for p, t in chosen.items()))
            self._decoder: Any = Decoder(
                kws=str(keyfile), kws_plp=KWS_PHONE_LOOP, samprate=SAMPLE_RATE, loglevel="FATAL"
            )
        self._vad: Any = Vad(sample_rate=SAMPLE_RATE)
        self._chunk_bytes = round(CHUNK_S * SAMPLE_RATE) * 2
        self._unclassified = b""
        self._classified_bytes = 0
        """Audio classified since the search started (the decoder's frames count from there)."""
        self._quiet_s = PAUSE_S
        self._heard_speech = False
        self._onsets: list[int] = []
        """Decoder frames (since the search started) where speech began after a pause."""
        self._decoder.start_utt()

    def feed(self, pcm: bytes) -> list[str]:
        spotted: list[str] = []
        for start in range(0, len(pcm), self._chunk_bytes):
            chunk = pcm[start : start + self._chunk_bytes]
            pause_ended = self._classify(chunk)
            self._decoder.process_raw(chunk, False, False)
            if self._take_hypothesis(spotted):
                self._restart()
            elif pause_ended:
                self._restart(spotted)  # the end of a search may bring one out
        return spotted

    def _take_hypothesis(self, spotted: list[str]) -> bool:
        """True if the search spotted a phrase; it is kept if it began a run of speech."""
        hypothesis = self._decoder.hyp()
        if hypothesis is None:
            return False
        starts = [segment.start_frame for segment in self._decoder.seg()]
        if starts and any(abs(starts[0] - onset) <= ONSET_SLACK_FRAMES for onset in self._onsets):
            spotted.append(hypothesis.hypstr.strip())
        return True

    def _classify(self, chunk: bytes) -> bool:
        """Note where speech starts after a pause; True once speech has been followed by
        PAUSE_S of silence (time for a new search)."""
        frames = self._unclassified + chunk
        size = self._vad.frame_bytes
        whole = len(frames) - len(frames) % size
        self._unclassified = frames[whole:]
        for start in range(0, whole, size):
            if self._vad.is_speech(frames[start : start + size]):
                if self._quiet_s >= ONSET_QUIET_S:
                    self._onsets.append(self._classified_bytes // 2 // SAMPLES_PER_FRAME)
                self._heard_speech, self._quiet_s = True, 0.0
            else:
                self._quiet_s += size / 2 / SAMPLE_RATE
            self._classified_bytes += size
        return self._heard_speech and self._quiet_s >= PAUSE_S

    def _restart(self, spotted: list[str] | None = None) -> None:
        """A new search: the same words are not spotted twice, and the voice's and the
        room's levels are taken in. With `spotted`, a phrase the end brought out goes there."""
        self._decoder.end_utt()
        if spotted is not None:
            self._take_hypothesis(spotted)
        self._heard_speech = False
        self._onsets.clear()
        # Frames are counted from the new search: the part of a VAD frame not yet classified
        # belongs to it.
        self._classified_bytes = -len(self._unclassified)
        self._decoder.start_utt()

    def close(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._decoder.end_utt()


# -- the child process --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Listening:
    """The child captures and decodes."""


@dataclass(frozen=True, slots=True)
class Spotted:
    phrase: str
    at: float
    """time.monotonic() when it was spotted (one clock for every process on the machine)."""


@dataclass(frozen=True, slots=True)
class ListenerFailed:
    reason: str


ListenerMessage = Listening | Spotted | ListenerFailed


def capture_command(source: str | None) -> list[str]:
    """`parec` writing the microphone (or `source`) as raw 16 kHz mono to its output."""
    command = [
        "parec",
        "--raw",
        "--format=s16le",
        f"--rate={SAMPLE_RATE}",
        "--channels=1",
        f"--latency-msec={CAPTURE_LATENCY_MS}",
        "--client-name=hamtimer voice commands",
    ]
    return [*command, f"--device={source}"] if source else command


def listener_main(source: str | None, results: Queue[ListenerMessage], stop: Event) -> None:
    """The child: capture, spot, report; until `stop`, the capture ends, or the app is gone."""
    try:
        spotter = KeywordSpotter()
        capture = subprocess.Popen(
            capture_command(source), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except (ImportError, OSError, RuntimeError, ValueError) as error:
        results.put(ListenerFailed(f"the recogniser could not start ({error})"))
        return
    assert capture.stdout is not None
    results.put(Listening())
    try:
        _spot_until_stopped(spotter, capture.stdout.fileno(), results, stop)
    finally:
        capture.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            capture.wait(1.0)
        if capture.poll() is None:
            capture.kill()
        problem = capture.stderr.read().decode(errors="replace").strip() if capture.stderr else ""
        if not stop.is_set():
            results.put(ListenerFailed(f"the microphone stopped ({problem or 'no reason given'})"))
        spotter.close()


def _spot_until_stopped(
    spotter: KeywordSpotter, capture: int, results: Queue[ListenerMessage], stop: Event
) -> None:
    parent = multiprocessing.parent_process()
    last_check = time.monotonic()
    chunk = round(CHUNK_S * SAMPLE_RATE) * 2
    odd = b""
    while not stop.is_set():
        read = os.read(capture, chunk)
        if not read:
            return  # parec ended
        pcm = odd + read
        whole = len(pcm) - len(pcm) % 2  # a pipe may split a sample
        pcm, odd = pcm[:whole], pcm[whole:]
        for phrase in spotter.feed(pcm):
            results.put(Spotted(phrase, time.monotonic()))
        if time.monotonic() - last_check > PARENT_CHECK_S:
            last_check = time.monotonic()
            if parent is not None and not parent.is_alive():
                return  # never listen on after the app is gone


# -- in the app ---------------------------------------------------------------------------


class SpeakingGate:
    """Whether a phrase spotted now may be the user's: not while the app's own voice plays,
    nor within `tail_s` after (`audible_until` is `CueVoice.audible_until`)."""

    def __init__(
        self,
        audible_until: Callable[[], float],
        clock: Callable[[], float] = time.monotonic,
        tail_s: float = TAIL_S,
    ) -> None:
        self._audible_until = audible_until
        self._clock = clock
        self._tail_s = tail_s

    def allows(self) -> bool:
        return self._clock() >= self._audible_until() + self._tail_s


def command_for(phrase: str) -> RemoteCommand | None:
    return COMMAND_PHRASES.get(" ".join(phrase.split()))


class VoiceCommands:
    """Listens while a session runs: `start` opens the microphone (in the child), `close`
    closes it. `on_heard` is called on the reader thread with each command the user said;
    `problem` says why listening stopped, if it did."""

    def __init__(
        self,
        on_heard: Callable[[HeardCommand], None],
        gate: SpeakingGate,
        source: str | None = None,
        on_problem: Callable[[str], None] = lambda _reason: None,
    ) -> None:
        self._on_heard = on_heard
        self._gate = gate
        self._source = source
        self._on_problem = on_problem
        self._process: SpawnProcess | None = None
        self._results: Queue[ListenerMessage] | None = None
        self._stop: Event | None = None
        self._reader: threading.Thread | None = None
        self.listening = threading.Event()
        """Set once the microphone is open and the recogniser ready (tests wait for it)."""
        self.ignored: list[str] = []
        """Phrases spotted while the app spoke, dropped (for the log and the tests)."""
        self.problem: str | None = None

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._results = context.Queue()
        self._stop = context.Event()
        self._process = context.Process(
            target=listener_main,
            args=(self._source, self._results, self._stop),
            name="hamtimer-voice-commands",
            daemon=True,
        )
        self._process.start()
        self._reader = threading.Thread(
            target=self._read, args=(self._results,), name="hamtimer-voice-reader", daemon=True
        )
        self._reader.start()

    def close(self) -> None:
        """Close the microphone and end the child and the reader (within about a second)."""
        if self._stop is not None:
            self._stop.set()
        if self._process is not None:
            self._process.join(2.0)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(1.0)
        if self._reader is not None:
            self._reader.join(2.0)
        if self._results is not None:
            self._results.close()

    def _read(self, results: Queue[ListenerMessage]) -> None:
        assert self._process is not None and self._stop is not None
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._stop.is_set():
            try:
                message = results.get(timeout=0.2)
            except queue.Empty:
                if self._stop.is_set():
                    return
                if not self._process.is_alive():
                    started = self.listening.is_set()
                    self._fail("the recogniser ended" if started else "it did not start")
                    return
                if not self.listening.is_set() and time.monotonic() > deadline:
                    self._fail("it did not start")
                    return
                continue
            except (OSError, ValueError, EOFError):
                return  # closed under us: we are ending
            if not self.take(message):
                return

    def take(self, message: ListenerMessage) -> bool:
        """One message from the child (the reader thread calls it); False once it failed."""
        if isinstance(message, Listening):
            log.info("voice commands: listening")
            self.listening.set()
        elif isinstance(message, ListenerFailed):
            self._fail(message.reason)
            return False
        else:
            self._spotted(message)
        return True

    def _spotted(self, spotted: Spotted) -> None:
        command = command_for(spotted.phrase)
        if command is None:
            return
        if not self._gate.allows():
            log.info("voice commands: %r ignored (the app was speaking)", spotted.phrase)
            self.ignored.append(spotted.phrase)
            return
        self._on_heard(HeardCommand(command, spotted.phrase, spotted.at))

    def _fail(self, reason: str) -> None:
        self.problem = f"Voice commands stopped: {reason}."
        log.warning("%s", self.problem)
        self.listening.set()  # nobody waits for a listener that will never listen
        self._on_problem(self.problem)


def phrases_said(texts: Iterable[str]) -> str:
    """The commands as the user reads them: “timer pause”, “timer next”, …"""
    return ", ".join(f"“{text}”" for text in texts)
