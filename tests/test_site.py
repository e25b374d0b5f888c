from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_home_leads_to_each_part(client):
    html = client.get("/").content.decode()
    assert 'href="/cours/"' in html
    assert 'href="/calculateurs/"' in html
    assert 'href="/entrainement/"' in html
    assert 'href="/rejoindre/"' in html


def test_layout_has_skip_link_header_footer_and_favicon(client):
    html = client.get("/").content.decode()
    assert 'class="skip-link" href="#contenu"' in html
    assert 'id="contenu"' in html
    assert '<nav aria-label="Navigation principale">' in html
    assert "<footer" in html
    assert 'rel="icon"' in html
    assert '<html lang="fr">' in html


def test_htmx_is_served_locally(client):
    html = client.get("/").content.decode()
    assert "/static/django_htmx/htmx-2.min.js" in html
    assert "https://" not in html.split("<body")[0]


def test_healthz_answers_ok_after_a_database_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_pages_have_no_inline_script(client):
    html = client.get("/calculateurs/cpm/?budget=200&impressions=10000").content.decode()
    for tag in html.split("<script")[1:]:
        assert 'src="' in tag.split(">")[0]


def test_not_found_page_is_french(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_robots_txt(client):
    assert b"Disallow: /admin/" in client.get("/robots.txt").content


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/healthz",
        "/cours/",
        "/calculateurs/cpm/",
        "/entrainement/",
        "/entrainement/kpi/cpm/",
        "/rejoindre/",
    ],
)
def test_head_is_answered_like_get(client, path):
    assert client.head(path).status_code == 200


def test_favicon_ico_leads_to_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")


def test_navigation_marks_only_the_current_section(client):
    html = client.get("/calculateurs/").content.decode()
    nav = html.split('<nav aria-label="Navigation principale">', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/calculateurs/" aria-current="page">Calculateurs</a>' in nav
    assert nav.count("aria-current") == 1
    assert "aria-current" not in client.get("/").content.decode().split("</header>")[0]
