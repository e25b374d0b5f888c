"""French typography of every message the app writes in Python: a no-break space (U+00A0, or the
narrow U+202F) before « : ; ! ? % € » and inside « », never a plain one.

The messages are found in the code itself (ast), wherever a student or a teacher reads them: the
refusals (`Refusal`, `PseudoError`, `ValidationError`), Django's messages, forms' and models'
labels, help texts and error messages. Templates are checked by the before-stop hook's rule and by
the page tests; this test covers what templates cannot see."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("calculators", "courses", "quiz", "config")
CALLS = {"Refusal", "PseudoTaken", "PseudoError", "ValidationError", "ImproperlyConfigured"}
MESSAGE_CALLS = {"success", "error", "info", "warning"}  # django.contrib.messages.<level>
KEYWORDS = {"help_text", "verbose_name", "verbose_name_plural", "label", "message", "empty_label"}
PLAIN = re.compile(r"[^\s\u00a0\u202f] [:;!?%€»]|« ")
DIGIT_UNIT = re.compile(r"\d [%€]")


def _sources() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


def _texts(node: ast.AST) -> list[str]:
    """The literal text of a string, an f-string's constant parts, or a concatenation of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)]
    if isinstance(node, ast.BinOp):
        return _texts(node.left) + _texts(node.right)
    return []


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def messages_in(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        is_message = (
            name in MESSAGE_CALLS
            and isinstance(node.func, ast.Attribute)
            and (getattr(node.func.value, "id", "") == "messages")
        )
        arguments = list(node.args) if name in CALLS or is_message else []
        arguments += [k.value for k in node.keywords if k.arg in KEYWORDS]
        for argument in arguments:
            found += [(node.lineno, text) for text in _texts(argument)]
    return found


def test_the_scan_finds_the_app_s_messages():
    """Guard against a scan that silently finds nothing."""
    assert sum(len(messages_in(path)) for path in _sources()) > 100


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_messages_use_no_break_spaces(path):
    bad = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for line, text in messages_in(path)
        if PLAIN.search(text) or DIGIT_UNIT.search(text)
    ]
    assert not bad, "\n".join(bad)
