"""Generate a numeric exercise for any KPI of the catalogue and any difficulty, from a seed.

Numbers are drawn within the realistic ranges and integrity rules of KPIS.md (an exercise never shows
impossible data). In "nice" mode — most exercises — the base of the asked rate is a round number and
the part is chosen among the values that give a result with at most two decimals, as in published
corrigés; the other exercises keep raw numbers, so that rounding is practised too.

Difficulty 1 gives exactly the KPI's inputs; 2 adds quantities that invite the known mistakes; 3 needs
a step first (delivered from bounces, engagements from their parts, budget from the CPM, cost from its
lines). The French statements are in `phrasings.py`; this module only fills them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from math import gcd

from calculators.kpis import (
    EURO,
    KPIS_BY_SLUG,
    PERCENT,
    QUANTITIES,
    Calculation,
    Expr,
    Kpi,
    Step,
    Var,
    evaluate,
)
from calculators.numbers import format_given, round_half_up
from quiz.engine.phrasings import ASK, BUSINESSES, CAMPAIGNS, TEMPLATES

DIFFICULTIES = (1, 2, 3)
NICE_SHARE = 0.75  # share of exercises whose result has at most two decimals
CAMPAIGN_KPIS = (
    "taux-delivrabilite",
    "taux-ouverture",
    "taux-clics",
    "taux-reactivite",
    "taux-conversion",
    "taux-desabonnement",
)

# Steps a difficulty-3 statement requires: a KPI input computed from the quantities given.
DERIVATIONS: dict[str, Expr] = {
    "delivered": Var("sent") - Var("bounces"),
    "engagements": Var("likes") + Var("comments") + Var("shares") + Var("saves"),
    "budget": Var("cpm") * Var("impressions") / 1000,
    "cost": Var("media_cost") + Var("production_cost"),
}
ENGAGEMENT_PARTS = ("likes", "comments", "shares", "saves")

ROUNDING = {
    PERCENT: "Donnez le résultat en pourcentage, arrondi au centième (0,01\u202f%).",
    EURO: "Donnez le résultat en euros, arrondi au centime (0,01\u202f€).",
    "": "Donnez le résultat arrondi au centième (0,01).",
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")

# The quantities a world draws (counts, and amounts in euros), by name.
World = Mapping[str, int | Decimal]


@dataclass(frozen=True)
class Given:
    """A quantity shown in the statement: `<data data-name="{name}" value="{value}">`."""

    name: str
    value: Decimal

    @property
    def display(self) -> str:
        return format_given(self.value, QUANTITIES[self.name].unit)

    @property
    def machine_value(self) -> str:
        return f"{self.value:f}"


@dataclass(frozen=True)
class Template:
    text: str
    parts: tuple[
        str, ...
    ]  # literal text and placeholder names, alternating (literals at even indexes)
    names: frozenset[str]  # quantity placeholders

    @classmethod
    def compile(cls, text: str) -> Template:
        parts = tuple(_PLACEHOLDER.split(text))
        return cls(text, parts, frozenset(parts[1::2]) - {"Business", "business"})


COMPILED: dict[tuple[str, int], tuple[Template, ...]] = {
    key: tuple(Template.compile(text) for text in texts) for key, texts in TEMPLATES.items()
}
COMPILED_CAMPAIGNS: tuple[Template, ...] = tuple(Template.compile(text) for text in CAMPAIGNS)


@dataclass(frozen=True)
class Exercise:
    """One generated exercise: reproducible from (kpi_slug, difficulty, seed)."""

    kpi_slug: str
    difficulty: int
    seed: int
    business: str
    template: Template
    given: dict[str, Decimal]  # what the statement shows
    data: dict[str, Decimal] = field(compare=False)  # given + derived: what a student can compute

    @property
    def kpi(self) -> Kpi:
        return KPIS_BY_SLUG[self.kpi_slug]

    @property
    def inputs(self) -> dict[str, Decimal]:
        return {name: self.data[name] for name in self.kpi.input_names}

    @cached_property
    def exact(self) -> Decimal:
        return _defined(evaluate(self.kpi.formula, self.data))

    @property
    def expected(self) -> Decimal:
        """The right answer, rounded to 2 decimals (what the corrigé shows)."""
        return round_half_up(self.exact)

    @property
    def statement(self) -> list[tuple[str, Given | None]]:
        return fill(self.template, self.business, self.given)

    @property
    def question(self) -> str:
        return ASK[self.kpi_slug]

    @property
    def rounding(self) -> str:
        return ROUNDING[self.kpi.unit]

    @property
    def preliminary_steps(self) -> tuple[Step, ...]:
        return preliminary_steps(self.kpi, self.given, self.data)

    def solution(self) -> Calculation:
        return self.kpi.compute(self.inputs)


def fill(
    template: Template, business: str, values: dict[str, Decimal]
) -> list[tuple[str, Given | None]]:
    """The statement as (text, given quantity or None) pairs, in order, ready to be marked up."""
    pieces: list[tuple[str, Given | None]] = []
    text = ""
    for index, part in enumerate(template.parts):
        if index % 2 == 0:
            text += part
        elif part == "Business":
            text += business[:1].upper() + business[1:]
        elif part == "business":
            text += business
        else:
            pieces.append((text, Given(part, values[part])))
            text = ""
    if text:
        pieces.append((text, None))
    return pieces


def preliminary_steps(
    kpi: Kpi, given: dict[str, Decimal], data: dict[str, Decimal]
) -> tuple[Step, ...]:
    """`E-mails délivrés = e-mails envoyés − e-mails rejetés = 10 000 − 300 = 9 700`, where needed."""
    steps = []
    for name in kpi.input_names:
        if name in given:
            continue
        expression = _derivation_for(name, given)
        quantity = QUANTITIES[name]
        words = expression.write(lambda n: QUANTITIES[n].term)
        numbers = expression.write(lambda n: format_given(data[n], QUANTITIES[n].unit))
        result = format_given(data[name], quantity.unit)
        steps.append(Step("preliminary", f"{quantity.label} = {words} = {numbers} = {result}"))
    return tuple(steps)


def _defined(value: Decimal | None) -> Decimal:
    """A generated world always defines its formulas (no zero divisor, nothing missing)."""
    if value is None:
        raise ValueError("the generated data leave a formula undefined")
    return value


def _derivation_for(name: str, given: dict[str, Decimal]) -> Expr:
    expression = DERIVATIONS[name]
    if name == "engagements" and "saves" not in given:
        expression = Var("likes") + Var("comments") + Var("shares")
    return expression


# --------------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------------


def generate(kpi_slug: str, difficulty: int, seed: int) -> Exercise:
    """A fresh exercise on `kpi_slug`; the same (slug, difficulty, seed) always gives the same one."""
    if kpi_slug not in KPIS_BY_SLUG:
        raise ValueError(f"unknown KPI: {kpi_slug}")
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"difficulty must be 1, 2 or 3, not {difficulty}")
    rng = random.Random(seed)
    template = rng.choice(COMPILED[(kpi_slug, difficulty)])
    business = rng.choice(BUSINESSES).name
    nice = rng.random() < NICE_SHARE
    world = WORLDS[KPIS_BY_SLUG[kpi_slug].family.slug](rng, kpi_slug, template.names, nice)
    given = {name: Decimal(world[name]) for name in template.names}
    data = dict(given)
    for name in KPIS_BY_SLUG[kpi_slug].input_names:
        if name not in data:
            data[name] = _defined(evaluate(_derivation_for(name, given), given))
    return Exercise(kpi_slug, difficulty, seed, business, template, given, data)


@dataclass(frozen=True)
class Campaign:
    """Several KPIs asked on one e-mailing campaign (one data set)."""

    seed: int
    business: str
    template: Template
    given: dict[str, Decimal]
    kpi_slugs: tuple[str, ...]

    def exercise(self, kpi_slug: str) -> Exercise:
        """The question on one KPI, on the campaign's data."""
        return Exercise(
            kpi_slug, 2, self.seed, self.business, self.template, self.given, dict(self.given)
        )


