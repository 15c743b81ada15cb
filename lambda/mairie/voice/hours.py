"""Opening hours in spoken French: "est-ce ouvert ?", "jusqu'à quand ?", "quels horaires lundi ?".

Plain text (the ASK layer escapes it). The first sentence answers the question; the facility is
named in full first, then by its pronoun. Staff notes and the "example" warning come last.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from mairie.catalogue.model import DayRanges, Facility, TimeRange, WeeklyHours
from mairie.domain.calendar import HolidayCalendar
from mairie.domain.hours import (
    HORIZON_DAYS,
    DaySchedule,
    OpenStatus,
    classify,
    day_schedule,
    status_at,
    week_schedule,
    weekly_in_effect,
)
from mairie.voice.french import (
    agree,
    capitalize_first,
    de,
    join_list,
    pluralize,
    pronoun,
    say_count,
    say_date,
    say_date_span,
    say_duration_minutes,
    say_full_date,
    say_time,
    weekday_name,
    write_time,
)

CLOSING_SOON_MINUTES = 30
"""Within this many minutes of closing, the answer warns "mais elle ferme dans 20 minutes"."""


# --- Single facility, now ------------------------------------------------------------------------


def say_is_open(facility: Facility, now: datetime, holidays: HolidayCalendar) -> str:
    """ "Oui, la médiathèque est ouverte jusqu'à 19 heures." / "Non, la mairie est fermée …"."""
    status = status_at(facility, now, holidays)
    if status is None:
        return say_hours_unknown(facility)
    if status.is_open:
        return _with_tail(facility, f"Oui, {_open_now(facility, status)}")
    return _with_tail(facility, f"Non, {_closed_now(facility, status)}")


def say_until_when(facility: Facility, now: datetime, holidays: HolidayCalendar) -> str:
    """ "La mairie est ouverte jusqu'à 12 heures, puis de 13 heures 30 à 18 heures." """
    status = status_at(facility, now, holidays)
    if status is None:
        return say_hours_unknown(facility)
    if not status.is_open:
        return _with_tail(facility, capitalize_first(_closed_now(facility, status)))
    minutes = status.minutes_until_close
    if status.closes_at is not None and minutes is not None and minutes <= CLOSING_SOON_MINUTES:
        then = _later_today(status)
        rest = f", puis rouvre {_say_ranges(then)}" if then else ""
        text = (
            f"{capitalize_first(facility.name)} ferme dans {say_duration_minutes(minutes)}, "
            f"{_at(status.closes_at)}{rest}."
        )
        return _with_tail(facility, text)
    return _with_tail(facility, capitalize_first(_open_now(facility, status, soon_warning=False)))


def say_next_opening(facility: Facility, now: datetime, holidays: HolidayCalendar) -> str:
    """ "La mairie rouvre demain à 8 heures 30. Aujourd'hui, elle est fermée : c'est le jour de Noël." """
    status = status_at(facility, now, holidays)
    if status is None:
        return say_hours_unknown(facility)
    name = capitalize_first(facility.name)
    if status.is_open:
        until = _until(status)
        text = f"{name} est {_open(facility)} en ce moment{', ' + until if until else ''}."
        return _with_tail(facility, text)
    if status.next_opening is None:
        sentences = [f"Je ne sais pas quand {facility.name} rouvrira."]
    else:
        sentences = [f"{name} {_opens_verb(status)} {_when(status.next_opening, status.today.day)}."]
    if status.today.is_closed and status.today.kind in ("holiday", "exception"):
        adjective, suffix = _closed_words(facility, status.today)
        sentences.append(f"Aujourd'hui, {pronoun(facility.feminine)} est {adjective}{suffix}.")
    return _with_tail(facility, " ".join(sentences))


# --- Single facility, a day or the week ----------------------------------------------------------


def say_hours_on(facility: Facility, day: date, now: datetime, holidays: HolidayCalendar) -> str:
    """ "Lundi 28 décembre, la mairie est ouverte de 8 heures 30 à midi et de 13 heures 30 à 18 heures."
    / "Demain, la mairie est fermée." / "…, la mairie est fermée : c'est le jour de Noël." """
    schedule = day_schedule(facility, day, holidays)
    if schedule is None:
        return say_hours_unknown(facility)
    today = now.date()
    lead = capitalize_first(_say_day(day, today))
    predicate = _day_predicate(facility, schedule, past=day < today)
    return _with_tail(facility, f"{lead}, {facility.name} {predicate}.")


def say_hours_today(facility: Facility, now: datetime, holidays: HolidayCalendar) -> str:
    """Today's hours; when it is closed for the rest of the day, when it reopens: « Aujourd'hui, la
    mairie est fermée. Elle rouvre demain à 8 heures 30. »"""
    status = status_at(facility, now, holidays)
    if status is None:
        return say_hours_unknown(facility)
    if status.is_open or status.opens_later_today or status.next_opening is None:
        return say_hours_on(facility, now.date(), now, holidays)
    predicate = _day_predicate(facility, status.today)
    when = _when(status.next_opening, now.date())
    reopens = f"{capitalize_first(pronoun(facility.feminine))} {_opens_verb(status)} {when}."
    return _with_tail(facility, f"Aujourd'hui, {facility.name} {predicate}. {reopens}")


def say_week(facility: Facility, now: datetime, holidays: HolidayCalendar) -> str:
    """The usual week ("ouverte du lundi au vendredi de … ; fermée le dimanche"), then what differs
    in the next seven days (holidays, closures, special hours, a new period)."""
    today = now.date()
    weekly, period = weekly_in_effect(facility, today)
    if weekly is None:
        return say_hours_unknown(facility)
    name = capitalize_first(facility.name)
    if period is not None:
        name = f"Jusqu'au {say_full_date(period.end)} ({period.name}), {facility.name}"
    sentences = [_describe_week(facility, weekly, name)]
    change = _pattern_change(facility, today)
    if change is not None:
        sentences.append(change)
    sentences.extend(_deviations(facility, today, holidays))
    return _with_tail(facility, " ".join(sentences))


# --- Several facilities of a kind ----------------------------------------------------------------


def say_open_of_kind(
    facilities: Sequence[Facility], now: datetime, holidays: HolidayCalendar, kind_plural: str | None = None
) -> str:
    """Which facilities of one kind are open now: "Les deux piscines sont ouvertes en ce moment : …".

    `facilities` are those of one kind (catalogue order); `kind_plural` defaults to a regular plural
    of their `kind`.
    """
    if not facilities:
        return "Je ne connais pas d'équipement de ce type."
    if len(facilities) == 1:
        return _say_single_of_kind(facilities[0], now, holidays)
    first = facilities[0]
    feminine, kind = first.feminine, first.kind
    plural = kind_plural or pluralize(kind)
    found = classify(facilities, now, holidays)
    sentences: list[str] = []
    items = [f"{f.name} {_until(s)}".rstrip() for f, s in found.open]
    count = len(found.open)
    if count == 1:
        only = f"{capitalize_first(say_count(1, feminine))} {agree('seul', feminine)} {kind}"
        sentences.append(f"{only} est {_open(first)} en ce moment : {items[0]}.")
    elif count > 1:
        all_of_them = "Les " if count == len(facilities) else ""
        number = say_count(count, feminine)
        adjective = agree("ouvert", feminine, plural=True)
        subject = capitalize_first(f"{all_of_them}{number} {plural}")
        sentences.append(f"{subject} sont {adjective} en ce moment : {join_list(items)}.")
    elif found.closed:
        aucun = "Aucune" if feminine else "Aucun"
        sentences.append(f"{aucun} {kind} n'est {_open(first)} en ce moment.")
        sentences.extend(_first_to_open(found.closed, now.date()))
    if found.closed and found.open:
        names = [f.name for f, _ in found.closed]
        verb = "est" if len(names) == 1 else "sont"
        closed = agree("fermé", feminine, plural=len(names) > 1)
        sentences.append(f"{capitalize_first(join_list(names))} {verb} {closed}.")
    if found.unknown:
        sentences.append(f"Je n'ai pas les horaires {join_list([de(f.name) for f in found.unknown])}.")
    examples = [f for f in facilities if f.example and f.weekly is not None]
    if examples:
        sentences.append(_example_warning(examples[0]))
    return " ".join(sentences)


def say_kind_on(facilities: Sequence[Facility], days: Sequence[date], now: datetime, holidays: HolidayCalendar) -> str:
    """The hours of facilities of one kind on given days (« quelles piscines sont ouvertes dimanche »):
    each one whose hours are known, then those whose hours are not, in one sentence (with where to
    check when they share the place), rather than the same apology once per facility."""
    known = [f for f in facilities if f.weekly is not None]
    unknown = [f for f in facilities if f.weekly is None]
    sentences = [say_hours_on(f, day, now, holidays) for day in days for f in known]
    if len(unknown) == 1:
        sentences.append(say_hours_unknown(unknown[0]))
    elif unknown:
        sentences.append(f"Je n'ai pas les horaires {join_list([de(f.name) for f in unknown])}.")
        places = {where_to_check(f) for f in unknown}
        if len(places) == 1 and (place := places.pop()):
            sentences.append(f"Vous pouvez les vérifier {place}.")
    return " ".join(sentences)


def _say_single_of_kind(facility: Facility, now: datetime, holidays: HolidayCalendar) -> str:
    status = status_at(facility, now, holidays)
    if status is None:
        return say_hours_unknown(facility)
    text = _open_now(facility, status) if status.is_open else _closed_now(facility, status)
    return _with_tail(facility, capitalize_first(text))


def _first_to_open(closed: list[tuple[Facility, OpenStatus]], today: date) -> list[str]:
    dated = [(s.next_opening, f) for f, s in closed if s.next_opening is not None]
    if not dated:
        return []
    soonest = min((when for when, _ in dated), key=lambda when: when.astimezone(UTC))
    firsts = [f for when, f in dated if when.astimezone(UTC) == soonest.astimezone(UTC)]
    when = _when(soonest, today)
    if len(firsts) > 1:
        return [f"{capitalize_first(join_list([f.name for f in firsts]))} ouvriront {when}."]
    first = firsts[0]
    premier = "La première" if first.feminine else "Le premier"
    return [f"{premier} à ouvrir sera {first.name}, {when}."]


# --- Hours unknown, card ---------------------------------------------------------------------------


def say_hours_unknown(facility: Facility) -> str:
    """ "Je n'ai pas les horaires de la médiathèque. Vous pouvez les vérifier sur le site issy.com." """
    sentences = [f"Je n'ai pas les horaires {de(facility.name)}."]
    where = where_to_check(facility)
    if where and facility.phone:
        sentences.append(f"Vous pouvez les vérifier {where}, ou appeler le {facility.phone}.")
    elif where:
        sentences.append(f"Vous pouvez les vérifier {where}.")
    elif facility.phone:
        sentences.append(f"Vous pouvez appeler le {facility.phone}.")
    if facility.hours_note:
        sentences.append(_sentence(facility.hours_note))
    return " ".join(sentences)


def hours_card_text(facility: Facility, now: datetime, holidays: HolidayCalendar) -> str:
    """The Alexa app card: address, phone, the next seven days' hours, notes (plain, one per line)."""
    lines: list[str] = []
    if facility.address:
        lines.append(f"Adresse : {facility.address}")
    if facility.phone:
        lines.append(f"Téléphone : {facility.phone}")
    schedules = week_schedule(facility, now.date(), holidays)
    if schedules:
        lines.append("Horaires :")
        lines.extend(f"{capitalize_first(say_full_date(s.day))} : {_card_day(facility, s)}" for s in schedules)
    else:
        lines.append("Horaires : non disponibles.")
    if facility.hours_note:
        lines.append(_sentence(facility.hours_note))
    if facility.example and schedules:
        check = f"sur {facility.website}" if facility.website else where_to_check(facility)
        lines.append(_example_warning(facility, check))
    elif facility.website:
        lines.append(f"Site : {facility.website}")
    return "\n".join(lines)


