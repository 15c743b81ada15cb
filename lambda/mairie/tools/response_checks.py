"""What Alexa would refuse or frown upon in a response, said in French (local tools only).

Alexa rejects some responses outright (speech in a response to an AudioPlayer event, an `http:` stream,
two Play directives...) and then sends `System.ExceptionEncountered`; the local tools print these
problems instead of letting them pass silently.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from typing import Any

from mairie.tools.render import body

MAX_SPEECH = 8000
MAX_TOKEN = 1024
MAX_URL = 8000
SILENT_REQUEST_PREFIXES = ("AudioPlayer.", "PlaybackController.", "System.")
NO_RESPONSE_REQUESTS = ("AudioPlayer.PlaybackStopped", "System.ExceptionEncountered", "SessionEndedRequest")
SESSION_REQUESTS = ("LaunchRequest", "IntentRequest")


def _ssml_problems(where: str, speech: Any) -> list[str]:
    if not isinstance(speech, dict) or speech.get("type") != "SSML":
        return []
    ssml = str(speech.get("ssml") or "")
    problems: list[str] = []
    if len(ssml) > MAX_SPEECH:
        problems.append(f"{where} : {len(ssml)} caractères, Alexa en accepte {MAX_SPEECH} au plus.")
    try:
        ElementTree.fromstring(ssml)
    except ElementTree.ParseError as error:
        problems.append(f"{where} : SSML invalide ({error}) ; un « & » ou un « < » non échappé ?")
    return problems


def _play_problems(directive: dict[str, Any]) -> list[str]:
    stream = (directive.get("audioItem") or {}).get("stream") or {}
    url, token = str(stream.get("url") or ""), str(stream.get("token") or "")
    behavior = directive.get("playBehavior")
    problems: list[str] = []
    if not url.startswith("https://"):
        problems.append(f"flux « {url} » : Alexa ne lit que des adresses https.")
    if len(url) > MAX_URL:
        problems.append(f"adresse du flux trop longue ({len(url)} caractères, {MAX_URL} au plus).")
    if not token or len(token) > MAX_TOKEN:
        problems.append(f"jeton de lecture absent ou trop long ({len(token)} caractères, {MAX_TOKEN} au plus).")
    if behavior == "ENQUEUE" and not stream.get("expectedPreviousToken"):
        problems.append("lecture « à la suite » (ENQUEUE) sans expectedPreviousToken.")
    if behavior != "ENQUEUE" and stream.get("expectedPreviousToken"):
        problems.append(f"expectedPreviousToken n'est permis qu'avec ENQUEUE (ici {behavior}).")
    return problems


def problems(request_type: str, response_envelope: Any) -> list[str]:
    """Everything Alexa would object to in `response_envelope`, sent in reply to `request_type`."""
    response = body(response_envelope)
    found: list[str] = []
    directives = [d for d in response.get("directives") or [] if isinstance(d, dict)]
    plays = [d for d in directives if d.get("type") == "AudioPlayer.Play"]
    if request_type in NO_RESPONSE_REQUESTS and (directives or response.get("outputSpeech")):
        found.append(f"{request_type} n'accepte aucune réponse : Alexa ignorerait ou refuserait celle-ci.")
    elif request_type.startswith(SILENT_REQUEST_PREFIXES):
        for key, label in (
            ("outputSpeech", "de la parole"),
            ("card", "une carte"),
            ("reprompt", "une relance"),
        ):
            if response.get(key):
                found.append(f"réponse à {request_type} avec {label} : Alexa la refuserait.")
        if "shouldEndSession" in response:
            found.append(f"réponse à {request_type} avec shouldEndSession : Alexa la refuserait.")
    if len(plays) > 1:
        found.append(f"{len(plays)} directives de lecture dans une même réponse : une seule est permise.")
    for play in plays:
        found.extend(_play_problems(play))
    if plays and request_type in SESSION_REQUESTS and response.get("shouldEndSession") is False:
        found.append("lecture lancée avec shouldEndSession à false : Alexa mettrait le flux en pause pour écouter.")
    found.extend(_ssml_problems("parole", response.get("outputSpeech")))
    found.extend(_ssml_problems("relance", (response.get("reprompt") or {}).get("outputSpeech")))
    if (
        request_type in SESSION_REQUESTS
        and response.get("shouldEndSession") is False
        and not (response.get("reprompt") or {}).get("outputSpeech")
    ):
        found.append("la session reste ouverte sans relance (reprompt) : l'utilisateur ne saurait pas quoi dire.")
    return found
