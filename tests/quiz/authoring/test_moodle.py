"""The Moodle XML export, read back as Moodle would: every calculated question's formula on every
dataset item gives our catalogue's value, every mistake formula gives a value our diagnosis
names, every concept question of the bank survives the trip (no database but for the bank)."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from calculators.kpis import KPIS, KPIS_BY_SLUG
from courses.models import ConceptQuestion
from quiz.authoring.moodle import (
    MIN_ITEMS,
    NumericItem,
    ascii_name,
    calculated_question,
    moodle_filename,
    quiz_xml,
)
from quiz.authoring.moodle_choices import ChoiceItem
from quiz.authoring.moodle_xml import FormulaError, clean, evaluate_formula
from quiz.engine.diagnose import diagnose
from quiz.engine.generate import DIFFICULTIES
from quiz.engine.tolerance import Tolerance
from tests.test_purity import ROOT, imported_modules

ALL_QUESTIONS = [(kpi.slug, difficulty) for kpi in KPIS for difficulty in DIFFICULTIES]


def parse(xml: str) -> ET.Element:
    return ET.fromstring(xml.encode("utf-8"))


def text_of(element: ET.Element, path: str) -> str:
    found = element.find(path)
    assert found is not None, path
    return found.text or ""


def dataset_items(question: ET.Element) -> list[dict[str, Decimal]]:
    """The dataset items as Moodle stores them: item number → {wildcard: value}."""
    items: dict[int, dict[str, Decimal]] = {}
    for definition in question.iter("dataset_definition"):
        name = text_of(definition, "name/text")
        assert text_of(definition, "status/text") == "private"
        values = definition.findall("dataset_items/dataset_item")
        assert int(text_of(definition, "itemcount")) == len(values) >= MIN_ITEMS
        for item in values:
            number = int(text_of(item, "number"))
            items.setdefault(number, {})[name] = Decimal(text_of(item, "value"))
    return [items[n] for n in sorted(items)]


def moodle_accepts(answer: ET.Element, response: Decimal, value: Decimal) -> bool:
    """`qtype_numerical_answer::within_tolerance` (1 relative, 2 nominal), boundaries included."""
    tolerance = Decimal(text_of(answer, "tolerance"))
    width = tolerance * abs(value) if text_of(answer, "tolerancetype") == "1" else tolerance
    return abs(response - value) <= width


def first_matching(question: ET.Element, values: dict[str, Decimal], response: Decimal):
    """The answer Moodle grades `response` with: the first whose interval holds it."""
    for answer in question.findall("answer"):
        if moodle_accepts(answer, response, evaluate_formula(text_of(answer, "text"), values)):
            return answer
    return None


@pytest.mark.parametrize(("slug", "difficulty"), ALL_QUESTIONS)
def test_every_kpi_round_trips_through_moodle(slug, difficulty):
    kpi = KPIS_BY_SLUG[slug]
    tolerance = Tolerance()
    item = NumericItem(key=41, kpi_slug=slug, difficulty=difficulty, tolerance=tolerance)
    root = parse(quiz_xml(title="Export", items=[item]))
    (question,) = root.findall("question[@type='calculated']")
    built = calculated_question(item)
    answers = question.findall("answer")
    assert answers[0].get("fraction") == "100"
    assert all(answer.get("fraction") == "0" for answer in answers[1:])
    assert len(answers) == 1 + len(built.mistakes)
    assert (
        text_of(answers[0], "tolerancetype") == "2" and text_of(answers[0], "tolerance") == "0.01"
    )
    assert text_of(answers[0], "correctanswerlength") == "2"
    text = text_of(question, "questiontext/text")
    items = dataset_items(question)
    assert len(items) == len(built.items) >= MIN_ITEMS
    for name in items[0]:
        assert "{" + name + "}" in text
    assert "<data" not in text  # our numbers are all wildcards
    for values, exercise in zip(items, built.items, strict=True):
        assert values == exercise.given
        expected = kpi.compute(exercise.inputs)
        right = evaluate_formula(text_of(answers[0], "text"), values)
        assert tolerance.accepts(right, expected.exact)
        # the corrigé's rounded answer is graded right by Moodle (the first answer matches)
        assert first_matching(question, values, expected.value) is answers[0]
        for answer, (mistake, _, _) in zip(answers[1:], built.mistakes, strict=True):
            assert text_of(answer, "feedback/text") == mistake.message
            wrong = evaluate_formula(text_of(answer, "text"), values)
            assert wrong == mistake.value(exercise.data)
            assert diagnose(kpi, exercise.data, wrong, exercise.exact, tolerance) is mistake
            # a student who made the mistake and rounded it as asked: Moodle's verdict is ours
            typed = wrong.quantize(Decimal("0.01")) if abs(wrong) >= Decimal("0.02") else wrong
            if tolerance.accepts(typed, exercise.exact):
                assert first_matching(question, values, typed) is answers[0]
            elif diagnose(kpi, exercise.data, typed, exercise.exact, tolerance) is mistake:
                assert first_matching(question, values, typed) is answer


def test_difficulty_3_formulas_compute_the_step_first():
    built = calculated_question(
        NumericItem(key=3, kpi_slug="taux-ouverture-delivres", difficulty=3, tolerance=Tolerance())
    )
    assert built.formula == "{opened} / ({sent} - {bounces}) * 100"
    assert "{={sent} - {bounces}}" in built.feedback  # the preliminary step, computed by Moodle
    assert "{=round({opened} / ({sent} - {bounces}) * 100, 2)}" in built.feedback


def test_the_rounding_and_a_relative_tolerance_reach_moodle():
    item = NumericItem(
        key=5,
        kpi_slug="cpc",
        difficulty=1,
        tolerance=Tolerance(relative=Decimal("0.05")),
        decimals=0,
    )
    question = parse(quiz_xml(title="Q", items=[item])).find("question[@type='calculated']")
    answer = question.find("answer")
    assert text_of(answer, "tolerancetype") == "1" and text_of(answer, "tolerance") == "0.05"
    assert text_of(answer, "correctanswerlength") == "0"
    assert text_of(answer, "correctanswerformat") == "1"
    assert "arrondi à l’euro" in text_of(question, "questiontext/text")
    assert ", 0)}" in text_of(question, "generalfeedback/text")


def test_the_export_is_reproducible():
    items = [NumericItem(key=9, kpi_slug="roi", difficulty=2, tolerance=Tolerance())]
    assert quiz_xml(title="A", items=items) == quiz_xml(title="A", items=items)


def test_the_quiz_title_is_the_category_and_the_file_name_is_ascii():
    root = parse(quiz_xml(title="Taux d’ouverture / 1re année", items=[]))
    category = root.find("question[@type='category']")
    assert text_of(category, "category/text") == "$course$/top/Taux d’ouverture // 1re année"
    assert moodle_filename("Taux d’ouverture / 1re année") == "taux-d-ouverture-1re-annee.xml"
    assert moodle_filename("«\u00a0»") == "quiz.xml" and ascii_name("É" * 300) == "e" * 80
    assert moodle_filename('a"b\r\nc').isascii() and '"' not in moodle_filename('a"b')


HOSTILE = "<script>alert(1)</script> ]]> & \x00\x01\x0b\ufffe\ud800 « ok »"


def test_any_content_gives_valid_xml():
    question = ChoiceItem(
        stem=HOSTILE,
        kind="multiple",
        explanation=HOSTILE,
        options=((HOSTILE, True), ("]]>", True), ("b", False)),
    )
    xml = quiz_xml(title=HOSTILE, items=[question])
    root = parse(xml)  # parses: escaped, CDATA split around "]]>", control characters gone
    assert "\x00" not in xml and "\x01" not in xml and "<script>" not in xml
    stem = text_of(root.find("question[@type='multichoice']"), "questiontext/text")
    assert "&lt;script&gt;" in stem and "« ok »" in stem
    assert clean("a\x00b\tc\n") == "ab\tc\n"


def test_multichoice_fractions_sum_to_100_percent():
    multiple = ChoiceItem(
        stem="?", kind="multiple", explanation="E", options=(("a", 1), ("b", 1), ("c", 1), ("d", 0))
    )
    single = ChoiceItem(stem="?", kind="single", explanation="E", options=(("a", 0), ("b", 1)))
    root = parse(quiz_xml(title="Q", items=[multiple, single]))
    first, second = root.findall("question[@type='multichoice']")
    fractions = [Decimal(a.get("fraction")) for a in first.findall("answer")]
    assert fractions == [Decimal("33.33333")] * 3 + [Decimal(-100)]
    assert abs(sum(f for f in fractions if f > 0) - 100) < Decimal("0.0001")
    assert text_of(first, "single") == "false" and text_of(second, "single") == "true"
    assert [a.get("fraction") for a in second.findall("answer")] == ["0", "100"]
    feedback = [text_of(a, "feedback/text") for a in second.findall("answer")]
    assert (
        feedback[0] == "Non\u00a0: la bonne réponse est «\u00a0b\u00a0»."
        and feedback[1] == "Exact."
    )
    assert text_of(second, "generalfeedback/text") == "<p>E</p>"


def test_formula_reader_is_safe():
    assert evaluate_formula("round(({a} + 1) / 3 * 100, 2)", {"a": Decimal(2)}) == Decimal("100.00")
    assert evaluate_formula("-{a} - -2", {"a": Decimal(1)}) == Decimal(1)
    for bad in ("__import__('os')", "{a} ** 2", "{b}", "1 / 0", "(1", "1 2", ""):
        with pytest.raises(FormulaError):
            evaluate_formula(bad, {"a": Decimal(1)})


@pytest.mark.django_db
def test_every_concept_question_of_the_bank_round_trips(course):
    questions = list(ConceptQuestion.objects.prefetch_related("options"))
    assert len(questions) > 50
    items = [
        ChoiceItem(
            stem=q.stem,
            kind=q.kind,
            explanation=q.explanation,
            options=tuple((o.text, o.is_correct) for o in q.options.all()),
        )
        for q in questions
    ]
    root = parse(quiz_xml(title="La banque", items=items))
    exported = root.findall("question")[1:]
    assert len(exported) == len(questions)
    for question, element in zip(questions, exported, strict=True):
        options = list(question.options.all())
        assert text_of(element, "generalfeedback/text").startswith("<p>")
        if element.get("type") == "truefalse":
            assert question.kind == "true_false"
            right = next(o for o in options if o.is_correct).text.casefold()
            answers = {text_of(a, "text"): a.get("fraction") for a in element.findall("answer")}
            assert answers == {
                "true": "100" if right == "vrai" else "0",
                "false": "100" if right == "faux" else "0",
            }
            continue
        assert element.get("type") == "multichoice"
        answers = element.findall("answer")
        assert len(answers) == len(options)
        fractions = [Decimal(a.get("fraction")) for a in answers]
        assert abs(sum(f for f in fractions if f > 0) - 100) < Decimal("0.0001")
        for option, answer, fraction in zip(options, answers, fractions, strict=True):
            assert (fraction > 0) == option.is_correct
            assert text_of(answer, "feedback/text")
        single = [o.is_correct for o in options].count(True) == 1 and question.kind != "multiple"
        assert text_of(element, "single") == ("true" if single else "false")


@pytest.mark.parametrize("module", ["moodle", "moodle_xml", "moodle_choices"])
def test_the_moodle_writer_imports_nothing_from_django(module):
    """Pure, like the engine it draws from: only the view reads the database."""
    path = ROOT / "quiz" / "authoring" / f"{module}.py"
    allowed = ("__future__", "calculators.", "quiz.engine.", "quiz.authoring.moodle")
    for name in imported_modules(path):
        assert not name.startswith(("django", "courses", "quiz.models", "quiz.grading")), name
        assert name.split(".")[0] in sys.stdlib_module_names or name.startswith(allowed), name


def moodle_formula_errors(formula: str) -> str | None:
    """`qtype_calculated_variable_substituter::get_formula_errors`, ported: wildcards become 1,
    spaces go, each function call becomes 1 (only `round`, the one we write, is let through),
    then only operators and numbers may stay."""
    formula = re.sub(r"\{[A-Za-z][^>} <{\"']*\}", "1", formula)
    formula = formula.replace(" ", "").lower()
    operators = re.escape("-+/*%>:^\\~<?=&|!")
    number = f"[{operators}.0-9eE]"
    call = re.compile(
        rf"(^|[{operators},(])([a-z0-9_]*)\(({number}+(,{number}+((,{number}+)+)?)?)?\)"
    )
    while match := call.search(formula):
        if match[2] not in ("", "round"):
            return f"function {match[2]}"
        if match[2] == "" and (match[4] or not match[3]):
            return "illegal parentheses"
        formula = formula.replace(match[0], (match[1] or "") + "1", 1)
    leftover = re.search(rf"[^{operators}.0-9eE]+", formula)
    return f"illegal {leftover[0]!r}" if leftover else None


@pytest.mark.parametrize(("slug", "difficulty"), ALL_QUESTIONS)
def test_every_formula_passes_moodles_formula_check(slug, difficulty):
    item = NumericItem(key=2, kpi_slug=slug, difficulty=difficulty, tolerance=Tolerance())
    built = calculated_question(item)
    embedded = re.findall(r"\{=([^{}]*(?:\{[^{}]+}[^{}]*)*)\}", built.feedback)  # Moodle's regex
    assert embedded, "the worked solution computes its numbers"
    for formula in [built.formula, *(f for _, f, _ in built.mistakes), *embedded]:
        assert moodle_formula_errors(formula) is None, formula
    assert moodle_formula_errors("{a} ** sqrt({b})") is not None
