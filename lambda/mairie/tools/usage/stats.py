"""`mairie stats`: read the skill's anonymous log lines, count them, print the report in French.

The lines come from a local file (`--file`: JSON lines from `mairie serve`, or a copy of the Lambda's
log) or from CloudWatch Logs (the deployed function's log group, `usage.cloudwatch`), between two
days (UTC, both included; CloudWatch: the last four weeks by default). `--html` also writes the
one-page report with charts. A source that cannot be read gets a French message and exit 1.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TextIO

from mairie.tools.usage.cloudwatch import LogGroup, LogSourceError, deployed_log_group, read_log_group
from mairie.tools.usage.html import render_html
from mairie.tools.usage.labels import FacilityNames, day_label
from mairie.tools.usage.records import UsageRecord, read_file, within
from mairie.tools.usage.summary import summarise
from mairie.tools.usage.text import render_text

DEFAULT_DAYS = 28
"""CloudWatch without dates: the last four weeks, today included."""
NO_SOURCE = (
    "Je ne sais pas où lire les journaux : indiquez un fichier (--file journal.jsonl) ou le groupe de "
    "journaux CloudWatch de la fonction Lambda (--log-group /aws/lambda/NOM --region eu-west-1). "
    "Après un premier « mairie deploy », le groupe est trouvé tout seul dans .ask/ask-states.json."
)


@dataclass(frozen=True)
class StatsOptions:
    file: Path | None = None
    log_group: str | None = None
    region: str | None = None
    aws_profile: str | None = None
    since: date | None = None
    until: date | None = None
    html: Path | None = None


@dataclass(frozen=True)
class Reading:
    records: list[UsageRecord]
    source: str
    first: date | None
    last: date | None


def run_stats(options: StatsOptions, root: Path, names: FacilityNames, out: TextIO) -> int:
    try:
        reading = read_records(options, root)
    except LogSourceError as error:
        print(str(error), file=sys.stderr)
        return 1
    summary = summarise(reading.records, reading.first, reading.last)
    for line in render_text(summary, names, reading.source):
        print(line, file=out)
    if options.html is None:
        return 0
    try:
        options.html.write_text(render_html(summary, names, reading.source), encoding="utf-8")
    except OSError as error:
        print(f"Impossible d'écrire le rapport HTML « {options.html} » : {why(error)}.", file=sys.stderr)
        return 1
    print(f"\nRapport HTML écrit : {options.html} (à ouvrir dans un navigateur).", file=out)
    return 0


def read_records(options: StatsOptions, root: Path) -> Reading:
    """The records of the chosen source and period. Raises `LogSourceError` (French message)."""
    if options.since and options.until and options.since > options.until:
        raise LogSourceError(
            f"La période est à l'envers : du {day_label(options.since)} au {day_label(options.until)}."
        )
    if options.file is not None:
        return _from_file(options)
    group = _log_group(options, root)
    last = options.until or datetime.now(UTC).date()
    first = options.since or last - timedelta(days=DEFAULT_DAYS - 1)
    records = read_log_group(group, first, last, options.aws_profile)
    where = f" ({group.region})" if group.region else ""
    return Reading(within(records, first, last), f"CloudWatch Logs, {group.name}{where}", first, last)


def _from_file(options: StatsOptions) -> Reading:
    assert options.file is not None
    try:
        records = read_file(options.file)
    except OSError as error:
        raise LogSourceError(f"Impossible de lire « {options.file} » : {why(error)}.") from error
    kept = within(records, options.since, options.until)
    return Reading(kept, f"fichier {options.file.name}", options.since, options.until)


def why(error: OSError) -> str:
    """Why a file could not be read or written, in French."""
    if isinstance(error, FileNotFoundError):
        return "fichier ou dossier introuvable"
    if isinstance(error, PermissionError):
        return "accès refusé"
    if isinstance(error, IsADirectoryError):
        return "c'est un dossier, pas un fichier"
    return f"erreur système {error.errno}" if error.errno else "erreur système"


def _log_group(options: StatsOptions, root: Path) -> LogGroup:
    if options.log_group:
        deployed = deployed_log_group(root)
        region = options.region or (deployed.region if deployed and deployed.name == options.log_group else None)
        return LogGroup(options.log_group, region)
    deployed = deployed_log_group(root)
    if deployed is None:
        raise LogSourceError(NO_SOURCE)
    return LogGroup(deployed.name, options.region or deployed.region)
