"""A quiz as a Moodle XML file: numeric questions as `calculated` questions carrying our datasets
and our diagnoses, concept questions as `multichoice` or `truefalse`, in a category named after the
quiz. Pure Python (no Django): the view hands over plain items (`NumericItem`, `ChoiceItem`).

How Moodle picks the answer formula that grades a response — read in Moodle's source
(moodle/moodle): `question/format/xml/format.php` imports the `<answer>` elements in file order;
`qtype_calculated::save_question_options` stores them in that order and `get_question_options`
reads them back `ORDER BY a.id ASC`; `qtype_numerical_question::get_matching_answer` (which
`qtype_calculated_question` inherits) returns the FIRST answer whose tolerance interval holds the
response. So the right formula comes first (a response within tolerance of it is right, even if a
mistake's value is near), then the mistakes, and the first listed mistake would win where two
overlap. Our diagnosis never names a mistake in such a case; the export keeps only dataset items
on which every exported mistake is the one our `diagnose` recognises at its own value, and drops a
mistake that too few items tell apart (see `_keep_recognisable`).

Moodle grades the unrounded value of the formula (`calculate_all_expressions`): the tolerance is
ours (nominal = our absolute, relative = our relative, both boundaries included), and
`correctanswerlength` (decimals, format 1) only shapes how Moodle shows the right answer.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from calculators.kpis import QUANTITIES, BinOp, Expr, Kpi, Mistake, Var
from calculators.numbers import NARROW_NBSP
from quiz.authoring.moodle_choices import ChoiceItem, choice_xml
from quiz.authoring.moodle_xml import (
    Element,
    document,
    element,
    evaluate_formula,
    moodle_formula,
    text_element,
    wildcard,
)
from quiz.engine.diagnose import diagnose
from quiz.engine.generate import CURRENT_GENERATOR, Exercise, _derivation_for, fill, generate
from quiz.engine.tolerance import Tolerance

MIN_ITEMS = 20  # the floor: at least 20 explicit dataset items per wildcard
ITEMS = 24
MAX_DRAWS = 4000  # exercises generated at most per question, looking for items of one template
NOMINAL, RELATIVE_TYPE = "2", "1"  # Moodle's tolerance types
DECIMALS_FORMAT = "1"  # correctanswerformat: a number of decimals (2 = significant figures)


@dataclass(frozen=True)
class NumericItem:
    """A numeric question of the quiz; `key` (its id) seeds the export's draws: reproducible."""

    key: int
    kpi_slug: str
    difficulty: int
    tolerance: Tolerance
    decimals: int = 2
    points: int = 1


@dataclass(frozen=True)
class Calculated:
    """A numeric question as Moodle will hold it (kept apart from the XML for the tests)."""

    name: str
    kpi: Kpi
    text: str  # HTML, the given quantities as wildcards
    formula: str
    tolerance: Tolerance
    decimals: int
    mistakes: tuple[tuple[Mistake, str, Tolerance], ...]  # formula on the wildcards, tolerance
    wildcards: tuple[str, ...]
    items: tuple[Exercise, ...]  # each dataset item is one generated exercise's given numbers
    feedback: str  # the worked solution, on the wildcards


# --------------------------------------------------------------------------------------------------
# Numeric questions
# --------------------------------------------------------------------------------------------------


def _on_given(expression: Expr, given: frozenset[str]) -> Expr:
    """The formula over the statement's quantities: a quantity computed first (the e-mails
    delivered from the bounces, at difficulty 3) replaced by its derivation."""
    if isinstance(expression, Var) and expression.name not in given:
        stand_in = dict.fromkeys(given, Decimal(1))
        return _on_given(_derivation_for(expression.name, stand_in), given)
    if isinstance(expression, BinOp):
        return BinOp(
            expression.op, _on_given(expression.left, given), _on_given(expression.right, given)
        )
    return expression


def _draws(item: NumericItem) -> list[Exercise]:
    """Exercises of our generator on one statement template (the question's text is one text):
    each respects the integrity rules, as every exercise of the generator does."""
    rng = random.Random(f"moodle:{item.key}:{item.kpi_slug}:{item.difficulty}")
    first = generate(item.kpi_slug, item.difficulty, rng.getrandbits(62), CURRENT_GENERATOR)
    found, seen = [first], {tuple(sorted(first.given.items()))}
    for _ in range(MAX_DRAWS):
        if len(found) >= 3 * ITEMS:
            break
        exercise = generate(item.kpi_slug, item.difficulty, rng.getrandbits(62), CURRENT_GENERATOR)
        numbers = tuple(sorted(exercise.given.items()))
        if exercise.template.text == first.template.text and numbers not in seen:
            seen.add(numbers)
            found.append(exercise)
    return [exercise.rounded_to(item.decimals) for exercise in found]


HALF = Tolerance(relative=Decimal("0.5"))  # our diagnosis's own floor: within half the value


