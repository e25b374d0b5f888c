"""Generator version 2: realistic numbers (issue 15; content review M5, M6, M14, M15, M16, A15,
A16, A17). Pure: no database. Shares are measured over a fixed sample (every KPI × difficulty ×
SAMPLE_SEEDS seeds), properties over Hypothesis's seeds."""

from __future__ import annotations

import hashlib
import re
import statistics
from decimal import Decimal

import pytest
from hypothesis import given, settings

from calculators.kpis import BENCHMARKS, KPIS, KPIS_BY_SLUG
from quiz.engine.generate import (
    CURRENT_GENERATOR,
    DIFFICULTIES,
    GENERATORS,
    Exercise,
    Given,
    generate,
    generate_campaign,
)
from quiz.engine.grade import grade_numeric
from quiz.engine.realistic import CHOICES, NO_STEP_AT_DIFFICULTY_3, V2_COMPILED
from quiz.engine.realistic_profiles import MEDIUM, NETWORKS, PROFILES, SECTORS, SIZES, SMALL
from quiz.engine.realistic_statements import V2_TEMPLATES
from tests.quiz.engine.test_generate import check_world_integrity, difficulties, seeds, slugs

SAMPLE_SEEDS = range(300)
ADS = ("cpm", "cpc", "ctr", "cpe", "budget-cpm")
TRADE = re.compile(r"client|chiffre d’affaires|\bachats\b|\bventes\b|vendus|\bmarge\b")


def v2(slug: str, difficulty: int, seed: int) -> Exercise:
    return generate(slug, difficulty, seed, generator=2)


@pytest.fixture(scope="module")
def sample() -> list[Exercise]:
    return [v2(k.slug, d, s) for k in KPIS for d in DIFFICULTIES for s in SAMPLE_SEEDS]


def text_of(exercise: Exercise) -> str:
    return exercise.template.text


def size_of(exercise: Exercise) -> str:
    return PROFILES[exercise.business].size


def test_version_2_is_current_and_version_1_is_the_default_of_generate():
    assert GENERATORS == (1, 2) and CURRENT_GENERATOR == 2
    assert generate("cpm", 1, 7).generator == 1 and v2("cpm", 1, 7).generator == 2
    assert generate_campaign(7, generator=2).generator == 2
    with pytest.raises(ValueError):
        generate("cpm", 1, 7, generator=3)


# --------------------------------------------------------------------------------------------------
# M14, A15: the business fits the network and the words
# --------------------------------------------------------------------------------------------------


def check_business_fits(exercise: Exercise) -> None:
    text, sector = text_of(exercise), SECTORS[exercise.business]
    profile = PROFILES[exercise.business]
    if "LinkedIn" in text:
        assert sector == "b2b", (exercise.business, text)
    if any(network in text for network in ("Instagram", "Facebook", "Twitter")):
        assert sector == "b2c", (exercise.business, text)
    if profile.association:
        assert not TRADE.search(text), text
    if re.search(r"\bachats\b", text):
        assert profile.sells_online, (exercise.business, text)


def test_every_template_has_businesses_that_fit_it():
    for key, choices in CHOICES.items():
        for template, businesses, _ in choices:
            assert businesses, (key, template.text)


def test_shares_of_fitting_businesses_are_100_percent(sample):
    linkedin = [e for e in sample if e.network == "LinkedIn"]
    meta = [e for e in sample if e.network in ("Instagram", "Facebook")]
    association = [e for e in sample if PROFILES[e.business].association]
    assert len(linkedin) > 1000 and len(meta) > 3000 and len(association) > 500
    assert sum(SECTORS[e.business] == "b2b" for e in linkedin) / len(linkedin) == 1
    assert sum(SECTORS[e.business] == "b2c" for e in meta) / len(meta) == 1
    assert not any(TRADE.search(text_of(e)) for e in association)
    for exercise in sample:
        check_business_fits(exercise)


