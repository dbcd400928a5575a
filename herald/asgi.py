"""ASGI entry point. In the one-process install it also starts the embedded task worker."""

import gc
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "herald.settings.demo")
django.setup(set_prefix=False)

from herald.asgi_django import DjangoInThreads  # noqa: E402  (needs Django set up)

django_application = DjangoInThreads()

from delivery.asgi import with_page_cache  # noqa: E402  (needs Django set up)
from delivery.process_check import process_check_alone  # noqa: E402
from herald.asgi_guard import (  # noqa: E402
    with_body_limit,
    with_request_limit,
)
from live.asgi import with_live_stream  # noqa: E402
from worker.services import worker_start_embedded  # noqa: E402

# The live stream and cache hits are answered first: neither reads a request body nor runs
# Django. Everything that reaches Django is held to its body limit and waits its turn, and runs
# to its end (herald/asgi_guard.py).
application = with_live_stream(
    with_page_cache(with_body_limit(with_request_limit(django_application)))
)

process_check_alone()
worker_start_embedded()
# What is loaded by now (Django, Wagtail, the URL conf, templates) stays for the life of the
# process: leave it out of the garbage collector's full passes, which otherwise walk all of it
# every so often in the middle of a request (docs/performance.md).
gc.freeze()
