"""The trust index over quarters as a chart: a dot for the share, a whisker for its 95 %
interval, a gap (marked "n < 10") for a suppressed quarter.

A plain inline SVG like reports.charts (no script, no style attribute, nothing loaded), so
it works on a page under the CSP and in a PDF. Text comes in the active language.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

WIDTH = 320
DISPLAY_WIDTH = 400
TOP = 12
PLOT_HEIGHT = 120
LEFT = 34  # room for the percent labels
RIGHT = 8
BOTTOM = 40  # quarter labels and the sample size
FONT = "DejaVu Sans, Arial, sans-serif"
COLOUR = "#0b5ed7"
GRID = "#dee2e6"
TEXT = "#212529"
MUTED = "#6c757d"


def _y(share: float) -> float:
    return TOP + (1 - share) * PLOT_HEIGHT


def _short(quarter) -> str:
    return f"{quarter.number}/{str(quarter.year)[2:]}"


def trend_chart(points, *, min_sample) -> str:
    """`points`: [(Quarter, TrustIndex)], oldest first. Safe SVG markup, or "" for none."""
    if not points:
        return mark_safe("")  # noqa: S308 - a literal empty string
    title = gettext("Residents' trust in the district inspector by quarter, % (95% interval)")
    height = TOP + PLOT_HEIGHT + BOTTOM
    step = (WIDTH - LEFT - RIGHT) / len(points)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trust-chart mw-100 h-auto" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{DISPLAY_WIDTH}" '
        f'height="{round(height * DISPLAY_WIDTH / WIDTH)}" preserveAspectRatio="xMinYMin meet" '
        f'aria-label="{escape(title)}" font-family="{FONT}" font-size="11" fill="{TEXT}">',
        f"<title>{escape(title)}</title>",
    ]
    for percent in (0, 50, 100):
        y = _y(percent / 100)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{percent}%</text>')
    gap_note = False
    for number, (quarter, index) in enumerate(points):
        x = LEFT + step * (number + 0.5)
        parts.append("<g>")
        if index.suppressed:
            gap_note = True
            described = gettext("%(quarter)s: fewer than %(min)s answers, not shown") % {
                "quarter": quarter.label,
                "min": min_sample,
            }
            parts.append(f"<title>{escape(described)}</title>")
            parts.append(
                f'<text x="{x:.1f}" y="{_y(0.5) + 4:.1f}" text-anchor="middle" '
                f'fill="{MUTED}">–</text>'
            )
        else:
            described = gettext(
                "%(quarter)s: %(percent)s%% (from %(low)s%% to %(high)s%%), %(total)s answers"
            ) % {
                "quarter": quarter.label,
                "percent": index.percent,
                "low": index.low_percent,
                "high": index.high_percent,
                "total": index.total,
            }
            low_y, high_y, y = _y(index.low), _y(index.high), _y(index.share)
            parts.append(f"<title>{escape(described)}</title>")
            parts.append(
                f'<line x1="{x:.1f}" y1="{high_y:.1f}" x2="{x:.1f}" y2="{low_y:.1f}" '
                f'stroke="{COLOUR}" stroke-width="2"/>'
            )
            for whisker_y in (low_y, high_y):
                parts.append(
                    f'<line x1="{x - 5:.1f}" y1="{whisker_y:.1f}" x2="{x + 5:.1f}" '
                    f'y2="{whisker_y:.1f}" stroke="{COLOUR}" stroke-width="2"/>'
                )
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{COLOUR}"/>')
            parts.append(
                f'<text x="{x + 7:.1f}" y="{y + 4:.1f}" font-size="10" '
                f'font-weight="bold">{index.percent}</text>'
            )
        base = TOP + PLOT_HEIGHT
        parts.append(
            f'<text x="{x:.1f}" y="{base + 14}" text-anchor="middle">{_short(quarter)}</text>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{base + 27}" text-anchor="middle" fill="{MUTED}" '
            f'font-size="10">n={index.total}</text>'
        )
        parts.append("</g>")
    if gap_note:
        note = gettext("– fewer than %(min)s answers: not shown") % {"min": min_sample}
        parts.append(
            f'<text x="{LEFT}" y="{height - 2}" fill="{MUTED}" font-size="10">{escape(note)}</text>'
        )
    parts.append("</svg>")
    # Every piece of text above went through escape(); the rest is our own markup.
    return mark_safe("".join(parts))  # noqa: S308
