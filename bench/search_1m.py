#!/usr/bin/env python
"""Benchmark site search (/search/?q=) at 1,000,000 articles on PostgreSQL.

Uses a scratch PostgreSQL database (herald_bench_1m by default, never the development one) and
runs four steps:

1. ``--build``: migrates the database and fills it with ``manage.py demo_content --articles N
   --no-index`` unless it already holds a network.
2. Makes sure the search index is complete: every live article has its entry in Wagtail's
   index table. If it does not, it writes the entries in bulk. ``update_index`` takes about
   30 minutes for 1,000,000 articles, and longer as the table grows: it recomputes the table's
   average title length after every chunk. The bulk writer produces the same rows. It reads
   each article's searchable text through the real StreamField blocks, and it builds the
   vectors with the same to_tsvector/setweight expressions, weights and configs as Wagtail's
   PostgreSQL backend (modelsearch). It then checks a sample against the backend's own
   ``add_items``, inside a transaction that is rolled back.
3. Runs 20 fixed queries (common, medium, rare and absent terms, several words, a quoted phrase,
   a date filter and a section filter). Each query runs once to warm up and is then timed
   ``--repeat`` times (fewer if ``--budget`` runs out) in two ways:
   (a) in-process: ``selectors.articles_search`` with ``newsroom.models.paginate`` (the count
       and the first page of 20, as the view runs them; the view then loads those 20 as their
       specific pages, which only (b) includes);
   (b) the whole view: GET /search/?q=... through Django's test client, with the page cache off
       (HERALD_PAGE_CACHE=false), so every request renders.
4. Prints, for each query, the median, p95 and hit count, then the p95 over all timed runs, for
   both (a) and (b). ``--explain`` adds EXPLAIN ANALYZE for the slowest query.

Usage (PostgreSQL on 127.0.0.1, trust auth):

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE herald_bench_1m'
    .venv/bin/python bench/search_1m.py --build [--articles 1000000] [--budget 30] [--explain]
    .venv/bin/python bench/search_1m.py --extra-indexes --budget 30 --explain  # the index fix
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE herald_bench_1m'

Percentiles use the nearest rank: with 10 runs a query's p95 is its slowest run. Not part of
the test suite.
"""

import argparse
import contextlib
import datetime
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/herald_bench_1m"
DEFAULT_VAR_DIR = str(Path(tempfile.gettempdir()) / "herald-bench-1m")
STAGE_BATCH = 5000
VECTORS = ("title", "autocomplete", "body")

# (label, query, filter): filter is None, ("date", days back from the newest article) or
# ("section", slug). The shares are of the searched site's 600,000 articles at 1,000,000 (the demo
# copy, newsroom/demo/text.py: Latin filler paragraphs from Faker, headlines from word pools,
# Faker names in quotes; it has no word rarer than a name from a pool of 100).
QUERIES = [
    ("common: dolor", "dolor", None),  # in 92 % of the articles
    ("common: voluptas", "voluptas", None),  # 57 %
    ("common: magnam", "magnam", None),  # 63 %
    ("common: et", "et", None),  # 62 %
    ("medium: water", "water", None),  # 12 % (headlines, subheadings)
    ("medium: budget", "budget", None),
    ("medium: reforms", "reforms", None),
    ("rare: Eskom", "Eskom", None),  # 1.7 % (business headlines)
    ("rare: Pauline", "Pauline", None),  # 1.0 % (a name in quotes)
    ("rare: Middleton-Smith", "Middleton-Smith", None),
    ("rare: Springboks (other site)", "Springboks", None),  # 0: only the sport site has it
    ("absent: zebra", "zebra", None),
    ("two words: water plan", "water plan", None),
    ("two words: dolor sit", "dolor sit", None),
    ("two words: Eskom reforms", "Eskom reforms", None),
    ("three words: load shedding schedule", "load shedding schedule", None),
    ("quoted phrase", '"fuel price hike"', None),  # search_terms() drops the quotes
    ("four words: Cape Town housing project", "Cape Town housing project", None),
    ("date filter: dolor, last 30 days", "dolor", ("date", 30)),
    ("section filter: water in Business", "water", ("section", "business")),
]


def configure(args):
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["HERALD_VAR_DIR"] = args.var_dir
    os.environ["HERALD_PAGE_CACHE"] = "false"  # every request renders: no cached page
    Path(args.var_dir).mkdir(parents=True, exist_ok=True)


