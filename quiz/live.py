"""Live class sessions: PIN, players, questions paced by the teacher or by each student, answers
on the server's clock, leaderboard. Every state lives in the database (a process keeps only a
half-second copy of a class's clock for idle polls): any number of gunicorn processes or app servers
can serve one session.

Service functions follow `<entity>_<action>`, keyword-only; the views only parse and render.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce

from calculators.kpis import get_kpi
from quiz.engine.generate import Exercise, generate
from quiz.engine.grade import CORRECT, INVALID, grade_choice, grade_numeric
from quiz.engine.scoring import answer_points
from quiz.engine.tolerance import Tolerance
from quiz.models import LiveAnswer, LiveSession, Player, Quiz, QuizQuestion
from quiz.rows import RowReader

CONCEPT_SECONDS = 30
NUMERIC_SECONDS = 90
EXTRA_TIME = 1.5
PSEUDO_MAX = 20
JOIN_FAILURES_PER_MINUTE = 10
LEADERBOARD_SIZE = 10
OPEN_STATES = (LiveSession.State.LOBBY, LiveSession.State.QUESTION)


class LiveError(Exception):
    """What a player or a teacher asked cannot be done; `message` is French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------------------------------
# Sessions
# --------------------------------------------------------------------------------------------------


def session_create(
    *,
    quiz: Quiz,
    owner,
    scoring: str = LiveSession.Scoring.ACCURACY,
    streak_bonus: bool = False,
    per_student_numbers: bool = True,
    extra_time: bool = False,
    pacing: str = LiveSession.Pacing.TEACHER,
) -> LiveSession:
    """A session in its waiting room, with a random 6-digit PIN unique among open sessions."""
    if not quiz.is_published:
        raise LiveError("Publiez le quiz avant de le lancer en direct.")
    if not quiz.questions.exists():
        raise LiveError("Ce quiz n’a pas encore de question.")
    for _ in range(50):
        pin = f"{secrets.randbelow(900_000) + 100_000}"
        try:
            with transaction.atomic():
                return LiveSession.objects.create(
                    quiz=quiz,
                    owner=owner,
                    pin=pin,
                    scoring=scoring,
                    streak_bonus=streak_bonus,
                    per_student_numbers=per_student_numbers,
                    extra_time=extra_time,
                    pacing=pacing,
                    seed=secrets.randbits(62),
                )
        except IntegrityError:  # this PIN is taken by an open session: draw another
            continue
    raise LiveError("Impossible de trouver un code libre : réessayez.")


QUESTIONS_CACHE_SECONDS = 60 * 60 * 6


def session_questions(session: LiveSession) -> list[QuizQuestion]:
    """The quiz's questions in order, as they were when the session first needed them.

    Kept in Django's cache (shared Redis on several servers) for the session's life: every poll that
    brings a question needs them, and a quiz edited during a live game must not change under the
    players' feet. A new session reads the edited quiz."""
    cached = session.__dict__.get("_questions")
    if cached is None:
        key = f"live-questions:{session.pk}:{session.created_at.timestamp()}"
        cached = cache.get(key)
        if cached is None:
            cached = list(
                QuizQuestion.objects.filter(quiz_id=session.quiz_id).select_related(
                    "concept_question"
                )
            )
            cache.set(key, cached, QUESTIONS_CACHE_SECONDS)
        session.__dict__["_questions"] = cached
    return cached


def session_open_by_pin(pin: str) -> LiveSession | None:
    pin = pin.strip()
    if not re.fullmatch(r"[0-9]{6}", pin):
        return None
    return LiveSession.objects.filter(pin=pin, state__in=OPEN_STATES).first()


def _check_owner(session: LiveSession, user) -> None:
    if not (user.is_superuser or session.owner_id == user.pk):
        raise LiveError("Seul l’enseignant qui a lancé la session peut la piloter.")


def _bump(session: LiveSession) -> None:
    """A new state for every screen (students poll on this version). What only the projector shows
    (joins, answers, self-paced progress) is counted when it polls: `session_activity`."""
    LiveSession.objects.filter(pk=session.pk).update(state_version=F("state_version") + 1)


def question_seconds(question: QuizQuestion, extra_time: bool) -> int:
    """The quiz's time for this question, or the default for its kind; +50 % with extra time."""
    default = NUMERIC_SECONDS if question.kind == QuizQuestion.Kind.NUMERIC else CONCEPT_SECONDS
    seconds = question.time_limit or default
    return int(seconds * EXTRA_TIME) if extra_time else seconds


