"""The answers' distribution as a bar chart: the geometry only (pure Python, no Django).

The projector draws it as an SVG from a template (`projector.html#answer-chart`) and shows the same
figures in a table beside it, the chart's text equivalent. Coordinates are whole numbers of the
SVG's own units (`viewBox`), so no locale can write them with a decimal comma."""

from __future__ import annotations

from dataclasses import dataclass

LETTERS = "ABCDEFGHIJKL"
# One tone per concept option, in the order of their letters (projector.css colours them); they
# come back after the twelfth, which no concept question of the course reaches.
OPTION_TONES = ("a", "b", "c", "d", "e", "f")


@dataclass(frozen=True)
class Bar:
    """One bar: a short tag under it (`A`, `Juste`, `E1`), the full label of the table, a count."""

    tag: str
    label: str
    count: int
    tone: str  # a CSS class suffix: `a`…`f` (options), `ok`, `mistake`, `other`, `none`
    right: bool = False  # the right answer (concept) or the right answers (numeric)


@dataclass(frozen=True)
class DrawnBar:
    bar: Bar
    x: int
    y: int
    width: int
    height: int
    centre: int  # the x of the texts above and under the bar
    percent: int  # of the players, rounded


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: int  # the y of the axis the bars stand on
    tag_y: int  # the y of the tags under the bars
    players: int
    bars: list[DrawnBar]

    @property
    def summary(self) -> str:
        """What the chart shows, in one sentence (the SVG's accessible name)."""
        parts = [f"{drawn.bar.tag}\u00a0: {drawn.bar.count}" for drawn in self.bars]
        return "Répartition des réponses — " + ", ".join(parts) + "."


def percent_of(count: int, total: int) -> int:
    """`count` as a whole percentage of `total` (0 when there is nobody)."""
    return round(100 * count / total) if total > 0 else 0


def bar_chart(bars: list[Bar], *, players: int, width: int = 640, height: int = 300) -> BarChart:
    """Vertical bars side by side, the tallest filling the height left for bars; counts above."""
    top, bottom = 40, 50  # room for the counts above the bars and the tags under them
    baseline = height - bottom
    room = baseline - top
    tallest = max((bar.count for bar in bars), default=0)
    slot = width // max(1, len(bars))
    bar_width = max(8, int(slot * 0.7))
    drawn = []
    for position, bar in enumerate(bars):
        bar_height = round(room * bar.count / tallest) if tallest else 0
        bar_height = max(bar_height, 4)  # an empty bar still shows where it stands
        x = position * slot + (slot - bar_width) // 2
        drawn.append(
            DrawnBar(
                bar,
                x,
                baseline - bar_height,
                bar_width,
                bar_height,
                x + bar_width // 2,
                percent_of(bar.count, players),
            )
        )
    return BarChart(width, height, baseline, baseline + 36, players, drawn)


def option_letter(position: int) -> str:
    return LETTERS[position % len(LETTERS)]


def option_tone(position: int) -> str:
    return OPTION_TONES[position % len(OPTION_TONES)]


def concept_bars(options: list[tuple[str, int, bool]], *, unanswered: int) -> list[Bar]:
    """One bar per option (its letter and colour), then the players who did not answer."""
    bars = [
        Bar(option_letter(position), text, count, option_tone(position), right)
        for position, (text, count, right) in enumerate(options)
    ]
    return [*bars, Bar("Sans", "Sans réponse", unanswered, "none")]


def numeric_bars(
    *, correct: int, answered: int, mistakes: list[tuple[str, int]], unanswered: int
) -> list[Bar]:
    """The right answers, each named mistake (`E1`, `E2`… told in full beside the chart), the
    other wrong answers, and the players who did not answer."""
    named = sum(count for _, count in mistakes)
    bars = [Bar("Juste", "Bonne réponse", correct, "ok", right=True)]
    bars += [
        Bar(f"E{number}", phrase, count, "mistake")
        for number, (phrase, count) in enumerate(mistakes, start=1)
    ]
    other = max(0, answered - correct - named)
    bars.append(Bar("Autre", "Autre erreur", other, "other"))
    return [*bars, Bar("Sans", "Sans réponse", unanswered, "none")]
