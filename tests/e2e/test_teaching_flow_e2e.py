"""A term's homework from end to end, in Chromium: a teacher creates a class and gives a quiz;
three students sign up with the class code on their phones (one had practised anonymously: their
progress follows them), take the homework with their own numbers, one of them after the due date;
the teacher reads the results and downloads the CSV. axe-core checks every screen on the way."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from calculators.kpis import get_kpi
from courses.models import QuestionOption
from quiz.models import Assignment, Attempt
from tests.e2e.conftest import LAPTOP, PHONE, assert_no_axe_violations, screenshot
from tests.factories import COURSE_CONCEPT_QUESTION, TeacherFactory, numeric_and_concept_quiz

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PARIS = ZoneInfo("Europe/Paris")
TEACHER_PASSWORD = "motdepasse-prof-42"
PASSWORD = "revisions-2026-ndrc"
FRENCH_BROWSER = {"locale": "fr-FR", "timezone_id": "Europe/Paris"}


@dataclass
class Axe:
    """axe-core on every screen a test crosses, each kind of screen once (the same template in
    the same state for a second student adds minutes, not coverage)."""

    axe: object
    seen: set[str] = field(default_factory=set)

    def check(self, page, screen: str) -> None:
        if screen not in self.seen:
            self.seen.add(screen)
            assert_no_axe_violations(self.axe, page)


@pytest.fixture
def set_up(transactional_db):
    call_command("loaddata", "course", verbosity=0)
    TeacherFactory(username="prof", password=TEACHER_PASSWORD)
    numeric_and_concept_quiz(title="Réactivité", kpi_slug="taux-reactivite")
    numeric_and_concept_quiz(title="Taux de clics", kpi_slug="taux-clics")


def given_values(page) -> dict[str, Decimal]:
    """The statement's quantities, from its `<data data-name value>` contract."""
    found = page.locator("#exercise data[data-name]")
    return {
        found.nth(i).get_attribute("data-name"): Decimal(found.nth(i).get_attribute("value"))
        for i in range(found.count())
    }


def french(value: Decimal) -> str:
    return f"{value:f}".replace(".", ",")


def right_answer(page) -> str:
    """The KPI's value computed by the catalogue's formula from the numbers on this screen."""
    kpi = get_kpi(page.locator("form[data-kpi]").get_attribute("data-kpi"))
    assert kpi is not None
    return french(kpi.compute(given_values(page)).value)


def series_answer(page) -> str:
    """Right when the statement gives every input of the formula; a chapter series may also
    ask for a quantity to derive first (delivered = sent − bounced): then any number will do."""
    kpi = get_kpi(page.locator("form[data-kpi]").get_attribute("data-kpi"))
    if set(kpi.input_names) <= set(given_values(page)):
        return right_answer(page)
    return "12"


def mistaken_answer(page, code: str) -> str:
    """The value a student gets by making the catalogue's mistake `code` on this screen."""
    kpi = get_kpi(page.locator("form[data-kpi]").get_attribute("data-kpi"))
    mistake = next(m for m in kpi.mistakes if m.code == code)
    return french(round(mistake.value(given_values(page)), 4))


def sign_in_teacher(page) -> None:
    """On the sign-in page a teacher's page sends them to."""
    page.get_by_label("Nom d’utilisateur").fill("prof")
    page.get_by_label("Mot de passe").fill(TEACHER_PASSWORD)
    page.get_by_role("button", name="Connexion").click()


def paris_input(moment: datetime) -> str:
    """What a datetime-local input holds: Paris wall-clock time to the minute."""
    return moment.astimezone(PARIS).strftime("%Y-%m-%dT%H:%M")


