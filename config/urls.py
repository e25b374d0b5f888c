from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from config import pwa, views

admin.site.site_header = "NDRC Révisions — espace enseignant"
admin.site.site_title = "NDRC Révisions"
admin.site.index_title = "Administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sw.js", pwa.service_worker, name="service-worker"),
    path("hors-ligne/", pwa.offline, name="offline"),
    path("calculateurs/", include("calculators.urls")),
    path("cours/", include("courses.urls")),
    path("entrainement/", include("quiz.practice.urls")),
    path("", include("quiz.live.urls")),
    path("compte/", include("quiz.teaching.account_urls")),
    path("devoirs/", include("quiz.teaching.homework_urls")),
    path("enseignant/quiz/", include("quiz.authoring.urls")),
    path("enseignant/", include("quiz.teaching.urls")),
    path("admin/", admin.site.urls),
]

# The app's own French pages for every error (config/views.py).
handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