@settings(max_examples=1500, deadline=None)
@given(slugs, difficulties, seeds)
def test_business_fits_and_every_integrity_rule_holds(slug, difficulty, seed):
    exercise = v2(slug, difficulty, seed)
    check_business_fits(exercise)
    check_world_integrity(exercise.data)
    assert exercise.kpi.validate(exercise.inputs) == {}
    calculation = KPIS_BY_SLUG[slug].compute(exercise.inputs)
    assert exercise.expected == calculation.value and exercise.exact == calculation.exact
    assert exercise.solution().value == exercise.expected


@settings(max_examples=800, deadline=None)
@given(slugs, difficulties, seeds)
def test_version_2_is_reproducible_and_shows_every_given_once(slug, difficulty, seed):
    first, second = v2(slug, difficulty, seed), v2(slug, difficulty, seed)
    assert first == second and first.statement == second.statement
    assert first.data == second.data
    shown = [item.name for _, item in first.statement if item is not None]
    assert sorted(shown) == sorted(first.given)
    assert all(isinstance(item, Given) for _, item in first.statement if item)
    text = "".join(part + (item.display if item else "") for part, item in first.statement)
    assert "{" not in text and first.business[1:] in text


@pytest.mark.parametrize("kpi", KPIS, ids=lambda k: k.slug)
def test_version_2_templates_keep_the_levels(kpi):
    for template in V2_COMPILED[(kpi.slug, 1)]:
        assert template.names == set(kpi.input_names)
    for template in V2_COMPILED[(kpi.slug, 2)]:
        assert template.names > set(kpi.input_names)
    for template in V2_COMPILED[(kpi.slug, 3)]:
        assert len(template.names) > len(kpi.input_names)


def test_tweets_give_no_reach():
    for difficulty in DIFFICULTIES:
        for template in V2_COMPILED[("engagement-twitter", difficulty)]:
            assert "reach" not in template.names and "portée" not in template.text


# --------------------------------------------------------------------------------------------------
# M16: difficulty 3 always needs its step
# --------------------------------------------------------------------------------------------------


@settings(max_examples=1500, deadline=None)
@given(slugs, seeds)
def test_difficulty_three_needs_its_step(slug, seed):
    exercise = v2(slug, 3, seed)
    if slug in NO_STEP_AT_DIFFICULTY_3:
        return
    steps = exercise.preliminary_steps
    assert steps, (slug, exercise.template.text)
    missing = [name for name in exercise.kpi.input_names if name not in exercise.given]
    assert missing and all(name in exercise.data for name in missing)
    for step in steps:
        assert step.kind == "preliminary" and step.text.count("=") == 3


def test_every_kpi_but_the_reactivity_needs_a_step_at_difficulty_three(sample):
    """The réactivité (clicks ÷ opened): no quantity of the catalogue derives its inputs — the
    catalogue must name one first (opens per device, clicks per link…)."""
    without = {e.kpi_slug for e in sample if e.difficulty == 3 and not e.preliminary_steps}
    assert without == NO_STEP_AT_DIFFICULTY_3


@pytest.mark.parametrize(
    "slug", ["taux-ouverture", "taux-clics", "taux-conversion", "taux-desabonnement"]
)
def test_rates_on_sent_work_the_sent_out_and_recognise_the_base_delivered(slug):
    named = 0
    for seed in range(100):
        exercise = v2(slug, 3, seed)
        data = exercise.data
        assert "sent" not in exercise.given and "delivered" in exercise.given
        assert data["sent"] == data["delivered"] + data["bounces"]
        (step,) = exercise.preliminary_steps
        assert step.text.startswith("E-mails envoyés = e-mails délivrés + e-mails rejetés = ")
        part = data[exercise.kpi.input_names[0]]
        wrong = (part / data["delivered"] * 100).quantize(Decimal("0.0001"))
        grade = grade_numeric(exercise, f"{wrong:f}".replace(".", ","))
        named += grade.diagnosis == "base-delivered"
    assert named > 50


# --------------------------------------------------------------------------------------------------
# M15, A15: volumes and money by size; A17, M5, M6: costs and rates by network
# --------------------------------------------------------------------------------------------------