def give_homework(teacher, axe: Axe, base: str, class_id: str, quiz: str, late_work: bool):
    teacher.goto(f"{base}/enseignant/classes/{class_id}/devoirs/nouveau/")
    axe.check(teacher, "assignment-new")
    teacher.get_by_label("Quiz").select_option(label=quiz)
    opens = timezone.now() - timedelta(hours=1)
    due = timezone.now() + timedelta(days=7)
    teacher.get_by_label("Ouverture", exact=True).fill(paris_input(opens))
    teacher.get_by_label("Date limite", exact=True).fill(paris_input(due))
    if late_work:
        teacher.get_by_label("Accepter le travail rendu après la date limite").check()
    teacher.get_by_role("button", name="Donner le devoir").click()
    expect(teacher.get_by_role("heading", name=quiz, exact=True)).to_be_visible()
    assignment = Assignment.objects.get(quiz__title=quiz)
    # The teacher typed Paris time: it is stored as that moment, to the minute.
    typed = datetime.strptime(paris_input(due), "%Y-%m-%dT%H:%M").replace(tzinfo=PARIS)
    assert assignment.due_at == typed
    assert assignment.late_work is late_work
    return assignment


def practise_anonymously(phone, axe: Axe, base: str) -> str:
    """Two questions of a chapter series, as a visitor; returns the progress page's tables."""
    phone.goto(f"{base}/entrainement/")
    axe.check(phone, "practice-home")
    phone.get_by_role("button", name="Commencer une série sur tout le chapitre").click()
    for number in (1, 2):
        expect(phone.locator(".series-progress")).to_have_attribute("value", str(number))
        axe.check(phone, f"practice-question-{number}")
        if phone.locator("form[data-kpi]").count():
            phone.get_by_label(re.compile("^Votre réponse")).fill(series_answer(phone))
        else:
            phone.locator("#exercise .choice label").first.click()
        phone.get_by_role("button", name="Valider").click()
        expect(phone.locator("#feedback")).to_have_attribute("data-verdict", re.compile("correct"))
        axe.check(phone, f"practice-feedback-{number}")
        phone.get_by_role("link", name=re.compile("Question suivante")).click()
    phone.goto(f"{base}/entrainement/progres/")
    axe.check(phone, "progress")
    tables = "\n".join(phone.locator(".mastery-table tbody").all_inner_texts())
    assert re.search(r"\b\d / [12]\b", tables), tables
    return tables


def sign_up(phone, axe: Axe, base: str, code: str, username: str) -> None:
    phone.goto(f"{base}/compte/inscription/?code={code}")
    expect(phone.get_by_label("Code de la classe")).to_have_value(code)
    axe.check(phone, "sign-up")
    phone.get_by_label("Nom d’utilisateur").fill(username)
    phone.get_by_label("Prénom (facultatif)").fill(username.title())
    phone.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    phone.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    phone.get_by_role("button", name="Créer mon compte").click()
    expect(phone.get_by_role("heading", name="Mon compte", exact=True)).to_be_visible()
    expect(phone.get_by_text("BTS NDRC 2 (2026-2027)", exact=True)).to_be_visible()
    axe.check(phone, "account")


