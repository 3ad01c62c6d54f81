"""`make bench`: the portal at national size against itself at city size, as ratios.

Two databases are built with `seed_scale` (50 and 10,000 beats; kept between runs as
bench_50 and bench_10000, rebuilt with --rebuild), each served by gunicorn in production
mode (2 workers) with Redis as the cache, on 127.0.0.1. A load generator in a second process
(bench/load.py) requests every page for a fixed time with a bounded number of connections.
All ratios come from one run on one machine, so the machine's speed cancels out:

* every public page and API list against `/healthz` (requests per second, ≥ 0.8 wanted);
* the stored report PDF against a static file of its size served by WhiteNoise (≥ 0.9);
* every staff page at 10,000 beats against 50 beats (mean time, ≤ 1.5 wanted), each as the
  synthetic user of the widest scope allowed to open it;
* the report PDF pipeline against bare WeasyPrint on the same HTML;
* register import rows per second at 10,000 and 100,000 rows (on a scratch copy);
* the peak memory of a gunicorn worker.

Results: bench/results/latest.json and latest.md (--out elsewhere). `--short` runs the same
on tiny databases of its own in seconds (CI runs it so the benchmark cannot rot).
"""

import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import redis

from bench import report
from bench.servers import ROOT, Gunicorn, manage, production_env, python_module

TARGETS = {"public": 0.8, "pdf": 0.9, "staff": 1.5}
# Public pages held to the /healthz target; the others are reported.
PUBLIC_TARGETED = {"beat page", "report page", "events page", "API beats", "API reports",
                   "API events"}  # fmt: skip
PASSWORD = "scale-pass-2026"


def _arguments():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--short", action="store_true", help="tiny data, seconds (CI)")
    parser.add_argument("--small", type=int, help="beats of the small country [50]")
    parser.add_argument("--large", type=int, help="beats of the large country [10000]")
    parser.add_argument("--small-db", help="use this existing database as the small country")
    parser.add_argument("--large-db", help="use this existing database as the large country")
    parser.add_argument("--rebuild", action="store_true", help="seed the databases again")
    parser.add_argument(
        "--media", type=Path, help="MEDIA_ROOT the existing databases were seeded with"
    )
    parser.add_argument("--seconds", type=float, help="measured seconds per page [4]")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    short = args.short
    args.small = args.small or (3 if short else 50)
    args.large = args.large or (12 if short else 10_000)
    args.seconds = args.seconds or (0.3 if short else 4.0)
    args.warmup = 0.1 if short else 1.0
    args.import_rows = [100, 400] if short else [10_000, 100_000]
    # Redis databases of the benchmark's caches: emptied at the start.
    args.redis_dbs = (14, 15) if short else (12, 13)
    return args


# --- databases ---------------------------------------------------------------------------------


def _admin(args):
    return psycopg.connect(f"{args.postgres}/postgres", autocommit=True)


def _exists(args, name):
    with _admin(args) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()


def _drop(args, name):
    with _admin(args) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _create(args, name, template=None):
    with _admin(args) as connection:
        suffix = f' TEMPLATE "{template}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{suffix}')


class Country:
    """One synthetic country: its database, media folder and the environment to serve it."""

    def __init__(self, args, beats, name, media, redis_db, static_root):
        self.beats, self.name, self.media = beats, name, Path(media)
        self.own_media = args.media is None  # a folder given with --media is never emptied
        self.url = f"{args.postgres}/{name}"
        cache = f"{args.redis}/{redis_db}"
        self.env = production_env(self.url, cache, static_root, self.media)
        redis.Redis.from_url(cache).flushdb()

    def create(self, args, template=None):
        """An empty database with the schema: migrated, or copied from a migrated `template`."""
        _drop(args, self.name)
        if self.own_media:
            shutil.rmtree(self.media, ignore_errors=True)
        _create(args, self.name, template=template)
        if template is None:
            manage(self.env, "migrate", "--no-input", "-v", "0")

    def seed(self):
        started = time.monotonic()
        manage(self.env, "seed_scale", "--beats", str(self.beats), "--password", PASSWORD)
        print(f"seeded {self.beats} beats in {time.monotonic() - started:.0f} s", flush=True)

    def read_samples(self):
        self.samples = json.loads(python_module(self.env, "bench.samples"))


def build(args, countries, fresh):
    """Seed the countries that are missing (all with `fresh`); migrate the ones kept."""
    missing = [c for c in countries if fresh or not _exists(args, c.name)]
    for country in countries:
        if country not in missing:
            manage(country.env, "migrate", "--no-input", "-v", "0")
    # One migration run: the other databases are copies of the first, migrated one.
    for index, country in enumerate(missing):
        country.create(args, template=missing[0].name if index else None)
    for country in missing:
        country.seed()
    for country in countries:
        country.read_samples()


# --- signing in and loading ------------------------------------------------------------------


def _cookies(response):
    jar = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name] = rest.split(";", 1)[0]
    return jar


