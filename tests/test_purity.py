"""The pure modules import nothing from Django: they run and are tested without it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PURE_MODULES = [
    ROOT / "calculators" / "kpis.py",
    ROOT / "calculators" / "numbers.py",
    *sorted((ROOT / "quiz" / "engine").glob("*.py")),
]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", PURE_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_module_imports_nothing_from_django(path):
    assert not {
        name for name in imported_modules(path) if name == "django" or name.startswith("django.")
    }
