"""The municipal magazine by voice: this month's sommaire (or a past month's), its articles read one
by one ("lis-moi l'article sur …", "le point suivant"), and its audio edition.

Session context while reading: {"issue": "2026-11", "item": index} (-1 right after the sommaire).
"""

from __future__ import annotations

from datetime import date

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from mairie.alexa import respond, turn
from mairie.alexa.base import IntentHandler, intent_name
from mairie.alexa.log import EXAMPLE_CONTENT
from mairie.alexa.media import start_track
from mairie.alexa.offers import OFFER_ARTICLE, OFFER_SOMMAIRE, offer, offered
from mairie.catalogue.model import Magazine, MagazineIssue
from mairie.domain import playlist
from mairie.domain.dates import parse_amazon_date
from mairie.voice import media as spoken
from mairie.voice.assistant import anything_else

MAGAZINE = "magazine"


class MagazineHandler(IntentHandler):
    intents = ("MagazineIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        issue, month = asked_issue(handler_input)
        if issue is None or catalogue.magazine is None:
            text = f"{spoken.say_no_issue(catalogue.magazine, month)} {anything_else()}"
            return respond.answer(handler_input, text, ask=anything_else())
        return say_sommaire(handler_input, catalogue.magazine, issue)


def asked_issue(handler_input: HandlerInput) -> tuple[MagazineIssue | None, date | None]:
    """The issue of the month the resident named (that month's issue when staff already published it,
    e.g. December's at the end of November; otherwise the last such month), else the current one; and
    the month named, if any."""
    catalogue = turn.catalogue()
    asked = parse_amazon_date(turn.slot_value(handler_input, "month"))
    published = playlist.magazine_issue_for_month(catalogue, asked.start) if asked is not None else None
    if published is not None:
        return published, published.month
    month = playlist.past_month(asked.start, turn.today(handler_input)) if asked is not None else None
    if month is not None:
        return playlist.magazine_issue_for_month(catalogue, month), month
    return playlist.current_magazine_issue(catalogue, turn.today(handler_input)), None


def say_sommaire(handler_input: HandlerInput, magazine: Magazine, issue: MagazineIssue) -> Response:
    """The sommaire, then the offer to read the first article."""
    question = spoken.ask_read_item(issue)
    text = f"{spoken.say_issue_summary(magazine, issue)} {question}"
    lines = [f"• {item.title} : {item.summary}" for item in issue.items]
    card = respond.Card(title=issue.title, text="\n".join(lines))
    turn.session(handler_input)[MAGAZINE] = {"issue": issue.id, "item": -1}
    if issue.example:
        respond.note(handler_input, EXAMPLE_CONTENT)
    if not issue.items:
        return respond.answer(handler_input, text, ask=question, card=card)
    reprompt = spoken.reprompt_read_item()
    offer(handler_input, OFFER_ARTICLE, issue.id, reprompt)
    return respond.answer(handler_input, text, ask=reprompt, card=card)


class ReadOfferedSommaireHandler(IntentHandler):
    """ "Oui" after "Voulez-vous que je vous lise son sommaire ?" (an issue without audio edition)."""

    intents = ("AMAZON.YesIntent",)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and offered(handler_input, OFFER_SOMMAIRE) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        issue = catalogue.magazine_issue(str(offered(handler_input, OFFER_SOMMAIRE)))
        turn.session(handler_input).pop(OFFER_SOMMAIRE, None)
        if issue is None or catalogue.magazine is None:
            return MagazineHandler().handle(handler_input)
        return say_sommaire(handler_input, catalogue.magazine, issue)


# --- reading the articles -------------------------------------------------------------------


def _context(handler_input: HandlerInput) -> tuple[MagazineIssue, int] | None:
    """The issue and item the resident is reading in this session."""
    saved = turn.session(handler_input).get(MAGAZINE)
    if not isinstance(saved, dict):
        return None
    issue = turn.catalogue().magazine_issue(str(saved.get("issue")))
    index = saved.get("item")
    if issue is None or not isinstance(index, int):
        return None
    return issue, index


def read_article(handler_input: HandlerInput, issue: MagazineIssue, index: int) -> Response:
    item = issue.items[index]
    turn.session(handler_input)[MAGAZINE] = {"issue": issue.id, "item": index}
    if issue.example:
        respond.note(handler_input, EXAMPLE_CONTENT)
    card = respond.Card(title=item.title, text=item.text or item.summary)
    if playlist.next_article(issue, index) is None:
        text = f"{spoken.say_article(item, is_last=True)} {anything_else()}"
        return respond.answer(handler_input, text, ask=anything_else(), card=card)
    reprompt = spoken.reprompt_next_article()
    offer(handler_input, OFFER_ARTICLE, issue.id, reprompt)
    text = f"{spoken.say_article(item, is_last=False)} {spoken.ask_next_article()}"
    return respond.answer(handler_input, text, ask=reprompt, card=card)


def read_next_article(handler_input: HandlerInput) -> Response:
    """The item after the one just read (the first one after the sommaire)."""
    context = _context(handler_input)
    if context is None:
        return MagazineHandler().handle(handler_input)
    issue, index = context
    following = playlist.next_article(issue, index)
    if following is None:
        return respond.answer(handler_input, spoken.say_end_of_issue(issue), ask=anything_else())
    return read_article(handler_input, issue, following)


class MagazineArticleHandler(IntentHandler):
    """ "Lis-moi l'article sur le musée"."""

    intents = ("MagazineArticleIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        topic_id = turn.slot_id(handler_input, "topic")
        found = playlist.find_article(catalogue, topic_id) if topic_id else None
        if found is not None:
            return read_article(handler_input, *found)
        context = _context(handler_input)
        issue = context[0] if context else playlist.current_magazine_issue(catalogue, turn.today(handler_input))
        if issue is None or catalogue.magazine is None:
            text = f"{spoken.say_no_issue(catalogue.magazine, None)} {anything_else()}"
            return respond.answer(handler_input, text, ask=anything_else())
        said = turn.slot_value(handler_input, "topic")
        matched = playlist.match_article_in(catalogue, said, issue) if said else None
        if matched is not None:
            return read_article(handler_input, *matched)
        turn.session(handler_input)[MAGAZINE] = {"issue": issue.id, "item": -1}
        return respond.answer(handler_input, spoken.say_no_article(issue), ask="Lequel voulez-vous ?")


class NextArticleHandler(IntentHandler):
    """ "Le point suivant" (and "suivant" while reading the magazine, when no audio plays)."""

    intents = ("NextArticleIntent", "AMAZON.NextIntent")

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not super().can_handle(handler_input):
            return False
        if intent_name(handler_input) == "NextArticleIntent":
            return True
        playing = turn.player_state(handler_input)[2] in ("PLAYING", "BUFFER_UNDERRUN")
        return _context(handler_input) is not None and not playing

    def handle(self, handler_input: HandlerInput) -> Response:
        return read_next_article(handler_input)


class ReadOfferedArticleHandler(IntentHandler):
    """ "Oui" after "Voulez-vous entendre le point suivant ?"."""

    intents = ("AMAZON.YesIntent",)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and offered(handler_input, OFFER_ARTICLE) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        turn.session(handler_input).pop(OFFER_ARTICLE, None)
        return read_next_article(handler_input)


class MagazineAudioHandler(IntentHandler):
    intents = ("MagazineAudioIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        issue, month = asked_issue(handler_input)
        if issue is None or catalogue.magazine is None:
            text = f"{spoken.say_no_issue(catalogue.magazine, month)} {anything_else()}"
            return respond.answer(handler_input, text, ask=anything_else())
        track = playlist.magazine_track(catalogue, issue)
        if track is None:
            reprompt = spoken.reprompt_sommaire()
            offer(handler_input, OFFER_SOMMAIRE, issue.id, reprompt)
            return respond.answer(handler_input, spoken.say_no_magazine_audio(catalogue.magazine, issue), ask=reprompt)
        return start_track(handler_input, track, spoken.say_magazine_audio_intro(catalogue.magazine, issue))
