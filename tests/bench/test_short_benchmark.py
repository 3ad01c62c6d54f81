"""The benchmark's short mode (`python -m bench --short`) on tiny countries of its own, so that
`make bench` cannot rot: every page it measures answers as expected, the ratios and the other
measurements are there, and the Markdown table names every page.

The benchmark builds its own databases on the shared PostgreSQL and serves them with gunicorn
and Redis, whatever database the suite runs on: CI runs it in its PostgreSQL pass.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from bench.run import PUBLIC_TARGETED
from bench.samples import STAFF

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="runs once, in the suite's PostgreSQL pass"
)


def run_short_benchmark(out):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    finished = subprocess.run(
        [sys.executable, "-m", "bench", "--short", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    return json.loads((out / "latest.json").read_text()), (out / "latest.md").read_text()


def test_the_short_benchmark_measures_everything(tmp_path):
    # One test: the run takes a minute, and tests of one module may go to different workers.
    data, markdown = run_short_benchmark(tmp_path)

    rows = {row["name"]: row for row in data["public"]}
    assert rows.keys() >= PUBLIC_TARGETED
    for row in rows.values():
        assert row["errors"] == 0, (row["name"], row["error_statuses"])
        assert row["requests"] > 0 and row["ratio"] > 0
    assert data["pdf"]["errors"] == 0 and data["pdf"]["ratio"] > 0
    assert data["pdf"]["bytes"] > 1000

    assert data["beats"]["large"] > data["beats"]["small"]
    rows = {row["name"]: row for row in data["staff"]}
    assert rows.keys() == {name for name, *_rest in STAFF}
    for row in rows.values():
        assert row["errors"] == 0, (row["name"], row["error_statuses"])
        assert row["small_ms"] > 0 and row["large_ms"] > 0

    assert [run["rows"] for run in data["imports"]] == [100, 400]
    for run in data["imports"]:
        assert run["state"] == "applied" and run["written"] == run["rows"]
        assert run["check_rows_per_s"] > 0 and run["apply_rows_per_s"] > 0
    assert data["pdf_pipeline"]["pipeline_s"] > 0 and data["pdf_pipeline"]["bare_weasyprint_s"] > 0
    assert data["worker_peak_mb"] > 10
    for row in data["public"] + data["staff"]:
        assert f"| {row['name']} |" in markdown
