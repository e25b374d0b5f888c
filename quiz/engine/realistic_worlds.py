"""The numbers of generator version 2: the worlds of `worlds.py` and `added_worlds.py` drawn for a
business's size and a statement's network (`realistic_profiles.py`), within KPIS.md's ranges and
integrity rules (pure; no Django import).

Version 1's worlds are untouched (their draws are frozen by the stored seeds); these are frozen in
turn by the digest of `tests/quiz/engine/test_realistic.py`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from quiz.engine.added_worlds import (
    NICE_MARGIN_RATES,
    _after_bounces,
    _bounces,
    _frequency_quantities,
)
from quiz.engine.realistic_profiles import Network, Range, Size, Span
from quiz.engine.worlds import EMAIL_PART_BASE, ENGAGEMENT_BASE, World, _part, _returns, _round_to

CENT = Decimal("0.01")
ATTEMPTS = 40  # redraws of an ad campaign until every cost and rate is in its network's range


def _span(rng: random.Random, span: Span, unit: int = 1) -> int:
    low, high = -(-span[0] // unit), span[1] // unit
    return unit * rng.randint(low, high)


def _sent(rng: random.Random, size: Size, nice: bool) -> int:
    if nice:
        return rng.choice(size.sent_round) * 1000
    return rng.randint(*size.sent_halves) * 500


def email_world(
    rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool, size: Size, net: Network
) -> World:
    """Version 1's funnel (KPIS.md's rates) on a list of the business's size."""
    part, base_name = EMAIL_PART_BASE.get(kpi_slug, ("clicks", "sent"))
    unit = 10 if nice else 1
    sent = _sent(rng, size, nice)

    def draw(name: str, base: int, low: float, high: float, floor: int = 1) -> int:
        if name == part:
            return _part(rng, base, low, high, nice, floor)
        value = base * rng.uniform(low, high)
        return _round_to(value, unit) if nice else max(floor, round(value))

    delivered = min(sent, draw("delivered", sent, 0.92, 0.995))
    opened = draw("opened", delivered, 0.15, 0.40)
    if (
        nice and base_name == "opened"
    ):  # a base in hundreds leaves many "nice" parts, not 10 or 20 %
        opened = _round_to(opened, 100)
    clicks = min(opened, draw("clicks", opened, 0.08, 0.25))
    purchases = min(clicks, draw("purchases", clicks, 0.02, 0.20, 2))
    unsubscribes = min(opened, draw("unsubscribes", delivered, 0.0005, 0.01, 2))
    world = {
        "sent": sent,
        "delivered": delivered,
        "bounces": sent - delivered,
        "opened": opened,
        "clicks": clicks,
        "purchases": purchases,
        "unsubscribes": unsubscribes,
    }
    if "offer_clicks" in names:  # the clicks per link: most on the offer, at least one elsewhere
        offer = min(clicks - 1, max(1, round(clicks * rng.uniform(0.55, 0.85))))
        world.update(offer_clicks=offer, other_clicks=clicks - offer)
    return world


def _engagement_parts(rng: random.Random, engagements: int, with_saves: bool) -> dict[str, int]:
    likes = max(1, round(engagements * rng.uniform(0.55, 0.75)))
    comments = max(1, round(engagements * rng.uniform(0.05, 0.15)))
    saves = max(1, round(engagements * rng.uniform(0.03, 0.10))) if with_saves else 0
    shares = engagements - likes - comments - saves
    if shares < 1:
        likes -= 1 - shares
        shares = 1
    return {"likes": likes, "comments": comments, "shares": shares, "saves": saves}


