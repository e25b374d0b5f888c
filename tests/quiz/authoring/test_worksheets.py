"""Printable worksheets `/enseignant/quiz/<id>/fiches/?eleves=N` or `?classe=<id>`, and their PDF:
one sheet per student with its own numbers, the key's values equal to the catalogue's compute on
each sheet's data, for staff only, whatever the query string says."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calculators.kpis import KPIS_BY_SLUG
from quiz.authoring.worksheets import MAX_SHEETS, worksheet_count
from quiz.errors import Refusal
from quiz.models import QuizQuestion
from quiz.teaching import accounts, classes
from tests.factories import QuizFactory, QuizQuestionFactory, TeacherFactory, UserFactory
from tests.hostile import NASTY, check
from tests.quiz.authoring.conftest import client_for
from tests.quiz.authoring.test_moodle_views import visitors_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return TeacherFactory(username="autrice-fiches")


@pytest.fixture
def sheet_quiz(author):
    quiz = QuizFactory(title="Fiche e-mailing", created_by=author, is_published=False)
    QuizQuestionFactory(quiz=quiz, order=1, kpi_slug="taux-reactivite", difficulty=2)
    QuizQuestionFactory(quiz=quiz, order=2, concept=True)
    QuizQuestionFactory(quiz=quiz, order=3, kpi_slug="roi", difficulty=3, decimals=0)
    return quiz


def url(quiz, **query) -> str:
    suffix = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/enseignant/quiz/{quiz.pk}/fiches/" + (f"?{suffix}" if suffix else "")


class Contract(HTMLParser):
    """The sheets' machine-readable contract: sections, given quantities, the key's values."""

    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[dict] = []
        self.key: dict[tuple[int, int], dict[str, str]] = {}
        self.in_key = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes_ = (attributes.get("class") or "").split()
        if tag == "section" and "worksheet" in classes_:
            self.sheets.append({"student": int(attributes["data-student"]), "questions": []})
        elif tag == "section" and "answer-key" in classes_:
            self.in_key = True
        elif "data-kpi" in attributes and self.sheets and not self.in_key:
            self.sheets[-1]["questions"].append({"kpi": attributes["data-kpi"], "given": {}})
        elif tag == "data" and self.sheets and not self.in_key:
            question = self.sheets[-1]["questions"][-1]
            question["given"][attributes["data-name"]] = Decimal(attributes["value"])
        elif self.in_key and "data-question" in attributes:
            position = (int(attributes["data-student"]), int(attributes["data-question"]))
            self.key[position] = attributes


def contract(html: str) -> Contract:
    parser = Contract()
    parser.feed(html)
    return parser


def test_n_sheets_with_their_own_numbers_and_a_key_equal_to_the_catalogue(author, sheet_quiz):
    response = client_for(author).get(url(sheet_quiz, eleves=12))
    assert response.status_code == 200
    html = response.content.decode()
    found = contract(html)
    assert [s["student"] for s in found.sheets] == list(range(1, 13))
    assert html.count('<section class="answer-key"') == 1
    for position in (0, 1):  # the two numeric questions (1 and 3 of the quiz)
        numbers = [tuple(sorted(s["questions"][position]["given"].items())) for s in found.sheets]
        assert len(set(numbers)) == 12, "two students share a question's numbers"
    for sheet in found.sheets:
        k = sheet["student"]
        for number, question in zip((1, 3), sheet["questions"], strict=True):
            kpi = KPIS_BY_SLUG[question["kpi"]]
            given = question["given"]
            data = dict(given)
            if "cost" in kpi.input_names and "cost" not in given:  # difficulty 3: a step first
                data["cost"] = given["media_cost"] + given["production_cost"]
            expected = kpi.compute({name: data[name] for name in kpi.input_names})
            value = found.key[(k, number)]["data-value"]
            assert value == expected.value_plain and re.fullmatch(r"-?\d+\.\d\d", value)
        assert found.key[(k, 2)]["data-choices"] == "A"  # the factory's right option comes first
    assert "Nom" in html and 'class="write-line"' in html
    assert "Question 3" in html and "arrondi à l’unité" in html  # the ROI is asked without decimals


def test_the_sheets_are_reproducible_and_differ_from_one_quiz_to_another(author, sheet_quiz):
    client = client_for(author)
    first = client.get(url(sheet_quiz, eleves=3)).content.decode()
    assert client.get(url(sheet_quiz, eleves=3)).content.decode() == first
    longer = contract(client.get(url(sheet_quiz, eleves=5)).content.decode())
    assert contract(first).sheets == longer.sheets[:3]  # sheet k is sheet k, whatever N


def test_a_class_gets_one_sheet_per_student_with_their_names(author, sheet_quiz):
    school_class = classes.class_create(teacher=author, name="BTS NDRC 2")
    for username, first, last in (("zoe", "Zoé", "Martin"), ("adam", "Adam", "Bernard")):
        student = UserFactory(username=username, first_name=first, last_name=last)
        accounts.student_enrol(student=student, school_class=school_class)
    html = client_for(author).get(url(sheet_quiz, classe=school_class.pk)).content.decode()
    found = contract(html)
    assert [s["student"] for s in found.sheets] == [1, 2]
    assert html.index("Adam Bernard") < html.index("Zoé Martin")  # alphabetical, by last name
    assert html.count("BTS NDRC 2") >= 2


def test_a_class_must_be_ones_own(author, sheet_quiz):
    other = TeacherFactory(username="voisin-fiches")
    their_class = classes.class_create(teacher=other, name="Leur classe")
    accounts.student_enrol(student=UserFactory(), school_class=their_class)
    html = client_for(author).get(url(sheet_quiz, classe=their_class.pk)).content.decode()
    assert "Choisissez une de vos classes." in html and 'class="worksheet"' not in html
    admin = TeacherFactory(username="chef-fiches", superuser=True)
    assert (
        'class="worksheet"'
        in client_for(admin).get(url(sheet_quiz, classe=their_class.pk)).content.decode()
    )


def test_an_empty_class_or_quiz_says_so(author, sheet_quiz):
    empty = classes.class_create(teacher=author, name="Vide")
    client = client_for(author)
    assert "aucun élève inscrit" in client.get(url(sheet_quiz, classe=empty.pk)).content.decode()
    no_question = QuizFactory(title="Rien", created_by=author)
    assert "aucune question" in client.get(url(no_question, eleves=2)).content.decode()


@pytest.mark.parametrize("raw", ["0", "61", "100", "-1", "2.5", "dix", "１２", "²", " ", "9" * 30])
def test_the_number_of_sheets_is_between_1_and_60(raw):
    with pytest.raises(Refusal) as refused:
        worksheet_count(raw)
    assert refused.value.message == f"Indiquez un nombre de fiches entre 1 et {MAX_SHEETS}."


def test_60_sheets_is_the_most(author, sheet_quiz):
    assert worksheet_count("60") == 60 and worksheet_count("1") == 1
    body = client_for(author).get(url(sheet_quiz, eleves=61)).content.decode()
    assert "Indiquez un nombre de fiches entre 1 et 60." in body and 'aria-invalid="true"' in body


def test_without_a_choice_the_form_is_shown(author, sheet_quiz):
    classes.class_create(teacher=author, name="Ma classe")
    body = client_for(author).get(url(sheet_quiz)).content.decode()
    assert "Nombre de fiches" in body and "Ma classe" in body and "moodle.xml" in body


@pytest.mark.parametrize("value", NASTY)
def test_the_query_survives_any_value(author, sheet_quiz, value):
    client = client_for(author)
    for field in ("eleves", "classe"):
        check(client.get(url(sheet_quiz), {field: value}))
        check(client.get(f"/enseignant/quiz/{sheet_quiz.pk}/fiches/pdf/", {field: value}))


@pytest.fixture
def visitors(author):
    return visitors_of(author, colleague="collegue-fiches", chief="chef2-fiches")


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("student", False),
        ("student of another class", False),
        ("another teacher", True),  # any teacher may print any quiz (it changes nothing)
        ("author", True),
        ("administrator", True),
    ],
)
def test_the_sheets_are_for_staff(visitors, sheet_quiz, who, allowed):
    for path in ("fiches/?eleves=2", "fiches/", "fiches/pdf/?eleves=1"):
        response = visitors[who].get(f"/enseignant/quiz/{sheet_quiz.pk}/{path}")
        if allowed:
            assert response.status_code == 200, (who, path)
        else:
            assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_missing_quiz_is_a_404(author):
    for path in ("fiches/?eleves=2", "fiches/pdf/?eleves=2"):
        assert client_for(author).get(f"/enseignant/quiz/999999/{path}").status_code == 404


def test_the_pdf_has_one_page_per_sheet_then_the_key(author, sheet_quiz):
    pypdf = pytest.importorskip("pypdf")
    response = client_for(author).get(f"/enseignant/quiz/{sheet_quiz.pk}/fiches/pdf/?eleves=3")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="fiches-fiche-e-mailing.pdf"'
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 4  # three sheets, each on its page, then the key
    for k, page in enumerate(pages[:3], start=1):
        assert f"Fiche n°\u00a0{k}" in page or f"Fiche n° {k}" in page
    assert "Corrigé" in pages[3]
    html = client_for(author).get(url(sheet_quiz, eleves=3)).content.decode()
    found = contract(html)
    text = " ".join(pages).replace("\u202f", " ").replace("\u00a0", " ")
    for sheet in found.sheets:  # the page and the PDF agree: the same numbers
        for question in sheet["questions"]:
            for value in question["given"].values():
                assert f"{value:,.0f}".replace(",", " ") in text or str(value) in text


def test_a_question_without_kpi_is_never_a_500(author, sheet_quiz):
    QuizQuestion.objects.filter(quiz=sheet_quiz, order=1).update(kpi_slug="plus-au-catalogue")
    response = client_for(author).get(url(sheet_quiz, eleves=2))
    assert response.status_code == 200


def test_the_sheets_queries_do_not_grow_with_the_class(author, sheet_quiz):
    """Sixty sheets cost what two cost: the questions, their options and the roster are read
    once each, the numbers are generated without the database."""
    school_class = classes.class_create(teacher=author, name="Grande classe")
    for _ in range(60):
        accounts.student_enrol(student=UserFactory(), school_class=school_class)
    client = client_for(author)

    def queries(query: dict) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url(sheet_quiz, **query)).status_code == 200
        return len(context.captured_queries)

    two = queries({"eleves": 2})
    assert two <= 6
    assert queries({"eleves": 60}) == two
    assert queries({"classe": school_class.pk}) == two + 2  # the class, then its roster


def test_the_same_pdf_is_rendered_once(author, sheet_quiz, monkeypatch):
    pdf_url = f"/enseignant/quiz/{sheet_quiz.pk}/fiches/pdf/?eleves=2"
    first = client_for(author).get(pdf_url).content
    import weasyprint

    def no_second_rendering(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(weasyprint, "HTML", no_second_rendering)
    assert client_for(author).get(pdf_url).content == first