def _self_paced(session: LiveSession) -> bool:
    return session.pacing == LiveSession.Pacing.STUDENT


def _clock(question: QuizQuestion, session: LiveSession, now: datetime) -> dict:
    """A question's start and deadline, for the class or for one student."""
    seconds = question_seconds(question, session.extra_time)
    return {"question_started_at": now, "question_deadline": now + timedelta(seconds=seconds)}


@transaction.atomic
def session_advance(*, session: LiveSession, user, now: datetime) -> LiveSession:
    """Start the first question, or go on to the next one; after the last, the podium.

    Student-paced: starting puts every player on the first question with their own clock; after
    that each student moves on alone (`player_next`) and the teacher only ends the session."""
    _check_owner(session, user)
    session = LiveSession.objects.select_for_update().get(pk=session.pk)
    if session.state == LiveSession.State.FINISHED:
        raise LiveError("La session est terminée.")
    questions = session_questions(session)
    if _self_paced(session):
        if session.state != LiveSession.State.LOBBY:
            raise LiveError(
                "Chacun avance à son rythme : terminez la session quand la classe a fini."
            )
        LiveSession.objects.filter(pk=session.pk).update(
            state=LiveSession.State.QUESTION, question_index=0
        )
        Player.objects.filter(session=session).update(
            current_index=0, **_clock(questions[0], session, now)
        )
        _bump(session)
        session.refresh_from_db()
        return session
    following = session.question_index + 1
    if following >= len(questions):
        return session_finish(session=session, user=user, now=now)
    seconds = question_seconds(questions[following], session.extra_time)
    session.state = LiveSession.State.QUESTION
    session.question_index = following
    session.question_started_at = now
    session.question_deadline = now + timedelta(seconds=seconds)
    session.save(
        update_fields=["state", "question_index", "question_started_at", "question_deadline"]
    )
    _bump(session)
    session.refresh_from_db()
    return session


@transaction.atomic
def session_close_question(*, session: LiveSession, user, now: datetime) -> LiveSession:
    """Stop the countdown now and show the correction (every player has answered, say)."""
    _check_owner(session, user)
    if (
        session.state != LiveSession.State.QUESTION
        or _self_paced(session)
        or question_closed(session, now)
    ):
        return session
    LiveSession.objects.filter(pk=session.pk).update(question_deadline=now)
    _bump(session)
    session.refresh_from_db()
    return session


@transaction.atomic
def session_finish(*, session: LiveSession, user, now: datetime) -> LiveSession:
    _check_owner(session, user)
    LiveSession.objects.filter(pk=session.pk).update(
        state=LiveSession.State.FINISHED, finished_at=now
    )
    _bump(session)
    session.refresh_from_db()
    return session


def question_closed(session: LiveSession, now: datetime) -> bool:
    """The class's question is closed once its time is up (server time)."""
    return _closed(session.state, session.question_deadline, now)


def _closed(state: str, deadline: datetime | None, now: datetime) -> bool:
    return state == LiveSession.State.QUESTION and deadline is not None and now >= deadline


@dataclass(frozen=True)
class Turn:
    """The question a player is on and its clock: the class's when the teacher sets the pace, the
    player's own when each student does."""

    index: int
    started_at: datetime | None
    deadline: datetime | None
    self_paced: bool


def player_turn(session: LiveSession, player: Player | None) -> Turn:
    if _self_paced(session) and player is not None:
        return Turn(
            player.current_index, player.question_started_at, player.question_deadline, True
        )
    return Turn(
        session.question_index, session.question_started_at, session.question_deadline, False
    )


def turn_closed(*, state: str, turn: Turn, answered: bool, now: datetime) -> bool:
    """Whether the player sees the correction: time is up; or, at their own pace, they answered."""
    return _closed(state, turn.deadline, now) or (
        turn.self_paced and answered and state == LiveSession.State.QUESTION
    )


def turn_question(session: LiveSession, turn: Turn) -> QuizQuestion | None:
    if session.state != LiveSession.State.QUESTION:
        return None
    questions = session_questions(session)
    return questions[turn.index] if 0 <= turn.index < len(questions) else None


def current_question(session: LiveSession) -> QuizQuestion | None:
    """The question the class is on (teacher-paced)."""
    return turn_question(session, player_turn(session, None))