def _width(tolerance: Tolerance, value: Decimal) -> Decimal:
    return tolerance.absolute if tolerance.relative is None else tolerance.relative * abs(value)


def _recognised(
    mistake: Mistake, exercise: Exercise, tolerance: Tolerance, moodle_tolerance: Tolerance
) -> bool:
    """Our diagnosis names this mistake at its own value, and Moodle's interval around that value
    (`moodle_tolerance`) stays where our diagnosis recognises it: within the question's
    tolerance and within half the value (`diagnose`'s rule for small values)."""
    value = mistake.value(exercise.data)
    if value is None or value == 0:
        return False
    if diagnose(exercise.kpi, exercise.data, value, exercise.exact, tolerance) is not mistake:
        return False
    return _width(moodle_tolerance, value) <= min(_width(tolerance, value), abs(value) / 2)


Kept = tuple[Mistake, Tolerance]


def _keep_recognisable(
    exercises: list[Exercise], mistakes: list[Mistake], tolerance: Tolerance
) -> tuple[list[Exercise], list[Kept]]:
    """Each mistake's answer gets the question's tolerance, or ±half its value where its values are
    small (a proportion 0,002 for a 0,20 % rate: ±0,01 would take 0 for it), whichever suits more
    items. Then the items on which every kept mistake is recognised; while fewer than
    `MIN_ITEMS`, the mistake recognised on the fewest items is dropped (this data cannot tell it
    apart)."""

    def count(mistake: Mistake, moodle_tolerance: Tolerance) -> int:
        return sum(_recognised(mistake, e, tolerance, moodle_tolerance) for e in exercises)

    kept: list[Kept] = []
    for mistake in mistakes:
        choices = (tolerance,) if tolerance.relative is not None else (tolerance, HALF)
        kept.append((mistake, max(choices, key=lambda t: count(mistake, t))))
    while True:
        items = [e for e in exercises if all(_recognised(m, e, tolerance, t) for m, t in kept)]
        if len(items) >= MIN_ITEMS or not kept:
            return items[:ITEMS], kept
        kept.remove(min(kept, key=lambda pair: count(*pair)))


def _wildcard_shown(name: str) -> str:
    unit = QUANTITIES[name].unit
    return wildcard(name) + (f"{NARROW_NBSP}{unit}" if unit else "")


def _statement(exercise: Exercise) -> str:
    pieces = []
    for text, given in fill(exercise.template, exercise.business, exercise.given):
        pieces.append(escape(text, quote=False))
        if given is not None:
            pieces.append(_wildcard_shown(given.name))
    return (
        f"<p>{''.join(pieces)}</p>\n"
        f"<p><strong>{escape(exercise.question, quote=False)}</strong> "
        f"{escape(exercise.rounding, quote=False)}</p>"
    )


def _worked_solution(exercise: Exercise, formula: str, decimals: int) -> str:
    """The catalogue's working with wildcards; Moodle computes each `{=…}` on the item's data."""
    kpi, given = exercise.kpi, frozenset(exercise.given)
    unit = f"{NARROW_NBSP}{kpi.unit}" if kpi.unit else ""
    lines = []
    for name in kpi.input_names:
        if name in given:
            continue
        derivation = _on_given(Var(name), given)
        words = derivation.write(lambda n: QUANTITIES[n].term)
        numbers = derivation.write(_wildcard_shown)
        lines.append(
            (
                "Étape préalable",
                f"{QUANTITIES[name].label} = {words} = {numbers} = "
                f"{{={moodle_formula(derivation)}}}",
            )
        )

    def shown(name: str) -> str:
        if name in given:
            return _wildcard_shown(name)
        quantity_unit = QUANTITIES[name].unit
        computed = "{=" + moodle_formula(_on_given(Var(name), given)) + "}"
        return computed + (f"{NARROW_NBSP}{quantity_unit}" if quantity_unit else "")

    lines += [
        ("Formule", f"{kpi.name} = {kpi.formula_in_words}"),
        ("Avec vos données", kpi.formula.write(shown)),
        ("Résultat arrondi", f"{{=round({formula}, {decimals})}}{unit}"),
    ]
    items = "".join(
        f"<li><strong>{escape(label)}\u00a0:</strong> {escape(text, quote=False)}</li>"
        for label, text in lines
    )
    return f"<p>Solution détaillée</p>\n<ol>{items}</ol>"


