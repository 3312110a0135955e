"""Widgets shared by the screens (the exercise figure first)."""
