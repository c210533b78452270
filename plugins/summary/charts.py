"""Inline SVG charts for the report: axes with units, legends drawn like their series.

Every chart shows one quantity on one labelled axis. Each series has a colour *and* a
pattern or marker shape, so a greyscale print still tells them apart.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

INK, MUTED, GRID = "#1f2933", "#52606d", "#d9e2ec"
BLUE, ORANGE, GREEN = "#2f6690", "#b7472a", "#3a7d44"

DEFS = f"""<svg width='0' height='0' style='position:absolute' aria-hidden='true'><defs>
<pattern id='hatch' patternUnits='userSpaceOnUse' width='6' height='6'
 patternTransform='rotate(45)'><rect width='6' height='6' fill='{BLUE}'/>
<line x1='0' y1='0' x2='0' y2='6' stroke='#fff' stroke-width='2.2'/></pattern>
<pattern id='dots' patternUnits='userSpaceOnUse' width='5' height='5'>
<rect width='5' height='5' fill='{GREEN}'/><circle cx='2.5' cy='2.5' r='1.1' fill='#fff'/>
</pattern></defs></svg>"""
"""Shared fill patterns, referenced by id from every chart on the page."""


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    fill: str
    """What bars are painted with: a colour or ``url(#pattern)``."""


SOLID = Series("cramps", BLUE, BLUE)
HATCHED = Series("cramps", BLUE, "url(#hatch)")


def nice_top(value: float, minimum: float = 1) -> tuple[float, float]:
    """A round axis maximum at or above ``value`` and a tick step (1, 2 or 5 × 10^k)."""
    value = max(value, minimum)
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1) if minimum >= 1 else step
    return math.ceil(value / step) * step, step


def _num(v: float) -> str:
    return f"{v:g}"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def legend(items: Sequence[tuple[str, str, str]], x: float, y: float) -> str:
    """``items``: (swatch SVG drawn at 0,0 in a 14×10 box, label, the series' colour)."""
    out, cx = [], x
    for swatch, label, colour in items:
        out.append(f"<g transform='translate({cx:.1f},{y - 9:.1f})'>{swatch}</g>"
                   f"<text x='{cx + 18:.1f}' y='{y:.1f}' class='legend' fill='{colour}'>"
                   f"{label}</text>")
        cx += 30 + 6.0 * len(html.unescape(label))
    return "".join(out)


def bar_swatch(s: Series) -> str:
    return f"<rect width='14' height='10' fill='{s.fill}' stroke='{s.colour}'/>"