def sign_in(base, login_path, username):
    """A session cookie for `username`, signed in through the real login form."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    connection.request("GET", login_path)
    page = connection.getresponse()
    body = page.read().decode()
    jar = _cookies(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    connection.request(
        "POST",
        login_path,
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={jar['csrftoken']}",
        },
    )
    answer = connection.getresponse()
    answer.read()
    session = _cookies(answer).get("sessionid")
    if answer.status != 302 or not session:
        raise RuntimeError(f"{username} could not sign in ({answer.status})")
    return f"sessionid={session}"


def load(args, base, targets, concurrency):
    plan = {
        "base": base,
        "seconds": args.seconds,
        "warmup": args.warmup,
        "targets": [{"concurrency": concurrency, **target} for target in targets],
    }
    return json.loads(python_module(dict(os.environ), "bench.load", stdin=json.dumps(plan)))


# --- the run -----------------------------------------------------------------------------------


def _static_root(args, work, pdf_size):
    """Collected static files plus a file of the PDF's size, served by WhiteNoise."""
    static_root = work / "static"
    env = production_env("sqlite:///unused", "locmemcache://", static_root, work)
    manage(env, "collectstatic", "--no-input", "-v", "0")
    (static_root / "bench").mkdir(exist_ok=True)
    (static_root / "bench" / "same-size.pdf").write_bytes(b"%PDF" + b"0" * (pdf_size - 4))
    return static_root


def _public(args, server, samples):
    healthz = [t for t in samples["public"] if t["name"] == "healthz"]
    pages = [t for t in samples["public"] if t["name"] != "healthz"]
    files = [
        {"name": "stored PDF", "path": samples["pdf"]["path"]},
        {"name": "static file", "path": "/static/bench/same-size.pdf"},
    ]
    before, *measured, after = load(args, server.base, healthz + pages + healthz, 4)
    pdf, static = load(args, server.base, files, 4)
    healthz_rps = (before["rps"] + after["rps"]) / 2
    rows = [
        {
            **page,
            "baseline_rps": healthz_rps,
            "ratio": page["rps"] / healthz_rps,
            "target": TARGETS["public"] if page["name"] in PUBLIC_TARGETED else None,
        }  # fmt: skip
        for page in measured
    ]
    pdf_row = {**pdf, "baseline_rps": static["rps"], "ratio": pdf["rps"] / static["rps"],
               "target": TARGETS["pdf"], "bytes": samples["pdf"]["size"]}  # fmt: skip
    return rows, pdf_row, [before, after, static]


def _staff(args, small, large):
    rows = []
    sessions = {}
    for country, server in (small, large):
        for page in country.samples["staff"]:
            key = (server.base, page["user"])
            if key not in sessions:
                sessions[key] = sign_in(server.base, country.samples["login"], page["user"])
    pages = {p["name"]: p for p in small[0].samples["staff"]}
    for page in large[0].samples["staff"]:
        if page["name"] not in pages:
            continue
        measured = []
        for _country, server in (small, large):
            cookie = sessions[(server.base, page["user"])]
            target = {**page, "cookie": cookie}
            measured.append(load(args, server.base, [target], 2)[0])
        at_small, at_large = measured
        rows.append(
            {
                "name": page["name"],
                "path": page["path"],
                "user": page["user"],
                "small_ms": at_small["mean_ms"],
                "large_ms": at_large["mean_ms"],
                "errors": at_small["errors"] + at_large["errors"],
                "error_statuses": at_small["error_statuses"] + at_large["error_statuses"],
                "ratio": at_large["mean_ms"] / at_small["mean_ms"] if at_small["mean_ms"] else None,
                "target": TARGETS["staff"],
            }
        )
    return rows


def _imports(args, small):
    results = []
    for rows in args.import_rows:
        scratch = f"{small.name}_import"
        _drop(args, scratch)
        _create(args, scratch, template=small.name)
        try:
            env = {
                **small.env,
                "DATABASE_URL": f"{args.postgres}/{scratch}",
                "CACHE_URL": "locmemcache://bench",
            }
            results.append(json.loads(python_module(env, "bench.inprocess", "import", str(rows))))
        finally:
            _drop(args, scratch)
    return results


def main():
    args = _arguments()
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    data = work if args.short else ROOT / "bench" / ".data"
    # The short mode's databases are its own: two runs at once never meet.
    prefix = f"bench_short_{os.getpid()}_" if args.short else "bench_"
    names = {
        "small": args.small_db or f"{prefix}{args.small}",
        "large": args.large_db or f"{prefix}{args.large}",
    }
    servers = []
    try:
        countries = {}
        for (size, name), redis_db in zip(names.items(), args.redis_dbs, strict=True):
            beats = args.small if size == "small" else args.large
            media = args.media or data / name / "media"
            countries[size] = Country(args, beats, name, media, redis_db, work / "static")
        build(args, list(countries.values()), fresh=args.rebuild or args.short)
        small, large = countries["small"], countries["large"]
        _static_root(args, work, large.samples["pdf"]["size"])
        for country in (small, large):
            servers.append(Gunicorn(country.env, work / f"{country.name}.log").start())
        small_server, large_server = servers
        public, pdf, baselines = _public(args, large_server, large.samples)
        staff = _staff(args, (small, small_server), (large, large_server))
        memory = large_server.peak_memory_mb()
        for server in servers:
            server.stop()
        servers = []
        results = {
            "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "mode": "short" if args.short else "full",
            "beats": {"small": small.samples["beats"], "large": large.samples["beats"]},
            "public": public,
            "pdf": pdf,
            "baselines": baselines,
            "staff": staff,
            "pdf_pipeline": json.loads(python_module(large.env, "bench.inprocess", "pdf")),
            "imports": _imports(args, small),
            "worker_peak_mb": memory,
        }
    finally:
        for server in servers:
            server.stop()
        if args.short:
            for name in names.values():
                _drop(args, name)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    markdown = report.markdown(results)
    (args.out / "latest.md").write_text(markdown)
    print(markdown)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
