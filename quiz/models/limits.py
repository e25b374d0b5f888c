"""What the limits count (quiz.counters): the wrong PINs, the new pseudos and the wrong passwords
a client typed in the current window."""

from __future__ import annotations

from django.db import models


class WindowCount(models.Model):
    key = models.CharField("clé", primary_key=True, max_length=100)
    hits = models.PositiveIntegerField("nombre", default=1)
    # Unix time in seconds: an integer compares the same way on SQLite and PostgreSQL in the raw
    # statement that bumps it.
    ends_at = models.BigIntegerField("fin de la fenêtre", db_index=True)

    class Meta:
        verbose_name = "compteur de tentatives"
        verbose_name_plural = "compteurs de tentatives"

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"