def generate_campaign(seed: int, questions: int = 4) -> Campaign:
    rng = random.Random(seed)
    template = rng.choice(COMPILED_CAMPAIGNS)
    business = rng.choice(BUSINESSES).name
    world = email_world(rng, "taux-clics", template.names, nice=True)
    given = {name: Decimal(world[name]) for name in template.names}
    slugs = tuple(rng.sample(CAMPAIGN_KPIS, k=min(questions, len(CAMPAIGN_KPIS))))
    return Campaign(seed, business, template, given, slugs)


def _nice_part(rng: random.Random, base: int, low: int, high: int) -> int:
    """A part in [low, high] such that part ÷ base × 100 has at most two decimals, if one exists."""
    step = base // gcd(base, 10_000)
    first, last = -(-max(low, 1) // step), high // step
    if first > last:
        return rng.randint(max(low, 1), max(high, 1))
    return step * rng.randint(first, last)


def _part(
    rng: random.Random, base: int, low: float, high: float, nice: bool, floor: int = 1
) -> int:
    lo, hi = max(floor, round(base * low)), max(floor, round(base * high))
    if nice:
        return _nice_part(rng, base, lo, hi)
    return rng.randint(lo, hi)


def _round_to(value: float, unit: int) -> int:
    return max(unit, round(value / unit) * unit)


def _cents(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(rng.randint(round(low * 100), round(high * 100))) / 100


# The asked KPI decides which quantity is the part and which the base (for "nice" results).
EMAIL_PART_BASE = {
    "taux-delivrabilite": ("delivered", "sent"),
    "taux-ouverture": ("opened", "sent"),
    "taux-ouverture-delivres": ("opened", "delivered"),
    "taux-clics": ("clicks", "sent"),
    "taux-clics-delivres": ("clicks", "delivered"),
    "taux-reactivite": ("clicks", "opened"),
    "taux-conversion": ("purchases", "sent"),
    "taux-desabonnement": ("unsubscribes", "sent"),
    "taux-desabonnement-delivres": ("unsubscribes", "delivered"),
}


def email_world(rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool) -> World:
    """sent → delivered → opened → clicks → purchases, unsubscribes (KPIS.md ranges)."""
    part, _ = EMAIL_PART_BASE[kpi_slug]
    unit = 10 if nice else 1
    sent = rng.choice((1, 2, 4, 5, 8, 10, 12, 15, 16, 20, 24, 25, 30, 40, 50)) * 1000
    if not nice:
        sent = rng.randint(2, 100) * 500
    world = {"sent": sent}

    def draw(name: str, base: int, low: float, high: float, floor: int = 1) -> int:
        if name == part:
            return _part(rng, base, low, high, nice, floor)
        return (
            _round_to(base * rng.uniform(low, high), unit)
            if nice
            else max(floor, round(base * rng.uniform(low, high)))
        )

    world["delivered"] = min(sent, draw("delivered", sent, 0.92, 0.995))
    world["bounces"] = sent - world["delivered"]
    world["opened"] = draw("opened", world["delivered"], 0.15, 0.40)
    world["clicks"] = min(world["opened"], draw("clicks", world["opened"], 0.08, 0.25))
    world["purchases"] = min(world["clicks"], draw("purchases", world["clicks"], 0.02, 0.20, 2))
    world["unsubscribes"] = min(
        world["opened"], draw("unsubscribes", world["delivered"], 0.0005, 0.01, 2)
    )
    return world


ENGAGEMENT_BASE = {
    "engagement-twitter": "impressions",
    "engagement-linkedin": "impressions",
    "engagement-facebook": "reach",
    "engagement-instagram": "followers",
}


def social_world(rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool) -> World:
    """reach, impressions (1,1–3 × reach), followers; engagements 1–8 % of the base, in parts."""
    unit = 100 if nice else 1
    reach = _round_to(rng.randint(1000, 50_000), unit)
    impressions = _round_to(reach * rng.uniform(1.1, 3.0), unit)
    followers = _round_to(rng.randint(800, 60_000), unit)
    world = {"reach": reach, "impressions": impressions, "followers": followers}
    base = world[ENGAGEMENT_BASE[kpi_slug]]
    high = min(0.08, (reach - 1) / base)  # engagements < reach, whatever the base
    engagements = _part(rng, base, min(0.01, high), high, nice, floor=4)
    with_saves = "saves" in names
    likes = max(1, round(engagements * rng.uniform(0.55, 0.75)))
    comments = max(1, round(engagements * rng.uniform(0.05, 0.15)))
    saves = max(1, round(engagements * rng.uniform(0.03, 0.10))) if with_saves else 0
    shares = engagements - likes - comments - saves
    if shares < 1:  # tiny totals: give the remainder back to the shares
        likes -= 1 - shares
        shares = 1
    world.update(
        engagements=engagements, likes=likes, comments=comments, shares=shares, saves=saves
    )
    return world


def ads_world(rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool) -> World:
    """budget, CPM 2–30 €, impressions, CTR 0,5–5 %, clicks, engagements, reach (KPIS.md)."""
    budget_from_cpm = "cpm" in names  # the CPM is shown: the budget must follow from it exactly
    if budget_from_cpm or (kpi_slug == "cpm" and nice):
        cpm = _cents(rng, 2, 30)
        impressions = (
            rng.randint(5, 400) * 1000 if (nice or budget_from_cpm) else rng.randint(5_000, 400_000)
        )
        budget = cpm * impressions / 1000
    else:
        budget = Decimal(rng.randint(50, 5000))
        cpm = _cents(rng, 2, 30)
        impressions = max(1000, int(budget * 1000 / cpm))
        if nice:
            impressions = _round_to(impressions, 100)
    clicks = max(2, round(impressions * rng.uniform(0.005, 0.05)))
    if kpi_slug == "ctr":
        clicks = _part(rng, impressions, 0.005, 0.05, nice, floor=2)
    engagements = max(2, round(impressions * rng.uniform(0.01, 0.08)))
    if nice and not budget_from_cpm and kpi_slug in ("cpc", "cpe"):
        cost_per = _cents(rng, 0.2, 3) if kpi_slug == "cpc" else _cents(rng, 0.05, 1.5)
        budget = cost_per * (clicks if kpi_slug == "cpc" else engagements)
    reach = max(clicks + 1, round(impressions / rng.uniform(1.1, 3.0)))
    return {
        "budget": budget,
        "cpm": cpm,
        "impressions": impressions,
        "clicks": clicks,
        "engagements": engagements,
        "reach": reach,
    }


def conversion_world(rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool) -> World:
    """A contest (views, participants) or a campaign's profitability (gain, cost, revenue…)."""
    unit = 100 if nice else 1
    views = _round_to(rng.randint(500, 50_000), unit)
    participants = _part(rng, views, 0.01, 0.15, nice)  # drawn in this order: the seed's numbers
    followers = _round_to(rng.randint(800, 60_000), unit)
    customers = rng.randint(5, 400)
    world: dict[str, int | Decimal] = {
        "views": views,
        "participants": participants,
        "followers": followers,
        "customers": customers,
    }
    cost = rng.randint(5, 200) * 100 if nice else rng.randint(500, 20_000)
    if kpi_slug == "roi":
        rate = rng.randint(-50, 400)
        gain = cost * (100 + rate) // 100 if nice else round(cost * rng.uniform(0.5, 5.0))
        world["gain"] = gain
    if kpi_slug == "roas":
        world["revenue"] = (
            Decimal(cost) * _cents(rng, 0.5, 8) if nice else round(cost * rng.uniform(0.5, 8.0))
        )
    if kpi_slug == "cout-acquisition":
        if nice:
            cost = rng.randint(5, 200) * customers
        world["revenue"] = round(cost * rng.uniform(1.0, 5.0))
    media = round(cost * rng.uniform(0.55, 0.85))
    world.update(cost=cost, media_cost=media, production_cost=cost - media)
    return world


WORLDS: dict[str, Callable[[random.Random, str, frozenset[str], bool], World]] = {
    "e-mailing": email_world,
    "engagement": social_world,
    "social-ads": ads_world,
    "conversion": conversion_world,
}
