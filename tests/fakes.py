"""Fakes for logic tests: a clock that moves only when told to."""

from __future__ import annotations


class FakeClock:
    """A monotonic clock and a wall clock that advance together unless a test splits them."""

    def __init__(self, start: float = 1000.0, wall_start: float = 1_700_000_000.0) -> None:
        self.now = start
        self.wall_now = wall_start

    def __call__(self) -> float:
        return self.now

    def wall(self) -> float:
        return self.wall_now

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.wall_now += seconds

    def sleep_wall_only(self, seconds: float) -> None:
        """A laptop suspend on Linux: CLOCK_MONOTONIC stops, the wall clock does not."""
        self.wall_now += seconds