def _card_day(facility: Facility, schedule: DaySchedule) -> str:
    if schedule.is_closed:
        why = {"holiday": "jour férié", "exception": schedule.reason or "fermeture exceptionnelle"}.get(schedule.kind)
        closed = agree("fermé", facility.feminine)
        return f"{closed} ({why})" if why else closed
    text = ", ".join(f"{write_time(r.opens)} – {write_time(r.closes)}" for r in _merged(schedule.ranges))
    return f"{text} ({schedule.reason})" if schedule.kind == "exception" and schedule.reason else text


# --- Sentences about now -------------------------------------------------------------------------


def _open_now(facility: Facility, status: OpenStatus, soon_warning: bool = True) -> str:
    """ "la mairie est ouverte jusqu'à 12 heures, puis de 13 heures 30 à 18 heures." """
    opened = _open(facility)
    minutes = status.minutes_until_close
    if status.closes_at is None or minutes is None:
        return f"{facility.name} est {opened} en ce moment."
    if soon_warning and minutes <= CLOSING_SOON_MINUTES:
        text = (
            f"{facility.name} est {opened}, mais {pronoun(facility.feminine)} ferme dans "
            f"{say_duration_minutes(minutes)}, {_at(status.closes_at)}."
        )
        if status.next_opening is not None and status.next_opening.date() == status.today.day:
            text += f" {capitalize_first(pronoun(facility.feminine))} rouvre {_at(status.next_opening)}."
        return text
    then = _later_today(status)
    rest = f", puis {_say_ranges(then)}" if then else ""
    reason = f" ({status.today.reason})" if status.today.kind == "exception" and status.today.reason else ""
    return f"{facility.name} est {opened} {_until(status)}{rest}{reason}."


