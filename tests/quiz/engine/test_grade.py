from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.kpis import KPIS, KPIS_BY_SLUG
from calculators.numbers import format_quantity
from quiz.engine.generate import DIFFICULTIES, Exercise, generate
from quiz.engine.grade import grade_choice, grade_numeric
from quiz.engine.tolerance import Tolerance
from tests.calculators.test_kpis import MISTAKE_CODES

slugs = st.sampled_from(sorted(KPIS_BY_SLUG))
difficulties = st.sampled_from(DIFFICULTIES)
seeds = st.integers(min_value=0, max_value=2**63)
SPEC_CODES = MISTAKE_CODES - {"wrong-unit"}  # wrong-unit is the grader's, not a formula


def french_spellings(value: Decimal, unit: str) -> list[str]:
    plain = f"{value:.2f}"
    comma = plain.replace(".", ",")
    grouped = format_quantity(value, "")
    spellings = [
        comma,
        plain,
        grouped,
        grouped.replace("\u202f", " "),
        grouped.replace("\u202f", "\u00a0"),
    ]
    if unit:
        spellings += [
            f"{comma} {unit}",
            f"{comma}{unit}",
            f"{grouped}\u202f{unit}",
            f"{plain}{unit}",
        ]
    return spellings


@settings(max_examples=300)
@given(slugs, difficulties, seeds)
def test_every_french_spelling_of_the_right_answer_is_accepted(slug, difficulty, seed):
    exercise = generate(slug, difficulty, seed)
    for spelling in french_spellings(exercise.expected, exercise.kpi.unit):
        grade = grade_numeric(exercise, spelling)
        assert grade.verdict == "correct", (spelling, exercise.exact)


@settings(max_examples=300)
@given(slugs, difficulties, seeds, st.sampled_from([Decimal("-1"), Decimal("1")]))
def test_values_outside_tolerance_are_refused(slug, difficulty, seed, sign):
    exercise = generate(slug, difficulty, seed)
    micro = Decimal("0.000001")
    wrong = (exercise.exact + sign * Decimal("0.0101")).quantize(micro)
    assert grade_numeric(exercise, f"{wrong:f}").verdict == "incorrect"
    if exercise.exact == exercise.exact.quantize(micro):  # the boundary is exactly representable
        at_boundary = exercise.exact + sign * Decimal("0.01")
        assert grade_numeric(exercise, f"{at_boundary:f}").verdict == "correct"


def test_truncated_corrige_is_accepted():
    exercise = generate("taux-reactivite", 1, 0)
    exact = exercise.exact
    truncated = exact.quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    assert grade_numeric(exercise, f"{truncated:f}").verdict == "correct"


@given(st.text(max_size=300), slugs, difficulties, seeds)
def test_grading_any_string_never_raises(text, slug, difficulty, seed):
    grade = grade_numeric(generate(slug, difficulty, seed), text)
    assert grade.verdict in {"correct", "incorrect", "invalid"}
    assert grade.message


@pytest.mark.parametrize(
    "text", ["", "   ", "abc", "12abc", "1,2,3", "<script>", "1e9", "x" * 10_000]
)
def test_unreadable_answer_is_invalid_and_not_counted(text):
    grade = grade_numeric(generate("cpm", 1, 1), text)
    assert grade.verdict == "invalid"
    assert not grade.counted


def test_percent_where_euros_expected_is_a_wrong_unit():
    exercise = generate("cpm", 1, 2)
    grade = grade_numeric(exercise, f"{exercise.expected:f} %")
    assert (grade.verdict, grade.diagnosis) == ("incorrect", "wrong-unit")
    assert "€" in grade.diagnosis_message


def test_relative_tolerance():
    exercise = generate("cpm", 1, 3)
    tolerance = Tolerance(relative=Decimal("0.05"))
    assert (
        grade_numeric(exercise, f"{exercise.exact * Decimal('1.049'):f}", tolerance).verdict
        == "correct"
    )
    assert (
        grade_numeric(exercise, f"{exercise.exact * Decimal('1.051'):f}", tolerance).verdict
        == "incorrect"
    )


def find_diagnosable(kpi_slug: str, code: str) -> tuple[Exercise, Decimal] | None:
    """An exercise whose data let `code` be computed and told apart from the right answer."""
    kpi = KPIS_BY_SLUG[kpi_slug]
    mistake = next(m for m in kpi.mistakes if m.code == code)
    for seed in range(300):
        for difficulty in DIFFICULTIES:
            exercise = generate(kpi_slug, difficulty, seed)
            if not mistake.formula.names() <= exercise.data.keys():
                continue
            value = mistake.value(exercise.data)
            if value is None:
                continue
            answer = value.quantize(Decimal("0.0001"))
            if grade_numeric(exercise, f"{answer:f}").diagnosis == code:
                return exercise, answer
    return None


