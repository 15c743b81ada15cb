"""The `mairie` command line: French help, arguments, commands not available yet."""

from __future__ import annotations

from datetime import datetime

import pytest

from mairie.tools.cli import build_parser, main


def test_say_arguments() -> None:
    args = build_parser().parse_args(["say", "bonjour", "--at", "2026-12-25T09:00", "--user", "zoe", "--json"])
    assert (args.command, args.text, args.user, args.device, args.json) == ("say", "bonjour", "zoe", "audio", True)
    assert args.at == datetime(2026, 12, 25, 9, 0)


def test_chat_arguments() -> None:
    args = build_parser().parse_args(["chat", "--device", "screen", "--sans-horloge"])
    assert (args.command, args.device, args.frozen_clock, args.at) == ("chat", "screen", True, None)


def test_help_is_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["say", "--aide"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    assert help_text.startswith("utilisation : mairie say")
    assert "date et heure de la requête" in help_text
    assert "afficher cette aide et quitter" in help_text
    assert "options" in help_text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["say", "x", "--at", "noël"], "date et heure invalides"),
        (["say", "x", "--device", "tv"], "choix invalide"),
        (["say"], "arguments obligatoires manquants"),
        (["danse"], "choix invalide"),
        ([], "arguments obligatoires manquants"),
    ],
)
def test_errors_are_in_french(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert "erreur" in error
    assert message in error