def calculated_question(item: NumericItem) -> Calculated:
    """The question's statement on wildcards, its formulas and its datasets (see module doc)."""
    exercises = _draws(item)
    first = exercises[0]
    kpi, given = first.kpi, frozenset(first.given)
    mistakes = [m for m in kpi.mistakes if m.formula.names() <= first.data.keys()]
    items, kept = _keep_recognisable(exercises, mistakes, item.tolerance)
    if len(items) < MIN_ITEMS:
        raise ValueError(f"too few dataset items for {item.kpi_slug} ({len(items)})")
    formula = moodle_formula(_on_given(kpi.formula, given))
    mistake_formulas = tuple((m, moodle_formula(_on_given(m.formula, given)), t) for m, t in kept)
    for exercise in items:  # the formulas Moodle will compute give our values on every item
        if evaluate_formula(formula, exercise.given) != exercise.exact:
            raise ValueError(f"the exported formula of {item.kpi_slug} disagrees")
    level = {1: "application directe", 2: "données en trop", 3: "une étape avant"}
    return Calculated(
        name=f"{kpi.name} — {level.get(item.difficulty, item.difficulty)}",
        kpi=kpi,
        text=_statement(first),
        formula=formula,
        tolerance=item.tolerance,
        decimals=item.decimals,
        mistakes=mistake_formulas,
        wildcards=tuple(sorted(given)),
        items=tuple(items),
        feedback=_worked_solution(first, formula, item.decimals),
    )


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _tolerance_fields(tolerance: Tolerance, decimals: int) -> list[Element]:
    if tolerance.relative is not None:
        amount, kind = tolerance.relative, RELATIVE_TYPE
    else:
        amount, kind = tolerance.absolute, NOMINAL
    return [
        element("tolerance", _plain(amount)),
        element("tolerancetype", kind),
        element("correctanswerformat", DECIMALS_FORMAT),
        element("correctanswerlength", str(decimals)),
    ]


def _answer(
    fraction: str, formula: str, feedback: str, tolerance: Tolerance, decimals: int
) -> Element:
    return element(
        "answer",
        element("text", formula),
        *_tolerance_fields(tolerance, decimals),
        text_element("feedback", feedback, html=True),
        fraction=fraction,
    )


def _dataset(name: str, items: Sequence[Exercise]) -> Element:
    values = [exercise.given[name] for exercise in items]
    decimals = "0" if QUANTITIES[name].integer else "2"
    written = [f"{v:.2f}" if decimals == "2" else _plain(v) for v in values]
    return element(
        "dataset_definition",
        element("status", element("text", "private")),
        element("name", element("text", name)),
        element("type", "calculated"),
        element("distribution", element("text", "uniform")),
        element("minimum", element("text", _plain(min(values)))),
        element("maximum", element("text", _plain(max(values)))),
        element("decimals", element("text", decimals)),
        element("itemcount", str(len(values))),
        element(
            "dataset_items",
            *(
                element("dataset_item", element("number", str(n)), element("value", value))
                for n, value in enumerate(written, start=1)
            ),
        ),
        element("number_of_items", str(len(values))),
    )


def _calculated_xml(question: Calculated, points: int) -> Element:
    decimals = question.decimals
    return element(
        "question",
        text_element("name", question.name),
        text_element("questiontext", question.text, html=True),
        text_element("generalfeedback", question.feedback, html=True),
        element("defaultgrade", str(points)),
        element("penalty", "0.3333333"),
        element("hidden", "0"),
        element("synchronize", "0"),
        element("single", "0"),
        element("answernumbering", "abc"),
        element("shuffleanswers", "0"),
        _answer("100", question.formula, "Bonne réponse\u202f!", question.tolerance, decimals),
        *(_answer("0", f, m.message, t, decimals) for m, f, t in question.mistakes),
        element("unitgradingtype", "0"),
        element("unitpenalty", "0.1000000"),
        element("showunits", "3"),  # no unit field: the unit is in the statement's instruction
        element("unitsleft", "0"),
        element("dataset_definitions", *(_dataset(n, question.items) for n in question.wildcards)),
        type="calculated",
    )


# --------------------------------------------------------------------------------------------------
# The file
# --------------------------------------------------------------------------------------------------


def _category(title: str) -> Element:
    # Moodle splits a category path on "/"; a "/" of the title itself is written "//".
    path = "$course$/top/" + (" ".join(title.split()).replace("/", "//") or "Quiz")
    return element(
        "question",
        element("category", element("text", path)),
        text_element("info", "", html=True),
        type="category",
    )


def quiz_xml(*, title: str, items: Sequence[NumericItem | ChoiceItem]) -> str:
    """The whole quiz as a Moodle XML document (a category, then its questions in order)."""
    questions = [_category(title)]
    for item in items:
        if isinstance(item, NumericItem):
            questions.append(_calculated_xml(calculated_question(item), item.points))
        else:
            questions.append(choice_xml(item))
    return document(element("quiz", *questions))


def ascii_name(title: str) -> str:
    """`taux-de-clics-1re-annee`: a title in ASCII letters, digits and dashes (file names)."""
    spaced = re.sub(r"[\W_]+", " ", title)  # apostrophes, dashes, slashes: word breaks
    ascii_title = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].strip("-")
    return slug or "quiz"


def moodle_filename(title: str) -> str:
    """`<quiz-title>.xml` in ASCII."""
    return f"{ascii_name(title)}.xml"