# --------------------------------------------------------------------------------------------------
# Players
# --------------------------------------------------------------------------------------------------


def clean_pseudo(raw: str) -> str:
    """1 to 20 visible characters after trimming; inner runs of spaces become one space."""
    pseudo = re.sub(r"\s+", " ", "".join(c for c in (raw or "") if c.isprintable() or c == " "))
    pseudo = pseudo.strip()
    if not pseudo:
        raise LiveError("Choisissez un pseudo.")
    if len(pseudo) > PSEUDO_MAX:
        raise LiveError(f"Votre pseudo doit faire au plus {PSEUDO_MAX} caractères.")
    return pseudo


def join_allowed(*, client: str) -> bool:
    """Repeated wrong PINs from one client are slowed down (shared cache: works across servers)."""
    return cache.get(_failures_key(client), 0) < JOIN_FAILURES_PER_MINUTE


def _failures_key(client: str) -> str:
    return "live-join-failures:" + hashlib.sha256(client.encode()).hexdigest()[:32]


def _join_failed(client: str) -> None:
    key = _failures_key(client)
    if cache.add(key, 1, timeout=60):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=60)


def player_join(*, pin: str, pseudo: str, client: str, now: datetime | None = None) -> Player:
    if not join_allowed(client=client):
        raise LiveError(
            "Trop d’essais avec un mauvais code : patientez une minute avant de réessayer."
        )
    session = session_open_by_pin(pin)
    if session is None:
        _join_failed(client)
        raise LiveError("Aucune session ouverte avec ce code. Vérifiez le code affiché au tableau.")
    name = clean_pseudo(pseudo)
    late_start = {}
    if _self_paced(session) and session.state == LiveSession.State.QUESTION:
        # Joining a student-paced game under way: start on the first question now.
        first = session_questions(session)[0]
        late_start = {"current_index": 0, **_clock(first, session, now or datetime.now(UTC))}
    try:
        with transaction.atomic():
            player = Player.objects.create(
                session=session,
                pseudo=name,
                pseudo_key=name.casefold()[:PSEUDO_MAX],
                token=secrets.token_urlsafe(32),
                **late_start,
            )
    except IntegrityError as error:
        raise LiveError(
            "Ce pseudo est déjà pris dans cette session : choisissez-en un autre."
        ) from error
    return player


# A student's screen needs their player, session and current answer: read in the same query as
# the poll's state (a changed poll renders without asking again), or with the player's cookie.
# Raw SQL turned into model instances as the ORM would: see quiz/rows.py for why.
_PLAYER, _SESSION, _ANSWER = (
    RowReader(Player, "p"),
    RowReader(LiveSession, "s"),
    RowReader(LiveAnswer, "a"),
)
_PLAYER_JOIN_SESSION = (
    f"FROM {Player._meta.db_table} p JOIN {LiveSession._meta.db_table} s ON s.id = p.session_id"
)


def _screen(values: tuple) -> tuple[Player, LiveAnswer | None]:
    """The player (with their session) and, when the row has one, their answer."""
    split, end = len(_PLAYER), len(_PLAYER) + len(_SESSION)
    player = _PLAYER.build(values[:split])
    player.session = _SESSION.build(values[split:end])
    answer = _ANSWER.build(values[end:]) if len(values) > end and values[end] is not None else None
    return player, answer


@dataclass(frozen=True)
class PollState:
    player_id: int
    state_version: int
    state: str
    turn: Turn
    answer_id: int | None  # the player's answer to their current question, if any
    screen_row: tuple = field(default=(), repr=False, compare=False)  # as read, unconverted

    def closed(self, now: datetime) -> bool:
        return turn_closed(
            state=self.state, turn=self.turn, answered=self.answer_id is not None, now=now
        )

    def screen(self) -> tuple[Player, LiveAnswer | None]:
        """The player with their session, and their answer to the current question (if any), as
        the poll read them; only for a state read from the database (`poll_state`)."""
        if not self.screen_row:
            raise ValueError("this poll state was not read from the database")
        return _screen(self.screen_row)


_SELF = f"s.pacing = '{LiveSession.Pacing.STUDENT}'"
_CURRENT = f"CASE WHEN {_SELF} THEN p.current_index ELSE s.question_index END"


