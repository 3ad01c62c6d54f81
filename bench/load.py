"""The load generator: a separate process that requests each target for a fixed time.

    python -m bench.load < targets.json > results.json

Input: {"base": "http://127.0.0.1:PORT", "seconds": S, "warmup": W, "targets": [{"name",
"path", "concurrency", "cookie" (optional), "expect" (status, default 200)}]}. For each target
it runs `concurrency` threads, each with its own connection, first for `warmup` seconds
(not counted) and then for `seconds`; the load is bounded by the threads, each waiting for its
answer before asking again. Output: per target the requests, the errors (any other status or
a failed connection), requests per second and the mean and 95th-percentile latency in ms.
"""

import http.client
import json
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit


def _one(connection, path, headers):
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    if response.getheader("Connection", "").lower() == "close":
        connection.close()  # http.client opens it again on the next request
    return response.status


def _worker(base, target, stop_at, count_from, latencies, errors):
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    headers = {"Accept-Language": target.get("language", "ru")}
    if target.get("cookie"):
        headers["Cookie"] = target["cookie"]
    expect = target.get("expect", 200)
    counted = 0
    # Until the end, and at least one counted request however slow the page.
    while (now := time.perf_counter()) < stop_at or not counted:
        try:
            status = _one(connection, target["path"], headers)
        except (OSError, http.client.HTTPException):
            status = None
            connection.close()
        if now >= count_from:
            counted += 1
            latencies.append(time.perf_counter() - now)
            if status != expect:
                errors.append(status)
    connection.close()


def measure(base, target, seconds, warmup):
    latencies, errors = [], []
    start = time.perf_counter()
    count_from, stop_at = start + warmup, start + warmup + seconds
    threads = [
        threading.Thread(
            target=_worker, args=(base, target, stop_at, count_from, latencies, errors)
        )
        for _ in range(target.get("concurrency", 2))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ms = sorted(1000 * value for value in latencies)
    return {
        "name": target["name"],
        "path": target["path"],
        "requests": len(ms),
        "errors": len(errors),
        "error_statuses": sorted({str(s) for s in errors}),
        "rps": len(ms) / seconds,
        "mean_ms": statistics.fmean(ms) if ms else None,
        "p95_ms": ms[int(0.95 * (len(ms) - 1))] if ms else None,
    }


def main():
    plan = json.load(sys.stdin)
    results = [
        measure(plan["base"], target, plan["seconds"], plan["warmup"]) for target in plan["targets"]
    ]
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
