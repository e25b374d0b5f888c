from __future__ import annotations

from django.urls import path

from calculators import views

app_name = "calculators"
urlpatterns = [
    path("", views.calculator_index, name="index"),
    path("<slug:slug>/", views.calculator_detail, name="detail"),
]
