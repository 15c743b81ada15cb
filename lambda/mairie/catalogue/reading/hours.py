"""Opening hours: a week (`horaires`), seasonal periods, closures and exceptional hours."""

from __future__ import annotations

from datetime import date

from yaml.nodes import Node, ScalarNode, SequenceNode

from mairie.catalogue.model import DateException, DayRanges, SeasonalPeriod, TimeRange, WeeklyHours
from mairie.catalogue.reading.common import Span, check_no_overlap
from mairie.catalogue.reading.nodes import Fields, Reader
from mairie.catalogue.reading.values import (
    BadValue,
    french_list,
    is_closed_word,
    parse_date,
    parse_range,
    q,
    sorted_day,
    split_ranges,
)

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
PERIOD_KEYS = ("nom", "du", "au", "horaires")
CLOSURE_KEYS = ("date", "du", "au", "motif")
SPECIAL_KEYS = ("date", "du", "au", "horaires", "motif")


def read_day(reader: Reader, node: Node, where: str) -> DayRanges | None:
    """ "fermé", "08:30-12:00", "08:30-12:00, 14:00-18:00" or a list of ranges; None if invalid."""
    pieces: list[tuple[str, Node]] = []
    items = node.value if isinstance(node, SequenceNode) else [node]
    for item in items:
        if not isinstance(item, ScalarNode):
            reader.scalar(item, where)
            return None
        raw = reader.scalar(item, where) or ""
        if not raw.strip():
            reader.report(item, where, f"la valeur est vide ; écrivez des horaires ou {q('fermé')}.")
            return None
        pieces.extend((piece, item) for piece in split_ranges(raw))
    if not pieces:
        reader.report(node, where, f"la liste est vide ; écrivez des horaires ou {q('fermé')}.")
        return None
    if any(is_closed_word(piece) for piece, _ in pieces):
        if len(pieces) == 1:
            return ()
        reader.report(node, where, f"{q('fermé')} ne peut pas être mélangé avec des horaires.")
        return None
    ranges: list[TimeRange] = []
    valid = True
    for piece, item in pieces:
        try:
            ranges.append(parse_range(piece))
        except BadValue as bad:
            reader.report(item, where, bad.message)
            valid = False
    if not valid:
        return None
    try:
        return sorted_day(ranges)
    except BadValue as bad:
        reader.report(node, where, bad.message)
        return None


def read_week(reader: Reader, node: Node, where: str, line: int) -> WeeklyHours | None:
    """The seven days of `horaires` (`line`: the line of the `horaires:` key)."""
    fields = reader.fields(node, where, DAYS, line)
    if fields is None:
        return None
    missing = [day for day in DAYS if fields.get(day) is None]
    if missing:
        reader.report(
            fields.line,
            where,
            f"il manque {french_list(missing)} ; pour un jour de fermeture, écrivez par exemple "
            f"{q(missing[0] + ': fermé')}.",
        )
    days: list[DayRanges | None] = []
    for day in DAYS:
        day_node = fields.get(day)
        days.append(None if day_node is None else read_day(reader, day_node, fields.at(day)))
    d = [day_ranges for day_ranges in days if day_ranges is not None]
    if len(d) != len(DAYS):
        return None
    return WeeklyHours((d[0], d[1], d[2], d[3], d[4], d[5], d[6]))


def read_span(fields: Fields, *, single_allowed: bool) -> tuple[date, date] | None:
    """`date: …` (when allowed) or `du: …` + `au: …`, both inclusive."""
    has_date, has_start, has_end = fields.has("date"), fields.has("du"), fields.has("au")
    reader = fields.reader
    if has_date and (has_start or has_end):
        reader.report(
            fields.line,
            fields.where,
            f"indiquez soit {q('date')}, soit {q('du')} et {q('au')}, pas les deux.",
        )
        return None
    if has_date:
        day = fields.parsed("date", parse_date)
        return None if day is None else (day, day)
    if has_start != has_end:
        given, absent = ("du", "au") if has_start else ("au", "du")
        reader.report(fields.line, fields.where, f"{q(given)} est indiqué sans {q(absent)} ; ajoutez-le.")
        return None
    if not has_start:
        example = f"{q('date: 2026-12-25')}, ou {q('du')} et {q('au')} pour plusieurs jours"
        if not single_allowed:
            example = f"{q('du: 2026-07-01')} et {q('au: 2026-08-31')}"
        reader.report(fields.line, fields.where, f"il manque les dates : écrivez {example}.")
        return None
    start, end = fields.parsed("du", parse_date), fields.parsed("au", parse_date)
    if start is None or end is None:
        return None
    if start > end:
        reader.report(
            fields.get("au") or fields.line,
            fields.at("au"),
            f"la date de fin ({end.isoformat()}) est avant la date de début ({start.isoformat()}) ; "
            f"vérifiez {q('du')} et {q('au')}.",
        )
        return None
    return start, end


def read_periods(fields: Fields) -> tuple[SeasonalPeriod, ...]:
    periods: list[SeasonalPeriod] = []
    spans: list[Span] = []
    for item in fields.items("periodes", PERIOD_KEYS, id_key="nom"):
        name = item.text("nom")
        span = read_span(item, single_allowed=False)
        node = item.get("horaires", required=True)
        weekly = None if node is None else read_week(item.reader, node, item.at("horaires"), item.key_line("horaires"))
        if span is not None:
            spans.append(Span(span[0], span[1], item.line, item.where, f"la période {q(name)}"))
        if name is not None and span is not None and weekly is not None:
            periods.append(SeasonalPeriod(name, span[0], span[1], weekly))
    check_no_overlap(fields.reader, spans, "une date ne peut appartenir qu'à une seule période.")
    return tuple(sorted(periods, key=lambda period: period.start))


def read_exceptions(fields: Fields) -> tuple[DateException, ...]:
    """`fermetures` and `horaires_exceptionnels` together, sorted by date."""
    exceptions: list[DateException] = []
    spans: list[Span] = []
    for key, allowed in (("fermetures", CLOSURE_KEYS), ("horaires_exceptionnels", SPECIAL_KEYS)):
        for index, item in enumerate(fields.items(key, allowed, id_key="date"), 1):
            span = read_span(item, single_allowed=True)
            reason = item.text("motif", required=False)
            ranges: DayRanges | None = ()
            if key == "horaires_exceptionnels":
                node = item.get("horaires", required=True)
                ranges = None if node is None else read_day(item.reader, node, item.at("horaires"))
            if span is None:
                continue
            spans.append(Span(span[0], span[1], item.line, item.where, f"{key}[{index}]"))
            if ranges is not None:
                exceptions.append(DateException(span[0], span[1], ranges, reason))
    check_no_overlap(fields.reader, spans, "une date ne peut avoir qu'une seule exception.")
    return tuple(sorted(exceptions, key=lambda exception: (exception.start, exception.end)))
