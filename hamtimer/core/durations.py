"""Durations as people read them: 4:05, 1:02:30, '18:30 + 2 open steps'."""

from __future__ import annotations

from hamtimer.core.plan import Plan


def clock_text(seconds: float) -> str:
    """Seconds as m:ss, or h:mm:ss past an hour."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def duration_text(plan: Plan) -> str:
    """'18:30' or '18:30 + 2 open steps' (open steps last as long as the user takes)."""
    text = clock_text(plan.total_s)
    if plan.open_steps:
        plural = "s" if plan.open_steps > 1 else ""
        text += f" + {plan.open_steps} open step{plural}"
    return text
