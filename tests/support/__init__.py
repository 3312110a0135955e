"""Helpers shared by the tests and the benchmarks (tests/bench): a private PulseAudio sink and
its recording, and one real spoken session in the window. Nothing here is a test."""
