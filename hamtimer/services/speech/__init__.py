"""Spoken cues and short sounds: rendering, caching, playback, and the engine choice."""