@functools.cache
def _poll_sql() -> str:
    return (
        f"SELECT p.id, p.session_id, s.state_version, s.state, {_SELF}, {_CURRENT}, "
        f"CASE WHEN {_SELF} THEN p.question_deadline ELSE s.question_deadline END, a.id, "
        f"{_PLAYER.columns}, {_SESSION.columns}, {_ANSWER.columns} {_PLAYER_JOIN_SESSION} "
        f"LEFT JOIN {LiveAnswer._meta.db_table} a ON a.player_id = p.id "
        f"AND a.question_index = {_CURRENT} WHERE p.token = %s"
    )


# What `secrets.token_urlsafe(32)` gives; anything else in the cookie is nobody's (and a NUL would
# make PostgreSQL refuse the query rather than find no one).
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _token_shaped(token: str | None) -> bool:
    return bool(token) and _TOKEN_SHAPE.fullmatch(token) is not None


def poll_state(*, token: str | None) -> PollState | None:
    """What a student's poll compares, in one indexed query; the same row holds the player, session
    and current answer (unconverted until `PollState.screen`), so a changed screen asks no more.

    Raw SQL on purpose: this runs for every student every second, and compiling the equivalent ORM
    query costs several times the query itself (measured: 500 µs against 40 µs)."""
    if not _token_shaped(token):
        return None
    with connection.cursor() as cursor:
        cursor.execute(_poll_sql(), [token])
        row = cursor.fetchone()
    if row is None:
        _seats.pop(token, None)
        return None
    player_id, session_id, version, state, self_paced, index, deadline, answer_id = row[:8]
    if isinstance(deadline, str):  # SQLite: a CASE has no declared type to convert from
        deadline = datetime.fromisoformat(deadline)
    if deadline is not None and deadline.tzinfo is None:
        deadline = deadline.replace(tzinfo=UTC)
    if not self_paced and settings.LIVE_POLL_REUSE_SECONDS > 0:
        _remember_class_clock(token, player_id, session_id, version, state, index, deadline)
    turn = Turn(index, None, deadline, bool(self_paced))
    return PollState(player_id, version, state, turn, answer_id, row[8:])


# An idle poll in a teacher-paced session depends only on the class's clock (its state, question
# and deadline), the same for every student. Each process keeps the copy it last read from the
# database for LIVE_POLL_REUSE_SECONDS (0.5 s): 1 000 students polling every second then cost each
# process about two queries a second instead of a thousand. The database stays the only source of
# truth: a change reaches every process within that half-second, any number of processes or servers
# can serve the session, and everything but an unchanged poll (every render, every answer) reads
# the database. Tokens map to their player and session for good (a player never changes session).


@dataclass(frozen=True)
class _ClassClock:
    read_at: float  # time.monotonic()
    state_version: int
    state: str
    index: int
    deadline: datetime | None


_seats: dict[str, tuple[int, int]] = {}  # token → (player id, session id), teacher-paced sessions
_clocks: dict[int, _ClassClock] = {}  # session id → its clock as last read by this process
_MAX_REMEMBERED = 50_000  # beyond this many students or sessions, start again from empty


def _remember_class_clock(
    token: str,
    player_id: int,
    session_id: int,
    version: int,
    state: str,
    index: int,
    deadline: datetime | None,
) -> None:
    for memory in (_seats, _clocks):
        if len(memory) >= _MAX_REMEMBERED:
            memory.clear()
    _seats[token] = (player_id, session_id)
    _clocks[session_id] = _ClassClock(time.monotonic(), version, state, index, deadline)


def recent_poll_state(*, token: str | None) -> PollState | None:
    """A teacher-paced student's poll state from this process's copy of the class's clock, when it
    was read from the database less than LIVE_POLL_REUSE_SECONDS ago; else None (ask `poll_state`).

    Enough to recognise an unchanged screen (its ETag), never to render one: there is no answer."""
    seat = _seats.get(token) if token else None
    if seat is None:
        return None
    clock = _clocks.get(seat[1])
    if clock is None or time.monotonic() - clock.read_at >= settings.LIVE_POLL_REUSE_SECONDS:
        return None
    turn = Turn(clock.index, None, clock.deadline, False)
    return PollState(seat[0], clock.state_version, clock.state, turn, None)


def forget_poll_states() -> None:
    """Drop this process's copies (tests)."""
    _seats.clear()
    _clocks.clear()