def manage(*arguments):
    command = [sys.executable, str(ROOT / "manage.py"), *arguments]
    subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603 (our own manage.py)


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


# -- 1. build ------------------------------------------------------------------------------


def build(args):
    started = time.perf_counter()
    manage("migrate", "--no-input", "-v0")
    import django

    django.setup()
    from herald.demo import network_exists

    if network_exists():
        print("build: the database already holds a network; kept as it is.")
        return
    print(f"build: demo_content --articles {args.articles} --no-index ...", flush=True)
    built = time.perf_counter()
    manage("demo_content", "--articles", str(args.articles), "--seed", str(args.seed), "--no-index")
    print(
        f"build: demo content in {time.perf_counter() - built:.0f} s "
        f"({time.perf_counter() - started:.0f} s with migrations)"
    )


# -- 2. search index -----------------------------------------------------------------------


def index_counts():
    """(live articles, live articles with an index entry) of every article type."""
    from django.db import connection
    from modelsearch.conf import get_app_config
    from modelsearch.utils import get_descendants_content_types_pks

    from newsroom.models import ArticlePage

    table = get_app_config().get_model("IndexEntry")._meta.db_table
    types = get_descendants_content_types_pks(ArticlePage)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT count(*), count(e.id) FROM wagtailcore_page p
            LEFT JOIN {table} e
              ON e.content_type_id = p.content_type_id AND e.object_id = p.id::text
            WHERE p.live AND p.content_type_id = ANY(%s)""",  # noqa: S608 (table name)
            [types],
        )
        return cursor.fetchone()


class ArticleTexts:
    """The text Wagtail's PostgreSQL backend indexes for an ArticlePage, from raw rows.

    ``ObjectIndexer`` reads each search field's value (``SearchField.get_value``, which for the
    StreamField body is ``stream_block.get_searchable_content``) and joins lists with ", ".
    Here the same block methods run once per distinct block value (the demo copy repeats), so a
    million bodies take minutes instead of hours; ``verify_sample`` compares the outcome.
    """

    EXPECTED = [
        ("SearchField", "title"),
        ("AutocompleteField", "title"),
        ("SearchField", "standfirst"),
        ("SearchField", "body"),
    ]

    def __init__(self):
        from modelsearch.backends.database.postgres.weights import get_weight
        from modelsearch.index import AutocompleteField, SearchField

        from newsroom.models import ArticlePage

        fields = [
            field
            for field in ArticlePage.get_search_fields()
            if isinstance(field, (SearchField, AutocompleteField))
        ]
        found = [(type(field).__name__, field.field_name) for field in fields]
        if found != self.EXPECTED:
            raise SystemExit(
                f"ArticlePage.search_fields changed ({found}); the bulk indexer mirrors "
                f"{self.EXPECTED}: update it, or run `manage.py update_index`."
            )
        boosts = {f.field_name: f.boost for f in fields if isinstance(f, SearchField)}
        self.title_weight = get_weight(boosts["title"])
        self.standfirst_weight = get_weight(boosts["standfirst"])
        self.body_weight = get_weight(boosts["body"])
        self.stream_block = ArticlePage._meta.get_field("body").stream_block
        self.block_texts = {}

    def body(self, raw_blocks):
        """``prepare_value(field.get_value(article))`` for the body, from its stored JSON."""
        content = []
        for raw in raw_blocks:
            block = self.stream_block.child_blocks.get(raw["type"])
            if block is None:
                continue
            value = raw["value"]
            key = (
                raw["type"],
                value if isinstance(value, str) else json.dumps(value, sort_keys=True),
            )
            texts = self.block_texts.get(key)
            if texts is None:
                texts = self.block_texts[key] = list(
                    block.get_searchable_content(block.to_python(value))
                )
            content.extend(texts)
        return ", ".join(content)


def build_index(args):
    """Write every article's index entry in bulk; other indexed models go through the backend."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from modelsearch.backends import get_search_backend
    from modelsearch.conf import get_app_config
    from modelsearch.index import get_indexed_models

    from newsroom.models import ArticlePage

    table = get_app_config().get_model("IndexEntry")._meta.db_table
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    backend = get_search_backend()
    texts = ArticleTexts()
    started = time.perf_counter()

    with transaction.atomic(), connection.cursor() as cursor:
        # DDL is transactional: if anything fails, the indexes and entries come back as they were.
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
            "AND indexdef LIKE '%% USING gin %%'",
            [table],
        )
        gin_indexes = cursor.fetchall()
        for name, _definition in gin_indexes:
            cursor.execute(f'DROP INDEX "{name}"')

        # Everything but ArticlePage rows, exactly as update_index does it (a few hundred rows).
        others = 0
        for model in get_indexed_models():
            if model is ArticlePage:
                continue
            index = backend.get_index_for_model(model)
            index.add_model(model)
            objects = list(model.get_indexed_objects().order_by("pk"))
            for start in range(0, len(objects), 1000):
                index.add_items(model, objects[start : start + 1000])
            others += len(objects)
        print(f"index: {others} other objects through the backend", flush=True)

        # Articles: stage their texts with COPY, then build the vectors in PostgreSQL.
        cursor.execute(
            "CREATE TEMP TABLE search_stage (id bigint, title text, standfirst text, body text, "
            "title_text text, body_text text) ON COMMIT DROP"
        )
        queryset = ArticlePage.get_indexed_objects().order_by("pk")
        ids_sql, ids_params = queryset.values("pk").query.sql_with_params()
        with connection.connection.cursor(name="search_articles") as reader:
            reader.itersize = STAGE_BATCH
            reader.execute(
                f"""SELECT p.id, p.title, a.standfirst, a.body FROM wagtailcore_page p
                JOIN newsroom_articlepage a ON a.page_ptr_id = p.id
                WHERE p.id IN ({ids_sql}) ORDER BY p.id""",  # noqa: S608
                ids_params,
            )
            staged = 0
            while rows := reader.fetchmany(STAGE_BATCH):
                # Texts first: reading an image block queries the database, which COPY blocks.
                staged_rows = []
                for page_id, title, standfirst, body in rows:
                    raw_blocks = json.loads(body) if isinstance(body, str) else body
                    # as_vector() strips each text and leaves out empty ones
                    parts = [t.strip() for t in (title, standfirst, texts.body(raw_blocks))]
                    staged_rows.append(
                        (
                            page_id,
                            parts[0] or None,
                            parts[1] or None,
                            parts[2] or None,
                            parts[0],
                            " ".join(t for t in parts[1:] if t),
                        )
                    )
                with cursor.cursor.copy(
                    "COPY search_stage (id, title, standfirst, body, title_text, body_text) "
                    "FROM STDIN"
                ) as copy:
                    for row in staged_rows:
                        copy.write_row(row)
                staged += len(rows)
                if staged % 100_000 < STAGE_BATCH:
                    print(
                        f"index: {staged} articles staged ({time.perf_counter() - started:.0f} s)",
                        flush=True,
                    )
        print(
            f"index: {staged} articles staged in {time.perf_counter() - started:.0f} s "
            f"({len(texts.block_texts)} distinct blocks)",
            flush=True,
        )

        # The same SQL ObjectIndexer.as_vector() gets from Django's SearchVector: the default
        # text search config for title and body, 'simple' for autocomplete; an empty field set
        # gives to_tsvector('').
        title_vector = "setweight(to_tsvector(COALESCE(s.title, '')), %(tw)s)"
        vectors = {
            "title": f"CASE WHEN s.title IS NULL THEN to_tsvector('') ELSE {title_vector} END",
            "autocomplete": "CASE WHEN s.title IS NULL THEN to_tsvector('') ELSE "
            "setweight(to_tsvector('simple'::regconfig, COALESCE(s.title, '')), 'D') END",
            "body": """CASE
                WHEN s.standfirst IS NULL AND s.body IS NULL THEN to_tsvector('')
                WHEN s.body IS NULL THEN setweight(to_tsvector(COALESCE(s.standfirst, '')), %(sw)s)
                WHEN s.standfirst IS NULL THEN setweight(to_tsvector(COALESCE(s.body, '')), %(bw)s)
                ELSE (setweight(to_tsvector(COALESCE(s.standfirst, '')), %(sw)s)
                      || setweight(to_tsvector(COALESCE(s.body, '')), %(bw)s)) END""",
        }
        weights = {
            "tw": texts.title_weight,
            "sw": texts.standfirst_weight,
            "bw": texts.body_weight,
        }
        # title_norm as the rebuild's last step sets it: average title length over all entries
        # with a title, divided by the entry's title length (PostgresIndex._refresh_title_norms).
        cursor.execute(
            f"""SELECT avg(n) FROM (
                SELECT length(title) AS n FROM {table}
                UNION ALL SELECT length({vectors["title"]}) FROM search_stage s
            ) lengths WHERE n > 0""",  # noqa: S608
            weights,
        )
        average = float(cursor.fetchone()[0])
        cursor.execute(
            f"""INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body,
                title_norm, title_text, body_text)
            SELECT %(type)s, v.id::text, v.title, v.autocomplete, v.body,
                CASE WHEN length(v.title) > 0
                     THEN %(average)s / length(v.title) ELSE 1.0 END,
                v.title_text, v.body_text
            FROM (SELECT s.id, s.title_text, s.body_text, {vectors["title"]} AS title,
                         {vectors["autocomplete"]} AS autocomplete, {vectors["body"]} AS body
                  FROM search_stage s) v""",  # noqa: S608
            {**weights, "type": article_type, "average": average},
        )
        print(
            f"index: {cursor.rowcount} article entries written "
            f"({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        cursor.execute(
            f"UPDATE {table} SET title_norm = %s / length(title) "  # noqa: S608
            "WHERE content_type_id <> %s AND length(title) > 0",
            [average, article_type],
        )
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred content type checks, now
        for name, definition in gin_indexes:
            index_started = time.perf_counter()
            cursor.execute(definition)
            print(f"index: {name} rebuilt in {time.perf_counter() - index_started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")  # noqa: S608
        cursor.execute("ANALYZE wagtailcore_page")
    print(f"index: built in {time.perf_counter() - started:.0f} s", flush=True)


