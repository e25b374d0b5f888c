"""The topics added for issue #15 (lessons 11–21 and the questions of pks 200–499 in
fixtures/course.json): a bank large enough, each topic taught, French typography, every new lesson
rendered and practised."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from courses.models import ConceptQuestion, Lesson
from courses.services import option_set_errors
from tests.courses.test_content import check_lesson_kpis, lesson_text

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "fixtures" / "course.json"
PK_RANGES = {
    "courses.lesson": range(11, 31),
    "courses.lessonsection": range(100, 300),
    "courses.conceptquestion": range(200, 500),
    "courses.questionoption": range(1000, 4000),
}
# What each new lesson must teach (issue #15, « Missing topics »), checked case-insensitively.
KEY_TERMS = {
    "rgpd-opt-in-opt-out": ["opt-in", "opt-out", "soft opt-in", "B2B", "B2C", "double opt-in"],
    "droits-cnil-sanctions": [
        "accès",
        "rectification",
        "effacement",
        "opposition",
        "CNIL",
        "4 %",
        "20 millions",
    ],
    "telephone-courrier": ["Bloctel", "11 août 2026", "contrat en cours", "courrier postal"],
    "gerer-e-reputation": ["veille", "avis", "avis négatif", "bad buzz", "faux avis"],
    "community-management": [
        "community manager",
        "ligne éditoriale",
        "calendrier éditorial",
        "charte de modération",
    ],
    "marketing-influence": [
        "influenceur",
        "ambassadeur",
        "loi du 9 juin 2023",
        "« Publicité »",
        "« Collaboration commerciale »",
        "ARPP",
    ],
    "rentabilite-campagne": [
        "marge",
        "ROAS seuil",
        "1 ÷ taux de marge",
        "coût par lead",
        "coût d’acquisition",
        "valeur vie client",
    ],
    "hard-soft-bounces": ["hard bounce", "soft bounce", "taux de rejet", "supprimer"],
    "frequence-ctr": ["fréquence", "impressions ÷ couverture", "CTR", "taux de clics"],
    "linkedin-ssi-sales-navigator": ["SSI", "Social Selling Index", "Sales Navigator", "InMail"],
    "etapes-cognitive-affective-conative": [
        "cognitive",
        "affective",
        "conative",
        "faire savoir",
        "faire aimer",
        "faire agir",
        "AIDA",
    ],
}
NUMBER = re.compile(r"\d[\d\u202f]*(?:,\d+)?")


def objects(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def topic_objects() -> list[dict]:
    """The new objects: their pk ranges in the course fixture."""
    return [
        o for o in objects(COURSE) if o["model"] in PK_RANGES and o["pk"] in PK_RANGES[o["model"]]
    ]


def topic_texts() -> list[str]:
    return [
        value
        for obj in topic_objects()
        for value in obj["fields"].values()
        if isinstance(value, str) and not re.fullmatch(r"[a-z0-9-]+", value)
    ]


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def merged_course(course):
    """The course fixture, loaded."""


def test_topic_pks_are_unique():
    keys = [(o["model"], o["pk"]) for o in objects(COURSE)]
    assert len(keys) == len(set(keys))


def test_bank_reaches_120_questions_and_6_per_lesson(merged_course):
    assert ConceptQuestion.objects.count() >= 120
    for lesson in Lesson.objects.all():
        assert lesson.questions.count() >= 6, lesson.slug
    orders = list(Lesson.objects.values_list("order", flat=True))
    assert orders == list(range(1, len(orders) + 1))


def test_every_question_has_a_right_option_and_an_explanation(merged_course):
    for question in ConceptQuestion.objects.prefetch_related("options"):
        options = [(o.text, o.is_correct) for o in question.options.all()]
        assert option_set_errors(question.kind, options) == [], (question.pk, question.stem)
        assert any(correct for _, correct in options), question.pk
        assert len(question.explanation) > 80, question.pk
        if question.kind == ConceptQuestion.Kind.TRUE_FALSE:
            assert [text for text, _ in options] == ["Vrai", "Faux"]


def test_new_questions_explain_every_numeric_option():
    """A distractor such as « 3,09 % » is a mistake the explanation names, with its number."""
    topics = topic_objects()
    explanations = {
        o["pk"]: o["fields"]["explanation"]
        for o in topics
        if o["model"] == "courses.conceptquestion"
    }
    checked = 0
    for option in (o["fields"] for o in topics if o["model"] == "courses.questionoption"):
        if re.fullmatch(r"[\d\u202f,]+(\u202f%|\u202f€)?", option["text"]):
            number = NUMBER.match(option["text"])
            assert number and number.group() in explanations[option["question"]], option["text"]
            checked += 1
    assert checked >= 30


def test_new_questions_mix_the_three_kinds():
    kinds = Counter(
        o["fields"]["kind"] for o in topic_objects() if o["model"] == "courses.conceptquestion"
    )
    assert set(kinds) == {"single", "multiple", "true_false"}


def test_topics_typography():
    """Typographic apostrophe; a no-break space before : ; ! ? % € » and after «."""
    for text in topic_texts():
        assert "'" not in text and '"' not in text, text[:80]
        bad = re.search(r"(^|[^\u00a0\u202f])[:;!?%€»]|«[^\u00a0\u202f]", text, re.M)
        assert not bad, text[max(0, bad.start() - 40) : bad.end() + 20]
        assert not re.search(r"\d \d{3}\b", text), text[:80]  # thousands: a narrow no-break space
        assert not re.search(r"<[a-zA-Z/]", text), text[:80]


def test_topics_carry_no_seed_error():
    text = json.dumps(topic_objects(), ensure_ascii=False)
    for error in ("virilité", "Return Of", "voir client", "MATRISER", "environ 20"):
        assert error not in text


@pytest.mark.parametrize("slug", sorted(KEY_TERMS))
def test_new_lesson_teaches_its_topic(merged_course, slug):
    lesson = Lesson.objects.get(slug=slug)
    text = plain(lesson_text(slug)).casefold()
    for term in KEY_TERMS[slug]:
        assert plain(term).casefold() in text, f"{slug}: « {term} » missing"
    assert 2 <= lesson.sections.count() <= 6
    assert len(lesson.summary) <= 400


def test_every_new_lesson_is_a_topic_of_the_list():
    slugs = {o["fields"]["slug"] for o in topic_objects() if o["model"] == "courses.lesson"}
    assert slugs == set(KEY_TERMS)


def test_new_lessons_teach_catalogue_kpis_and_examples_compute(merged_course):
    for lesson in Lesson.objects.filter(slug__in=KEY_TERMS):
        check_lesson_kpis(lesson)


def test_every_new_lesson_page_renders(merged_course, client):
    for lesson in Lesson.objects.filter(slug__in=KEY_TERMS):
        response = client.get(f"/cours/{lesson.slug}/")
        assert response.status_code == 200, lesson.slug
        assert lesson.title in response.content.decode()
    index = client.get("/cours/").content.decode()
    for lesson in Lesson.objects.all():
        assert f"/cours/{lesson.slug}/" in index


def test_every_new_lesson_can_be_practised(merged_course, client):
    """« Je m’entraîne sur cette leçon » starts a series whose questions all show."""
    for slug in KEY_TERMS:
        response = client.post("/entrainement/commencer/", {"scope": "lesson", "value": slug})
        assert response.status_code == 302, slug
        first = response["Location"]
        assert first.endswith("/1/"), (slug, first)
        shown = 0
        for position in range(1, 11):
            page = client.get(first[: -len("1/")] + f"{position}/")
            if page.status_code == 404:
                break
            assert page.status_code == 200, (slug, position)
            shown += 1
        assert shown >= 6, slug
