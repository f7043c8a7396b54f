"""Server-rendered SVG charts: a bar per label, values 0–100 (%) or counts. The SVG is
built from escaped text only (``html.escape``) and carries a <title> and <desc> so a
screen reader gets the figures too; the table next to it has the same numbers."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
HEIGHT = 220
LEFT = 40
BOTTOM = 40
TOP = 16


def _fmt(value: float) -> str:
    text = f"{value:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


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
    top = maximum if maximum is not None else max([v for v in values if v is not None] or [1.0])
    top = top or 1.0
    n = max(len(labels), 1)
    plot_w = WIDTH - LEFT - 10
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / n
    bar = max(slot * 0.6, 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" aria-labelledby="chart-title-{id(values)}">',
        f'<title id="chart-title-{id(values)}">{escape(title)}</title>',
        "<desc>"
        + escape(
            "; ".join(
                f"{lab}: {_fmt(v) + unit if v is not None else empty}"
                for lab, v in zip(labels, values, strict=True)
            )
        )
        + "</desc>",
    ]
    for fraction in (0, 0.5, 1):
        y = TOP + plot_h * (1 - fraction)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" stroke="#c9d2dc" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#4a5866">{escape(_fmt(top * fraction))}</text>'
        )
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = LEFT + slot * i + (slot - bar) / 2
        if value is not None:
            h = plot_h * min(max(value / top, 0), 1)
            parts.append(
                f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#0b5c8a"/>'
            )
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h - h - 3:.1f}" text-anchor="middle" font-size="10" fill="#1b2733">{escape(_fmt(value))}</text>'
            )
        else:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h - 3:.1f}" text-anchor="middle" font-size="10" fill="#4a5866">{escape(empty)}</text>'
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 14:.1f}" text-anchor="middle" font-size="10" fill="#1b2733">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built above from escaped text only
