"""The stock Wagtail baseline of bench/suite.py: a project made by ``wagtail start`` from the
packages on PyPI (the same Wagtail and Django as Herald), with one page type holding the same
article text and picture, rendered by Wagtail's own ``serve`` with no cache of any kind and
served through the project's own WSGI entry point (``wsgi.py``, as ``wagtail start`` makes it).

The project is made once under ``/tmp/herald-bench-stock`` with a PostgreSQL database of its
own (``herald_bench_stock``); ``stock_wagtail_ensure`` fills it with the article it is given
each run, so the page holds what Herald's article holds that run.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PYTHON = sys.executable
PROJECT = "stockwagtail"
DATABASE = "herald_bench_stock"

MODELS = '''

from wagtail.fields import RichTextField


class ArticlePage(Page):
    """One story: what a news site's simplest article page holds."""

    standfirst = models.TextField(blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = RichTextField(blank=True)
'''

TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags wagtailimages_tags %}
{% block content %}
<article>
  <h1>{{ page.title }}</h1>
  <p>{{ page.standfirst }}</p>
  {% if page.image %}{% image page.image fill-800x450 %}{% endif %}
  {{ page.body|richtext }}
</article>
{% endblock %}
"""

SETTINGS = """import os

from .base import *  # noqa: F403

DEBUG = False
INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]  # noqa: F405 (Wagtail on PostgreSQL)
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["*"]
DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "{database}",
        "USER": "postgres",
        "HOST": "127.0.0.1",
        "PORT": "5432",
        "CONN_MAX_AGE": 600,
    }}
}}
"""

FILL = """
import json, os
from pathlib import Path
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.models import Page
from home.models import ArticlePage

story = json.loads(Path(os.environ["BENCH_STORY"]).read_text())
home = Page.objects.get(depth=2)
ArticlePage.objects.all().delete()
Image.objects.all().delete()
image = None
if story["image"]:
    with open(story["image"], "rb") as handle:
        image = Image(title=story["title"], file=ImageFile(handle, name=Path(story["image"]).name))
        image.save()
page = ArticlePage(
    title=story["title"], slug="story", standfirst=story["standfirst"], body=story["body"],
    image=image,
)
home.add_child(instance=page)
page.save_revision().publish()
print(page.url_path)
"""


def environment(root: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": f"{PROJECT}.settings.bench",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "PYTHONPATH": str(root),
    }


def _manage(root: Path, *args):
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=root,
        env=environment(root),
        check=True,
        capture_output=True,
        text=True,
    )


def _create_project(root: Path):
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        db.execute(f'CREATE DATABASE "{DATABASE}"')
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    wagtail = shutil.which("wagtail", path=str(Path(PYTHON).parent))
    subprocess.run([wagtail, "start", PROJECT, str(root)], check=True, capture_output=True)  # noqa: S603
    with open(root / "home" / "models.py", "a") as models:
        models.write(MODELS)
    (root / "home" / "templates" / "home" / "article_page.html").write_text(TEMPLATE)
    (root / PROJECT / "settings" / "bench.py").write_text(SETTINGS.format(database=DATABASE))
    _manage(root, "makemigrations", "home", "-v0")
    _manage(root, "migrate", "--no-input", "-v0")
    _manage(root, "collectstatic", "--no-input", "-v0")
    (root / ".built").write_text("")


def stock_wagtail_ensure(story: dict, root: Path = Path("/tmp/herald-bench-stock")) -> str:  # noqa: S108
    """Make the project if need be, put ``story`` (title, standfirst, body HTML, image file) in
    its one article page; return the page's path."""
    if not (root / ".built").exists():
        _create_project(root)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(story, handle)
    out = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "-c", FILL],
        cwd=root,
        env={**environment(root), "BENCH_STORY": handle.name},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    os.unlink(handle.name)
    url_path = out.strip().splitlines()[-1]  # /home/story/
    return "/" + url_path.strip("/").split("/", 1)[1] + "/"