def _closed_now(facility: Facility, status: OpenStatus) -> str:
    """ "la mairie est fermée aujourd'hui : c'est le jour de Noël. Elle rouvre demain à 8 heures 30." """
    today = status.today
    if today.is_closed:
        adjective, suffix = _closed_words(facility, today)
        first = f"{facility.name} est {adjective} aujourd'hui{suffix}."
    else:
        first = f"{facility.name} est {_closed(facility)} en ce moment."
    subject = capitalize_first(pronoun(facility.feminine))
    if status.next_opening is None:
        return f"{first} Je ne sais pas quand {pronoun(facility.feminine)} rouvrira."
    return f"{first} {subject} {_opens_verb(status)} {_when(status.next_opening, today.day)}."


def _opens_verb(status: OpenStatus) -> str:
    """ "ouvre" before the first opening of the day, "rouvre" otherwise."""
    if status.opens_later_today:
        minute = _minute(status.now)
        if all(r.opens > minute for r in status.today.ranges):
            return "ouvre"
    return "rouvre"


def _later_today(status: OpenStatus) -> DayRanges:
    """Today's ranges after the current (or last) opening."""
    start = status.next_opening
    if start is None or start.date() != status.today.day:
        return ()
    minute = _minute(start)
    return tuple(r for r in _merged(status.today.ranges) if r.closes > minute)


