"""The benchmark's results as Markdown: one table per kind of ratio, each row marked
against its target (✓ met, ✗ missed, blank: reported only)."""


def _mark(ratio, target, higher_is_better=True):
    if target is None or ratio is None:
        return ""
    met = ratio >= target if higher_is_better else ratio <= target
    return "✓" if met else "✗"


def _num(value, digits=2):
    return "–" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def markdown(results):
    beats = results["beats"]
    healthz = results["public"][0]["baseline_rps"] if results["public"] else None
    lines = [
        f"# Benchmark ({results['mode']}, {results['when']})",
        "",
        f"Countries of {beats['small']} and {beats['large']} beats; gunicorn with 2 workers, "
        "PostgreSQL and Redis on one machine; ratios measured in one run.",
        "",
        f"## Public pages and API against /healthz ({_num(healthz, 0)} requests/s)",
        "",
        "| Page | Requests/s | Ratio | Target | |",
        "|---|---:|---:|---:|---|",
    ]
    for row in results["public"]:
        target = f"≥ {row['target']}" if row["target"] else ""
        lines.append(
            f"| {row['name']} | {_num(row['rps'], 0)} | {_num(row['ratio'])} | {target} "
            f"| {_mark(row['ratio'], row['target'])} |"
        )
    pdf = results["pdf"]
    lines += [
        "",
        f"## Stored PDF ({pdf['bytes']:,} bytes) against a static file of its size".replace(
            ",", " "
        ),
        "",
        "| Requests/s | Static file | Ratio | Target | |",
        "|---:|---:|---:|---:|---|",
        f"| {_num(pdf['rps'], 0)} | {_num(pdf['baseline_rps'], 0)} | {_num(pdf['ratio'])} "
        f"| ≥ {pdf['target']} | {_mark(pdf['ratio'], pdf['target'])} |",
        "",
        f"## Staff pages: {beats['large']} beats against {beats['small']}",
        "",
        "| Page | User | ms (small) | ms (large) | Ratio | Target | |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for row in results["staff"]:
        lines.append(
            f"| {row['name']} | {row['user']} | {_num(row['small_ms'], 1)} "
            f"| {_num(row['large_ms'], 1)} | {_num(row['ratio'])} | ≤ {row['target']} "
            f"| {_mark(row['ratio'], row['target'], higher_is_better=False)} |"
        )
    pipeline = results["pdf_pipeline"]
    lines += [
        "",
        "## Other measurements",
        "",
        f"- Report PDF: the portal's pipeline {_num(pipeline['pipeline_s'], 3)} s, bare "
        f"WeasyPrint on the same HTML {_num(pipeline['bare_weasyprint_s'], 3)} s (ratio "
        f"{_num(pipeline['pipeline_s'] / pipeline['bare_weasyprint_s'])}).",
    ]
    for run in results["imports"]:
        lines.append(
            f"- Register import of {run['rows']:,} rows: dry run ".replace(",", " ")
            + f"{_num(run.get('check_rows_per_s'), 0)} rows/s, apply "
            f"{_num(run.get('apply_rows_per_s'), 0)} rows/s ({run.get('state')})."
        )
    lines.append(f"- Peak memory of a gunicorn worker: {_num(results['worker_peak_mb'], 0)} MB.")
    errors = sum(row["errors"] for row in results["public"] + results["staff"]) + pdf["errors"]
    lines += ["", f"Requests with an unexpected answer: {errors}.", ""]
    return "\n".join(lines)
