"""The outside world: template files, paths, event logs, logging.

Each service takes its paths as arguments; only app.py resolves them.
"""
