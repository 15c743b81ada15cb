"""Where the resident is in the conversation, for help that fits ("aide" after an hours answer...).

The last topic is remembered in the session by `respond.answer`, from the intent just answered.
Otherwise, audio from this skill in the player (playing or paused) means "in the podcast".
"""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from mairie.alexa import turn
from mairie.alexa.base import intent_name
from mairie.domain.playlist import MAGAZINE_PREFIX, PODCAST_PREFIX

KEY = "topic"
HELP = "help"
LAUNCH = "launch"
INTENT_TOPICS = {
    "OpeningHoursIntent": "hours",
    "IsOpenIntent": "hours",
    "ClosingTimeIntent": "hours",
    "NextOpeningIntent": "hours",
    "WeekHoursIntent": "hours",
    "OpenFacilitiesIntent": "hours",
    "IdProcedureIntent": "procedure",
    "ProcedureDocumentsIntent": "procedure",
    "ProcedureCostIntent": "procedure",
    "ProcedureWhereIntent": "procedure",
    "ProcedureDelayIntent": "procedure",
    "MagazineIntent": "magazine",
    "MagazineAudioIntent": "magazine",
    "MagazineArticleIntent": "magazine",
    "NextArticleIntent": "magazine",
    "PlayPodcastIntent": "podcast",
    "ListEpisodesIntent": "podcast",
    "EpisodeInfoIntent": "podcast",
    "AboutCityIntent": "city",
    "AMAZON.HelpIntent": HELP,
    "AMAZON.NavigateHomeIntent": HELP,
}
_PLAYER_TOPICS = {PODCAST_PREFIX: "podcast", MAGAZINE_PREFIX: "magazine"}


def remember(handler_input: HandlerInput) -> None:
    """Note the topic of the intent being answered (other intents, "oui" for example, keep it)."""
    name = intent_name(handler_input)
    topic = INTENT_TOPICS.get(name or "") or (LAUNCH if name is None else None)
    if topic is not None and turn.has_session(handler_input):
        turn.session(handler_input)[KEY] = topic


def current(handler_input: HandlerInput) -> str:
    """The topic before this request: what this conversation was about (help included), else the
    content in the player (playing or paused), else the launch."""
    stored = turn.session(handler_input).get(KEY)
    if stored and stored != LAUNCH:
        return str(stored)
    token, _, activity = turn.player_state(handler_input)
    if token and activity in ("PLAYING", "PAUSED", "STOPPED", "BUFFER_UNDERRUN"):
        topic = _PLAYER_TOPICS.get(token.split(":", 1)[0])
        if topic is not None:
            return topic
    return LAUNCH
