"""The usage report as plain French text, for the terminal (`mairie stats`).

Sections, in order: the period and the counts; requests per feature and week; the share not
understood; facilities asked for whose hours are unknown (with what to do); facilities or kinds not
in the catalogue; answers from example entries; the slowest features. The facility names come from
the catalogue; the log itself only holds their ids.
"""

from __future__ import annotations

from mairie.tools.usage.labels import (
    FacilityNames,
    facility_label,
    feature_name,
    milliseconds,
    number,
    percent,
    period_label,
    week_label,
)
from mairie.tools.usage.summary import UsageSummary

SLOWEST = 5
"""How many features the latency section lists."""


def render_text(summary: UsageSummary, names: FacilityNames, source: str) -> list[str]:
    lines = _heading(summary, source)
    if summary.requests == 0:
        lines.append("Aucune requête d'habitant sur cette période.")
        return lines
    for section in (_per_feature, _not_understood, _hours_unknown, _facility_unknown, _examples, _slowest):
        lines.append("")
        lines.extend(section(summary, names))
    return lines


def _heading(summary: UsageSummary, source: str) -> list[str]:
    lines = [f"Utilisation de la skill {period_label(summary)} (source : {source})."]
    counts = f"{number(summary.requests)} {_plural(summary.requests, 'requête', 'requêtes')} d'habitants"
    if summary.events:
        counts += f", et {number(summary.events)} {_plural(summary.events, 'événement', 'événements')} "
        counts += "du lecteur audio ou d'Alexa (non comptés ci-dessous)"
    if summary.errors:
        counts += f" ; {number(summary.errors)} en erreur"
    lines.append(counts + ".")
    return lines


def _per_feature(summary: UsageSummary, names: FacilityNames) -> list[str]:
    lines = ["Requêtes par fonction et par semaine :"]
    for week in summary.weeks:
        lines.append(f"  {week_label(week)} : {number(summary.requests_per_week[week])}")
        for feature in summary.features_by_use():
            count = summary.per_feature_week[feature][week]
            if count:
                lines.append(f"    {feature_name(feature)} : {number(count)}")
    lines.append("  Total par fonction :")
    for feature in summary.features_by_use():
        count = summary.per_feature[feature]
        lines.append(f"    {feature_name(feature)} : {number(count)} ({percent(count / summary.requests)})")
    return lines


def _not_understood(summary: UsageSummary, names: FacilityNames) -> list[str]:
    lines = [
        f"Non compris : {percent(summary.not_understood_share)} des requêtes "
        f"({number(summary.not_understood)} sur {number(summary.requests)})."
    ]
    if len(summary.weeks) > 1:
        for week in summary.weeks:
            total = summary.requests_per_week[week]
            missed = summary.not_understood_per_week[week]
            lines.append(f"  {week_label(week)} : {percent(missed / total)} ({number(missed)} sur {number(total)})")
    if summary.not_understood:
        lines.append("  Pour savoir ce qui a été dit : « mairie phrases » (historique anonyme d'Alexa).")
    return lines


def _hours_unknown(summary: UsageSummary, names: FacilityNames) -> list[str]:
    if not summary.hours_unknown:
        return ["Équipements demandés dont les horaires sont inconnus : aucun."]
    lines = ["Équipements demandés dont les horaires sont inconnus (les plus demandés d'abord) :"]
    for facility_id, count in summary.hours_unknown.most_common():
        lines.append(
            f"  {facility_label(facility_id, names)} : {number(count)} {_plural(count, 'demande', 'demandes')}"
        )
    lines.append("  Ajoutez leurs horaires dans content/facilities.yaml (clé « horaires »), puis « mairie build ».")
    return lines


def _facility_unknown(summary: UsageSummary, names: FacilityNames) -> list[str]:
    count = summary.facility_unknown
    if not count:
        return ["Équipements inconnus du catalogue : aucune demande."]
    return [
        f"Équipements inconnus du catalogue : {number(count)} {_plural(count, 'demande', 'demandes')} "
        "(le nom dit n'est jamais enregistré ; « mairie phrases » montre les phrases fréquentes).",
        "  Un équipement manque, ou il lui faut un synonyme : content/facilities.yaml (clé « synonymes »).",
    ]


def _examples(summary: UsageSummary, names: FacilityNames) -> list[str]:
    count = summary.example_answers
    if not count:
        return ["Réponses tirées d'un exemple (faits non confirmés) : aucune."]
    lines = [
        f"Réponses tirées d'un exemple (faits non confirmés) : {number(count)}. "
        "Confirmez ces informations, puis retirez « exemple: true »."
    ]
    for facility_id, found in summary.examples.most_common():
        lines.append(f"  {facility_label(facility_id, names)} : {number(found)}")
    for feature, found in summary.other_examples.most_common():
        lines.append(f"  {feature_name(feature)} : {number(found)}")
    return lines


def _slowest(summary: UsageSummary, names: FacilityNames) -> list[str]:
    lines = ["Fonctions les plus lentes (temps de traitement : médiane, 95 % des requêtes en moins de, maximum) :"]
    for feature, latency in list(summary.latencies.items())[:SLOWEST]:
        lines.append(
            f"  {feature_name(feature)} : {milliseconds(latency.median_ms)}, {milliseconds(latency.p95_ms)}, "
            f"{milliseconds(latency.max_ms)} ({number(latency.count)} {_plural(latency.count, 'requête', 'requêtes')})"
        )
    return lines


def _plural(n: int, singular: str, plural: str) -> str:
    return singular if n <= 1 else plural
