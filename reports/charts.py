"""The statistics chart of a report: this quarter against the same period last year (АППГ).

A plain inline SVG (no script, no style attribute, no external resource), so the same
markup works on a web page under a strict CSP and in the PDF. One category per row: its
name on a line of its own (readable on a phone), then two horizontal bars on one scale.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

# Drawn at about its own size on a phone (320 units in ~300 px), so the text stays readable;
# shown at most DISPLAY_WIDTH px wide on a larger screen.
WIDTH = 320
DISPLAY_WIDTH = 400
LEFT = 2
VALUE_SPACE = 40  # room for the number after the longest bar
LINE_HEIGHT = 16
LEGEND_HEIGHT = 2 * LINE_HEIGHT + 8
BAR_HEIGHT = 12
BARS_HEIGHT = 2 * BAR_HEIGHT + 3 + 10
FONT = "DejaVu Sans, Arial, sans-serif"
CURRENT_COLOUR = "#0b5ed7"
PREVIOUS_COLOUR = "#9aa3ab"
TEXT_COLOUR = "#212529"
LINE_CHARACTERS = 36  # of a category name at 13 units, before it wraps
MAX_LINES = 2


def _lines(text):
    """A category name in at most MAX_LINES lines, broken between words."""
    words, lines, line = str(text or "").split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if len(candidate) <= LINE_CHARACTERS or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > MAX_LINES:
        lines = lines[: MAX_LINES - 1] + [" ".join(lines[MAX_LINES - 1 :])]
    limit = LINE_CHARACTERS + 4
    return [part if len(part) <= limit else part[: limit - 1].rstrip() + "…" for part in lines] or [
        ""
    ]


def _number(value):
    return "—" if value is None else str(value)


def _bar(x, y, length, colour):
    # A zero still shows a hairline so that "nothing" is visibly different from "no data".
    return (
        f'<rect x="{x}" y="{y}" width="{max(length, 1.5):.1f}" height="{BAR_HEIGHT}" '
        f'fill="{colour}" rx="2"/>'
    )


def chart_rows(statistics):
    """The rows worth drawing: categories with data for at least one of the two periods."""
    return [
        row
        for row in (statistics or {}).get("rows", [])
        if row.get("current") is not None or row.get("previous") is not None
    ]


def statistics_chart(statistics, *, current_label=None, previous_label=None):
    """The chart of a snapshot's `statistics` section as safe inline SVG markup.

    Labels are taken in the active language. Without data for any category the result is
    an empty string (the page says so in words instead).
    """
    rows = chart_rows(statistics)
    if not rows:
        return mark_safe("")  # noqa: S308 - a literal empty string
    current_label = current_label or gettext("This quarter")
    previous_label = previous_label or gettext("Same period last year")
    top = max(max(row.get("current") or 0, row.get("previous") or 0) for row in rows) or 1
    scale = (WIDTH - LEFT - VALUE_SPACE) / top
    labelled = [(row, _lines(row.get("category"))) for row in rows]
    height = LEGEND_HEIGHT + sum(len(lines) * LINE_HEIGHT + BARS_HEIGHT for _row, lines in labelled)
    title = gettext("Registered offences: this quarter and the same period last year")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart mw-100 h-auto" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{DISPLAY_WIDTH}" '
        f'height="{round(height * DISPLAY_WIDTH / WIDTH)}" '
        f'preserveAspectRatio="xMinYMin meet" aria-label="{escape(title)}" '
        f'font-family="{FONT}" font-size="13" fill="{TEXT_COLOUR}">',
        f"<title>{escape(title)}</title>",
        # Legend, one entry a line.
        f'<rect x="{LEFT}" y="3" width="14" height="{BAR_HEIGHT}" fill="{CURRENT_COLOUR}"/>',
        f'<text x="{LEFT + 20}" y="13">{escape(current_label)}</text>',
        f'<rect x="{LEFT}" y="{3 + LINE_HEIGHT}" width="14" height="{BAR_HEIGHT}" '
        f'fill="{PREVIOUS_COLOUR}"/>',
        f'<text x="{LEFT + 20}" y="{13 + LINE_HEIGHT}">{escape(previous_label)}</text>',
    ]
    y = LEGEND_HEIGHT
    for row, lines in labelled:
        current, previous = row.get("current"), row.get("previous")
        current_length = (current or 0) * scale
        previous_length = (previous or 0) * scale
        parts.append("<g>")
        parts.append(
            f"<title>{escape(row.get('category', ''))}: {escape(current_label)} "
            f"{_number(current)}, {escape(previous_label)} {_number(previous)}</title>"
        )
        for line in lines:
            y += LINE_HEIGHT
            parts.append(f'<text x="{LEFT}" y="{y - 4}" font-weight="bold">{escape(line)}</text>')
        bar_y = y + 1
        if current is not None:
            parts.append(_bar(LEFT, bar_y, current_length, CURRENT_COLOUR))
        parts.append(
            f'<text x="{LEFT + max(current_length, 1.5) + 5:.1f}" y="{bar_y + 10}" '
            f'font-size="12">{_number(current)}</text>'
        )
        bar_y += BAR_HEIGHT + 3
        if previous is not None:
            parts.append(_bar(LEFT, bar_y, previous_length, PREVIOUS_COLOUR))
        parts.append(
            f'<text x="{LEFT + max(previous_length, 1.5) + 5:.1f}" y="{bar_y + 10}" '
            f'font-size="12">{_number(previous)}</text>'
        )
        parts.append("</g>")
        y += BARS_HEIGHT
    parts.append("</svg>")
    # Every piece of text above went through escape(); the rest is our own markup.
    return mark_safe("".join(parts))  # noqa: S308
