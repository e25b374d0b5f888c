"""The numbers of a generated exercise: one "world" per KPI family, drawn from the seed's random
generator within the ranges and integrity rules of KPIS.md (pure; no Django import).

In "nice" mode the base of the asked rate is a round number and the part is chosen among the values
that give a result with at most two decimals. The order of the draws is part of the contract: a
stored seed must regenerate the very exercise its student saw.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from decimal import Decimal
from math import gcd

World = Mapping[str, int | Decimal]


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


def _returns(rng: random.Random, kpi_slug: str, cost: int, nice: bool) -> dict[str, int | Decimal]:
    """What the cost brought back, drawn after it: an ROI's gain (a rate of −50 to +400 %), a
    ROAS's revenue (0,5 to 8 times the cost). Version 2 draws them alike: a change here changes
    both versions' draws, which their digests forbid."""
    returns: dict[str, int | Decimal] = {}
    if kpi_slug == "roi":
        rate = rng.randint(-50, 400)
        returns["gain"] = (
            cost * (100 + rate) // 100 if nice else round(cost * rng.uniform(0.5, 5.0))
        )
    if kpi_slug == "roas":
        returns["revenue"] = (
            Decimal(cost) * _cents(rng, 0.5, 8) if nice else round(cost * rng.uniform(0.5, 8.0))
        )
    return returns


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
    world.update(_returns(rng, kpi_slug, cost, nice))
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
