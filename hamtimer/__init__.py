"""hamtimer: a hands-free hold and interval timer for hamstring strength sessions."""

__version__ = "0.1.0"
