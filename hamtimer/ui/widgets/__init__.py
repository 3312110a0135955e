"""Widgets shared by several screens: form rows, the save banner, exercise figures."""
