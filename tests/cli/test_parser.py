"""The command line's parser, in process."""

from __future__ import annotations

from hamtimer.cli import build_parser


def test_no_arguments_parse_as_the_whole_command_line_would() -> None:
    """`hamtimer` alone skips building the commands' parsers: what it parses is the same."""
    whole = build_parser().parse_args([])
    assert vars(build_parser(with_commands=False).parse_args([])) == vars(whole)
