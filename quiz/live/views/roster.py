"""The teacher's list of a session's players (`/animer/<id>/joueurs/`, staff only): remove a
player, merge a ghost into the player it duplicates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from config.http import HtmxHttpRequest
from quiz.errors import Refusal
from quiz.inputs import small_int
from quiz.live import roster
from quiz.live.views.teacher import owned_session


@require_safe
@staff_member_required
def players(request: HtmxHttpRequest, session_id: int) -> HttpResponse:
    """Every player with their score, answers and account; remove and merge forms."""
    session = owned_session(request, session_id)
    return render(
        request,
        "quiz/live/players.html",
        {"session": session, "players": roster.session_roster(session=session)},
    )


@require_POST
@staff_member_required
def player_remove(request: HtmxHttpRequest, session_id: int) -> HttpResponse:
    session = owned_session(request, session_id)
    try:
        pseudo = roster.player_remove(
            session=session,
            user=request.user,
            player_id=small_int(request.POST.get("player", "")),
        )
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"{pseudo} a été retiré de la session.")
    return redirect("live:players", session_id=session.pk)


@require_POST
@staff_member_required
def player_merge(request: HtmxHttpRequest, session_id: int) -> HttpResponse:
    session = owned_session(request, session_id)
    try:
        kept = roster.player_merge(
            session=session,
            user=request.user,
            ghost_id=small_int(request.POST.get("ghost", "")),
            into_id=small_int(request.POST.get("into", "")),
        )
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, f"Les réponses ont été regroupées sous «\u00a0{kept.pseudo}\u00a0»."
        )
    return redirect("live:players", session_id=session.pk)
