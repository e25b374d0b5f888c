from __future__ import annotations

from decimal import Decimal

from quiz.engine.generate import Exercise, Template, generate
from quiz.templatetags.exercise_markup import exercise_statement


def test_statement_marks_each_given_quantity_up():
    exercise = generate("taux-reactivite", 2, 7)
    html = exercise_statement(exercise)
    for name, value in exercise.given.items():
        assert f'<data data-name="{name}" value="{value:f}">' in html
    assert html.startswith('<p class="statement">')
    question = exercise.question.replace("e-mails", '<span class="nowrap">e-mails</span>')
    assert f'<p class="ask"><strong>{question}</strong>' in html
    assert 'd’<span class="nowrap">e-mailing</span>' in html  # never `e-` / `mailing` on a phone


def test_statement_escapes_its_text():
    exercise = Exercise(
        "taux-reactivite",
        1,
        0,
        "<b>Café & Cie</b>",
        Template.compile("{Business} a eu {clicks} clics sur {opened} ouvertures."),
        {"clicks": Decimal(45), "opened": Decimal(860)},
        {"clicks": Decimal(45), "opened": Decimal(860)},
    )
    html = exercise_statement(exercise)
    assert "&lt;b&gt;Café &amp; Cie&lt;/b&gt; a eu " in html
    assert "<b>" not in html
