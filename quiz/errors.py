"""The one exception every room of the quiz app raises for a request it cannot honour."""

from __future__ import annotations


class Refusal(Exception):
    """What a student or a teacher asked cannot be done; `message` is French and meant for them
    (the view shows it as it is: a message, a feedback line, a form error)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