def player_by_token(token: str | None) -> Player | None:
    """The player behind a cookie, with their session (one query, no ORM compile)."""
    if not _token_shaped(token):
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_PLAYER.columns}, {_SESSION.columns} {_PLAYER_JOIN_SESSION} WHERE p.token = %s",
            [token],
        )
        row = cursor.fetchone()
    return _screen(row)[0] if row else None


def session_fresh(session_id: int) -> LiveSession:
    """The session as it is now in the database (one query, no ORM compile)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_SESSION.columns} FROM {LiveSession._meta.db_table} s WHERE s.id = %s",
            [session_id],
        )
        row = cursor.fetchone()
    if row is None:
        raise LiveSession.DoesNotExist
    return _SESSION.build(row)


# --------------------------------------------------------------------------------------------------
# Questions and answers
# --------------------------------------------------------------------------------------------------


def player_seed(session: LiveSession, player: Player | None, index: int) -> int:
    """Each player's own numbers (same KPI and difficulty), or the class's shared ones."""
    owner = player.pk if (player is not None and session.per_student_numbers) else 0
    digest = hashlib.sha256(f"{session.seed}:{owner}:{index}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 2


def player_exercise(
    session: LiveSession, player: Player | None, question: QuizQuestion, index: int
) -> Exercise:
    return generate(question.kpi_slug, question.difficulty, player_seed(session, player, index))


def _tolerance(question: QuizQuestion) -> Tolerance:
    if question.tolerance_kind == QuizQuestion.ToleranceKind.RELATIVE:
        return Tolerance(relative=question.tolerance)
    return Tolerance(absolute=question.tolerance)


@dataclass(frozen=True)
class LiveFeedback:
    verdict: str
    message: str
    diagnosis: str = ""
    points: int = 0
    session: LiveSession | None = None  # as the answer found it: the page needs no reload
    answer: LiveAnswer | None = None


def _grade(
    session: LiveSession,
    player: Player,
    question: QuizQuestion,
    index: int,
    answer: str,
    chosen: Collection[int],
):
    if question.kind == QuizQuestion.Kind.NUMERIC:
        exercise = player_exercise(session, player, question, index)
        return grade_numeric(exercise, answer, _tolerance(question))
    options = list(question.concept_question.options.all())
    return grade_choice(
        question.concept_question.kind,
        [o.pk for o in options if o.is_correct],
        chosen,
        [o.pk for o in options],
    )


def live_answer(
    *, player: Player, answer: str = "", chosen_ids: Collection[int] = (), now: datetime
) -> LiveFeedback:
    """Record a player's answer to their current question, once, if it arrives in time."""
    session = session_fresh(player.session_id)
    turn = player_turn(session, player)
    question = turn_question(session, turn)
    if question is None:
        raise LiveError("Il n’y a pas de question en cours.")
    if _closed(session.state, turn.deadline, now):
        raise LiveError("Temps écoulé : votre réponse n’a pas été prise en compte.")
    index = turn.index
    grade = _grade(session, player, question, index, answer, chosen_ids)
    if grade.verdict == INVALID:
        return LiveFeedback(INVALID, grade.message, session=session)
    correct = grade.verdict == CORRECT
    limit_ms = int((turn.deadline - turn.started_at).total_seconds() * 1000)
    elapsed_ms = int((now - turn.started_at).total_seconds() * 1000)
    response_ms = max(0, min(limit_ms, elapsed_ms))
    streak = _streak(player, index) if session.streak_bonus and correct else 0
    points = (
        answer_points(
            correct=correct,
            mode=session.scoring,
            response_ms=response_ms,
            limit_ms=limit_ms,
            streak=streak,
            streak_bonus=session.streak_bonus,
        )
        * question.points
    )
    diagnosis = getattr(grade, "diagnosis", None) or ""
    try:
        with transaction.atomic():
            stored = LiveAnswer.objects.create(
                session=session,
                player=player,
                question_index=index,
                answer=answer[:200],
                chosen_option_ids=sorted(chosen_ids),
                verdict=grade.verdict,
                diagnosis=diagnosis,
                points=points,
                response_ms=response_ms,
                answered_at=now,
            )
    except IntegrityError:  # answered before (double submit, replay): the first answer counts
        stored = LiveAnswer.objects.get(player=player, question_index=index)
        return LiveFeedback(
            stored.verdict,
            "Votre réponse est déjà enregistrée.",
            stored.diagnosis,
            stored.points,
            session,
            stored,
        )
    return LiveFeedback(grade.verdict, "Réponse enregistrée.", diagnosis, points, session, stored)


