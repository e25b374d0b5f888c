"""Live class sessions: the session and its clock, its players, their answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from quiz.engine.generate import current_generator
from quiz.models.quizzes import Quiz


class LiveSession(models.Model):
    """A quiz played live by a class: the projector shows it, students answer from their phones."""

    class State(models.TextChoices):
        LOBBY = "lobby", "Salle d’attente"
        QUESTION = "question", "Question en cours"
        FINISHED = "finished", "Terminée"

    class Scoring(models.TextChoices):
        ACCURACY = "precision", "Précision (1 000 points par bonne réponse)"
        SPEED = "rapidite", "Rapidité (plus de points pour une réponse rapide)"

    class Pacing(models.TextChoices):
        TEACHER = "enseignant", "Au rythme de l’enseignant (questions projetées une à une)"
        STUDENT = "eleve", "Chacun à son rythme (chaque élève enchaîne les questions)"

    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="live_sessions")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_sessions"
    )
    pin = models.CharField("code", max_length=6)
    state = models.CharField(max_length=10, choices=State.choices, default=State.LOBBY)
    question_index = models.IntegerField(default=-1)  # position in the quiz, from 0
    question_started_at = models.DateTimeField(null=True, blank=True)
    question_deadline = models.DateTimeField(null=True, blank=True)
    scoring = models.CharField(max_length=10, choices=Scoring.choices, default=Scoring.ACCURACY)
    pacing = models.CharField(
        "rythme", max_length=10, choices=Pacing.choices, default=Pacing.TEACHER
    )
    streak_bonus = models.BooleanField("bonus de série", default=False)
    per_student_numbers = models.BooleanField("chiffres propres à chaque élève", default=True)
    extra_time = models.BooleanField("temps supplémentaire (+50 %)", default=False)
    auto_close = models.BooleanField("correction dès que tous ont répondu", default=False)
    seed = models.BigIntegerField(default=0)
    # The version of the draws the seed is read with (quiz.engine.generate.GENERATORS): rows stored
    # before versions existed read as version 1; new ones take the current version.
    generator = models.PositiveSmallIntegerField(default=current_generator)
    # The quiz as it was at launch (its questions, serialized): the game never changes under the
    # players' feet, whatever is edited meanwhile and whichever process serves it.
    questions = models.JSONField("questions au lancement", default=list, blank=True)
    # Bumped at every change of state every screen must show (the projector counts the rest).
    state_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "session en direct"
        verbose_name_plural = "sessions en direct"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pin"],
                condition=~Q(state="finished"),
                name="livesession_open_pin_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} — {self.pin}"


class Player(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="players")
    pseudo = models.CharField(max_length=20)
    pseudo_key = models.CharField(max_length=60)  # NFKC + case folded: unique in the session
    token = models.CharField(max_length=64, unique=True)  # the player's cookie
    # Shown on the player's screen: with the PIN and the pseudo, it brings the player back on any
    # browser (a dead phone) with their points.
    rejoin_code = models.CharField("code de reprise", max_length=8, blank=True)
    # A signed-in student: recognised on any device, their answers in their class's history.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="live_players",
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    # Student-paced sessions only: the question this player is on, and its own clock.
    current_index = models.IntegerField(default=-1)
    question_started_at = models.DateTimeField(null=True, blank=True)
    question_deadline = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "pseudo_key"], name="player_pseudo_unique"),
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=models.Q(user__isnull=False),
                name="player_account_once_per_session",
            ),
        ]

    def __str__(self) -> str:
        return self.pseudo


class LiveAnswer(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="answers")
    player = models.ForeignKey(Player, on_delete=models.CASCADE, related_name="answers")
    question_index = models.IntegerField()
    answer = models.CharField(max_length=200, blank=True)
    chosen_option_ids = models.JSONField(default=list, blank=True)
    verdict = models.CharField(max_length=10)
    diagnosis = models.CharField(max_length=40, blank=True)
    points = models.PositiveIntegerField(default=0)
    response_ms = models.PositiveIntegerField(default=0)
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            # One answer per player per question: a double submit cannot count twice.
            models.UniqueConstraint(
                fields=["player", "question_index"], name="liveanswer_once_per_question"
            ),
        ]
        indexes = [models.Index(fields=["session", "question_index"], name="liveanswer_question")]

    def __str__(self) -> str:
        return f"{self.player} — question {self.question_index + 1}"
