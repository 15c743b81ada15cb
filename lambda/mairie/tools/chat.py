"""`mairie chat`: talk to the skill in a terminal, turn after turn, with a simulated Echo.

Type what you would say to Alexa. Lines starting with ":" drive the simulated device:
`:avance N` (N minutes pass), `:fin` (the stream reaches its end), `:bouton suivant` (a button),
`:silence` (no answer: the reprompt, then the end of the session), `:etat`, `:aide`. "quitter" or
Ctrl-D ends the conversation. Works with piped input too.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TextIO

from mairie.tools.conversation import Conversation, warning_line
from mairie.tools.envelopes import Caller, PlaybackCommand
from mairie.tools.local_skill import LocalSkill

PROMPT = "vous › "
SPEECH_PREFIX = "alexa › "
QUIT_WORDS = frozenset({"quitter", "quit", "exit", ":quitter", ":q"})
GOODBYE = "Au revoir ! Fin de la conversation avec la skill."
FAILURE = "alexa › Désolée, la skill demandée a rencontré un problème."
BUTTONS: dict[str, PlaybackCommand] = {
    "lecture": "PlayCommandIssued",
    "pause": "PauseCommandIssued",
    "suivant": "NextCommandIssued",
    "precedent": "PreviousCommandIssued",
    "précédent": "PreviousCommandIssued",
}
HELP = """Commandes du simulateur (le reste est envoyé à la skill comme si vous parliez à Alexa) :
  :avance N        N minutes passent (la lecture avance d'autant)
  :fin             le flux en cours arrive à sa fin (la suite éventuelle démarre)
  :bouton NOM      un bouton de l'appareil : lecture, pause, suivant, précédent
  :etat            où en sont la session et la lecture
  :silence         vous ne répondez pas (Alexa relance une fois, puis ferme la session)
  :aide            cette aide
  quitter          fin de la conversation (ou Ctrl-D)"""


@dataclass
class Clock:
    """The request time: a start, plus wall time (unless frozen), plus what `:avance` added."""

    start: datetime
    wall: bool = True
    added: timedelta = field(default_factory=timedelta)
    _origin: float = field(default_factory=time.monotonic)

    def now(self) -> datetime:
        elapsed = timedelta(seconds=time.monotonic() - self._origin) if self.wall else timedelta()
        return self.start + elapsed + self.added

    def advance(self, minutes: float) -> None:
        self.added += timedelta(minutes=minutes)


class Chat:
    def __init__(self, skill: LocalSkill, caller: Caller, clock: Clock, out: TextIO) -> None:
        self.conversation = Conversation(skill, caller, SPEECH_PREFIX)
        self.clock = clock
        self.out = out

    def emit(self, lines: list[str], warnings: list[str] | None = None) -> None:
        for line in lines:
            print(line, file=self.out)
        for warning in warnings or []:
            print(warning_line(warning), file=self.out)
        self.out.flush()

    def safely(self, action: Callable[[], tuple[list[str], list[str]]]) -> None:
        try:
            lines, warnings = action()
        except Exception as error:  # the skill failed: Alexa would apologise, the chat goes on
            self.emit([FAILURE], [f"erreur de la skill : {type(error).__name__} : {error}"])
            return
        self.emit(lines, warnings)

    def speak(self, text: str) -> None:
        def turn() -> tuple[list[str], list[str]]:
            result = self.conversation.speak(text, self.clock.now())
            lines = result.lines or [f"{SPEECH_PREFIX}(pas de réponse parlée)"]
            if not result.session_open:
                lines.append("(fin de la session)")
            return lines, result.warnings

        self.safely(turn)
        self.show_player()

    def show_player(self) -> None:
        status = self.conversation.player.status(self.clock.now())
        if status:
            self.emit([status])

    def command(self, line: str) -> None:
        name, _, argument = line[1:].strip().partition(" ")
        name, argument = name.lower(), argument.strip()
        if name == "aide":
            self.emit(HELP.splitlines())
        elif name == "avance":
            self.advance(argument)
        elif name == "fin":
            self.safely(lambda: self.conversation.finish_stream(self.clock.now()))
            self.show_player()
        elif name == "bouton":
            self.press(argument.lower())
        elif name in ("etat", "état"):
            self.show_state()
        elif name == "silence":
            self.safely(lambda: self.conversation.silence(self.clock.now()))
        else:
            self.emit([f"Commande inconnue : :{name} (tapez :aide)"])

    def advance(self, argument: str) -> None:
        try:
            minutes = float(argument.replace(",", ".") or "1")
        except ValueError:
            self.emit([f"Nombre de minutes invalide : « {argument} » (exemple : :avance 5)"])
            return
        if minutes < 0:
            self.emit(["On ne remonte pas le temps : donnez un nombre de minutes positif."])
            return
        self.clock.advance(minutes)
        self.emit([f"({minutes:g} min plus tard : {self.clock.now():%d/%m/%Y %H:%M})"])
        self.show_player()

    def press(self, button: str) -> None:
        command = BUTTONS.get(button)
        if command is None:
            self.emit([f"Bouton inconnu : « {button} » (lecture, pause, suivant ou précédent)"])
            return
        self.safely(lambda: self.conversation.press(command, self.clock.now()))
        self.show_player()

    def show_state(self) -> None:
        session = self.conversation.session
        lines = ["(session ouverte)" if session else "(pas de session ouverte)"]
        player = self.conversation.player
        current = player.current
        if current is None:
            lines.append("(rien n'a été lu sur cet appareil)")
        else:
            lines.append(f"(lecteur : {player.activity} — {current.title} — {current.token})")
        if player.queue:
            lines.append(f"(à suivre : {', '.join(s.title for s in player.queue)})")
        lines.append(f"(heure de la requête : {self.clock.now():%d/%m/%Y %H:%M:%S})")
        self.emit(lines)

    def leave(self) -> None:
        self.safely(lambda: self.conversation.leave(self.clock.now()))
        self.emit([GOODBYE])


def read_line(prompt: str, out: TextIO) -> str | None:
    """One line typed by the resident (None at the end of input); echoed when not typed in a terminal."""
    typed = sys.stdin.isatty() and out is sys.stdout
    if not typed:
        print(prompt, end="", file=out, flush=True)
    try:
        line = input(prompt) if typed else input()
    except EOFError:
        print(file=out)
        return None
    if not typed:
        print(line, file=out)
    return line


def run_chat(skill: LocalSkill, caller: Caller, start: datetime, out: TextIO, wall_clock: bool = True) -> int:
    clock = Clock(skill.local_time(start), wall=wall_clock)
    chat = Chat(skill, caller, clock, out)
    chat.emit(
        [
            f"Conversation avec « {skill.resolver.invocation_name} » "
            f"(appareil {caller.device}, utilisateur {caller.user}).",
            "Parlez comme à Alexa ; « :aide » pour les commandes, « quitter » ou Ctrl-D pour sortir.",
        ]
    )
    while True:
        line = read_line(PROMPT, out)
        if line is None or line.strip().lower() in QUIT_WORDS:
            break
        text = line.strip()
        if not text:
            continue
        if text.startswith(":"):
            chat.command(text)
        else:
            chat.speak(text)
    chat.leave()
    return 0
