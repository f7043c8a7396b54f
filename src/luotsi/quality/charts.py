"""Server-rendered SVG charts: a bar per label, values 0–100 (%) or counts. The SVG is
built from escaped text only (``html.escape``) and carries a <title> and <desc> so a
screen reader gets the figures too; the table next to it has the same numbers."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
HEIGHT = 220
LEFT = 40
BOTTOM = 40
TOP = 16
INK, MUTED, GRID, BAR = "#1b2733", "#4a5866", "#c9d2dc", "#0b5c8a"
_ids = itertools.count(1)


def _fmt(value: float) -> str:
    text = f"{value:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def _text(x: float, y: float, text: str, *, anchor: str = "middle", fill: str = INK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="10" '
        f'fill="{fill}">{escape(text)}</text>'
    )


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    maximum: float | None = 100.0,
    unit: str = "%",
    empty: str = "–",
) -> SafeString:
    """A vertical bar chart; a None value draws no bar and prints ``empty``."""
    known = [v for v in values if v is not None]
    top = (maximum if maximum is not None else max(known or [1.0])) or 1.0
    slot = (WIDTH - LEFT - 10) / max(len(labels), 1)
    plot_h = HEIGHT - TOP - BOTTOM
    bar = max(slot * 0.6, 2)
    ident = f"chart-{next(_ids)}"
    pairs = list(zip(labels, values, strict=True))
    desc = "; ".join(f"{lab}: {_fmt(v) + unit if v is not None else empty}" for lab, v in pairs)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" aria-labelledby="{ident}">',
        f'<title id="{ident}">{escape(title)}</title><desc>{escape(desc)}</desc>',
    ]
    for fraction in (0, 0.5, 1):
        y = TOP + plot_h * (1 - fraction)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(_text(LEFT - 4, y + 4, _fmt(top * fraction), anchor="end", fill=MUTED))
    for i, (label, value) in enumerate(pairs):
        x = LEFT + slot * i + (slot - bar) / 2
        middle = x + bar / 2
        if value is None:
            parts.append(_text(middle, TOP + plot_h - 3, empty, fill=MUTED))
        else:
            h = plot_h * min(max(value / top, 0), 1)
            y = TOP + plot_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{BAR}"/>'
            )
            parts.append(_text(middle, y - 3, _fmt(value)))
        parts.append(_text(middle, HEIGHT - BOTTOM + 14, label))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built above from escaped text only
