"""What broken clients and scanners send to the server itself — malformed multipart bodies, invalid
percent-encodings, 10 000 repeated parameters, malformed If-None-Match, Range headers, wrong
methods — on the pages students use most: a handled status and a French page, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.hostile import (
    BAD_IF_NONE_MATCH,
    BAD_PERCENT,
    MALFORMED_MULTIPART,
    OK,
    RANGES,
    REPEATED_PARAMETERS,
    WRONG_METHODS,
    check,
)

PATHS = [
    "/",
    "/healthz",
    "/cours/mesurer-emailing/",
    "/calculateurs/cpm/",
    "/entrainement/kpi/cpc/",
    "/rejoindre/",
    "/session/etat/",
    "/session/repondre/",
    "/compte/connexion/",
    "/enseignant/",
]


@pytest.fixture
def client(course):
    return Client(raise_request_exception=False)


@pytest.fixture(autouse=True)
def _production_errors(settings):
    settings.DEBUG = False


def test_malformed_multipart_bodies(client):
    for path in PATHS:
        for content_type, body in MALFORMED_MULTIPART:
            check(client.generic("POST", path, body, content_type=content_type))


def test_invalid_percent_encodings_in_path_query_and_body(client):
    for path in PATHS:
        for bad in BAD_PERCENT:
            check(client.get(f"{path}?q={bad}&niveau={bad}&{bad}={bad}"))
            check(client.get(f"{path.rstrip('/')}{bad}/"))
            check(
                client.generic(
                    "POST",
                    path,
                    f"answer={bad}&token={bad}&{bad}=1".encode(),
                    content_type="application/x-www-form-urlencoded",
                )
            )


def test_ten_thousand_repeated_parameters(client):
    for path in PATHS:
        check(client.get(f"{path}?{REPEATED_PARAMETERS}"))
        check(
            client.generic(
                "POST",
                path,
                REPEATED_PARAMETERS.encode(),
                content_type="application/x-www-form-urlencoded",
            )
        )


def test_malformed_conditional_and_range_headers(client):
    for path in PATHS:
        for value in BAD_IF_NONE_MATCH:
            check(client.get(path, HTTP_IF_NONE_MATCH=value, HTTP_IF_MODIFIED_SINCE=value))
        for value in RANGES:
            check(client.get(path, HTTP_RANGE=value, HTTP_IF_RANGE='"x"'))


def test_wrong_methods_are_refused_with_a_french_page(client):
    for path in PATHS:
        for method in WRONG_METHODS:
            response = client.generic(method, path)
            body = check(response)
            if response.status_code == 405 and method != "TRACE":
                assert "Action impossible" in body
                assert "Allow" in response.headers


def test_the_corpus_is_what_the_issue_lists():
    assert len(REPEATED_PARAMETERS.split("&")) == 10_000
    assert any(bad == "%ff" for bad in BAD_PERCENT)
    assert any("boundary" not in content_type for content_type, _ in MALFORMED_MULTIPART)
    assert 500 not in OK
