"""`make bench` runs gunicorn with these settings: the app's own, plus the floor views' URLs."""

from __future__ import annotations

from config.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.bench_floor_urls"