@dataclass(frozen=True)
class Frame:
    """A plot area inside an SVG of ``width`` × ``height``, with a y axis from 0 to ``top``."""

    width: int
    height: int
    left: int
    right: int
    top_pad: int
    bottom: int
    top: float
    step: float

    @property
    def plot_w(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> float:
        return self.height - self.top_pad - self.bottom

    @property
    def base(self) -> float:
        return self.top_pad + self.plot_h

    def y(self, v: float) -> float:
        return self.base - v * self.plot_h / self.top

    def open(self, title: str, y_title: str, x_title: str) -> list[str]:
        """The SVG's start: grid lines with their values, both axes, both axis titles."""
        out = [f"<svg viewBox='0 0 {self.width} {self.height}' role='img' "
               f"aria-label='{_esc(title)}'>"]
        tick = 0.0
        while tick <= self.top + 1e-9:
            y = self.y(tick)
            out.append(f"<line x1='{self.left}' x2='{self.width - self.right}' y1='{y:.1f}' "
                       f"y2='{y:.1f}' class='grid'/><text x='{self.left - 4}' y='{y + 4:.1f}'"
                       f" class='axis' text-anchor='end'>{_num(tick)}</text>")
            tick += self.step
        out.append(f"<line x1='{self.left}' x2='{self.left}' y1='{self.top_pad}' "
                   f"y2='{self.base}' class='axisline'/><line x1='{self.left}' "
                   f"x2='{self.width - self.right}' y1='{self.base}' y2='{self.base}' "
                   "class='axisline'/>")
        out.append(f"<text transform='translate(11,{self.top_pad + self.plot_h / 2:.1f}) "
                   f"rotate(-90)' class='axistitle' text-anchor='middle'>{_esc(y_title)}</text>")
        out.append(f"<text x='{self.left + self.plot_w / 2:.1f}' y='{self.height - 4}' "
                   f"class='axistitle' text-anchor='middle'>{_esc(x_title)}</text>")
        return out


def bar_chart(labels: Sequence[str], values: Sequence[float], *, y_title: str, x_title: str,
              series: Series, title: str, markers: Sequence[tuple[float, str]] = (),
              width: int = 700, height: int = 200, label_every: int = 1,
              value_labels: bool = True) -> str:
    """Vertical bars with a y axis (``y_title``), an x axis (``x_title``) and a legend.

    ``markers`` are (position in bar units from the left edge, label): dashed vertical
    lines such as "atorvastatin started".
    """
    top_pad = 30 + 10 * len(markers) if markers else 26  # room for the markers' labels
    # Headroom, so a value printed over the tallest bar stays inside the plot.
    top, step = nice_top(max(values, default=0) * (1.12 if value_labels else 1))
    f = Frame(width, height, 46, 10, top_pad, 44, top, step)
    left, plot_w, base, y = f.left, f.plot_w, f.base, f.y
    bw = plot_w / max(1, len(values))
    out = f.open(title, y_title, x_title)
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        x = left + i * bw
        if v:
            out.append(f"<rect x='{x + bw * 0.12:.1f}' y='{y(v):.1f}' width='{bw * 0.76:.1f}' "
                       f"height='{base - y(v):.1f}' fill='{series.fill}' "
                       f"stroke='{series.colour}' stroke-width='0.8'><title>{_esc(label)}: "
                       f"{_num(v)}</title></rect>")
            if value_labels:
                out.append(f"<text x='{x + bw / 2:.1f}' y='{y(v) - 3:.1f}' class='value' "
                           f"text-anchor='middle'>{_num(v)}</text>")
        if i % label_every == 0:
            out.append(f"<text x='{x + bw / 2:.1f}' y='{base + 14}' class='axis' "
                       f"text-anchor='middle'>{_esc(label)}</text>")
    legend_items = [(bar_swatch(series), _esc(series.name), series.colour)]
    for k, (pos, text) in enumerate(markers):  # one label a line, so none overlap
        mx = left + pos * bw
        anchor = "end" if mx > left + plot_w * 0.6 else "start"
        ty = top_pad - 4 - 10 * (len(markers) - 1 - k)
        out.append(f"<line x1='{mx:.1f}' x2='{mx:.1f}' y1='{ty - 8}' y2='{base}' "
                   f"class='marker'/><text x='{mx + (-3 if anchor == 'end' else 3):.1f}' "
                   f"y='{ty}' text-anchor='{anchor}' class='markerlabel'>{_esc(text)}</text>")
    if markers:
        legend_items.append(("<line x1='0' x2='14' y1='5' y2='5' class='marker'/>",
                             "medicine started", INK))
    out.append(legend(legend_items, left, 12))
    out.append("</svg>")
    return "".join(out)


def dot_chart(xs: Sequence[float | None], ys: Sequence[float | None], *, x_max: float,
              x_labels: Sequence[tuple[float, str]], y_title: str, x_title: str, title: str,
              colour: str, shape: str, name: str, y_top: float | None = None,
              unknown_name: str = "", width: int = 340, height: int = 170) -> str:
    """One marker per episode: x in nights from the first, y in the quantity's unit.

    A ``None`` y is drawn as a hollow grey triangle under the axis (``unknown_name``), so an
    unknown value is seen as unknown, never as zero.
    """
    known = [v for v in ys if v is not None]
    top, step = (y_top, y_top / 5) if y_top else nice_top(max(known, default=0))
    f = Frame(width, height, 40, 8, 24, 46, top, step)
    left, plot_w, base, py = f.left, f.plot_w, f.base, f.y

    def px(v: float) -> float:
        return left + (v + 0.5) * plot_w / (x_max + 1)

    out = f.open(title, y_title, x_title)
    for pos, text in x_labels:
        out.append(f"<text x='{px(pos):.1f}' y='{base + 21}' class='axis' "
                   f"text-anchor='middle'>{_esc(text)}</text>")
    unknown = 0
    for x, v in zip(xs, ys, strict=True):
        if x is None:
            continue
        if v is None:
            unknown += 1
            out.append(f"<path d='M{px(x):.1f},{base + 2:.1f} l-3.5,6 h7 z' fill='none' "
                       f"stroke='{MUTED}'/>")
        else:
            out.append(marker(shape, px(x), py(v), colour))
    items = [(marker(shape, 7, 5, colour), _esc(name), colour)]
    if unknown and unknown_name:
        items.append((f"<path d='M7,1 l-4,7 h8 z' fill='none' stroke='{MUTED}'/>",
                      _esc(unknown_name), MUTED))
    out.append(legend(items, left, 12))
    out.append("</svg>")
    return "".join(out)


def marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return (f"<rect x='{x - 3.5:.1f}' y='{y - 3.5:.1f}' width='7' height='7' "
                f"fill='{colour}' stroke='#fff' stroke-width='0.6'/>")
    return (f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3.8' fill='{colour}' stroke='#fff' "
            "stroke-width='0.6'/>")
