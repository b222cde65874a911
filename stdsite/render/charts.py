"""Static SVG charts made at build time for the dashboard: no chart JavaScript, so they work
offline and in print, and scale to the width of a phone (viewBox + width 100%).

Every text is escaped; colours are attributes (not only CSS) so that a printout or a saved page
keeps them; text uses `currentColor` so it follows the theme.
"""
from __future__ import annotations

from dataclasses import dataclass

from .common import esc

WIDTH = 360                      # user units; the SVG is scaled to the container's width
FONT = 13
MAX_LABEL = 26                   # characters of a bar's label that fit on one line at WIDTH
OK, BAD, NONE, TRACK, MARK = "#2e7d32", "#c62828", "#9e9e9e", "#e0e0e0", "#212121"


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: `value` out of `scale` (the bar's full length); `text` is shown at its end."""

    label: str
    value: float
    scale: float
    text: str
    good: bool | None = None     # colour: True green, False red, None grey
    target: float | None = None  # a marker line at this value


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def _svg(height: float, title: str, body: list[str], cls: str) -> str:
    return (f'<svg class="dash-chart {cls}" viewBox="0 0 {WIDTH} {_fmt(height)}" width="100%" role="img" '
            f'aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet" '
            f'font-size="{FONT}" font-family="sans-serif">'
            f'<title>{esc(title)}</title>{"".join(body)}</svg>')


def _colour(good: bool | None) -> str:
    return NONE if good is None else (OK if good else BAD)


def bars(title: str, rows: list[Bar], cls: str = "dash-chart--bars") -> str:
    """Horizontal bars, the label above each bar (readable at 375 px), the value at the bar's right.

    A bar's fill is clamped to its track; an optional target is drawn as a dark marker line.
    """
    row_h, bar_h, pad = 40, 14, 4
    text_w = 88                                       # room for the value text right of the track
    track_w = WIDTH - text_w - 2 * pad
    body = []
    for index, row in enumerate(rows):
        y = pad + index * row_h
        share = 0.0 if row.scale <= 0 else max(0.0, min(1.0, row.value / row.scale))
        bar_y = y + 20
        label = row.label if len(row.label) <= MAX_LABEL else row.label[: MAX_LABEL - 1] + "…"
        body.append(f'<text x="{pad}" y="{y + 14}" fill="currentColor">{esc(label)}</text>')
        body.append(f'<rect x="{pad}" y="{bar_y}" width="{_fmt(track_w)}" height="{bar_h}" rx="3" fill="{TRACK}"/>')
        if share > 0:
            body.append(f'<rect x="{pad}" y="{bar_y}" width="{_fmt(track_w * share)}" height="{bar_h}" rx="3" '
                        f'fill="{_colour(row.good)}"/>')
        if row.target is not None and row.scale > 0:
            tx = pad + track_w * max(0.0, min(1.0, row.target / row.scale))
            body.append(f'<line x1="{_fmt(tx)}" y1="{bar_y - 3}" x2="{_fmt(tx)}" y2="{bar_y + bar_h + 3}" '
                        f'stroke="{MARK}" stroke-width="2"/>')
        body.append(f'<text x="{_fmt(pad + track_w + 6)}" y="{bar_y + bar_h - 2}" fill="currentColor" '
                    f'font-weight="bold">{esc(row.text)}</text>')
    height = pad * 2 + max(1, len(rows)) * row_h
    if not rows:
        body.append(f'<text x="{pad}" y="{pad + 20}" fill="currentColor">暂无数据</text>')
    return _svg(height, title, body, cls)


def gauge(title: str, value: float | None, scale: float, target: float | None, text: str, good: bool | None) -> str:
    """One indicator as a single bar with its target marker (a small chart for an indicator card)."""
    row = Bar(title, value or 0.0, scale, text, good, target)
    return bars(title, [row], "dash-chart--gauge")


def columns(title: str, rows: list[tuple[str, float, str]], cls: str = "dash-chart--columns") -> str:
    """Vertical columns (label, value, value text), e.g. attendance per year; scaled to the largest value."""
    height, base, top = 170, 140, 22
    n = max(1, len(rows))
    slot = (WIDTH - 8) / n
    col_w = min(48.0, slot * 0.6)
    peak = max((v for _, v, _ in rows), default=0) or 1
    body = [f'<line x1="4" y1="{base}" x2="{WIDTH - 4}" y2="{base}" stroke="{NONE}" stroke-width="1"/>']
    for index, (label, value, text) in enumerate(rows):
        cx = 4 + slot * index + slot / 2
        h = (base - top) * max(0.0, value) / peak
        body.append(f'<rect x="{_fmt(cx - col_w / 2)}" y="{_fmt(base - h)}" width="{_fmt(col_w)}" '
                    f'height="{_fmt(h)}" fill="#1565c0"/>')
        body.append(f'<text x="{_fmt(cx)}" y="{_fmt(base - h - 5)}" text-anchor="middle" fill="currentColor" '
                    f'font-weight="bold">{esc(text)}</text>')
        body.append(f'<text x="{_fmt(cx)}" y="{base + 18}" text-anchor="middle" fill="currentColor">{esc(label)}</text>')
    if not rows:
        body.append(f'<text x="{WIDTH / 2}" y="{base / 2}" text-anchor="middle" fill="currentColor">暂无数据</text>')
    return _svg(height, title, body, cls)
