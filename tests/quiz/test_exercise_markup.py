from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from config.typography import keep_hyphenated
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


def test_statement_escapes_its_template_its_braces_and_the_question():
    """The text around the numbers is marked up once per template and business (a format string
    of its own): markup in it is escaped, and a brace in it stays a brace."""
    script = "<script>alert(1)</script>"
    exercise = SimpleNamespace(
        template=Template.compile(f"Texte {script} {{clicks}} {{ pas une donnée }} fin."),
        business="<b>",
        given={"clicks": Decimal("1.5")},
        question=f"Question {script}",
        rounding="<i>arrondi</i>",
    )
    html = exercise_statement(exercise)
    assert "<script" not in html and "<b>" not in html and "<i>" not in html
    assert html == (
        '<p class="statement">Texte &lt;script&gt;alert(1)&lt;/script&gt; '
        '<data data-name="clicks" value="1.5">1,5</data> { pas une donnée } fin.</p>\n'
        '<p class="ask"><strong>Question &lt;script&gt;alert(1)&lt;/script&gt;</strong> '
        "&lt;i&gt;arrondi&lt;/i&gt;</p>"
    )


def test_statement_is_the_same_as_its_pieces_marked_up_one_by_one():
    """The cached skeleton gives what marking up `Exercise.statement` piece by piece gives."""
    for seed in range(40):
        exercise = generate("cpm", 1 + seed % 3, seed, generator=2)
        html = exercise_statement(exercise)
        for text, given in exercise.statement:
            assert keep_hyphenated(text) in html
            if given:
                assert f'value="{given.machine_value}">{given.display}</data>' in html
