"""The usage report as one HTML page with simple charts (`mairie stats --html FICHIER`).

One self-contained file a staff member opens in any browser, offline: inline CSS, charts drawn as
inline SVG, no script, no font, no image or style sheet from elsewhere. Every chart has a title and
a table with the same numbers underneath (read aloud by screen readers, printed as is).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

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

PALETTE = (
    "#1f5fa8", "#e07b00", "#2e8540", "#b8322a", "#6b4fa0", "#8c6d1f", "#c2458b",
    "#00838f", "#9e9d24", "#795548", "#5f5f5f", "#37474f", "#ad1457",
)  # fmt: skip
"""One colour per feature in the stacked chart (each also named in the legend and in the table)."""
BAR_HEIGHT = 22
LABEL_WIDTH = 330
CHART_WIDTH = 760

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
figure { margin: 1rem 0; } figcaption { font-weight: 600; margin-bottom: .4rem; }
table { border-collapse: collapse; margin: .6rem 0; } th, td { padding: .2rem .7rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; } tr:nth-child(even) { background: #f3f3f3; }
.note { color: #444; } svg text { font-family: system-ui, sans-serif; font-size: 13px; fill: #1b1b1b; }
"""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    """What is written at the end of the bar ("120", "12,5 %")."""


def render_html(summary: UsageSummary, names: FacilityNames, source: str) -> str:
    period = period_label(summary)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Utilisation de la skill {escape(period)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>Utilisation de la skill {escape(period)}</h1>",
        f'<p class="note">Source : {escape(source)}. {_counts(summary)}</p>',
        *_sections(summary, names),
        '<p class="note">Ces chiffres viennent de compteurs anonymes : ni identifiant, ni session, '
        "ni mot prononcé par les habitants.</p>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _counts(summary: UsageSummary) -> str:
    text = f"{number(summary.requests)} requêtes d'habitants"
    if summary.events:
        text += f" (et {number(summary.events)} événements du lecteur audio ou d'Alexa, non comptés)"
    return escape(text + ".")


def _sections(summary: UsageSummary, names: FacilityNames) -> list[str]:
    if summary.requests == 0:
        return ["<p>Aucune requête d'habitant sur cette période.</p>"]
    return [
        *_feature_section(summary),
        *_not_understood_section(summary),
        *_hours_unknown_section(summary, names),
        *_examples_section(summary, names),
        *_latency_section(summary),
    ]


def _feature_section(summary: UsageSummary) -> list[str]:
    features = summary.features_by_use()
    totals = [Bar(feature_name(f), summary.per_feature[f], number(summary.per_feature[f])) for f in features]
    rows = [
        [feature_name(f), *(number(summary.per_feature_week[f][week]) for week in summary.weeks), number(total)]
        for f, total in ((f, summary.per_feature[f]) for f in features)
    ]
    header = ["Fonction", *(f"Semaine du {week.strftime('%d/%m')}" for week in summary.weeks), "Total"]
    return [
        "<h2>Requêtes par fonction</h2>",
        _figure("Requêtes par fonction, sur toute la période", _bars_svg(totals)),
        _figure("Requêtes par semaine et par fonction", _stacked_svg(summary, features)),
        _table(header, rows),
    ]


def _not_understood_section(summary: UsageSummary) -> list[str]:
    bars = []
    for week in summary.weeks:
        share = summary.not_understood_per_week[week] / summary.requests_per_week[week]
        bars.append(Bar(week_label(week), share, percent(share)))
    return [
        "<h2>Requêtes non comprises</h2>",
        f"<p>{escape(percent(summary.not_understood_share))} des requêtes n'ont pas été comprises "
        f"({escape(number(summary.not_understood))} sur {escape(number(summary.requests))}). "
        "Pour savoir ce qui a été dit : <code>mairie phrases</code>.</p>",
        _figure("Part des requêtes non comprises, par semaine", _bars_svg(bars, maximum=1.0)),
    ]


def _hours_unknown_section(summary: UsageSummary, names: FacilityNames) -> list[str]:
    heading = "<h2>Équipements demandés dont les horaires sont inconnus</h2>"
    unknown = (
        f"<p>Équipements inconnus du catalogue : {escape(number(summary.facility_unknown))} demandes "
        "(le nom dit n'est jamais enregistré).</p>"
    )
    if not summary.hours_unknown:
        return [heading, "<p>Aucun.</p>", unknown]
    ranked = summary.hours_unknown.most_common()
    bars = [Bar(facility_label(f, names), count, number(count)) for f, count in ranked]
    return [
        heading,
        "<p>Ajoutez leurs horaires dans <code>content/facilities.yaml</code> (clé « horaires »), "
        "puis lancez <code>mairie build</code>.</p>",
        _figure("Demandes d'horaires d'équipements sans horaires", _bars_svg(bars)),
        _table(["Équipement", "Demandes"], [[facility_label(f, names), number(c)] for f, c in ranked]),
        unknown,
    ]


def _examples_section(summary: UsageSummary, names: FacilityNames) -> list[str]:
    if not summary.example_answers:
        return []
    rows = [[facility_label(f, names), number(c)] for f, c in summary.examples.most_common()]
    rows += [[feature_name(f), number(c)] for f, c in summary.other_examples.most_common()]
    return [
        "<h2>Réponses tirées d'un exemple</h2>",
        f"<p>{escape(number(summary.example_answers))} réponses reposent sur des faits non confirmés "
        "(« exemple: true ») : confirmez-les, puis retirez « exemple: true ».</p>",
        _table(["Contenu", "Réponses"], rows),
    ]


def _latency_section(summary: UsageSummary) -> list[str]:
    bars = [Bar(feature_name(f), lat.p95_ms, milliseconds(lat.p95_ms)) for f, lat in summary.latencies.items()]
    rows = [
        [feature_name(f), milliseconds(lat.median_ms), milliseconds(lat.p95_ms), milliseconds(lat.max_ms)]
        for f, lat in summary.latencies.items()
    ]
    return [
        "<h2>Fonctions les plus lentes</h2>",
        _figure("Temps de traitement sous lequel restent 95 % des requêtes, par fonction", _bars_svg(bars)),
        _table(["Fonction", "Médiane", "95 %", "Maximum"], rows),
    ]


def _figure(caption: str, svg: str) -> str:
    return f"<figure>\n<figcaption>{escape(caption)}</figcaption>\n{svg}\n</figure>"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table; every column after the first holds numbers (right-aligned)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(_cell(i, cell) for i, cell in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(index: int, text: str) -> str:
    return f'<td class="n">{escape(text)}</td>' if index else f"<td>{escape(text)}</td>"


def _bars_svg(bars: Sequence[Bar], maximum: float | None = None) -> str:
    """Horizontal bars, label on the left, value at the end of the bar."""
    top = maximum or max((b.value for b in bars), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 80
    height = BAR_HEIGHT * len(bars) + 10
    items = []
    for index, bar in enumerate(bars):
        y = 5 + index * BAR_HEIGHT
        width = max(1.0, span * bar.value / top) if bar.value else 0.0
        items.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">{escape(_short(bar.label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width:.1f}" height="{BAR_HEIGHT - 6}" '
            f'fill="{PALETTE[0]}"><title>{escape(bar.label)} : {escape(bar.text)}</title></rect>'
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 15}">{escape(bar.text)}</text>'
        )
    return _svg(CHART_WIDTH, height, "".join(items))


def _stacked_svg(summary: UsageSummary, features: Sequence[str]) -> str:
    """One column per week, stacked by feature, with a legend."""
    weeks = summary.weeks
    top = max((summary.requests_per_week[w] for w in weeks), default=0) or 1
    plot_height, column = 220, min(90, (CHART_WIDTH - 60) // max(1, len(weeks)))
    # the tallest column ends 24 px from the top, its total written above it
    items = []
    for index, week in enumerate(weeks):
        x, y = 40 + index * column, 24.0 + plot_height
        for position, feature in enumerate(features):
            count = summary.per_feature_week[feature][week]
            if not count:
                continue
            height = plot_height * count / top
            y -= height
            colour = PALETTE[position % len(PALETTE)]
            tip = f"{week_label(week)}, {feature_name(feature)} : {number(count)}"
            items.append(
                f'<rect x="{x}" y="{y:.1f}" width="{column - 14}" height="{height:.1f}" fill="{colour}">'
                f"<title>{escape(tip)}</title></rect>"
            )
        items.append(f'<text x="{x}" y="{y - 4:.1f}">{escape(number(summary.requests_per_week[week]))}</text>')
        items.append(f'<text x="{x}" y="{plot_height + 42}">{escape(week.strftime("%d/%m"))}</text>')
    legend_top = plot_height + 62
    for position, feature in enumerate(features):
        y = legend_top + position * 18
        items.append(
            f'<rect x="40" y="{y}" width="12" height="12" fill="{PALETTE[position % len(PALETTE)]}"></rect>'
            f'<text x="58" y="{y + 11}">{escape(feature_name(feature))}</text>'
        )
    return _svg(CHART_WIDTH, legend_top + 18 * len(features) + 4, "".join(items))


def _svg(width: int, height: int, content: str) -> str:
    return f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">{content}</svg>'


def _short(label: str, limit: int = 44) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
