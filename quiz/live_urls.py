from __future__ import annotations

from django.urls import path

from quiz.views import live

app_name = "live"
urlpatterns = [
    path("animer/", live.host_home, name="host"),
    path("animer/lancer/", live.host_launch, name="launch"),
    path("animer/<int:session_id>/", live.projector, name="projector"),
    path("animer/<int:session_id>/etat/", live.projector_poll, name="projector-poll"),
    path("animer/<int:session_id>/action/", live.projector_action, name="projector-action"),
    path("animer/<int:session_id>/resultats/", live.results, name="results"),
    path("rejoindre/", live.join, name="join"),
    path("session/", live.play, name="play"),
    path("session/etat/", live.play_poll, name="play-poll"),
    path("session/repondre/", live.play_answer, name="play-answer"),
    path("session/suivante/", live.play_next, name="play-next"),
]