def verify_sample(size):
    """Index ``size`` articles with the backend's own add_items, compare, and roll back."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from modelsearch.backends import get_search_backend
    from modelsearch.conf import get_app_config

    from newsroom.models import ArticlePage

    if size <= 0:
        return
    table = get_app_config().get_model("IndexEntry")._meta.db_table
    ids = list(ArticlePage.get_indexed_objects().order_by("?").values_list("pk", flat=True)[:size])
    names = ["object_id", "title", "autocomplete", "body", "title_norm", "title_text", "body_text"]
    columns = ", ".join(f"{name}::text" if name in VECTORS else name for name in names)
    query = f"SELECT {columns} FROM {table} WHERE content_type_id = %s AND object_id = ANY(%s)"  # noqa: S608
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    keys = [str(pk) for pk in ids]
    with connection.cursor() as cursor:
        cursor.execute(query, [article_type, keys])
        bulk = {row[0]: row for row in cursor.fetchall()}
    started = time.perf_counter()
    with contextlib.suppress(_Rollback), transaction.atomic():
        index = get_search_backend().get_index_for_model(ArticlePage)
        index.add_items(ArticlePage, list(ArticlePage.get_indexed_objects().filter(pk__in=ids)))
        with connection.cursor() as cursor:
            cursor.execute(query, [article_type, keys])
            backend = {row[0]: row for row in cursor.fetchall()}
        raise _Rollback
    differences = [
        (key, name)
        for key in keys
        for name, mine, theirs in zip(
            names, bulk.get(key, [None] * 7), backend.get(key, [None] * 7), strict=True
        )
        if mine != theirs
    ]
    if differences:
        raise SystemExit(f"verify: bulk entries differ from add_items: {differences[:10]}")
    print(
        f"verify: {len(keys)} random articles re-indexed by the backend's add_items "
        f"({time.perf_counter() - started:.1f} s, rolled back): all columns identical",
        flush=True,
    )


class _Rollback(Exception):
    pass


def ensure_index(args):
    articles, indexed = index_counts()
    print(f"index: {articles} live articles, {indexed} with an index entry", flush=True)
    if articles == indexed and not args.reindex:
        verify_sample(args.verify)
        return
    build_index(args)
    articles, indexed = index_counts()
    print(f"index: {articles} live articles, {indexed} with an index entry", flush=True)
    if articles != indexed:
        raise SystemExit("index: still incomplete")
    verify_sample(args.verify)


def ensure_search_documents():
    """Herald's own index (sitesearch), copied from Wagtail's complete one when it lags."""
    from sitesearch.documents import documents_from_wagtail_index, is_enabled
    from sitesearch.models import SearchDocument

    if not is_enabled():
        print("sitesearch: off (HERALD_SEARCH_POSTGRES_INDEX): Wagtail's backend is measured")
        return
    articles, _indexed = index_counts()
    documents = SearchDocument.objects.count()
    print(f"sitesearch: {documents} documents for {articles} live articles", flush=True)
    if documents < articles:
        began = time.perf_counter()
        written = documents_from_wagtail_index()
        print(f"sitesearch: {written} documents copied in {time.perf_counter() - began:.0f} s")


# -- 3. queries ----------------------------------------------------------------------------


def bench(args):
    from django.conf import settings
    from django.db import connection
    from django.db.models import Max
    from django.test import Client, RequestFactory
    from django.utils import timezone
    from wagtail.models import Site

    from newsroom import selectors
    from newsroom.models import ArticlePage, SectionPage, paginate
    from newsroom.search import SearchFilters

    if settings.HERALD_PAGE_CACHE:
        raise SystemExit("the page cache must be off (HERALD_PAGE_CACHE=false)")
    site = Site.objects.get(hostname="localhost")
    home = site.root_page.specific
    newest = ArticlePage.objects.live().descendant_of(home).aggregate(Max("first_published_at"))
    last_day = timezone.localdate(newest["first_published_at__max"])
    client = Client(HTTP_HOST=site.hostname)
    factory = RequestFactory(HTTP_HOST=site.hostname)

    def prepared(query, search_filter):
        params, filters = {"q": query}, SearchFilters(query=query)
        if search_filter and search_filter[0] == "date":
            filters.start = last_day - datetime.timedelta(days=search_filter[1] - 1)
            filters.end = last_day
            params.update(start=filters.start.isoformat(), end=filters.end.isoformat())
        elif search_filter and search_filter[0] == "section":
            filters.section = SectionPage.objects.descendant_of(home).get(slug=search_filter[1])
            params["section"] = str(filters.section.pk)
        return params, filters

    def in_process(params, filters):
        request = factory.get("/search/", params)
        began = time.perf_counter()
        results = paginate(request, selectors.articles_search(root=home, filters=filters))
        shown = list(results.object_list)
        hits = f"{results.paginator.count:,}"
        if getattr(results.paginator.object_list, "more", False):
            hits = f"more than {hits}"  # sitesearch ranks the newest HERALD_SEARCH_WINDOW
        return time.perf_counter() - began, hits, len(shown)

    def over_http(params):
        began = time.perf_counter()
        response = client.get("/search/", params)
        elapsed = time.perf_counter() - began
        if response.status_code != 200 or response.get("X-Herald-Cache") == "HIT":
            raise SystemExit(f"GET /search/ {params}: {response.status_code}, {response.headers}")
        return elapsed

    def timed(run):
        durations = []
        began = time.perf_counter()
        while len(durations) < args.repeat:
            durations.append(run())
            if args.budget and time.perf_counter() - began > args.budget:
                break
        return durations

    over_http({"q": ""})  # routing, templates and the site's sections, before any timing
    rows, all_a, all_b = [], [], []
    only = {int(number) for number in args.only.split(",") if number}
    count = len(only) or len(QUERIES)
    print(f"\n{count} queries on {site.site_name} ({site.hostname}), page cache off")
    for number, (label, query, search_filter) in enumerate(QUERIES, 1):
        if only and number not in only:
            continue
        params, filters = prepared(query, search_filter)
        _, hits, shown = in_process(params, filters)  # warm-up, shared by (a) and (b)
        a = [seconds * 1000 for seconds in timed(lambda p=params, f=filters: in_process(p, f)[0])]
        b = [seconds * 1000 for seconds in timed(lambda p=params: over_http(p))]
        all_a += a
        all_b += b
        rows.append((number, label, params, hits, a, b))
        print(
            f"{number:2}. {label:42} {hits:>16} hits  (a) median {statistics.median(a):8.1f} ms "
            f"p95 {percentile(a, 0.95):8.1f} ms ({len(a)} runs)  (b) median "
            f"{statistics.median(b):8.1f} ms p95 {percentile(b, 0.95):8.1f} ms ({len(b)} runs)",
            flush=True,
        )

    print("\n| # | query | hits | (a) median | (a) p95 | (b) median | (b) p95 | runs |")
    print("|---|---|---|---|---|---|---|---|")
    for number, label, params, hits, a, b in rows:
        shown = " ".join(f"{k}={v}" for k, v in params.items())
        print(
            f"| {number} | {label} (`{shown}`) | {hits} | {statistics.median(a):,.1f} ms | "
            f"{percentile(a, 0.95):,.1f} ms | {statistics.median(b):,.1f} ms | "
            f"{percentile(b, 0.95):,.1f} ms | {len(a)} + {len(b)} |"
        )
    print(
        f"\noverall p95 over all timed runs: (a) selector + page + count "
        f"{percentile(all_a, 0.95):,.1f} ms over {len(all_a)} runs; (b) the view over HTTP "
        f"{percentile(all_b, 0.95):,.1f} ms over {len(all_b)} runs (target: 50 ms)"
    )

    if args.explain:
        number, label, params, hits, a, b = max(rows, key=lambda row: statistics.median(row[4]))
        _, filters = prepared(params["q"], QUERIES[number - 1][2])
        connection.force_debug_cursor = True
        connection.queries_log.clear()
        in_process(params, filters)
        connection.force_debug_cursor = False
        searches = [q["sql"] for q in connection.queries_log if "@@" in q["sql"]]
        print(f"\nEXPLAIN ANALYZE, slowest query: {label}")
        with connection.cursor() as cursor:
            for sql in searches:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                print("\n" + sql[:300] + " ...")
                print("\n".join(line for (line,) in cursor.fetchall()))


# Two plain indexes, no code change: the search's filter is ``(title || body) @@ query`` and its
# join is ``object_id = page.id::varchar(50)``, and neither expression has an index by default.
EXTRA_INDEXES = [
    "CREATE INDEX IF NOT EXISTS bench_indexentry_title_body_gin ON {table} "
    "USING gin ((title || body))",
    "CREATE INDEX IF NOT EXISTS bench_page_id_varchar ON wagtailcore_page (((id)::varchar(50)))",
]


def extra_indexes_create():
    from django.db import connection
    from modelsearch.conf import get_app_config

    table = get_app_config().get_model("IndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for statement in EXTRA_INDEXES:
            started = time.perf_counter()
            cursor.execute(statement.format(table=table))
            print(f"{statement.format(table=table)}: {time.perf_counter() - started:.0f} s")
        cursor.execute(f"ANALYZE {table}")  # noqa: S608 (collects the expression's statistics)
        cursor.execute("ANALYZE wagtailcore_page")
        cursor.execute("RESET maintenance_work_mem")


def describe():
    from django.db import connection
    from modelsearch.conf import get_app_config

    table = get_app_config().get_model("IndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        settings = []
        for name in ("shared_buffers", "work_mem", "max_parallel_workers_per_gather", "jit"):
            cursor.execute(f"SHOW {name}")
            settings.append(f"{name}={cursor.fetchone()[0]}")
        cursor.execute(f"SELECT pg_size_pretty(pg_total_relation_size('{table}'))")
        size = cursor.fetchone()[0]
    print(f"PostgreSQL {version} ({', '.join(settings)}); {table}: {size}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="migrate and fill an empty database")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--var-dir", default=DEFAULT_VAR_DIR, help="HERALD_VAR_DIR (media)")
    parser.add_argument("--settings", default="herald.settings.demo")
    parser.add_argument("--repeat", type=int, default=10, help="timed runs per query and way")
    parser.add_argument(
        "--budget",
        type=float,
        default=0,
        help="stop timing a query after this many seconds (at least 1 run; 0: always --repeat)",
    )
    parser.add_argument("--verify", type=int, default=200, help="articles to check (0: none)")
    parser.add_argument("--reindex", action="store_true", help="rebuild the index even if complete")
    parser.add_argument("--no-bench", action="store_true", help="stop after the index")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest query")
    parser.add_argument(
        "--extra-indexes",
        action="store_true",
        help="first add a GIN index on (title || body) and one on wagtailcore_page (id::varchar)",
    )
    parser.add_argument(
        "--only", default="", help="comma-separated query numbers to run (default: all 20)"
    )
    args = parser.parse_args()

    configure(args)
    if args.build:
        build(args)
    if not args.no_bench and not (Path(args.var_dir) / "static" / "staticfiles.json").exists():
        manage("collectstatic", "--no-input", "-v0")  # the demo settings serve hashed files
    import django

    django.setup()
    describe()
    ensure_index(args)
    manage("migrate", "--no-input", "-v0")  # tables added since the database was built
    ensure_search_documents()
    if args.extra_indexes:
        extra_indexes_create()
    if not args.no_bench:
        bench(args)


if __name__ == "__main__":
    main()