@pytest.mark.parametrize(
    ("slug", "code"),
    [(kpi.slug, mistake.code) for kpi in KPIS for mistake in kpi.mistakes],
)
def test_each_mistake_is_produced_by_some_exercise_and_diagnosed(slug, code):
    found = find_diagnosable(slug, code)
    assert found is not None, f"{code} never diagnosed on {slug}"
    exercise, answer = found
    grade = grade_numeric(exercise, f"{answer:f}")
    assert grade.verdict == "incorrect"
    assert grade.diagnosis_message


def test_every_mistake_code_of_the_spec_is_in_the_catalogue():
    codes = {mistake.code for kpi in KPIS for mistake in kpi.mistakes}
    assert codes == SPEC_CODES


def test_click_rate_instead_of_reactivity_is_named():
    exercise, answer = find_diagnosable("taux-reactivite", "click-rate-instead")
    grade = grade_numeric(exercise, f"{answer:f}".replace(".", ","))
    assert grade.diagnosis_message.startswith("Vous avez divisé par les e-mails envoyés")


def test_ambiguous_wrong_value_gets_no_diagnosis():
    exercise = generate("taux-reactivite", 2, 0)
    # Make two mistakes give the same value: delivered == sent.
    data = dict(exercise.data, delivered=exercise.data["sent"])
    ambiguous = Exercise(
        exercise.kpi_slug, 2, 0, exercise.business, exercise.template, exercise.given, data
    )
    value = data["clicks"] / data["sent"] * 100
    assert grade_numeric(ambiguous, f"{value:.4f}").diagnosis is None


def test_solution_has_the_preliminary_step_then_the_formula():
    exercise = generate("taux-clics-delivres", 3, 4)
    grade = grade_numeric(exercise, "1")
    kinds = [step.kind for step in grade.solution]
    assert kinds == ["preliminary", "formula", "substitution", "result"]
    assert grade.expected_display.endswith("%")


@pytest.mark.parametrize(
    ("kind", "right", "chosen", "verdict"),
    [
        ("single", {1}, {1}, "correct"),
        ("single", {1}, {2}, "incorrect"),
        ("single", {1}, set(), "invalid"),
        ("single", {1}, {1, 2}, "invalid"),
        ("single", {1}, {99}, "invalid"),
        ("true_false", {1}, {2}, "incorrect"),
        ("multiple", {1, 3}, {1, 3}, "correct"),
        ("multiple", {1, 3}, {1}, "incorrect"),
        ("multiple", {1, 3}, {1, 2, 3}, "incorrect"),
    ],
)
def test_grade_choice(kind, right, chosen, verdict):
    assert grade_choice(kind, right, chosen, {1, 2, 3}).verdict == verdict


# --------------------------------------------------------------------------------------------------
# The content review's "wrong" defects (W2, W6, W7, W8): diagnoses that must, or must not, fire.
# --------------------------------------------------------------------------------------------------


def exercise_on(slug: str, **numbers: int | str) -> Exercise:
    """An exercise on `slug` with the given data (the statement's text is irrelevant here)."""
    base = generate(slug, 1, 0)
    data = {name: Decimal(str(value)) for name, value in numbers.items()}
    return Exercise(slug, 1, 0, base.business, base.template, data, dict(data))


UNSUBSCRIBES_020 = {"unsubscribes": 20, "sent": 10_000}  # 0,20 %


@pytest.mark.parametrize("answer", ["0", "0,00", "0,01", "0,012", "-0,002"])
def test_an_answer_near_zero_is_not_called_a_proportion(answer):
    """W6: 0,002 is within 0,01 of 0, so 0 or 0,01 used to be « a proportion » of 0,20 %."""
    grade = grade_numeric(exercise_on("taux-desabonnement", **UNSUBSCRIBES_020), answer)
    assert (grade.verdict, grade.diagnosis, grade.diagnosis_message) == ("incorrect", None, None)


@pytest.mark.parametrize("answer", ["0,002", "0,0020", "0.002"])
def test_a_small_proportion_is_recognised_and_quoted(answer):
    grade = grade_numeric(exercise_on("taux-desabonnement", **UNSUBSCRIBES_020), answer)
    assert grade.diagnosis == "forgot-x100"
    assert grade.diagnosis_message == (
        "0,002 est une proportion, pas un pourcentage\u00a0: il fallait multiplier par 100 "
        "(0,002 ×\u00a0100 = 0,20\u202f%)."
    )


def test_the_proportion_is_quoted_with_the_decimals_typed():
    exercise = exercise_on("taux-reactivite", clicks=450, opened=1300)  # 34,6154 %
    grade = grade_numeric(exercise, "0,3462")
    assert grade.diagnosis == "forgot-x100"
    assert grade.diagnosis_message.startswith("0,3462 est une proportion")
    assert "(0,3462 ×\u00a0100 = 34,62\u202f%)" in grade.diagnosis_message


