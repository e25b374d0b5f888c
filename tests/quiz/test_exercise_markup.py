from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

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


def test_statement_escapes_a_given_quantity_and_the_question():
    script = "<script>alert(1)</script>"
    given = SimpleNamespace(name='n" onclick="x', machine_value='1"><b>', display=script)
    exercise = SimpleNamespace(
        statement=[(f"Texte {script} ", given), (" fin.", None)],
        question=f"Question {script}",
        rounding="<i>arrondi</i>",
    )
    html = exercise_statement(exercise)
    assert "<script" not in html and "<b>" not in html and "<i>" not in html
    assert html == (
        '<p class="statement">Texte &lt;script&gt;alert(1)&lt;/script&gt; '
        '<data data-name="n&quot; onclick=&quot;x" value="1&quot;&gt;&lt;b&gt;">'
        "&lt;script&gt;alert(1)&lt;/script&gt;</data> fin.</p>\n"
        '<p class="ask"><strong>Question &lt;script&gt;alert(1)&lt;/script&gt;</strong> '
        "&lt;i&gt;arrondi&lt;/i&gt;</p>"
    )