def social_world(
    rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool, size: Size, net: Network
) -> World:
    """An audience of the business's size; engagements at the network's rate on its base."""
    unit = 100 if nice else 1
    reach = _round_to(rng.randint(*size.reach), unit)
    impressions = _round_to(reach * rng.uniform(1.1, 3.0), unit)
    followers = _round_to(rng.randint(*size.followers), unit)
    world: dict[str, int | Decimal] = {
        "reach": reach,
        "impressions": impressions,
        "followers": followers,
    }
    base = impressions if kpi_slug not in ENGAGEMENT_BASE else int(world[ENGAGEMENT_BASE[kpi_slug]])
    high = min(net.engagement[1] / 100, (reach - 1) / base)
    low = min(net.engagement[0] / 100, high)
    engagements = _part(rng, base, low, high, nice, floor=4)
    world["engagements"] = engagements
    world.update(_engagement_parts(rng, engagements, "saves" in names))
    return world


def _within(value: float, bounds: Range) -> bool:
    return bounds[0] <= value <= bounds[1]


def _rate(rng: random.Random, bounds: Range, low: float, high: float) -> float:
    """A rate (%) within `bounds` and [low, high] (the costs it must keep in range)."""
    return rng.uniform(max(bounds[0], low), min(bounds[1], high))


def _ads_fit(
    cents: int, shown: int, clicks: int, engagements: int, net: Network, budget: Span
) -> bool:
    """Every cost and rate of an ad campaign within its network's range, its budget within the
    business's (and KPIS.md's 50–5 000 €)."""
    spent = cents / 100
    return (
        max(50, budget[0]) <= spent <= min(5000, budget[1])
        and _within(spent / shown * 1000, net.cpm)
        and _within(spent / clicks, net.cpc)
        and _within(clicks / shown * 100, net.ctr)
        and _within(spent / engagements, net.cpe)
        and _within(engagements / shown * 100, net.ad_engagement)
    )


