"""The content review's defects in the generated exercises and their grading (issue #15, h7).

No database: the engine is pure. Wording only — the draws are unchanged (the digest test of
test_generate.py guards that stored seeds still give the same numbers).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculators.kpis import KPIS_BY_SLUG, Mistake
from quiz.engine.generate import COMPILED, DIFFICULTIES, Exercise, generate
from quiz.engine.grade import grade_numeric
from quiz.engine.phrasings import ASK

SEEDS = range(200)


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def statement_text(exercise: Exercise) -> str:
    return "".join(text + (given.display if given else "") for text, given in exercise.statement)


def mistake_of(slug: str, code: str) -> Mistake:
    return next(m for m in KPIS_BY_SLUG[slug].mistakes if m.code == code)


def typed(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.0001')):f}".replace(".", ",")


def diagnoses(slug: str, difficulty: int, code: str) -> list[tuple[Exercise, str | None]]:
    """(exercise, diagnosis) for each seed whose data allow `code`, answered with its value.

    The diagnosis is "correct" when that value is within tolerance of the right answer (a small
    rate on delivered differs from the rate on sent by less than 0,01): the answer is accepted.
    """
    mistake = mistake_of(slug, code)
    found = []
    for seed in SEEDS:
        exercise = generate(slug, difficulty, seed)
        value = mistake.value(exercise.data)
        if value is not None and mistake.formula.names() <= exercise.data.keys():
            grade = grade_numeric(exercise, typed(value))
            found.append((exercise, grade.diagnosis or grade.verdict))
    return found


# --------------------------------------------------------------------------------------------------
# M16: a rate on the e-mails delivered, when the statement gives the bounces (difficulty 3)
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug", ["taux-ouverture", "taux-clics", "taux-conversion", "taux-desabonnement"]
)
def test_delivered_derived_from_the_bounces_is_data_so_its_base_is_diagnosed(slug):
    results = diagnoses(slug, 3, "base-delivered")
    assert len(results) == len(SEEDS)  # every level-3 statement gives the bounces
    for exercise, _ in results:
        data = exercise.data
        assert "delivered" not in exercise.given
        assert data["delivered"] == data["sent"] - data["bounces"]
    named = [diagnosis for _, diagnosis in results if diagnosis in ("base-delivered", "correct")]
    assert len(named) > len(results) * 0.9  # only ambiguous values are left unnamed
    assert any(diagnosis == "base-delivered" for _, diagnosis in results)


def test_derived_delivered_changes_neither_the_given_numbers_nor_the_answer():
    for seed in SEEDS:
        exercise = generate("taux-ouverture", 3, seed)
        assert set(exercise.given) == exercise.template.names
        values = {"opened": exercise.given["opened"], "sent": exercise.given["sent"]}
        assert exercise.expected == KPIS_BY_SLUG["taux-ouverture"].compute(values).value


# --------------------------------------------------------------------------------------------------
# A10, M7: a base that another source would use is named as the course's convention
# --------------------------------------------------------------------------------------------------


def test_engagement_base_diagnosis_names_the_network_and_the_convention():
    for exercise, diagnosis in diagnoses("engagement-instagram", 2, "base-reach"):
        if diagnosis == "base-reach":
            value = mistake_of("engagement-instagram", "base-reach").value(exercise.data)
            message = plain(grade_numeric(exercise, typed(value)).diagnosis_message)
            assert "la base que le cours retient pour Instagram" in message
            assert "suivez celle que demande l’énoncé" in message
            return
    pytest.fail("no Instagram exercise diagnosed on the reach")


def test_emailing_base_diagnosis_says_the_course_base_is_a_convention():
    for exercise, diagnosis in diagnoses("taux-ouverture", 2, "base-delivered"):
        if diagnosis == "base-delivered":
            value = mistake_of("taux-ouverture", "base-delivered").value(exercise.data)
            message = plain(grade_numeric(exercise, typed(value)).diagnosis_message)
            assert "C’est la base du cours" in message
            assert "certains logiciels" in message
            return
    pytest.fail("no open rate diagnosed on the delivered e-mails")


# --------------------------------------------------------------------------------------------------
# A22: the contest divided by the followers (the distractor of levels 2 and 3)
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("difficulty", [2, 3])
def test_contest_divided_by_the_followers_is_diagnosed(difficulty):
    results = diagnoses("taux-conversion-concours", difficulty, "base-followers")
    assert results
    assert sum(diagnosis == "base-followers" for _, diagnosis in results) > len(results) * 0.8
    exercise = next(e for e, diagnosis in results if diagnosis == "base-followers")
    value = mistake_of("taux-conversion-concours", "base-followers").value(exercise.data)
    message = plain(grade_numeric(exercise, typed(value)).diagnosis_message)
    assert "vues de la publication du jeu" in message


def test_contest_on_followers_never_fires_at_level_one():
    """Level 1 gives no followers: the mistake cannot be computed, so it is never named."""
    for seed in SEEDS:
        assert "followers" not in generate("taux-conversion-concours", 1, seed).data


# --------------------------------------------------------------------------------------------------
# M6: the course's Instagram benchmark compared with the result, for the campaign's network
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["cpm", "cpc", "cpe"])
def test_benchmark_follows_the_network_of_the_statement(slug):
    networks = set()
    for difficulty in DIFFICULTIES:
        for seed in range(30):
            exercise = generate(slug, difficulty, seed)
            note = plain(exercise.solution().interpretation or "")
            network = exercise.network
            networks.add(network)
            assert note.startswith("Repère du cours, en dollars et à titre indicatif")
            if network == "Instagram" or (slug == "cpe" and network == "Facebook"):
                assert f"repère {network} du cours" in note
                assert "monnaies différentes" in note
                assert plain(exercise.solution().display) in note  # the student's result, quoted
            else:
                assert f"diffusée sur {network} : ce repère ne s’y applique pas" in note
    assert networks == {"Instagram", "Facebook", "LinkedIn"}


def test_budget_from_the_cpm_has_no_benchmark():
    assert generate("budget-cpm", 1, 0).solution().interpretation is None


# --------------------------------------------------------------------------------------------------
# A18–A21: statements and prompts (wording only)
# --------------------------------------------------------------------------------------------------


def test_twitter_statement_uses_the_solution_s_word_for_comments():
    for template in COMPILED[("engagement-twitter", 3)]:
        assert "commentaires" in template.text
    exercise = generate("engagement-twitter", 3, 0)
    assert "commentaires" in " ".join(step.text for step in exercise.preliminary_steps)


def test_roas_level_three_says_which_cost_the_roas_uses():
    for template in COMPILED[("roas", 3)]:
        assert "coût total de la campagne, frais de création compris" in template.text


def test_acquisition_statements_pursue_acquisition():
    for template in COMPILED[("cout-acquisition", 1)]:
        assert "notoriété" not in template.text


def test_every_rate_prompt_names_the_campaign_and_its_base():
    assert ASK["taux-clics-delivres"] == (
        "Calculez le taux de clics de cette campagne, rapporté aux e-mails délivrés."
    )


# --------------------------------------------------------------------------------------------------
# M2, M3: the ROI read on the gain the statement gives (a margin, or a revenue)
# --------------------------------------------------------------------------------------------------


def test_roi_note_reads_the_statement_s_gain():
    kinds = set()
    for difficulty in DIFFICULTIES:
        for seed in range(40):
            exercise = generate("roi", difficulty, seed)
            calculation = exercise.solution()
            note = plain(calculation.interpretation or "")
            kinds.add(exercise.gain_kind)
            if calculation.value == 0:
                assert note.startswith("ROI nul")
            elif exercise.gain_kind == "marge":
                assert "la marge dégagée" in note
            elif calculation.value > 0:
                assert "calculé sur le chiffre d’affaires" in note
                assert "Vérifiez la marge" in note
            else:
                assert note.startswith("ROI négatif")
    assert kinds == {"marge", "chiffre d’affaires"}
