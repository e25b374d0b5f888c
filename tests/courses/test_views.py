from __future__ import annotations

import re
from itertools import pairwise

import pytest
from django.urls import reverse

from calculators.kpis import KPIS_BY_SLUG
from courses.models import Lesson, LessonSection

pytestmark = pytest.mark.django_db


def test_index_lists_the_lessons_in_order(client, course, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        html = client.get(reverse("courses:index")).content.decode()
    positions = [
        html.index(f'href="/cours/{lesson.slug}/"') for lesson in Lesson.objects.order_by("order")
    ]
    assert positions == sorted(positions)
    assert Lesson.objects.get(slug="methode-pepsi").summary.split("’")[0] in html


def test_index_without_course_says_how_to_load_it(client):
    html = client.get(reverse("courses:index")).content.decode()
    assert "load_course" in html


def test_lesson_page_renders_formula_cards_from_the_catalogue(client, course):
    html = client.get(reverse("courses:lesson", args=["mesurer-emailing"])).content.decode()
    reactivity = KPIS_BY_SLUG["taux-reactivite"]
    assert (
        f'{reactivity.name}</span> = <span class="formula-words">{reactivity.formula_in_words}'
        in html
    )
    assert 'href="/calculateurs/taux-reactivite/"' in html
    assert "À retenir" in html and "Exemple corrigé" in html
    assert 'rel="prev" href="/cours/rgpd-consentement/"' in html
    assert 'rel="next" href="/cours/social-selling/"' in html


def test_social_ads_example_shows_the_seed_cpm(client, course):
    html = client.get(reverse("courses:lesson", args=["social-ads"])).content.decode()
    assert "200\u202f€ ÷ 10\u202f000 ×\u00a01\u202f000 = 20,00\u202f€" in html


def test_first_and_last_lessons_have_one_neighbour(client, course):
    first = client.get("/cours/objectifs-reseaux-sociaux/").content.decode()
    last = client.get("/cours/etapes-cognitive-affective-conative/").content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_lesson_page_queries_are_bounded(client, course, django_assert_max_num_queries):
    """Sections and neighbours are fetched in a fixed number of queries, however many there are."""
    with django_assert_max_num_queries(3):
        client.get("/cours/mesurer-emailing/")


def test_headings_are_in_order(client, course):
    for slug in ("mesurer-emailing", "methode-pepsi"):
        html = client.get(f"/cours/{slug}/").content.decode()
        levels = [int(level) for level in re.findall(r"<h([1-6])", html.split('id="contenu"')[1])]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in pairwise(levels))


def test_unknown_lesson_is_404(client, course):
    assert client.get("/cours/lecon-inconnue/").status_code == 404


def test_markdown_from_the_database_is_sanitised(client, course):
    section = LessonSection.objects.filter(lesson__slug="methode-pepsi").first()
    section.body = (
        "**Gras** <script>alert('x')</script> <img src=x onerror=alert(1)> [a](javascript:alert(1))"
    )
    section.save()
    html = client.get("/cours/methode-pepsi/").content.decode()
    assert "<strong>Gras</strong>" in html
    assert "alert(" not in html and "onerror" not in html and "javascript:" not in html


def test_lesson_text_keeps_hyphenated_words_on_one_line(client, course):
    section = LessonSection.objects.filter(lesson__slug="methode-pepsi").first()
    section.body = "Les **e-mails** ouverts, pas les e-mails envoyés."
    section.save()
    html = client.get("/cours/methode-pepsi/").content.decode()
    assert '<strong><span class="nowrap">e-mails</span></strong> ouverts' in html
    assert 'pas les <span class="nowrap">e-mails</span> envoyés' in html


def test_malformed_example_calculation_is_skipped(client, course):
    Lesson.objects.filter(slug="social-ads").update(
        example_calculations=[{"kpi": "cpm", "values": {"budget": "abc"}}, {"kpi": "inconnu"}, "x"]
    )
    assert client.get("/cours/social-ads/").status_code == 200
