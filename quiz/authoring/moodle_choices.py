"""Concept questions of the bank as Moodle questions: `multichoice` (one answer or several,
the right options' fractions summing to 100 %, a feedback per option) or `truefalse`; the
explanation is the general feedback. Pure Python (no Django)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from quiz.authoring.moodle_xml import CData, Element, element, text_element


@dataclass(frozen=True)
class ChoiceItem:
    stem: str
    kind: str  # single | multiple | true_false (courses.ConceptQuestion.Kind)
    explanation: str
    options: tuple[tuple[str, bool], ...]  # (text, is_correct), in order
    points: int = 1


def _paragraph(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def _fraction(share: Decimal) -> str:
    """Moodle writes fractions in percent with 7 significant digits: 33.33333, 50, -25."""
    return f"{share:.5f}".rstrip("0").rstrip(".")


def _rights(item: ChoiceItem) -> str:
    right = [f"«\u00a0{escape(text)}\u00a0»" for text, correct in item.options if correct]
    if len(right) == 1:
        return f"la bonne réponse est {right[0]}"
    return "les bonnes réponses sont " + ", ".join(right[:-1]) + f" et {right[-1]}"


def _header(item: ChoiceItem, kind: str) -> list[Element]:
    name = " ".join(item.stem.split())
    return [
        text_element("name", name[:80] or "Question de cours"),
        text_element("questiontext", _paragraph(item.stem), html=True),
        text_element("generalfeedback", _paragraph(item.explanation), html=True),
        element("defaultgrade", str(item.points)),
        element("penalty", "0.3333333" if kind == "multichoice" else "1"),
        element("hidden", "0"),
    ]


def _truefalse_xml(item: ChoiceItem) -> Element | None:
    """A true/false question whose options are « Vrai » and « Faux », else None."""
    truths = {text.strip().casefold(): correct for text, correct in item.options}
    if set(truths) != {"vrai", "faux"} or truths["vrai"] == truths["faux"]:
        return None
    right = "«\u00a0Vrai\u00a0»" if truths["vrai"] else "«\u00a0Faux\u00a0»"
    answers = [
        element(
            "answer",
            element("text", word),
            text_element(
                "feedback",
                "Exact." if truths["vrai"] == (word == "true") else f"Non\u00a0: c’est {right}.",
                html=True,
            ),
            fraction="100" if truths["vrai"] == (word == "true") else "0",
            format="moodle_auto_format",
        )
        for word in ("true", "false")
    ]
    return element("question", *_header(item, "truefalse"), *answers, type="truefalse")


def _multichoice_xml(item: ChoiceItem) -> Element:
    right = [correct for _, correct in item.options].count(True)
    wrong = len(item.options) - right
    single = item.kind != "multiple" and right == 1
    answers = []
    for text, correct in item.options:
        if correct:
            share = Decimal(100) / max(right, 1)
        else:  # a multiple answer ticked everywhere scores 0, not 100 %
            share = Decimal(0) if single or not wrong else Decimal(-100) / wrong
        answers.append(
            element(
                "answer",
                element("text", CData(escape(text))),
                text_element(
                    "feedback", "Exact." if correct else f"Non\u00a0: {_rights(item)}.", html=True
                ),
                fraction=_fraction(share),
                format="html",
            )
        )
    return element(
        "question",
        *_header(item, "multichoice"),
        element("single", "true" if single else "false"),
        element("shuffleanswers", "true"),
        element("answernumbering", "abc"),
        element("showstandardinstruction", "0"),
        text_element("correctfeedback", "Bonne réponse\u202f!", html=True),
        text_element("partiallycorrectfeedback", "Réponse en partie juste.", html=True),
        text_element("incorrectfeedback", "Ce n’est pas la bonne réponse.", html=True),
        element("shownumcorrect"),
        *answers,
        type="multichoice",
    )


def choice_xml(item: ChoiceItem) -> Element:
    """A concept question: `truefalse` when its options are « Vrai » and « Faux », else
    `multichoice` (single, or multiple when several options are right)."""
    if item.kind == "true_false" and (question := _truefalse_xml(item)) is not None:
        return question
    return _multichoice_xml(item)