def ratios(data: dict[str, Decimal]) -> dict[str, Decimal]:
    """The costs (€) and rates (%) of an ad campaign the data allow."""
    found = {}
    budget, shown = data.get("budget"), data.get("impressions")
    if budget is not None and shown:
        found["cpm"] = budget / shown * 1000
    if budget is not None and data.get("clicks"):
        found["cpc"] = budget / data["clicks"]
    if budget is not None and data.get("engagements"):
        found["cpe"] = budget / data["engagements"]
    if shown and "clicks" in data:
        found["ctr"] = data["clicks"] / shown * 100
    return found


def test_ad_budgets_costs_and_rates_by_size_and_network(sample):
    ads = [e for e in sample if e.kpi_slug in ADS]
    for exercise in ads:
        data, size = exercise.data, SIZES[size_of(exercise)]
        network = NETWORKS[exercise.network]
        if "budget" in data:
            assert 50 <= data["budget"] <= 5000
            assert size.budget[0] <= data["budget"] <= size.budget[1]
        for name, value in ratios(data).items():
            low, high = getattr(network, name)
            assert Decimal(str(low)) <= value <= Decimal(str(high)), (name, value, exercise)
        if exercise.kpi_slug == "cpc":
            assert Decimal("0.20") <= exercise.expected <= 3
    small = [e.data["budget"] for e in ads if "budget" in e.data and size_of(e) == SMALL]
    assert max(small) <= 2000 and min(small) >= 50


def test_frequency_campaigns_budget_and_cpm(sample):
    for exercise in (e for e in sample if e.kpi_slug == "frequence"):
        data, size = exercise.data, SIZES[size_of(exercise)]
        assert 3000 <= data["reach"] <= 50_000 and 1 < data["impressions"] / data["reach"] <= 3
        if "budget" in data:
            assert max(50, size.budget[0]) <= data["budget"] <= size.budget[1]
            low, high = NETWORKS[exercise.network].cpm
            cpm = data["budget"] / data["impressions"] * 1000
            assert (
                Decimal(str(low)) - Decimal("0.01") <= cpm <= Decimal(str(high)) + Decimal("0.01")
            )


def test_linkedin_meta_and_x_figures(sample):
    def values(network: str, name: str) -> list[Decimal]:
        return [
            ratios(e.data)[name]
            for e in sample
            if e.kpi_slug in ADS and e.network == network and name in ratios(e.data)
        ]

    assert max(values("LinkedIn", "ctr")) < 1
    meta_cpm = values("Instagram", "cpm") + values("Facebook", "cpm")
    assert min(values("LinkedIn", "cpm")) > max(meta_cpm)
    assert statistics.median(values("LinkedIn", "cpm")) > 3 * statistics.median(meta_cpm)
    tweets = [e for e in sample if e.kpi_slug == "engagement-twitter"]
    assert all(e.data["engagements"] / e.data["impressions"] < Decimal("0.01") for e in tweets)
    # Instagram within a factor 3 of the seed's benchmarks (in dollars, the exercise in euros).
    for slug in ("cpm", "cpc", "cpe"):
        (benchmark, *_) = BENCHMARKS[slug]
        found = values("Instagram", slug)
        assert len(found) > 300
        assert benchmark.low / 3 <= min(found) and max(found) <= benchmark.high * 3, slug


def test_costs_of_campaigns_are_capped_by_size(sample):
    for exercise in sample:
        size, data = SIZES[size_of(exercise)], exercise.data
        if exercise.kpi_slug in ("roi", "roas", "cout-acquisition", "cout-par-lead"):
            assert size.cost[0] <= data["cost"] <= size.cost[1], exercise
        if exercise.kpi_slug == "roas-seuil" and "cost" in data:
            assert max(50, size.budget[0]) <= data["cost"] <= size.budget[1]
        if exercise.kpi_slug == "cout-acquisition":
            assert 5 <= exercise.exact <= 200


