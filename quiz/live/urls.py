from __future__ import annotations

from django.urls import path

from quiz.live.views import player, roster, teacher

app_name = "live"
urlpatterns = [
    path("animer/", teacher.host_home, name="host"),
    path("animer/lancer/", teacher.host_launch, name="launch"),
    path("animer/<int:session_id>/", teacher.projector, name="projector"),
    path("animer/<int:session_id>/etat/", teacher.projector_poll, name="projector-poll"),
    path("animer/<int:session_id>/action/", teacher.projector_action, name="projector-action"),
    path("animer/<int:session_id>/resultats/", teacher.results, name="results"),
    path("animer/<int:session_id>/joueurs/", roster.players, name="players"),
    path("animer/<int:session_id>/joueurs/retirer/", roster.player_remove, name="player-remove"),
    path("animer/<int:session_id>/joueurs/fusionner/", roster.player_merge, name="player-merge"),
    path("rejoindre/", player.join, name="join"),
    path("session/", player.play, name="play"),
    path("session/etat/", player.play_poll, name="play-poll"),
    path("session/repondre/", player.play_answer, name="play-answer"),
    path("session/suivante/", player.play_next, name="play-next"),
]