def take_homework(phone, axe: Axe, base: str, assignment: Assignment, *, wrong: bool) -> None:
    """Both questions: the numeric one right (or with the forgotten × 100), the concept one
    right by a click on its label; then hand it in."""
    phone.goto(f"{base}/devoirs/{assignment.pk}/")
    axe.check(phone, f"homework-detail-{wrong}")
    phone.get_by_role("button", name="Commencer").click()
    expect(phone.locator("form[data-kpi]")).to_have_attribute("data-kpi", "taux-reactivite")
    axe.check(phone, "homework-question")
    answer = mistaken_answer(phone, "forgot-x100") if wrong else right_answer(phone)
    phone.get_by_label(re.compile("^Votre réponse")).fill(answer)
    phone.get_by_role("button", name="Valider").click()
    feedback = phone.locator("#feedback")
    expect(feedback).to_have_attribute("data-verdict", "incorrect" if wrong else "correct")
    if wrong:
        expect(feedback).to_have_attribute("data-diagnosis", "forgot-x100")
        expect(feedback.locator(".diagnosis")).to_be_visible()
    expect(feedback.locator(".expected")).to_have_text(re.compile(r"\d+,\d{2}\u202f%"))
    axe.check(phone, f"homework-feedback-{wrong}")
    screenshot(phone, f"teaching-flow-feedback-{'wrong' if wrong else 'right'}-390")
    phone.get_by_role("link", name=re.compile("Question suivante")).click()
    right = QuestionOption.objects.get(question_id=COURSE_CONCEPT_QUESTION, is_correct=True)
    axe.check(phone, "homework-concept-question")
    phone.locator(f"label[for='choice-{right.pk}']").click()
    phone.get_by_role("button", name="Valider").click()
    expect(phone.locator("#feedback")).to_have_attribute("data-verdict", "correct")
    axe.check(phone, "homework-concept-feedback")
    phone.get_by_role("link", name=re.compile("Rendre le devoir")).click()
    expect(phone.locator("[data-status]")).to_have_attribute("data-status", "rendu")
    axe.check(phone, "homework-done")