def _until(status: OpenStatus) -> str:
    """ "jusqu'à 19 heures", "jusqu'à minuit", "jusqu'à demain 2 heures"; empty if it never closes."""
    closes = status.closes_at
    if closes is None:
        return ""
    today = status.today.day
    if closes.date() == today or (closes.date() == today + timedelta(days=1) and _minute(closes) == 0):
        return f"jusqu'à {say_time(_minute(closes))}"
    return f"jusqu'à {_say_day(closes.date(), today)} {say_time(_minute(closes))}"


def _when(moment: datetime, today: date) -> str:
    """ "à 13 heures 30" (today), "demain à 8 heures 30", "lundi 4 janvier à 9 heures"."""
    if moment.date() == today:
        return _at(moment)
    return f"{_say_day(moment.date(), today)} {_at(moment)}"


def _say_day(day: date, today: date) -> str:
    """ "aujourd'hui", "demain", "hier", else the full date ("lundi 4 janvier"): a bare "lundi" is
    too easy to mishear, and the date confirms which day Alexa understood."""
    if (day - today).days in (-1, 0, 1):
        return say_date(day, today)
    return say_full_date(day, year=day.year != today.year and abs((day - today).days) > 180)


def _at(moment: datetime) -> str:
    return f"à {say_time(_minute(moment))}"


