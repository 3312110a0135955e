"""PySide6 widgets and the Qt runner that adapts the session engine to the event loop."""
