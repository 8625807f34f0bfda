"""Server-rendered SVG bar charts: no JavaScript, readable offline, in print and at phone width.

Horizontal grouped bars: one group per category, one bar per year. Each year has its own colour AND
fill pattern, and every bar carries its value as text, so nothing depends on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from generator.escape import Md

# Colours with at least 4.5:1 contrast against white; patterns make the series distinguishable without colour.
STYLES = [
    ("#1f4e79", None),
    ("#8a4b08", "diagonal"),
    ("#2d6a2d", "dots"),
    ("#5b2a86", "cross"),
    ("#7a1f3d", "horizontal"),
]
WIDTH = 400
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
BAR_GAP = 3
GROUP_GAP = 14
LEFT = 8
VALUE_SPACE = 110


@dataclass(frozen=True)
class Series:
    label: str
    values: list[int]


def _pattern(index: int, colour: str, kind: str | None, chart_id: str) -> str:
    pid = f"{chart_id}-p{index}"
    if kind is None:
        return ""
    marks = {
        "diagonal": f'<path d="M0,6 L6,0" stroke="{colour}" stroke-width="2"/>',
        "dots": f'<circle cx="3" cy="3" r="1.6" fill="{colour}"/>',
        "cross": f'<path d="M0,0 L6,6 M6,0 L0,6" stroke="{colour}" stroke-width="1.4"/>',
        "horizontal": f'<path d="M0,3 L6,3" stroke="{colour}" stroke-width="2"/>',
    }[kind]
    return f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#ffffff"/>{marks}</pattern>'


def _fill(index: int, chart_id: str) -> str:
    colour, kind = STYLES[index % len(STYLES)]
    return colour if kind is None else f"url(#{chart_id}-p{index})"


def bar_chart(chart_id: str, title: str, description: str, categories: list[str], series: list[Series], format_value) -> Md:
    """A grouped horizontal bar chart as inline SVG; every text in it is HTML-escaped."""
    maximum = max((v for s in series for v in s.values), default=0) or 1
    bar_area = WIDTH - LEFT - VALUE_SPACE
    legend_height = 24
    group_height = LABEL_HEIGHT + len(series) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    height = legend_height + len(categories) * group_height + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        "<defs>" + "".join(_pattern(i, *STYLES[i % len(STYLES)], chart_id) for i in range(len(series))) + "</defs>",
    ]
    x = LEFT
    for i, s in enumerate(series):
        colour = STYLES[i % len(STYLES)][0]
        parts.append(f'<rect x="{x}" y="4" width="14" height="14" fill="{_fill(i, chart_id)}" stroke="{colour}" stroke-width="1.5"/>')
        parts.append(f'<text x="{x + 20}" y="15" fill="#1a1a1a">{escape(s.label)}</text>')
        x += 20 + 8 * len(s.label) + 24
    y = legend_height
    for c, category in enumerate(categories):
        parts.append(f'<text x="{LEFT}" y="{y + 13}" fill="#1a1a1a" font-weight="bold">{escape(category)}</text>')
        y += LABEL_HEIGHT
        for i, s in enumerate(series):
            value = s.values[c]
            width = round(bar_area * value / maximum, 1)
            colour = STYLES[i % len(STYLES)][0]
            label = f"{s.label}: {format_value(value)}"
            parts.append(f'<g><title>{escape(category)}, {escape(label)}</title>')
            parts.append(f'<rect x="{LEFT}" y="{y}" width="{width}" height="{BAR_HEIGHT}" fill="{_fill(i, chart_id)}" stroke="{colour}" stroke-width="1.5"/>')
            parts.append(f'<text x="{LEFT + width + 4}" y="{y + 11}" fill="#1a1a1a">{escape(label)}</text></g>')
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
    parts.append("</svg>")
    return Md("".join(parts))
