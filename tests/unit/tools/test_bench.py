"""`mairie bench`: the generated large catalogue, the request mix, the targets, one tiny real run.

No timing is asserted here (speed is what `mairie bench` reports); these tests check that the
benchmark measures what it claims and fails when a target is missed.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from mairie.catalogue.compiled import dump_catalogue, load_compiled
from mairie.catalogue.current import get_catalogue
from mairie.catalogue.model import Catalogue
from mairie.tools import bench
from mairie.tools.bench import Measures, checks, percentile, run_bench
from mairie.tools.bench_catalogue import scaled_catalogue
from mairie.tools.bench_events import request_mix
from mairie.tools.cli import main
from mairie.tools.local_skill import repo_root


@pytest.fixture(scope="module")
def issy() -> Catalogue:
    return get_catalogue()


@pytest.fixture(scope="module")
def scaled(issy: Catalogue) -> Catalogue:
    return scaled_catalogue(issy)


def test_the_large_catalogue_has_1000_facilities_and_2000_episodes(issy: Catalogue, scaled: Catalogue) -> None:
    assert len(scaled.facilities) == 1000
    assert sum(len(series.episodes) for series in scaled.podcasts) == 2000
    assert len(scaled.procedures) == 20 * len(issy.procedures)
    assert scaled.magazine is not None and issy.magazine is not None
    assert len(scaled.magazine.issues) == 20 * len(issy.magazine.issues)


def test_the_large_catalogue_keeps_the_city_entries_and_has_unique_ids(issy: Catalogue, scaled: Catalogue) -> None:
    assert scaled.facilities[: len(issy.facilities)] == issy.facilities
    assert len({f.id for f in scaled.facilities}) == len(scaled.facilities)
    episodes = scaled.podcasts[0].episodes
    assert len({e.id for e in episodes}) == len(episodes)
    assert [e.number for e in episodes] == sorted(e.number for e in episodes)
    assert scaled.magazine is not None
    months = [issue.month for issue in scaled.magazine.issues]
    assert months == sorted(set(months))


def test_the_large_catalogue_survives_compiling(scaled: Catalogue) -> None:
    assert load_compiled(dump_catalogue(scaled)) == scaled


def test_the_mix_covers_hours_id_magazine_podcast_and_audio_events(scaled: Catalogue) -> None:
    mix = request_mix(scaled)
    intents = [event["request"].get("intent", {}).get("name") for _, event in mix]
    kinds = [event["request"]["type"] for _, event in mix]
    assert kinds[0] == "LaunchRequest"
    assert {"OpeningHoursIntent", "IdProcedureIntent", "MagazineIntent", "PlayPodcastIntent"} <= set(intents)
    assert {"AudioPlayer.PlaybackStarted", "AudioPlayer.PlaybackStopped"} <= set(kinds)
    started = next(event for label, event in mix if label == "PlaybackStarted")
    assert started["request"]["token"].endswith(":episode-genere-2000")


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.99) == 99.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([3.0], 0.99) == 3.0


def _measures(cold: float, warm: float, peak_kib: int) -> Measures:
    return Measures(cold_s=[cold], cold_peak_kib=[peak_kib], warm_peak_kib=peak_kib, warm_s={"ouverture": [warm]})


def test_targets_are_ratios_to_the_baseline() -> None:
    base = _measures(0.100, 0.001, 30_000)
    ok = {"base": base, "ville": _measures(0.114, 0.0015, 40_000), "×20": _measures(0.149, 0.0015, 40_000)}
    assert all(check.ok for check in checks(ok))
    slow = {"base": base, "ville": _measures(0.116, 0.0015, 40_000), "×20": _measures(0.149, 0.0016, 41_000)}
    missed = [check.label for check in checks(slow) if not check.ok]
    assert missed == [
        "démarrage à froid ville ≤ 1.15× base",
        "requête chaude médiane ×20 ≤ 1.5× base",
        "mémoire de pointe ×20 ≤ base + 10 Mio",
    ]


def test_a_tiny_real_run_prints_the_table_and_the_verdicts(issy: Catalogue) -> None:
    out = io.StringIO()
    code = run_bench(repo_root(), issy, repetitions=1, rounds=1, out=out)
    text = out.getvalue()
    assert code in (0, 1)
    assert "démarrage à froid (ms)" in text
    assert "requête chaude, p99 (ms)" in text
    assert "podcast, médiane (ms)" in text
    verdicts = [line for line in text.splitlines() if line.startswith(("ok ", "RATÉ "))]
    assert len(verdicts) == 6
    assert code == (1 if any(line.startswith("RATÉ") for line in verdicts) else 0)


def test_a_skill_that_does_not_answer_stops_the_benchmark(tmp_path: Path) -> None:
    broken = tmp_path / "lambda"
    broken.mkdir()
    (broken / "lambda_function.py").write_text("def lambda_handler(event, context):\n    return {}\n")
    events = tmp_path / "events.json"
    events.write_text(json.dumps([{}]))
    subject = bench.Subject("cassée", broken, events, (), {})
    with pytest.raises(RuntimeError, match="rien répondu"):
        bench.run_probe(subject, 0, bench.probe_path(repo_root()))


def test_the_command_refuses_zero_repetitions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["bench", "--repetitions", "0"])
    assert "un entier positif est attendu" in capsys.readouterr().err
