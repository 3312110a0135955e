"""Helpers for the tests and the benchmarks (tests/bench): a private PulseAudio sink and its
recording, one real spoken session in the window, and root held to file modes for a moment.
Nothing here is a test."""
