"""The generator and the grader on the KPIs added with issue 15: frozen draws, realistic numbers
over thousands of seeds, a step at difficulty 3, the businesses that fit, and each known mistake
recognised on a generated exercise."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.kpis import KPIS_BY_SLUG
from quiz.engine.added_statements import (
    ADDED_BUSINESSES,
    ADDED_TEMPLATES,
    LEAD_SEEKERS,
    SELLERS_OF_GOODS,
)
from quiz.engine.added_worlds import ADDED_WORLDS
from quiz.engine.generate import DIFFICULTIES, Exercise, generate
from quiz.engine.grade import grade_numeric
from quiz.engine.phrasings import ASK, BUSINESSES
from tests.quiz.engine.test_generate import SEED_KPI_SLUGS, check_world_integrity, generation_digest

ADDED = ("cout-par-lead", "frequence", "roas-seuil", "taux-hard-bounce")
added_slugs = st.sampled_from(ADDED)
difficulties = st.sampled_from(DIFFICULTIES)
seeds = st.integers(min_value=0, max_value=2**63)
SECTORS = {business.name: business.sector for business in BUSINESSES}

# The numbers of 1 200 exercises (4 KPIs × 3 difficulties × seeds 0–99), as the seed's digest in
# test_generate.py: once students have answered these exercises, their draws must not change.
ADDED_GENERATION_DIGEST = "5c959de0f7c450d2396a8c6f67dbc121729a7f9e7903f79d2d83a673dbe714cd"


def test_added_kpis_stored_seeds_give_the_same_numbers():
    assert generation_digest(ADDED) == ADDED_GENERATION_DIGEST


def test_the_seed_kpis_draw_as_before():
    """Nothing added is read for the seed's KPIs: same businesses, same worlds (and the digest of
    test_generate.py, over SEED_KPI_SLUGS, is unchanged)."""
    assert set(ADDED) == set(KPIS_BY_SLUG) - set(SEED_KPI_SLUGS)
    assert set(ADDED_WORLDS) == set(ADDED_BUSINESSES) | {"taux-hard-bounce"}
    assert not (set(ADDED_WORLDS) | set(ADDED_BUSINESSES)) & set(SEED_KPI_SLUGS)


def test_the_fitting_businesses_exist():
    assert len(ADDED_BUSINESSES["cout-par-lead"]) == len(LEAD_SEEKERS)
    assert len(ADDED_BUSINESSES["roas-seuil"]) == len(SELLERS_OF_GOODS)
    assert all(b.sector == "b2c" for b in ADDED_BUSINESSES["frequence"])


@settings(max_examples=1500)
@given(added_slugs, difficulties, seeds)
def test_generated_numbers_are_realistic_and_consistent(slug, difficulty, seed):
    exercise = generate(slug, difficulty, seed)
    data = exercise.data
    check_world_integrity(data)
    assert exercise.kpi.validate(exercise.inputs) == {}
    if slug == "taux-hard-bounce":
        assert data["hard_bounces"] >= 1
        if "soft_bounces" in data:
            bounces = data["hard_bounces"] + data["soft_bounces"]
            assert data["soft_bounces"] >= 1
            assert data.get("bounces", bounces) == bounces
            assert data["sent"] - data.get("delivered", data["sent"] - bounces) == bounces
            assert Decimal("0.005") <= bounces / data["sent"] <= Decimal("0.081")
    if slug == "frequence":
        assert 1 < data["impressions"] / data["reach"] <= 3
        if "facebook_impressions" in data:
            parts = data["facebook_impressions"] + data["instagram_impressions"]
            assert parts == data["impressions"]
        if "budget" in data:
            assert 50 <= data["budget"] <= 5000
        assert SECTORS[exercise.business] == "b2c"
    if slug == "cout-par-lead":
        assert 50 <= data["cost"] <= 5000
        assert 3 <= data["cost"] / data["leads"] <= 60
        if "customers" in data:
            assert 1 <= data["customers"] <= data["leads"] < data["clicks"]
        assert exercise.business in LEAD_SEEKERS
    if slug == "roas-seuil":
        assert Decimal("0.2") <= data["margin"] / data["revenue"] <= Decimal("0.7")
        if "cost" in data:
            assert 50 <= data["cost"] <= 5000
            assert 1 <= data["revenue"] / data["cost"] <= 7
        assert exercise.business in SELLERS_OF_GOODS


@settings(max_examples=600)
@given(added_slugs, seeds)
def test_difficulty_three_always_needs_its_step(slug, seed):
    exercise = generate(slug, 3, seed)
    derived = [name for name in exercise.kpi.input_names if name not in exercise.given]
    assert derived, exercise.template.text
    assert len(exercise.preliminary_steps) == len(derived)


def test_the_steps_read_as_a_teacher_writes_them():
    steps = {slug: generate(slug, 3, 1).preliminary_steps[0].text for slug in ADDED}
    assert steps["taux-hard-bounce"].startswith(
        "Hard bounces (rejets définitifs) = e-mails rejetés − soft bounces = "
    )
    assert steps["frequence"].startswith(
        "Impressions = impressions sur Facebook + impressions sur Instagram = "
    )
    assert steps["cout-par-lead"].startswith("Coût = achat d’espace + frais de création = ")
    assert steps["roas-seuil"].startswith(
        "Marge dégagée (avant le coût de la publicité) = chiffre d’affaires − coût d’achat "
        "des produits vendus = "
    )


@pytest.mark.parametrize("slug", ADDED)
def test_most_results_are_nice_but_not_all(slug):
    exercises = [
        generate(slug, difficulty, seed) for difficulty in (1, 2, 3) for seed in range(200)
    ]
    nice = sum(1 for e in exercises if e.exact == e.expected)
    assert 0.5 * len(exercises) < nice < len(exercises)


def exercise_on(slug: str, **numbers: int | str) -> Exercise:
    base = generate(slug, 2, 0)
    data = {name: Decimal(str(value)) for name, value in numbers.items()}
    return Exercise(slug, 2, 0, base.business, base.template, data, dict(data))


LESSON_17 = {"margin": 2400, "revenue": 6000, "cost": 1500, "customers": 30}
LESSON_18 = {"sent": 20000, "delivered": 19400, "hard_bounces": 450, "soft_bounces": 150}


@pytest.mark.parametrize(
    ("slug", "data", "answer", "code", "fragment"),
    [
        ("roas-seuil", LESSON_17, "2,5", None, "Bonne réponse"),
        ("roas-seuil", LESSON_17, "250 %", None, "Bonne réponse"),
        ("roas-seuil", LESSON_17, "0,4", "inverted", "0,4 est le taux de marge"),
        ("roas-seuil", LESSON_17, "40 %", "inverted", "est le taux de marge"),
        ("roas-seuil", LESSON_17, "1,5", "base-cost", "coût d’achat"),
        ("roas-seuil", LESSON_17, "4", "campaign-roas", "ROAS de la campagne"),
        ("taux-hard-bounce", LESSON_18, "2,25 %", None, "Bonne réponse"),
        ("taux-hard-bounce", LESSON_18, "3 %", "all-bounces", "tous les rejets"),
        ("taux-hard-bounce", LESSON_18, "0,75", "soft-instead", "soft bounces"),
        ("taux-hard-bounce", LESSON_18, "0,0225", "forgot-x100", "multiplier par 100"),
        ("taux-hard-bounce", LESSON_18, "2,32", "base-delivered", "ne font pas partie"),
        ("frequence", {"impressions": 40000, "reach": 16000}, "0,4", "inverted", "inversé"),
        (
            "frequence",
            {"impressions": 40000, "reach": 16000, "followers": 8000},
            "5",
            "base-followers",
            "abonnés",
        ),
        ("cout-par-lead", {"cost": 1500, "leads": 120, "customers": 30}, "50", None, None),
        (
            "cout-par-lead",
            {"cost": 1500, "leads": 120, "customers": 30, "clicks": 3000},
            "0,5",
            "cpc-instead",
            "coût par clic",
        ),
    ],
)
def test_grading_the_lessons_examples(slug, data, answer, code, fragment):
    grade = grade_numeric(exercise_on(slug, **data), answer)
    if fragment == "Bonne réponse":
        assert grade.verdict == "correct"
        return
    assert grade.verdict == "incorrect"
    if slug == "cout-par-lead" and code is None:  # 50 € is the cost of acquisition
        assert grade.diagnosis == "acquisition-instead"
        return
    assert grade.diagnosis == code, grade.diagnosis_message
    assert fragment in grade.diagnosis_message


@settings(max_examples=300)
@given(added_slugs, difficulties, seeds)
def test_the_right_answer_is_accepted_and_no_diagnosis_names_it(slug, difficulty, seed):
    exercise = generate(slug, difficulty, seed)
    assert grade_numeric(exercise, f"{exercise.expected:f}").verdict == "correct"
    for mistake in exercise.kpi.mistakes:
        if mistake.formula.names() <= exercise.data.keys():
            value = mistake.value(exercise.data)
            grade = grade_numeric(exercise, f"{value:f}")
            assert grade.diagnosis in (mistake.code, None) or grade.verdict == "correct"


def test_statements_follow_french_typography():
    plain_space = re.compile(r" [:;!?%€»]|« ")
    texts = [text for variants in ADDED_TEMPLATES.values() for text in variants]
    texts += [ASK[slug] for slug in ADDED]
    assert {slug for slug, _ in ADDED_TEMPLATES} == set(ADDED)
    for text in texts:
        assert not plain_space.search(text), text