def test_a_term_of_homework_from_the_class_code_to_the_csv(live_server, new_context, axe, set_up):
    base = live_server.url
    axe = Axe(axe)

    # The teacher creates a class (signing in on the way) and gives two quizzes: late work
    # accepted for the first, refused for the second.
    teacher = new_context(viewport=LAPTOP, **FRENCH_BROWSER).new_page()
    teacher.goto(f"{base}/enseignant/classes/")
    # The teachers' sign-in is Django's admin page: checked, and told at the end (see below).
    sign_in_rules = [v["id"] for v in axe.axe.run(teacher).response["violations"]]
    sign_in_teacher(teacher)
    expect(teacher.get_by_role("heading", name="Mes classes")).to_be_visible()
    axe.check(teacher, "classes")
    teacher.get_by_label("Nom de la classe").fill("BTS NDRC 2")
    teacher.get_by_label("Année scolaire (facultatif)").fill("2026-2027")
    teacher.get_by_role("button", name="Créer la classe").click()
    class_id = re.search(r"/enseignant/classes/(\d+)/$", teacher.url).group(1)
    code = teacher.locator("[data-class-code]").get_attribute("data-class-code")
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code), code
    axe.check(teacher, "class")
    homework = give_homework(teacher, axe, base, class_id, "Réactivité", late_work=True)
    axe.check(teacher, "results-empty")
    strict = give_homework(teacher, axe, base, class_id, "Taux de clics", late_work=False)

    # Three phones. Inès practised before she had an account: her series follows her.
    phones = {}
    for username in ("ines", "jules", "karim"):
        phone = new_context(viewport=PHONE, **FRENCH_BROWSER).new_page()
        if username == "ines":
            anonymous_progress = practise_anonymously(phone, axe, base)
        sign_up(phone, axe, base, code, username)
        phones[username] = phone
    assert not Attempt.objects.filter(owner__startswith="session:").exists()
    ines = phones["ines"]
    ines.goto(f"{base}/entrainement/progres/")
    assert "\n".join(ines.locator(".mastery-table tbody").all_inner_texts()) == anonymous_progress
    ines.goto(f"{base}/compte/")
    with ines.expect_download() as download:
        ines.get_by_role("link", name="Télécharger mes données (fichier JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    practised = [a for a in data["attempts"] if a["scope"] == "chapter"]
    assert len(practised) == 1
    assert sum(1 for item in practised[0]["items"] if item["verdict"]) == 2
    assert data["review_cards"], "the series' review cards moved too"

    # On time: Inès right, Jules with the forgotten × 100.
    for username, listed in (("ines", True), ("jules", False)):
        phone = phones[username]
        phone.goto(f"{base}/devoirs/")
        row = phone.locator(f"[data-assignment-id='{homework.pk}']")
        expect(row).to_contain_text("à faire")
        axe.check(phone, "homework-list")
        take_homework(phone, axe, base, homework, wrong=not listed)
        phone.goto(f"{base}/devoirs/")
        expect(row).to_contain_text("rendu")
        expect(row).not_to_contain_text("en retard")

    # The due dates pass; Karim hands in the first late (accepted, marked), not the second.
    # (Now, not earlier: the two hand-ins above must stay on time.)
    due = timezone.now()
    Assignment.objects.update(opens_at=due - timedelta(days=7), due_at=due)
    karim = phones["karim"]
    karim.goto(f"{base}/devoirs/")
    expect(karim.locator(f"[data-assignment-id='{homework.pk}']")).to_contain_text("en retard")
    axe.check(karim, "homework-list-late")
    screenshot(karim, "teaching-flow-homework-late-390")
    take_homework(karim, axe, base, homework, wrong=False)
    expect(karim.locator("[data-status]")).to_contain_text("rendu en retard")
    karim.goto(f"{base}/devoirs/")
    expect(karim.locator(f"[data-assignment-id='{homework.pk}']")).to_contain_text(
        "rendu, en retard"
    )
    karim.goto(f"{base}/devoirs/{strict.pk}/")
    refusal = karim.get_by_role("alert")
    expect(refusal).to_contain_text("La date limite de ce devoir est passée")
    expect(refusal).to_contain_text("il n’accepte plus de réponse")
    expect(karim.get_by_role("button", name="Commencer")).to_have_count(0)
    refusal_text = refusal.inner_text()
    axe.check(karim, "homework-refused")
    screenshot(karim, "teaching-flow-homework-refused-390")

    # The teacher reads the results: three rows, each question's facility, the named mistake.
    teacher.goto(f"{base}/enseignant/devoirs/{homework.pk}/")
    rows = teacher.locator("tr[data-student]")
    expect(rows).to_have_count(3)
    by_name = {name: rows.filter(has_text=name) for name in phones}
    expect(by_name["ines"]).to_contain_text("rendu")
    expect(by_name["ines"]).not_to_contain_text("en retard")
    expect(by_name["jules"]).not_to_contain_text("en retard")
    expect(by_name["karim"]).to_contain_text("rendu, en retard")
    headers = teacher.locator("th[data-facility]")
    expect(headers).to_have_count(2)
    expect(headers.nth(0)).to_have_attribute("data-facility", "67")  # 2 right of 3
    expect(headers.nth(1)).to_have_attribute("data-facility", "100")
    mistake = teacher.locator("[data-diagnosis='forgot-x100']")
    expect(mistake).to_have_attribute("data-count", "1")
    expect(mistake).to_contain_text("1 élève")
    axe.check(teacher, "results")
    screenshot(teacher, "teaching-flow-results-1280")

    with teacher.expect_download() as download:
        teacher.get_by_role("link", name="Exporter en CSV (une ligne par élève)").click()
    assert download.value.suggested_filename.endswith("resultats.csv")
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for Excel"
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, body = table[0], table[1:]
    assert header[:2] == ["Élève", "Prénom"] and len(header) > 4
    assert sorted(row[0] for row in body) == ["ines", "jules", "karim"]
    records = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert records["karim"]["En retard"] == "oui" and records["ines"]["En retard"] == "non"
    assert int(records["ines"]["Score"]) > int(records["jules"]["Score"])
    for record in records.values():
        assert re.fullmatch(r"\d+,\d", record["Temps (min)"]), record  # decimal comma

    # The refusal tells the due time as the French say it: « à 12 h 38 ».
    paris = timezone.localtime(due, PARIS)
    told = f"le {paris.day} "
    hour = rf"à 0?{paris.hour}\u202fh\u202f{paris.minute:02d}\b"
    assert told in refusal_text
    assert re.search(hour, refusal_text), (refusal_text, hour)
    assert not sign_in_rules, f"/admin/login/ (the teachers' sign-in) fails axe: {sign_in_rules}"
