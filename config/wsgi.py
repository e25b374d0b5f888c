from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

from quiz.live.middleware import IdlePollApp  # noqa: E402  (needs the apps loaded)

# A student's unchanged live poll is answered before Django (quiz/live/middleware.py says why).
application = IdlePollApp(django_application)