def _minute(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


# --- Sentences about a day -----------------------------------------------------------------------


def _day_predicate(facility: Facility, schedule: DaySchedule, past: bool = False) -> str:
    """ "est ouverte de 9 heures à 12 heures", "est fermée : c'est le jour de Noël"."""
    verb, it_is = ("était", "c'était") if past else ("est", "c'est")
    if schedule.is_closed:
        adjective, suffix = _closed_words(facility, schedule, it_is)
        return f"{verb} {adjective}{suffix}"
    text = f"{verb} {_open(facility)} {_say_ranges(schedule.ranges)}"
    if schedule.kind == "exception":
        return f"{text} ({schedule.reason or 'horaires exceptionnels'})"
    if schedule.kind == "period" and schedule.period_name:
        return f"{text} ({schedule.period_name})"
    if schedule.holiday:
        return f"{text}, même si {it_is} {schedule.holiday}"
    return text


def _closed_words(facility: Facility, schedule: DaySchedule, it_is: str = "c'est") -> tuple[str, str]:
    """( "fermée", " : c'est le jour de Noël" ), ( "fermée", " (vidange annuelle)" ) or
    ( "exceptionnellement fermée", "" )."""
    closed = _closed(facility)
    if schedule.kind == "holiday" and schedule.reason:
        return closed, f" : {it_is} {schedule.reason}"
    if schedule.kind == "exception":
        if schedule.reason:
            return closed, f" ({_clause(schedule.reason)})"
        return f"exceptionnellement {closed}", ""
    return closed, ""


def _say_ranges(ranges: DayRanges) -> str:
    """ "de 8 heures 30 à midi et de 13 heures 30 à 18 heures", "toute la journée"."""
    merged = _merged(ranges)
    if merged == (TimeRange(0, 1440),):
        return "toute la journée"
    return join_list([f"de {say_time(r.opens)} à {say_time(r.closes)}" for r in merged])


def _merged(ranges: DayRanges) -> DayRanges:
    """Touching ranges as one (9-12 and 12-14 → 9-14)."""
    merged: list[TimeRange] = []
    for span in sorted(ranges, key=lambda r: r.opens):
        if merged and span.opens <= merged[-1].closes:
            merged[-1] = TimeRange(merged[-1].opens, max(merged[-1].closes, span.closes))
        else:
            merged.append(span)
    return tuple(merged)


# --- The week ------------------------------------------------------------------------------------


def _describe_week(facility: Facility, weekly: WeeklyHours, subject: str) -> str:
    """ "La mairie est ouverte du lundi au vendredi de …. Le samedi, de 8 heures 30 à midi. Elle est
    fermée le dimanche." """
    groups: dict[DayRanges, list[int]] = {}
    for i, ranges in enumerate(weekly.days):
        if ranges:
            groups.setdefault(_merged(ranges), []).append(i)
    closed_days = [i for i, ranges in enumerate(weekly.days) if not ranges]
    if not groups:
        return f"{subject} est {_closed(facility)} tous les jours."
    pairs = [(_say_weekdays(days), _say_ranges(ranges)) for ranges, days in groups.items()]
    when, hours = pairs[0]
    # one sentence per group of days, so that the first one stays short
    text = f"{subject} est {_open(facility)} {when}{',' if ' et ' in when else ''} {hours}."
    text += "".join(f" {capitalize_first(when)}, {hours}." for when, hours in pairs[1:])
    if closed_days:
        subject_pronoun = capitalize_first(pronoun(facility.feminine))
        text += f" {subject_pronoun} est {_closed(facility)} {_say_weekdays(closed_days)}."
    return text


def _say_weekdays(days: list[int]) -> str:
    """[0..4] → "du lundi au vendredi"; [0, 1, 2, 4] → "du lundi au mercredi et le vendredi"."""
    if len(days) == 7:
        return "tous les jours"
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    pieces: list[str] = []
    for run in runs:
        if len(run) >= 3:
            pieces.append(f"du {weekday_name(run[0])} au {weekday_name(run[-1])}")
        else:
            pieces.extend(f"le {weekday_name(day)}" for day in run)
    return join_list(pieces)


def _pattern_change(facility: Facility, today: date) -> str | None:
    """ "À partir du lundi 6 juillet (horaires d'été), elle est ouverte …" when the usual week
    changes within the next seven days."""
    _, period = weekly_in_effect(facility, today)
    for offset in range(1, 7):
        day = today + timedelta(days=offset)
        weekly, new_period = weekly_in_effect(facility, day)
        if new_period != period and weekly is not None:
            label = f" ({new_period.name})" if new_period else ""
            subject = f"À partir du {say_full_date(day)}{label}, {pronoun(facility.feminine)}"
            return _describe_week(facility, weekly, subject)
    return None


def _deviations(facility: Facility, today: date, holidays: HolidayCalendar) -> list[str]:
    """Holidays, closures and special hours in the next seven days, consecutive equal days together
    ("Attention, du lundi 28 au jeudi 31 décembre, elle est fermée (travaux).")."""
    sentences: list[str] = []
    offset = 0
    while offset < 7:
        first = day_schedule(facility, today + timedelta(days=offset), holidays)
        offset += 1
        if first is None or first.kind not in ("holiday", "exception") or _as_usual(facility, first):
            continue
        last = first.day
        while (last - today).days < HORIZON_DAYS:
            following = day_schedule(facility, last + timedelta(days=1), holidays)
            if following is None or not _same_deviation(first, following):
                break
            last = following.day
        offset = max(offset, (last - today).days + 1)
        when = _say_when_span(first.day, last, today)
        text = f"{when}, {pronoun(facility.feminine)} {_day_predicate(facility, first)}."
        sentences.append(f"Attention, {text}" if not sentences else capitalize_first(text))
    return sentences


def _as_usual(facility: Facility, schedule: DaySchedule) -> bool:
    """True when a holiday or exception changes nothing (a holiday on a day closed anyway)."""
    weekly, _ = weekly_in_effect(facility, schedule.day)
    return weekly is not None and _merged(weekly.days[schedule.day.weekday()]) == _merged(schedule.ranges)


def _same_deviation(first: DaySchedule, other: DaySchedule) -> bool:
    return (other.kind, other.ranges, other.reason) == (first.kind, first.ranges, first.reason)


def _say_when_span(first: date, last: date, today: date) -> str:
    if first == last:
        return _say_day(first, today)
    if first == today:
        return f"jusqu'au {say_full_date(last, year=last.year != today.year and (last - today).days > 180)}"
    return say_date_span(first, last, today)


# --- Small pieces --------------------------------------------------------------------------------


def _open(facility: Facility) -> str:
    return agree("ouvert", facility.feminine)


def _closed(facility: Facility) -> str:
    return agree("fermé", facility.feminine)


def _with_tail(facility: Facility, text: str) -> str:
    """The answer, then the staff's note and the "example" warning."""
    sentences = [text]
    if facility.hours_note:
        sentences.append(_sentence(facility.hours_note))
    if facility.example:
        sentences.append(_example_warning(facility))
    return " ".join(sentences)


def _example_warning(facility: Facility, where: str | None = None) -> str:
    where = where or where_to_check(facility)
    if where:
        return f"Ces horaires sont donnés à titre d'exemple : vérifiez-les {where}."
    return "Ces horaires sont donnés à titre d'exemple : vérifiez-les avant de vous déplacer."


def where_to_check(facility: Facility) -> str | None:
    """ "sur le site issy.com": the staff's phrase, or the website's host."""
    if facility.where_to_check:
        return _clause(facility.where_to_check)
    if facility.website:
        host = urlsplit(facility.website if "//" in facility.website else f"//{facility.website}").hostname
        if host:
            return f"sur le site {host.removeprefix('www.')}"
    return None


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _clause(text: str) -> str:
    """Staff text used inside a sentence: no final period."""
    return text.strip().rstrip(".").rstrip()
