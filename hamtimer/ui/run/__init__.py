"""The run screen, the Qt timer that drives a session, and the summary after it."""
