"""The numbers of the KPIs added after the seed (issue 15), one world per KPI: frequency,
cost per lead, break-even ROAS and hard-bounce rate (pure; no Django import).

Kept apart from `worlds.py`, whose draws are frozen by the stored seeds: these worlds are read only
for their own KPIs, so that the exercises of the other KPIs draw exactly as before. Their own
draws are frozen in turn by `tests/quiz/engine/test_new_kpis.py`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from quiz.engine.worlds import World, _cents, _nice_part, _round_to

CENT = Decimal("0.01")
ROUND_SENT = (1, 2, 4, 5, 8, 10, 12, 15, 16, 20, 24, 25, 30, 40, 50)
NICE_MARGIN_RATES = (20, 25, 40, 50)  # percent: 1 ÷ rate has at most two decimals


def hard_bounce_world(
    rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool
) -> World:
    """sent; bounces 0,5–8 % of sent (delivered 92–99,5 %), of which 20–70 % are hard bounces."""
    sent = rng.choice(ROUND_SENT) * 1000 if nice else rng.randint(2, 100) * 500
    bounces, low, high = _bounces(rng, sent)
    hard = _nice_part(rng, sent, low, high) if nice else rng.randint(low, high)
    return _after_bounces(rng, sent, bounces, min(hard, bounces - 1), nice)


def _bounces(rng: random.Random, sent: int) -> tuple[int, int, int]:
    """The bounces (0,5–8 % of sent) and the bounds of their hard part (20–70 % of them).
    Version 2 draws them alike, on its own list sizes: the digests of both versions hold them."""
    bounces = max(2, round(sent * rng.uniform(0.005, 0.08)))
    low, high = max(1, round(bounces * 0.2)), min(bounces - 1, max(1, round(bounces * 0.7)))
    return bounces, low, high


def _after_bounces(rng: random.Random, sent: int, bounces: int, hard: int, nice: bool) -> World:
    """The list once `bounces` of `sent` bounced, `hard` of them for good: the delivered and the
    15–40 % of them opened (to the ten on a nice draw), drawn after the hard bounces."""
    delivered = sent - bounces
    opened = round(delivered * rng.uniform(0.15, 0.40))
    return {
        "sent": sent,
        "delivered": delivered,
        "bounces": bounces,
        "hard_bounces": hard,
        "soft_bounces": bounces - hard,
        "opened": _round_to(opened, 10) if nice else opened,
    }


def frequency_world(rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool) -> World:
    """reach 3 000–50 000; impressions 1,1–3 × reach (split between Facebook and Instagram);
    a budget of 50–5 000 € at a CPM of 2–30 €; CTR 0,5–3 %; the page's followers."""
    reach = _round_to(rng.randint(3000, 50_000), 100 if nice else 1)
    if nice:  # reach is a multiple of 100: impressions ÷ reach has at most two decimals
        impressions = reach * rng.randint(110, 300) // 100
    else:
        impressions = round(reach * rng.uniform(1.1, 3.0))
    on_facebook = round(impressions * rng.uniform(0.45, 0.75))
    low_cpm = max(Decimal(2), Decimal(50_000) / impressions)
    high_cpm = min(Decimal(30), Decimal(5_000_000) / impressions)
    cpm = _cents(rng, float(low_cpm) + 0.01, float(high_cpm) - 0.01)
    budget = (cpm * impressions / 1000).quantize(CENT)
    clicks = max(2, round(impressions * rng.uniform(0.005, 0.03)))
    followers = _round_to(rng.randint(800, 20_000), 100 if nice else 1)
    return _frequency_quantities(reach, impressions, on_facebook, budget, clicks, followers)


def _frequency_quantities(
    reach: int, impressions: int, on_facebook: int, budget: Decimal, clicks: int, followers: int
) -> dict[str, int | Decimal]:
    """What a frequency exercise may give, in both versions: the impressions split between the
    two networks (`on_facebook` of them on Facebook), and what the budget bought."""
    return {
        "reach": reach,
        "impressions": impressions,
        "facebook_impressions": on_facebook,
        "instagram_impressions": impressions - on_facebook,
        "budget": budget,
        "clicks": clicks,
        "followers": followers,
    }


def lead_world(rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool) -> World:
    """leads 10–300 at 3–60 € each (a cost of 50–5 000 €); leads 3–20 % of the clicks;
    5–40 % of the leads become customers; the cost split into media and production."""
    leads = rng.randint(10, 300)
    low, high = max(3, -(-50 // leads)), min(60, 5000 // leads)
    if nice:  # a cost per lead in steps of 0,50 €
        cost = Decimal(rng.randint(2 * low, 2 * high)) / 2 * leads
    else:
        cost = Decimal(rng.randint(low * leads, high * leads))
    clicks = max(leads + 1, round(leads / rng.uniform(0.03, 0.20)))
    customers = max(1, round(leads * rng.uniform(0.05, 0.40)))
    media = Decimal(round(cost * Decimal(rng.uniform(0.55, 0.85))))
    return {
        "cost": cost,
        "leads": leads,
        "clicks": clicks,
        "customers": customers,
        "media_cost": media,
        "production_cost": cost - media,
    }


def margin_world(rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool) -> World:
    """An ad spend of 50–5 000 €, a ROAS of 1–6, a margin of 20–80 % of the revenue (the goods
    sold cost the rest), an average basket of 30–150 €."""
    cost = rng.randint(1, 100) * 50 if nice else rng.randint(50, 5000)
    revenue = round(cost * rng.uniform(1.0, 6.0))
    if nice:  # a round revenue and a margin rate whose inverse has at most two decimals
        revenue = _round_to(revenue, 100)
        margin = revenue * rng.choice(NICE_MARGIN_RATES) // 100
    else:
        margin = round(revenue * rng.uniform(0.2, 0.7))
    customers = max(1, round(revenue / rng.uniform(30, 150)))
    return {
        "cost": cost,
        "revenue": revenue,
        "margin": margin,
        "goods_cost": revenue - margin,
        "customers": customers,
    }


ADDED_WORLDS: dict[str, Callable[[random.Random, str, frozenset[str], bool], World]] = {
    "taux-hard-bounce": hard_bounce_world,
    "frequence": frequency_world,
    "cout-par-lead": lead_world,
    "roas-seuil": margin_world,
}
