import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from herald.demo import demo_admin_ensure, demo_build, demo_extras_run, network_exists
from sitesearch.documents import is_enabled as search_documents_enabled

INDEX_LIMIT = 5000


class Command(BaseCommand):
    help = (
        "Fill an empty database with a demo network of two sites: sections, authors, articles, "
        "pictures and galleries. Deterministic for a given --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=400, help="How many articles (400).")
        parser.add_argument("--seed", type=int, default=2019, help="Random seed (2019).")
        parser.add_argument(
            "--port",
            type=int,
            default=settings.HERALD_DEMO_PORT,
            help="The port the sites answer on (HERALD_DEMO_PORT, 8000).",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the network already exists."
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help=f"Skip the search index (always skipped above {INDEX_LIMIT} "
            "articles: run `manage.py update_index` then).",
        )

    def handle(self, *args, articles, seed, port, if_empty, no_index, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if network_exists():
            if if_empty:
                demo_extras_run(seed=seed)
                self.stdout.write(
                    "The network already exists: demo content kept; forecasts, alerts and "
                    "listings brought up to date."
                )
                self._admin()
                return
            raise CommandError(
                "The database already holds a network. Use a new database (delete var/ for "
                "SQLite) or pass --if-empty to skip."
            )
        started = time.monotonic()
        report = demo_build(
            articles=articles,
            seed=seed,
            port=port,
            progress_factory=lambda total, desc: tqdm(total=total, desc=desc, unit="article"),
        )
        built_in = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo network built in {built_in:.1f} s: {report.sites} sites, {report.sections} "
                f"sections, {report.articles} articles, {report.galleries} galleries, "
                f"{report.authors} authors."
            )
        )
        if no_index or articles > INDEX_LIMIT:
            self.stdout.write(
                "Search index not built: run `manage.py update_index` for it (and on PostgreSQL "
                "`manage.py search_documents --from-wagtail-index` after it)."
            )
        else:
            call_command("update_index", verbosity=0)
            if search_documents_enabled():
                call_command("search_documents", verbosity=0)
            self.stdout.write(f"Search index built ({time.monotonic() - started:.1f} s in all).")
        self._admin()

    def _admin(self):
        password = demo_admin_ensure()
        if password:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin sign-in created: e-mail 'admin@localhost', password '{password}' "
                    "(also kept in var/demo-admin.txt)."
                )
            )
