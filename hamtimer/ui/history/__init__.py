"""The History page: sessions, charts and advice."""