def _streak(player: Player, index: int) -> int:
    """Right answers in a row just before question `index`."""
    verdicts = dict(
        LiveAnswer.objects.filter(player=player, question_index__lt=index).values_list(
            "question_index", "verdict"
        )
    )
    streak, position = 0, index - 1
    while position >= 0 and verdicts.get(position) == CORRECT:
        streak += 1
        position -= 1
    return streak


def player_answer(*, player: Player, index: int) -> LiveAnswer | None:
    return LiveAnswer.objects.filter(player=player, question_index=index).first()


def player_next(*, player: Player, from_index: int, now: datetime) -> Player:
    """Student-paced: move on from question `from_index` once it is answered or its time is up.

    `from_index` is the question the student's page showed: a double submit or a stale page moves
    the player once, never past a question they have not seen."""
    session = session_fresh(player.session_id)
    if not _self_paced(session) or session.state != LiveSession.State.QUESTION:
        raise LiveError("C’est l’enseignant qui passe à la question suivante.")
    turn = player_turn(session, player)
    if from_index != turn.index:
        return player
    questions = session_questions(session)
    if turn.index >= len(questions):
        return player
    answered = LiveAnswer.objects.filter(player=player, question_index=turn.index).exists()
    if not turn_closed(state=session.state, turn=turn, answered=answered, now=now):
        raise LiveError("Répondez d’abord à la question, ou attendez la fin du temps.")
    following = turn.index + 1
    if following < len(questions):
        changes = {"current_index": following, **_clock(questions[following], session, now)}
    else:  # the last question is behind: the player waits for the podium
        changes = {
            "current_index": following,
            "question_started_at": None,
            "question_deadline": None,
        }
    with transaction.atomic():  # on SQLite, writers queue on the write lock (config.sqlite_backend)
        Player.objects.filter(pk=player.pk, current_index=turn.index).update(**changes)
    player.refresh_from_db()
    return player


def session_activity(*, session: LiveSession) -> tuple[int, int, int]:
    """What students change on the projector's screen: joins, answers and (student-paced) steps.

    Counted when the projector polls (once a second, one screen) rather than kept as a version
    that every join and every answer would update: that row would be the hottest in the database."""
    players = Player.objects.filter(session=session).aggregate(
        count=Count("id"), steps=Coalesce(Sum("current_index"), 0)
    )
    answers = LiveAnswer.objects.filter(session=session).count()
    return players["count"], players["steps"], answers


# --------------------------------------------------------------------------------------------------
# Leaderboard and statistics — a fixed number of queries, whatever the number of players
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    rank: int
    pseudo: str
    score: int
    time_ms: int
    player_id: int

    @property
    def rank_suffix(self) -> str:
        """`1er`, `2e`, `3e`…"""
        return "er" if self.rank == 1 else "e"


def _scored_players(session: LiveSession):
    return Player.objects.filter(session=session).annotate(
        score=Coalesce(Sum("answers__points"), Value(0), output_field=IntegerField()),
        # Ties are broken by the time taken by the answers that scored: a wrong or missing
        # answer neither costs nor saves time.
        time_ms=Coalesce(
            Sum("answers__response_ms", filter=Q(answers__points__gt=0)),
            Value(0),
            output_field=IntegerField(),
        ),
    )


def leaderboard_for(*, session: LiveSession, limit: int = LEADERBOARD_SIZE) -> list[Standing]:
    """Top players: points, then total response time, then join order (one query)."""
    rows = _scored_players(session).order_by("-score", "time_ms", "joined_at", "id")[:limit]
    return [
        Standing(rank, row.pseudo, row.score, row.time_ms, row.pk)
        for rank, row in enumerate(rows, start=1)
    ]


def player_standing(*, session: LiveSession, player: Player) -> Standing:
    """One player's score and rank (two queries)."""
    me = _scored_players(session).get(pk=player.pk)
    ahead = (
        _scored_players(session)
        .filter(
            Q(score__gt=me.score)
            | Q(score=me.score, time_ms__lt=me.time_ms)
            | Q(score=me.score, time_ms=me.time_ms, joined_at__lt=me.joined_at)
            | Q(score=me.score, time_ms=me.time_ms, joined_at=me.joined_at, pk__lt=me.pk)
        )
        .count()
    )
    return Standing(ahead + 1, me.pseudo, me.score, me.time_ms, me.pk)


