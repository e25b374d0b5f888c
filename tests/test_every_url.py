"""Every URL pattern of the URLconf, found by walking config.urls (a URL added tomorrow is walked
too), filled with existing objects and with absurd values, asked by an anonymous visitor, a student
and a superuser with GET, POST and hostile bodies: no answer may be a server error."""

from __future__ import annotations

import itertools
import re
import uuid
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import timezone

from calculators.kpis import KPIS
from quiz.live import players, sessions
from quiz.teaching import accounts, assignments, classes
from tests.factories import (
    AttemptFactory,
    AttemptItemFactory,
    TeacherFactory,
    UserFactory,
    numeric_and_concept_quiz,
)
from tests.hostile import NASTY

ABSURD_INT = ["0", "9" * 30]
ABSURD_TEXT = ["x" * 300, "%ff", "%00"]
PER_PATTERN = 2  # combinations tried per pattern on top of each value once
FIELDS = (
    "answer",
    "token",
    "pin",
    "pseudo",
    "username",
    "password",
    "name",
    "code",
    "class_code",
    "niveau",
    "scope",
    "value",
    "option",
    "action",
    "index",
    "title",
    "next",
    "q",
)


def walk(resolvers=None, prefix: str = ""):
    """(route template, {name: converter-or-regex}) for every pattern, prefixes joined."""
    for entry in get_resolver().url_patterns if resolvers is None else resolvers:
        route, params = _route_of(entry.pattern)
        if isinstance(entry, URLResolver):
            for inner_route, inner in walk(entry.url_patterns, prefix + route):
                yield inner_route, {**params, **inner}
        elif isinstance(entry, URLPattern):
            yield prefix + route, params


def _route_of(pattern) -> tuple[str, dict[str, str]]:
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)
        params = {}
        for match in re.finditer(r"<(?:(\w+):)?(\w+)>", route):
            params[match[2]] = match[1] or "str"
        return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route), params
    assert isinstance(pattern, RegexPattern)
    regex = pattern._regex.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\/", "/")
    params = {}

    def group(match: re.Match[str]) -> str:
        name, body = match[1], match[2]
        alternatives = body.split("|")
        params[name] = f"choice:{alternatives[0]}" if re.fullmatch(r"[\w|-]+", body) else "str"
        return "{" + name + "}"

    return re.sub(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)", group, regex), params


def values_for(kind: str, known: dict[str, list[str]]) -> list[str]:
    if kind.startswith("choice:"):
        return [kind.split(":", 1)[1], "inconnu"]
    if kind == "int":
        return known["int"][:2] + ABSURD_INT
    if kind == "uuid":
        return known["uuid"] + [str(uuid.uuid4())]
    if kind == "path":
        return [*known["text"][:2], "a/b/c", "1"]
    return known["text"] + known["int"][:1] + ABSURD_TEXT  # str, slug


def concrete_paths(known: dict[str, list[str]]) -> list[str]:
    paths: list[str] = []
    for route, params in walk():
        names = list(params)
        choices = [values_for(params[name], known) for name in names]
        # Each value of each converter is tried once (existing values together, absurd ones
        # together), plus the first combinations of all of them.
        width = max((len(values) for values in choices), default=1)
        combos = [tuple(values[i % len(values)] for values in choices) for i in range(width)]
        combos += list(itertools.islice(itertools.product(*choices), PER_PATTERN))
        for combo in dict.fromkeys(combos):
            path = "/" + route.format(**dict(zip(names, combo, strict=True)))
            paths.append(path.replace("//", "/"))
    return list(dict.fromkeys(paths))


@pytest.fixture
def world(course):
    """One of everything: a teacher's class with a student, a quiz given as homework and played
    live, an anonymous series; the ids and slugs the walker fills the converters with."""
    teacher = TeacherFactory(username="prof")
    school_class = classes.class_create(teacher=teacher, name="BTS NDRC 1")
    student = UserFactory(username="lea")
    accounts.student_enrol(student=student, school_class=school_class)
    quiz = numeric_and_concept_quiz(created_by=teacher)
    now = timezone.now()
    assignments.assignment_create(
        school_class=school_class, quiz=quiz, opens_at=now, due_at=now + timedelta(days=7)
    )
    session = sessions.session_create(quiz=quiz, owner=teacher)
    players.player_join(pin=session.pin, pseudo="Lea", client="127.0.0.1")
    attempt = AttemptFactory(owner=f"user:{student.pk}")
    AttemptItemFactory(attempt=attempt, position=1)
    superuser = TeacherFactory(username="chef", superuser=True)
    ints: set[int] = set()
    for model in apps.get_models():
        pk = model._meta.pk
        if isinstance(pk, models.AutoField | models.BigAutoField):
            ints.update(model.objects.order_by("pk").values_list("pk", flat=True)[:2])
    from courses.models import Lesson

    text = [
        KPIS[0].slug,
        *Lesson.objects.values_list("slug", flat=True)[:1],
        school_class.join_code,
    ]
    known = {
        "int": [str(pk) for pk in sorted(ints)[:4]],
        "uuid": [str(attempt.pk)],
        "text": text,
    }
    return {"known": known, "student": student, "superuser": superuser}


def test_the_walker_finds_every_part_of_the_site(world):
    routes = [route for route, _ in walk()]
    assert len(routes) > 60
    for prefix in ("entrainement/", "cours/", "calculateurs/", "enseignant/", "compte/", "admin/"):
        assert any(route.startswith(prefix) for route in routes), prefix
    paths = concrete_paths(world["known"])
    resolved = 0
    for path in paths:
        try:
            get_resolver().resolve(path)
            resolved += 1
        except Resolver404:
            pass
    assert resolved > len(routes)  # most concrete paths reach a view (absurd ones may not)


HOSTILE_QUERY = "?" + "&".join(
    f"{field}={value}" for field, value in [("niveau", "%ff"), ("page", "-1"), ("code", "9" * 30)]
)


def _requests(client: Client, path: str):
    yield "GET", client.get(path)
    yield "POST", client.post(path, dict.fromkeys(FIELDS, NASTY[5]))
    if path.startswith("/admin/"):  # Django's own views: the hostile bodies stop before them
        return
    yield "GET ?hostile", client.get(path + HOSTILE_QUERY)
    yield "POST empty", client.post(path, {})
    yield "POST markup", client.post(path, dict.fromkeys(FIELDS, NASTY[-1]))
    yield (
        "POST multipart",
        client.generic("POST", path, b"--x\r\n", content_type="multipart/form-data"),
    )


@pytest.mark.parametrize("role", ["anonymous", "student", "superuser"])
def test_no_url_answers_a_server_error(world, role, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    failures = []
    for path in concrete_paths(world["known"]):
        if role != "anonymous":  # a POST may have signed the user out: sign in again
            client.force_login(world[role])
        for label, response in _requests(client, path):
            if response.status_code >= 500:
                failures.append(f"{label} {path} → {response.status_code}")
    assert not failures, "\n".join(failures[:40])