def test_volumes_fit_the_size(sample):
    spans = {"followers": "followers", "views": "views", "customers": "customers"}
    by_size: dict[str, list[Decimal]] = {SMALL: [], MEDIUM: []}
    for exercise in sample:
        size, data = SIZES[size_of(exercise)], exercise.data
        if "sent" in data:
            assert 1000 <= data["sent"] <= 50_000
            assert (data["sent"] <= 8000) == (size_of(exercise) == SMALL) or data["sent"] == 8000
            by_size[size_of(exercise)].append(data["sent"])
        for name, span in spans.items():
            derived = name == "customers" and exercise.kpi_slug in ("cout-par-lead", "roas-seuil")
            if name in data and not derived:  # those customers follow from leads or revenue
                low, high = getattr(size, span)
                assert low <= data[name] <= high, (name, exercise)
        if exercise.kpi.family.slug == "engagement" and "reach" in data:
            assert size.reach[0] <= data["reach"] <= size.reach[1]
        if exercise.kpi_slug == "cout-par-lead":
            assert size.leads[0] <= data["leads"] <= size.leads[1]
    assert max(by_size[SMALL]) <= 8000 < statistics.median(by_size[MEDIUM])
    bakery = [e for e in sample if e.business == "la boulangerie Le Fournil de Léa"]
    assert all(e.data.get("sent", 0) <= 8000 for e in bakery)


def test_objectives_are_round(sample):
    for exercise in sample:
        if exercise.kpi_slug != "budget-cpm":
            continue
        unit, given_ = SIZES[size_of(exercise)].objective_unit, exercise.given
        for name in ("impressions", "facebook_impressions", "instagram_impressions"):
            if name in given_:
                assert given_[name] % unit == 0 and given_[name] > 0, (name, exercise)
        if "reach" in given_:
            assert given_["reach"] % (unit // 2) == 0
        if "clicks" in given_:
            assert given_["clicks"] % (unit // 100) == 0


@settings(max_examples=300, deadline=None)
@given(seeds)
def test_campaign_of_version_2_fits_its_business(seed):
    campaign = generate_campaign(seed, generator=2)
    check_world_integrity(campaign.given)
    assert PROFILES[campaign.business].sells_online
    size = SIZES[PROFILES[campaign.business].size]
    assert campaign.given["sent"] <= (8000 if size is SIZES[SMALL] else 50_000)
    for slug in campaign.kpi_slugs:
        exercise = campaign.exercise(slug)
        assert exercise.generator == 2
        assert exercise.expected == KPIS_BY_SLUG[slug].compute(exercise.inputs).value


# --------------------------------------------------------------------------------------------------
# Frozen draws of version 2 (as test_generate.py freezes version 1's)
# --------------------------------------------------------------------------------------------------

# Every KPI (the added ones included) × 3 difficulties × seeds 0–99, generator 2: template index,
# business and given numbers. Once students have answered version 2's exercises, these must not
# change: a change of the draws is a version 3.
V2_GENERATION_DIGEST = "9490980015de83d8ca5db043a570796f615176b844d2e377069ddec0a18243ed"


def v2_digest() -> str:
    digest = hashlib.sha256()
    for slug in sorted(KPIS_BY_SLUG):
        for difficulty in DIFFICULTIES:
            for seed in range(100):
                exercise = v2(slug, difficulty, seed)
                index = V2_COMPILED[(slug, difficulty)].index(exercise.template)
                key = (slug, difficulty, seed, index, exercise.business)
                digest.update(repr((*key, sorted(exercise.given.items()))).encode())
    for seed in range(100):
        campaign = generate_campaign(seed, generator=2)
        key = (seed, campaign.template.text, campaign.business, campaign.kpi_slugs)
        digest.update(repr((*key, sorted(campaign.given.items()))).encode())
    return digest.hexdigest()


def test_version_2_seeds_give_the_same_numbers():
    assert v2_digest() == V2_GENERATION_DIGEST


def test_version_2_statements_follow_french_typography():
    """A no-break space before : ; ! ? and inside « », as in the other statements."""
    plain_space = re.compile(r" [:;!?%€»]|« ")
    for variants in V2_TEMPLATES.values():
        for text in variants:
            assert not plain_space.search(text), text
