"""The Settings page: voice, keys and the history folder."""
