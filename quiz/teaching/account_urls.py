from __future__ import annotations

from django.urls import path

from quiz.teaching import account_views

app_name = "accounts"
urlpatterns = [
    path("", account_views.account, name="account"),
    path("inscription/", account_views.sign_up, name="sign-up"),
    path("connexion/", account_views.sign_in, name="sign-in"),
    path("deconnexion/", account_views.sign_out, name="sign-out"),
    path("mot-de-passe/", account_views.PasswordChange.as_view(), name="password"),
    path("donnees/", account_views.personal_data, name="personal-data"),
    path("donnees.json", account_views.personal_data_json, name="personal-data-json"),
    path("supprimer/", account_views.account_delete, name="delete"),
]
