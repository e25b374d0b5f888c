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


@pytest.fixture
def hostile_nav_label(monkeypatch):
    """The calculators' navigation label replaced by markup, the layout's caches emptied."""
    from config import context_processors

    sections = tuple(
        (key, name, "<script>alert(1)</script>" if key == "calculators" else label, prefix)
        for key, name, label, prefix in context_processors.SECTIONS
    )
    monkeypatch.setattr(context_processors, "SECTIONS", sections)
    context_processors.layout_urls.cache_clear()
    context_processors._navigation.cache_clear()
    yield
    context_processors.layout_urls.cache_clear()
    context_processors._navigation.cache_clear()


def test_navigation_escapes_its_labels(client, hostile_nav_label):
    header = client.get("/calculateurs/").content.decode().split("</header>")[0]
    assert "<script>" not in header
    assert (
        '<a href="/calculateurs/" aria-current="page">&lt;script&gt;alert(1)&lt;/script&gt;</a>'
        in header
    )


def test_navigation_template_escapes_urls_and_labels():
    from django.template.loader import render_to_string

    html = render_to_string(
        "includes/navigation.html", {"items": [('/a/" onclick="x', "<b>Cours</b>", False)]}
    )
    assert html == (
        '<li><a href="/a/&quot; onclick=&quot;x">&lt;b&gt;Cours&lt;/b&gt;</a></li>\n          '
    )


def test_navigation_items_are_the_sections_in_order(client):
    nav = client.get("/entrainement/").content.decode().split('<ul class="nav-list">')[1]
    nav = nav.split("</ul>")[0]
    assert nav == (
        "\n          "
        '<li><a href="/cours/">Cours</a></li>\n          '
        '<li><a href="/entrainement/" aria-current="page">Entraînement</a></li>\n          '
        '<li><a href="/calculateurs/">Calculateurs</a></li>\n          '
        '<li><a href="/rejoindre/">Rejoindre une session</a></li>\n          '
        "\n        "
    )


def test_markup_helpers_escape_what_is_not_marked_safe():
    from django.utils.html import format_html
    from django.utils.safestring import SafeString

    from config.typography import format_markup, format_markup_join, keep_hyphenated

    safe = format_html("<em>{}</em>", "ok")
    assert format_markup("<p>{}{}</p>", "<script>", safe) == "<p>&lt;script&gt;<em>ok</em></p>"
    assert format_markup_join("<li>{}</li>", [("<b>",), (1,)]) == "<li>&lt;b&gt;</li><li>1</li>"
    text = keep_hyphenated('<e-mails> & "e-mailing"')
    assert isinstance(text, SafeString)
    assert text == (
        '&lt;<span class="nowrap">e-mails</span>&gt; &amp; '
        '&quot;<span class="nowrap">e-mailing</span>&quot;'
    )
    assert keep_hyphenated(safe) == "<em>ok</em>"  # already safe: not escaped twice


def test_markdown_is_sanitised_once_and_marked_safe():
    from django.utils.safestring import SafeString

    from courses.rendering import render_markdown

    html = render_markdown("Un *e-mail* <script>alert(1)</script> & co")
    assert isinstance(html, SafeString)
    assert "<script>" not in html and "&amp;amp;" not in html
    assert '<em><span class="nowrap">e-mail</span></em>' in html
