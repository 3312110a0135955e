"""The command line's parser, in process."""

from __future__ import annotations

from hamtimer.cli import build_parser, window_arguments


def test_no_arguments_mean_what_the_parser_would_make_of_them() -> None:
    """`hamtimer` alone does without the parser: what it runs with is the same."""
    assert vars(window_arguments()) == vars(build_parser().parse_args([]))
