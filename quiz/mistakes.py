"""The catalogue's mistakes told to a teacher about a class: « 9 élèves ont divisé par… »."""

from __future__ import annotations

from calculators.kpis import MISTAKE_SUMMARIES


def mistake_phrase(code: str, count: int) -> str:
    """`ont calculé le taux de clics…` for several students, `a calculé…` for one."""
    phrase = MISTAKE_SUMMARIES.get(code, code)
    if count > 1:
        return phrase
    for plural, singular in (
        ("ont ", "a "),
        ("n’ont ", "n’a "),
        ("se sont trompés", "s’est trompé"),
    ):
        if phrase.startswith(plural):
            return singular + phrase[len(plural) :]
    return phrase