@dataclass(frozen=True)
class RecapRow:
    """One line of a student's own answers, shown when they have finished."""

    number: int
    title: str
    verdict: str  # "" when the student did not answer
    points: int
    mistake: str  # the catalogue's diagnosis, addressed to the student


def player_recap(*, session: LiveSession, player: Player) -> list[RecapRow]:
    """The student's answers question by question (one query)."""
    answers = {
        row["question_index"]: row
        for row in LiveAnswer.objects.filter(player=player).values(
            "question_index", "verdict", "points", "diagnosis"
        )
    }
    rows = []
    for index, question in enumerate(session_questions(session)):
        answer = answers.get(index, {})
        kpi = get_kpi(question.kpi_slug) if question.kind == QuizQuestion.Kind.NUMERIC else None
        mistakes = {m.code: m.message for m in kpi.mistakes} if kpi else {}
        rows.append(
            RecapRow(
                index + 1,
                kpi.name if kpi else question.concept_question.stem,
                answer.get("verdict", ""),
                answer.get("points", 0),
                mistakes.get(answer.get("diagnosis", ""), ""),
            )
        )
    return rows


@dataclass(frozen=True)
class QuestionProgress:
    """Student-paced projector: one question's answers so far, right ones, named mistakes."""

    number: int
    question: QuizQuestion
    answered: int
    correct: int
    mistakes: list[tuple[str, int]]  # (mistake code, count)


@dataclass(frozen=True)
class SessionProgress:
    players: int
    finished: int  # players who have answered (or let pass) every question
    questions: list[QuestionProgress]


def session_progress(*, session: LiveSession) -> SessionProgress:
    """Where a student-paced class stands, question by question (three queries)."""
    questions = session_questions(session)
    answers = LiveAnswer.objects.filter(session=session)
    totals = {
        row["question_index"]: row
        for row in answers.values("question_index").annotate(
            answered=Count("id"), correct=Count("id", filter=Q(verdict=CORRECT))
        )
    }
    mistakes: dict[int, list[tuple[str, int]]] = {}
    for row in (
        answers.exclude(diagnosis="")
        .values("question_index", "diagnosis")
        .annotate(n=Count("id"))
        .order_by("question_index", "-n", "diagnosis")
    ):
        mistakes.setdefault(row["question_index"], []).append((row["diagnosis"], row["n"]))
    players = Player.objects.filter(session=session).aggregate(
        total=Count("id"), finished=Count("id", filter=Q(current_index__gte=len(questions)))
    )
    return SessionProgress(
        players["total"],
        players["finished"],
        [
            QuestionProgress(
                index + 1,
                question,
                totals.get(index, {}).get("answered", 0),
                totals.get(index, {}).get("correct", 0),
                mistakes.get(index, []),
            )
            for index, question in enumerate(questions)
        ],
    )


@dataclass(frozen=True)
class QuestionStats:
    answered: int
    players: int
    correct: int
    options: list[tuple[str, int, bool]]  # concept: (option text, count, is right)
    diagnoses: list[tuple[str, int]]  # numeric: (mistake code, count)


def question_stats(*, session: LiveSession, question: QuizQuestion, index: int) -> QuestionStats:
    """How many have answered, and the distribution of answers or of diagnosed mistakes."""
    answers = LiveAnswer.objects.filter(session=session, question_index=index)
    totals = answers.aggregate(answered=Count("id"), correct=Count("id", filter=Q(verdict=CORRECT)))
    players = Player.objects.filter(session=session).count()
    options: list[tuple[str, int, bool]] = []
    diagnoses: list[tuple[str, int]] = []
    if question.kind == QuizQuestion.Kind.CONCEPT:
        counts: dict[int, int] = {}
        for chosen in answers.values_list("chosen_option_ids", flat=True):
            for option_id in chosen:
                counts[option_id] = counts.get(option_id, 0) + 1
        options = [
            (option.text, counts.get(option.pk, 0), option.is_correct)
            for option in question.concept_question.options.all()
        ]
    else:
        diagnoses = [
            (row["diagnosis"], row["n"])
            for row in answers.exclude(diagnosis="")
            .values("diagnosis")
            .annotate(n=Count("id"))
            .order_by("-n", "diagnosis")
        ]
    return QuestionStats(totals["answered"], players, totals["correct"], options, diagnoses)