def _ads_draw(
    rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool, size: Size, net: Network
) -> dict[str, int | Decimal] | None:
    """One draw of an ad campaign, or None when a cost or a rate falls out of range."""
    cpm = rng.randint(round(net.cpm[0] * 100), round(net.cpm[1] * 100))  # cents
    ctr = _rate(rng, net.ctr, cpm / (1000 * net.cpc[1]), cpm / (1000 * net.cpc[0]))
    rate = _rate(rng, net.ad_engagement, cpm / (1000 * net.cpe[1]), cpm / (1000 * net.cpe[0]))
    planning = kpi_slug == "budget-cpm"
    unit = size.objective_unit if planning else 1000
    low, high = max(50, size.budget[0]), min(5000, size.budget[1])
    from_cpm = "cpm" in names
    if from_cpm or (kpi_slug == "cpm" and nice):  # the budget follows from the CPM exactly
        count = rng.randint(-(-low * 100_000 // (cpm * unit)), high * 100_000 // (cpm * unit))
        impressions = max(1, count) * unit
        cents = cpm * impressions // 1000
    else:
        cents = rng.randint(low, high) * 100
        impressions = max(1000, cents * 1000 // cpm)
        if nice:
            impressions = _round_to(impressions, 100)
    clicks = max(2, round(impressions * ctr / 100))
    engagements = max(2, round(impressions * rate / 100))
    if kpi_slug == "ctr":
        ctr_low = max(net.ctr[0], cpm / (1000 * net.cpc[1])) / 100
        ctr_high = min(net.ctr[1], cpm / (1000 * net.cpc[0])) / 100
        clicks = _part(rng, impressions, ctr_low, ctr_high, nice, floor=2)
    if nice and not from_cpm and kpi_slug in ("cpc", "cpe"):
        # The budget first, then the clicks (engagements) it buys at a cost in cents (M15).
        count = clicks if kpi_slug == "cpc" else engagements
        cost_per = max(1, round(cents / count))
        count = max(2, cents // cost_per)
        cents = cost_per * count
        if kpi_slug == "cpc":
            clicks = count
        else:
            engagements = count
    if planning:  # objectives are round figures (A16)
        clicks = _round_to(clicks, unit // 100)
    if not _ads_fit(cents, impressions, clicks, engagements, net, size.budget):
        return None
    reach = round(impressions / rng.uniform(1.1, 3.0))
    step = unit if planning else 1
    if planning:
        reach = _round_to(reach, unit // 2)
    reach = min(impressions, max(reach, clicks + 1, engagements + 1))
    world: dict[str, int | Decimal] = {
        "budget": Decimal(cents) / 100 if cents % 100 else Decimal(cents // 100),
        "cpm": Decimal(cpm) / 100,
        "impressions": impressions,
        "clicks": clicks,
        "engagements": engagements,
        "reach": reach,
    }
    if "facebook_impressions" in names:
        on_facebook = _round_to(impressions * rng.uniform(0.45, 0.75), step)
        on_facebook = min(on_facebook, impressions - step)
        world["facebook_impressions"] = on_facebook
        world["instagram_impressions"] = impressions - on_facebook
    return world


def ads_world(
    rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool, size: Size, net: Network
) -> World:
    """A budget of the business's size at its network's CPM, CTR and engagement rate; redrawn
    until every cost and rate is in range (a few draws at most: see the tests)."""
    unit = size.objective_unit if kpi_slug == "budget-cpm" else 0
    world = None
    for _ in range(ATTEMPTS):
        world = _ads_draw(rng, kpi_slug, names, nice, size, net)
        if world is not None and (not unit or round_objectives(world, unit, names)):
            return world
    raise ValueError(f"no ad campaign in range for {kpi_slug} on this network")


def round_objectives(world: World, unit: int, names: frozenset[str]) -> bool:
    """A plan's objectives are round: impressions (per network too) in `unit`s, the people
    reached in half-units, the clicks in hundredths of a unit (A16)."""
    split = "facebook_impressions" in names
    return (
        int(world["impressions"]) % unit == 0
        and (not split or int(world["facebook_impressions"]) % unit == 0)
        and (not split or int(world["facebook_impressions"]) > 0)
        and (not split or int(world["instagram_impressions"]) > 0)
        and int(world["reach"]) % (unit // 2) == 0
        and int(world["clicks"]) % (unit // 100) == 0
    )


def conversion_world(
    rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool, size: Size, net: Network
) -> World:
    """A contest, or a campaign's profitability, with costs and customers of the business's size."""
    unit = 100 if nice else 1
    views = _round_to(rng.randint(*size.views), unit)
    participants = _part(rng, views, 0.01, 0.15, nice)
    followers = _round_to(rng.randint(*size.followers), unit)
    customers = rng.randint(*size.customers)
    world: dict[str, int | Decimal] = {
        "views": views,
        "participants": participants,
        "followers": followers,
        "customers": customers,
    }
    if "facebook_impressions" in names:  # the contest's views, per network
        on_facebook = round(views * rng.uniform(0.35, 0.65))
        world.update(facebook_impressions=on_facebook, instagram_impressions=views - on_facebook)
    cost = _span(rng, size.cost, 50) if nice else rng.randint(*size.cost)
    world.update(_returns(rng, kpi_slug, cost, nice))
    if kpi_slug == "cout-acquisition":  # 5–200 € per customer, the cost within the size's
        if nice:  # in whole euros
            low = max(5, -(-size.cost[0] // customers))
            high = min(200, size.cost[1] // customers)
            cost = rng.randint(low, high) * customers
        else:
            cost = rng.randint(max(size.cost[0], 5 * customers), min(size.cost[1], 200 * customers))
        world["revenue"] = round(cost * rng.uniform(1.0, 5.0))
    media = round(cost * rng.uniform(0.55, 0.85))
    world.update(cost=cost, media_cost=media, production_cost=cost - media)
    return world


def hard_bounce_world(
    rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool, size: Size, net: Network
) -> World:
    """Version 1's bounces (0,5–8 % of sent, 20–70 % of them hard) on a list of the size."""
    sent = _sent(rng, size, nice)
    bounces, low, high = _bounces(rng, sent)
    hard = _part(rng, sent, low / sent, high / sent, nice) if nice else rng.randint(low, high)
    return _after_bounces(rng, sent, bounces, max(1, min(hard, bounces - 1)), nice)


def _frequency_draw(
    rng: random.Random, nice: bool, size: Size, net: Network
) -> dict[str, int | Decimal] | None:
    """One draw, or None when no reach of 3 000–50 000 people gives a budget of the size."""
    cpm = rng.randint(round(net.cpm[0] * 100), round(net.cpm[1] * 100))  # cents
    per_person = rng.randint(110, 300)  # impressions per 100 people reached
    unit = 100 if nice else 1
    low, high = max(50, size.budget[0]), min(5000, size.budget[1])
    # budget (cents) = cpm × reach × per_person ÷ 100 ÷ 1 000, within [low, high] euros
    first = max(3000, -(-low * 10_000_000 // (cpm * per_person)))
    last = min(50_000, high * 10_000_000 // (cpm * per_person))
    if -(-first // unit) > last // unit:
        return None
    reach = unit * rng.randint(-(-first // unit), last // unit)
    # In "nice" mode reach is a multiple of 100: impressions ÷ reach has at most two decimals.
    impressions = round(reach * per_person / 100)
    on_facebook = round(impressions * rng.uniform(0.45, 0.75))
    ctr = _rate(rng, net.ctr, 0.0, 100.0)
    budget = (Decimal(cpm) * impressions / 100_000).quantize(CENT)
    if not low <= budget <= high:
        return None
    clicks = max(2, round(impressions * ctr / 100))
    followers = _round_to(rng.randint(*size.followers), 100 if nice else 1)
    return _frequency_quantities(reach, impressions, on_facebook, budget, clicks, followers)


def frequency_world(
    rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool, size: Size, net: Network
) -> World:
    """A budget of the size at the network's CPM, 1,1–3 impressions per person reached
    (3 000–50 000 people); redrawn until the budget is in range."""
    for _ in range(ATTEMPTS):
        world = _frequency_draw(rng, nice, size, net)
        if world is not None:
            return world
    raise ValueError("no frequency campaign in range")


def lead_world(
    rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool, size: Size, net: Network
) -> World:
    """Leads of the size at 3–60 € each, the cost within the size's; leads 3–20 % of the clicks."""
    leads = rng.randint(*size.leads)
    low = max(3, -(-max(50, size.cost[0]) // leads))
    high = max(low, min(60, size.cost[1] // leads))
    if nice:
        cost = Decimal(rng.randint(2 * low, 2 * high)) / 2 * leads
    else:
        cost = Decimal(rng.randint(low * leads, high * leads))
    media = Decimal(round(cost * Decimal(rng.uniform(0.55, 0.85))))
    return {
        "cost": cost,
        "leads": leads,
        "clicks": max(leads + 1, round(leads / rng.uniform(0.03, 0.20))),
        "customers": max(1, round(leads * rng.uniform(0.05, 0.40))),
        "media_cost": media,
        "production_cost": cost - media,
    }


def margin_world(
    rng: random.Random, kpi_slug: str, names: frozenset[str], nice: bool, size: Size, net: Network
) -> World:
    """An ad spend of the size, a ROAS of 1–6, a margin of 20–70 % of the revenue."""
    low, high = max(50, size.budget[0]), min(5000, size.budget[1])
    cost = _span(rng, (low, high), 50) if nice else rng.randint(low, high)
    revenue = round(cost * rng.uniform(1.0, 6.0))
    if nice:
        revenue = _round_to(revenue, 100)
        margin = revenue * rng.choice(NICE_MARGIN_RATES) // 100
    else:
        margin = round(revenue * rng.uniform(0.2, 0.7))
    return {
        "cost": cost,
        "revenue": revenue,
        "margin": margin,
        "goods_cost": revenue - margin,
        "customers": max(1, round(revenue / rng.uniform(30, 150))),
    }


WorldV2 = Callable[[random.Random, str, frozenset[str], bool, Size, Network], World]
V2_WORLDS: dict[str, WorldV2] = {
    "e-mailing": email_world,
    "engagement": social_world,
    "social-ads": ads_world,
    "conversion": conversion_world,
    "taux-hard-bounce": hard_bounce_world,
    "frequence": frequency_world,
    "cout-par-lead": lead_world,
    "roas-seuil": margin_world,
}
