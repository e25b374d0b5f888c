"""French typography of every page a student or a teacher reads, as rendered: every URL of the
URLconf the walker of tests/test_every_url.py reaches (with real objects), every lesson and every
calculator, as an anonymous visitor, a student and a teacher — no plain space before « : ; ! ? » »
or after « « » in the visible text. Django's own admin pages are left out (Django's translations)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from calculators.kpis import KPIS
from courses.models import Lesson
from tests.test_every_url import concrete_paths, world  # noqa: F401  (the walker's fixture)

PLAIN = re.compile(r"[^\s\u00a0\u202f] [:;!?»]|«[ ]")
NOT_FRENCH = re.compile(r"https?://\S+|\b\d+:\d+\b")


class VisibleText(HTMLParser):
    """The text a reader sees (and hears): no script, style or template markup."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "svg"}:
            self._skip += 1
        for name, value in attrs:
            if name in {"aria-label", "title", "alt", "placeholder"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style", "svg"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def plain_spaces(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        text = NOT_FRENCH.sub("", " ".join(part.split("\n")))
        for match in PLAIN.finditer(text):
            found.append(text[max(0, match.start() - 30) : match.end() + 20])
    return found


def pages(known) -> list[str]:
    lessons = [f"/cours/{slug}/" for slug in Lesson.objects.values_list("slug", flat=True)]
    calculators = [f"/calculateurs/{kpi.slug}/" for kpi in KPIS]
    walked = [path for path in concrete_paths(known) if not path.startswith("/admin/")]
    return list(dict.fromkeys(walked + lessons + calculators))


@pytest.mark.parametrize("role", ["anonymous", "student", "superuser"])
def test_every_page_uses_no_break_spaces(world, role):  # noqa: F811
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world[role])
    bad = []
    for path in pages(world["known"]):
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        bad += [f"{path}: …{snippet}…" for snippet in plain_spaces(response.content.decode())]
    assert not bad, "\n".join(dict.fromkeys(bad))


def test_the_check_sees_a_plain_space_and_reads_many_pages(world, client):  # noqa: F811
    assert len(plain_spaces("<p>Bonjour : voilà « texte »</p>")) == 3
    assert plain_spaces("<p>Bonjour : voilà</p>") and not plain_spaces("<p>Bonjour\u00a0: là</p>")
    assert not plain_spaces("<script>a ? b : c</script><p>12:30 http://x.fr/a?b</p>")
    read = [path for path in pages(world["known"]) if client.get(path).status_code == 200]
    assert len(read) > 60
