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