def test_no_diagnosis_when_two_mistakes_give_values_within_tolerance():
    """W6: 450 ÷ 9 000 and 450 ÷ 9 010 differ by 0,0056: 5,009 matches only the first, by luck."""
    close = exercise_on("taux-clics", clicks=450, sent=10_000, opened=9_000, delivered=9_010)
    assert grade_numeric(close, "5,009").diagnosis is None
    apart = exercise_on("taux-clics", clicks=450, sent=10_000, opened=9_000, delivered=9_700)
    assert grade_numeric(apart, "5,009").diagnosis == "reactivity-instead"


def test_no_diagnosis_when_the_mistake_is_within_tolerance_of_the_right_answer():
    # 20 ÷ 9 700 × 100 = 0,2062 is within 0,01 of 0,20 %: 0,211 is a rounding slip, not a base.
    exercise = exercise_on("taux-desabonnement", unsubscribes=20, sent=10_000, delivered=9_700)
    grade = grade_numeric(exercise, "0,211")
    assert (grade.verdict, grade.diagnosis) == ("incorrect", None)


def test_cpm_inverted_is_impressions_divided_by_the_budget():
    """W8: 10 000 ÷ 200 = 50 is the inversion students make (Q68's distractor « 50 € »)."""
    exercise = exercise_on("cpm", budget=200, impressions=10_000)
    assert grade_numeric(exercise, "50").diagnosis == "inverted"
    assert grade_numeric(exercise, "50 €").diagnosis == "inverted"
    assert grade_numeric(exercise, "50000").diagnosis is None  # the old « × 1 000 » formula


def test_cpm_forgotten_thousand_is_quoted_on_the_students_amount():
    grade = grade_numeric(exercise_on("cpm", budget=200, impressions=10_000), "0,02")
    assert grade.diagnosis == "forgot-x1000"
    assert grade.diagnosis_message.endswith("(0,02\u202f€ ×\u00a01\u202f000 = 20,00\u202f€).")


ROAS_440 = {"revenue": 4_400, "cost": 1_000}


@pytest.mark.parametrize("answer", ["440 %", "440\u202f%", "440,00 %", "439,5 %", "4,40", "4,4"])
def test_roas_written_as_a_percentage_is_accepted(answer):
    """W7: a ROAS of 440 % is a ROAS of 4,40 (and the tolerance is the ratio's, 0,01 = 1 %)."""
    assert grade_numeric(exercise_on("roas", **ROAS_440), answer).verdict == "correct"


def test_roas_as_a_percentage_without_its_sign_is_told_how_to_write_it():
    grade = grade_numeric(exercise_on("roas", **ROAS_440), "440")
    assert (grade.verdict, grade.diagnosis) == ("incorrect", "wrong-unit")
    assert grade.diagnosis_message == (
        "440 est le rapport multiplié par 100\u00a0: écrivez le rapport (4,40) "
        "ou ajoutez le signe «\u00a0%\u00a0» (440\u202f%)."
    )


@pytest.mark.parametrize("answer", ["3,40", "340 %", "340"])
def test_roi_given_for_the_roas_is_recognised_as_a_ratio_or_a_percentage(answer):
    assert grade_numeric(exercise_on("roas", **ROAS_440), answer).diagnosis == "roi-instead"


def test_roas_in_euros_gets_a_message_that_makes_sense():
    grade = grade_numeric(exercise_on("roas", **ROAS_440), "4,40 €")
    assert grade.diagnosis == "wrong-unit"
    assert "montant en euros" in grade.diagnosis_message
    assert "montant en %" not in grade.diagnosis_message


def test_roi_on_a_net_gain_reading_is_not_told_it_is_the_roas():
    """W2: exercise 58 of the review, gain 48 398 €, cost 10 667 €; 453,72 % divides the gain as
    if it were net. The diagnosis says the gain is counted before the cost, not that it is the
    ROAS."""
    exercise = exercise_on("roi", gain=48_398, cost=10_667)
    assert grade_numeric(exercise, "353,72").verdict == "correct"
    grade = grade_numeric(exercise, "453,72")
    assert grade.diagnosis == "roas-instead"
    assert "ROAS" not in grade.diagnosis_message
    assert "avant déduction du coût" in grade.diagnosis_message


def test_roi_statements_say_what_the_gain_is():
    """W2: every ROI statement says whether the gain is a revenue or a margin, before the cost."""
    for difficulty in DIFFICULTIES:
        for seed in range(30):
            exercise = generate("roi", difficulty, seed)
            text = "".join(piece for piece, _ in exercise.statement)
            assert "un gain de" not in text and "a rapporté" not in text, text
            assert "marge" in text or "chiffre d’affaires" in text, text
            assert "avant déduction" in text, text


def test_acquisition_cost_question_counts_every_cost():
    """W3: « achat d'espace » alone or the total? The question says: all the campaign's costs."""
    exercise = generate("cout-acquisition", 3, 0)
    assert "tous les coûts de la campagne" in exercise.question
    grade = grade_numeric(exercise, f"{exercise.data['media_cost'] / exercise.data['customers']}")
    assert grade.verdict == "incorrect"
