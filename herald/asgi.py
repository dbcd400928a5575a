"""ASGI entry point. In the one-process install it also starts the embedded task worker."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "herald.settings.demo")

application = get_asgi_application()

from worker.services import worker_start_embedded  # noqa: E402  (needs Django set up)

worker_start_embedded()
