"""The trend of an indicator over quarters: a small inline SVG line (no script, no style).

One point per quarter, coloured by its status against the target, the target as a dashed
line. The figures are also in the SVG's title and in the page's table, so the colour is
never the only carrier of the meaning.
"""

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from portal.periods import Quarter
from reports import indicators

WIDTH = 96
HEIGHT = 28
PAD = 4
LINE_COLOUR = "#495057"
TARGET_COLOUR = "#6c757d"
STATUS_COLOURS = {
    indicators.MET: "#198754",
    indicators.NEAR: "#b58105",
    indicators.MISSED: "#dc3545",
    indicators.NO_TARGET: "#0b5ed7",
    indicators.NO_DATA: "#adb5bd",
}


def shown(value, *, count=False):
    """A value as the reader's language writes it: "75,5 %", "1 204", "—"."""
    if value is None:
        return "—"
    if count:
        return number_format(value, decimal_pos=0, force_grouping=True)
    return f"{number_format(value, decimal_pos=1)}\u00a0%"


def trend(quarters: list[Quarter], series: list, *, title: str) -> str:
    """A sparkline of `series` ([Measure] per quarter, oldest first) as safe SVG markup."""
    values = [m.value if m is not None else None for m in series]
    known = [float(v) for v in values if v is not None]
    targets = [float(m.target) for m in series if m is not None and m.target is not None]
    top = max([*known, *targets], default=0) or 1
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def y_of(value):
        return HEIGHT - PAD - float(value) / top * (HEIGHT - 2 * PAD)

    count = bool(series) and series[0] is not None and series[0].is_count
    described = "; ".join(
        f"{quarter.label}: {shown(m.value if m else None, count=count)}"
        for quarter, m in zip(quarters, series, strict=True)
    )
    label = f"{title}. {gettext('Trend')}: {described}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="indicator-trend" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    if targets:
        target_y = y_of(targets[-1])
        parts.append(
            f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{target_y:.1f}" y2="{target_y:.1f}" '
            f'stroke="{TARGET_COLOUR}" stroke-width="1" stroke-dasharray="3 2"/>'
        )
    segment = []
    points = []
    for index, (value, measure) in enumerate(zip(values, series, strict=True)):
        if value is None:
            if len(segment) > 1:
                points.append(segment)
            segment = []
            continue
        x, y = PAD + index * step, y_of(value)
        segment.append((x, y, measure.status))
    if len(segment) > 1:
        points.append(segment)
    for line in points:
        coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y, _status in line)
        parts.append(
            f'<polyline points="{coordinates}" fill="none" stroke="{LINE_COLOUR}" '
            f'stroke-width="1.5"/>'
        )
    for index, (value, measure) in enumerate(zip(values, series, strict=True)):
        if value is None:
            continue
        colour = STATUS_COLOURS.get(measure.status, LINE_COLOUR)
        parts.append(
            f'<circle cx="{PAD + index * step:.1f}" cy="{y_of(value):.1f}" r="2.5" '
            f'fill="{colour}"/>'
        )
    parts.append("</svg>")
    # Every piece of text above went through escape(); the rest is our own markup.
    return mark_safe("".join(parts))  # noqa: S308
