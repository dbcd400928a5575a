"""Settings shared by every environment. Values come from environment variables only."""

from urllib.parse import urlsplit

from django.utils.csp import CSP

from .env import (
    BASE_DIR,
    VAR_DIR,
    database_config,
    env_aliases,
    env_bool,
    env_int,
    env_json,
    env_list,
    env_str,
    live_channel_default,
    object_storage,
    social_providers,
)

# Where the one-machine install keeps its database, secret key, media and mail (HERALD_VAR_DIR).
HERALD_VAR_DIR = VAR_DIR
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,.localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Other host names a site answers on, by its canonical Wagtail hostname: a GET or HEAD on an
# alias gets a 301 to the site's root_url (delivery/sites.py). Environment:
# "localhost=127.0.0.1,news.example.org=www.news.example.org news.example.net". The default is
# the demo's; production's is none.
HERALD_SITE_ALIASES = env_aliases("HERALD_SITE_ALIASES", "localhost=127.0.0.1")

INSTALLED_APPS = [
    "herald",  # the project itself, for its demo_content command (herald/demo.py)
    "accounts",
    "uploads",
    "video",
    "newsroom",
    "live",
    "syndication",
    "api",
    "wire",
    "places",
    "components",
    "notifications",
    "comments",
    "community",
    "sitesearch",
    "delivery",
    "moderation",
    "health",
    "worker",
    "ratelimits",
    "external",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtailmedia",
    "wagtail.sites",
    "accounts.users_app.HeraldUsersConfig",  # wagtail.users, with forms for members
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.facebook",
    "allauth.socialaccount.providers.openid_connect",
]

MIDDLEWARE = [
    "delivery.middleware.reject_nul_bytes",
    "delivery.middleware.CanonicalHostMiddleware",
    "delivery.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "delivery.middleware.flash_redirects",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.network.middleware.site_sessions_seen",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "delivery.middleware.CachePolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "delivery.route_cache.RouteCacheMiddleware",
]

ROOT_URLCONF = "herald.urls"
WSGI_APPLICATION = None
ASGI_APPLICATION = "herald.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "newsroom.context_processors.network",
            ],
        },
    },
]

DATABASES = {"default": database_config()}
# Requests Django handles at once per process (herald/asgi_guard.py); the rest wait their turn
# on the event loop. With a database pool, the default leaves two of its connections for the
# embedded task worker and scheduler, so a request never waits for a connection; 0 = no limit.
_POOL_SIZE = DATABASES["default"].get("OPTIONS", {}).get("pool", {}).get("max_size", 0)
HERALD_CONCURRENT_REQUESTS = env_int(
    "HERALD_CONCURRENT_REQUESTS", max(_POOL_SIZE - 2, 1) if _POOL_SIZE else 0
)
# Threads Django's requests run in, one request at a time each (herald/asgi_django.py): each
# holds at most one database connection, so never more than the pool's size is needed.
HERALD_DJANGO_THREADS = env_int("HERALD_DJANGO_THREADS", HERALD_CONCURRENT_REQUESTS or 8)
# Site search's index (sitesearch) and Wagtail's PostgreSQL search backend need its fields; on
# other databases the app only registers lookups that nothing uses.
INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env_str("REDIS_URL")
# Give up on an unreachable Redis quickly: every cache Herald uses is optional (see
# delivery/redis_cache.py), so a short timeout beats a hanging page.
REDIS_OPTIONS = {
    "socket_connect_timeout": env_int("HERALD_REDIS_TIMEOUT_MS", 250) / 1000,
    "socket_timeout": env_int("HERALD_REDIS_TIMEOUT_MS", 250) / 1000,
}
HERALD_CACHE_PREFIX = env_str("HERALD_CACHE_PREFIX", "herald")
# The page cache (delivery.pagecache): local memory in the one-process install, Redis when
# several processes must share it. How many pages the local-memory cache keeps at most.
HERALD_PAGE_CACHE_MAX_ENTRIES = env_int("HERALD_PAGE_CACHE_MAX_ENTRIES", 5000)
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "delivery.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": REDIS_OPTIONS,
        }
        for alias, prefix in (
            ("default", HERALD_CACHE_PREFIX),
            ("pages", f"{HERALD_CACHE_PREFIX}-pages"),
        )
    }
    # Sessions are written to the database and read from Redis: a Redis outage signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "herald-pages",
            "OPTIONS": {"MAX_ENTRIES": HERALD_PAGE_CACHE_MAX_ENTRIES},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Messages wait in a cookie, where the page cache's front door sees them: the page after the
# action is rendered for that browser, shows them and clears the cookie (never a session, which
# the front door cannot read, so a message turned up pages later somewhere else).
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/accounts/profile/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-za"
TIME_ZONE = "Africa/Johannesburg"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env_str("STATIC_ROOT") or str(VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = env_str("MEDIA_ROOT") or str(VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "delivery.static_storage.RememberingManifestStorage"},
}
# Media is served by the app only in the one-machine install; a CDN or web server does it at scale.
HERALD_SERVE_MEDIA = env_bool("HERALD_SERVE_MEDIA", True)
# How long browsers and CDNs keep a picture (stored with each object on S3, sent by Herald when it
# serves media itself); members' avatars and the pictures they send (files named reader-…) for
# less, so that one removed, taken down or erased goes soon (delivery/media.py).
HERALD_MEDIA_MAX_AGE = env_int("HERALD_MEDIA_MAX_AGE", 86400)
HERALD_AVATAR_MAX_AGE = env_int("HERALD_AVATAR_MAX_AGE", 3600)
HERALD_READER_MEDIA_MAX_AGE = env_int("HERALD_READER_MEDIA_MAX_AGE", 3600)
# Media on S3-compatible object storage (django-storages) when HERALD_S3_BUCKET is set: pictures,
# renditions and avatars go there, served from the bucket or a media domain (docs/deployment.md).
_object_storage, HERALD_MEDIA_ORIGIN = object_storage()
if _object_storage:
    STORAGES["default"] = _object_storage
    HERALD_SERVE_MEDIA = False

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Herald <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Without EMAIL_HOST, mail is written to files: each as sent, and a plain-text copy with its
# links, which are also logged to the console (notifications/mailfiles.py).
MAILERS = {
    "default": {
        "BACKEND": "notifications.mailfiles.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
    }
}
if env_str("EMAIL_HOST"):
    MAILERS["default"] = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("EMAIL_HOST"),
            "port": env_int("EMAIL_PORT", 587),
            "username": env_str("EMAIL_HOST_USER") or None,
            "password": env_str("EMAIL_HOST_PASSWORD") or None,
            "use_tls": env_bool("EMAIL_USE_TLS", True),
        },
    }

# Tasks: read by django_tasks and by Wagtail. The database backend needs a worker: the embedded
# thread (HERALD_EMBEDDED_WORKER) in the one-process install, `manage.py herald_worker` when
# scaled out. Herald's worker (worker/leases.py) holds a lease on each task it runs, renewed
# every HERALD_TASK_HEARTBEAT_SECONDS; a task whose lease is older than HERALD_TASK_LEASE_SECONDS
# (its worker was killed or lost) is run again. A task that raises is run again after
# HERALD_TASK_RETRY_SECONDS, doubling each time up to HERALD_TASK_RETRY_MAX_SECONDS, until it has
# had HERALD_TASK_MAX_ATTEMPTS; then it is failed, and shown under Reports → Background tasks.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
HERALD_EMBEDDED_WORKER = env_bool("HERALD_EMBEDDED_WORKER", True)
HERALD_TASK_LEASE_SECONDS = env_int("HERALD_TASK_LEASE_SECONDS", 30)
HERALD_TASK_HEARTBEAT_SECONDS = env_int(
    "HERALD_TASK_HEARTBEAT_SECONDS", max(HERALD_TASK_LEASE_SECONDS // 6, 1)
)
HERALD_TASK_MAX_ATTEMPTS = env_int("HERALD_TASK_MAX_ATTEMPTS", 5)
HERALD_TASK_RETRY_SECONDS = env_int("HERALD_TASK_RETRY_SECONDS", 10)
HERALD_TASK_RETRY_MAX_SECONDS = env_int("HERALD_TASK_RETRY_MAX_SECONDS", 3600)

WAGTAIL_SITE_NAME = env_str("HERALD_NETWORK_NAME", "Herald")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# Site search on PostgreSQL uses Herald's own index (sitesearch/): one GIN-indexed vector per
# page, joined to the live pages, ranking only the newest HERALD_SEARCH_WINDOW matches.
# Section, tag and author lists page back at most this far (20 stories a page).
HERALD_LIST_MAX_PAGES = env_int("HERALD_LIST_MAX_PAGES", 50)
# Items a page of /multimedia/ shows (galleries, reader pictures, videos).
HERALD_MULTIMEDIA_PAGE_SIZE = env_int("HERALD_MULTIMEDIA_PAGE_SIZE", 24)
# Related stories under an article come from the newest this-many tagged stories of its site.
HERALD_RELATED_CANDIDATES = env_int("HERALD_RELATED_CANDIDATES", 300)
HERALD_SEARCH_POSTGRES_INDEX = env_bool("HERALD_SEARCH_POSTGRES_INDEX", True)
HERALD_SEARCH_WINDOW = env_int("HERALD_SEARCH_WINDOW", 500)
# Searches look through the newest periods of this many days first (sitesearch.keys); after a
# change, run `manage.py search_documents --keys` to re-key the documents.
HERALD_SEARCH_PERIOD_DAYS = env_int("HERALD_SEARCH_PERIOD_DAYS", 7)
# The PostgreSQL text search configuration (stemming and stop words) of both indexes; empty:
# the database's default_text_search_config.
HERALD_SEARCH_CONFIG = env_str("HERALD_SEARCH_CONFIG", "english")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": HERALD_SEARCH_CONFIG or None,  # read on PostgreSQL only
    }
}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Pages an editor restricts to signed-in members send readers to Herald's own sign-in page.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# No avatars from gravatar.com in the admin (broken offline, and each editor's e-mail hash goes
# to a third party): members' pictures or initials instead (accounts/avatars.py). An operator
# may name a gravatar-style service with HERALD_GRAVATAR_URL (docs/configuration.md).
WAGTAIL_GRAVATAR_PROVIDER_URL = env_str("HERALD_GRAVATAR_URL") or None
_gravatar = urlsplit(WAGTAIL_GRAVATAR_PROVIDER_URL or "")
_gravatar_origin = [
    f"{_gravatar.scheme}://{_gravatar.netloc}" if _gravatar.scheme else _gravatar.netloc
][: 1 if _gravatar.netloc else 0]
TAGGIT_CASE_INSENSITIVE = True

# Public pages: no inline script or style, nothing from elsewhere except embeds' players.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [
        CSP.SELF,
        "data:",
        *([HERALD_MEDIA_ORIGIN] if HERALD_MEDIA_ORIGIN else []),
        *_gravatar_origin,
    ],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}

# How long shared caches (a CDN, Varnish) and browsers may keep anonymous pages, in seconds.
HERALD_PAGE_MAX_AGE = env_int("HERALD_PAGE_MAX_AGE", 60)
HERALD_PAGE_SHARED_MAX_AGE = env_int("HERALD_PAGE_SHARED_MAX_AGE", 300)
# RFC 5861 on every public response, so a CDN or browser does what Herald's own cache does: serve
# the expired copy while one request fetches a new one (seconds after max-age), and while Herald
# cannot answer (a day). A purge still removes the copy at once; 0 leaves a directive out.
HERALD_STALE_WHILE_REVALIDATE = env_int("HERALD_STALE_WHILE_REVALIDATE", 30)
HERALD_STALE_IF_ERROR = env_int("HERALD_STALE_IF_ERROR", 86400)
HERALD_DEMO_PORT = env_int("HERALD_DEMO_PORT", 8000)

# Herald's own page cache (docs/deployment.md). HERALD_PAGE_CACHE=false turns it off (the
# benchmark's "uncached" runs); pages then render on every request.
HERALD_PAGE_CACHE = env_bool("HERALD_PAGE_CACHE", True)
HERALD_PAGE_CACHE_ALIAS = "pages"
# Seconds a cached page is fresh (purges end it sooner), then kept stale for serving while it
# re-renders and while the database is down.
HERALD_PAGE_CACHE_TTL = env_int("HERALD_PAGE_CACHE_TTL", 600)
# Parts many pages share (header, section blocks, components, related stories), kept rendered
# while the surrogate keys they show are unpurged (delivery/fragments.py), for at most this long.
HERALD_FRAGMENT_CACHE = env_bool("HERALD_FRAGMENT_CACHE", True)
HERALD_FRAGMENT_CACHE_TTL = env_int("HERALD_FRAGMENT_CACHE_TTL", 600)
# How long the page a path names is remembered (delivery/route_cache.py); 0 routes every time.
HERALD_ROUTE_CACHE_TTL = env_int("HERALD_ROUTE_CACHE_TTL", 3600)
# How long the paths of restricted pages are remembered (newsroom.restrictions). A change of
# restrictions drops them at once; this bounds a drop that did not reach the cache (Redis down
# at that moment) to about the page cache's shared lifetime.
HERALD_RESTRICTED_PATHS_SECONDS = env_int("HERALD_RESTRICTED_PATHS_SECONDS", 300)
HERALD_PAGE_CACHE_STALE = env_int("HERALD_PAGE_CACHE_STALE", 86400)
# Seconds a process answers a hot page from its own memory before checking the shared cache
# again: purges from other processes reach it within this time (0: check on every request).
HERALD_PAGE_CACHE_LOCAL_SECONDS = env_int("HERALD_PAGE_CACHE_LOCAL_SECONDS", 1)
# Seconds a request waits for another request's render of the same page, and the longest a
# render may hold its lock.
HERALD_PAGE_CACHE_WAIT_SECONDS = env_int("HERALD_PAGE_CACHE_WAIT_SECONDS", 3)
HERALD_PAGE_CACHE_LOCK_SECONDS = env_int("HERALD_PAGE_CACHE_LOCK_SECONDS", 30)
# The query parameters pages read; every other parameter is dropped before the page renders.
# Routes that read their own (the API) declare them instead (delivery/routes.py).
HERALD_PAGE_CACHE_QUERY_PARAMS = frozenset(
    env_list(
        "HERALD_PAGE_CACHE_QUERY_PARAMS",
        "page,q,section,start,end,type,kind,location,place,category,date,ids,order,reply",
    )
)
HERALD_PAGE_CACHE_SKIP_PATHS = (
    "/admin/",
    "/settings/",
    "/accounts/",
    "/api/v1/openapi.json",  # made from the code, not content: nothing would purge it
    "/live/",
    "/static/",
    "/media/",
    "/documents/",
    "/healthz",
    # A member's own pages: private, and read parameters pages don't (``?response_to=``).
    "/mynews/submit/",
    "/mynews/mine/",
    "/galleries/submit/",
    "/listings/propose/",
    "/comments/form/",
    "/comments/edit/",
    "/comments/delete/",
    "/comments/report/",
    "/comments/respect/",
)
# A browser sending one of these cookies gets pages rendered for it, never a cached copy: a
# message waiting to be shown on the next page (docs/performance.md). A session does not count:
# members are served stored pages, which were rendered without reading any session.
HERALD_PAGE_CACHE_BYPASS_COOKIES = frozenset({"messages"})
# Stored pages keep gzip and Brotli copies (delivery/compression.py): Brotli's quality (0-11;
# 5 compresses about as well as gzip -9 at a fraction of 11's cost) and the smallest body worth
# compressing, in bytes.
HERALD_BROTLI_QUALITY = env_int("HERALD_BROTLI_QUALITY", 5)
HERALD_COMPRESS_MIN_BYTES = env_int("HERALD_COMPRESS_MIN_BYTES", 512)

# Herald's one HTTP client (external/http.py): the timeout of a request whose caller gives none
# (weather, the comment scorers, purges and wire pictures give their own, below), and how many
# more tries a request gets when its connection fails (never a POST that may have arrived).
HERALD_HTTP_TIMEOUT = env_int("HERALD_HTTP_TIMEOUT_MS", 5000) / 1000
HERALD_HTTP_RETRIES = env_int("HERALD_HTTP_RETRIES", 1)

# Purges sent on to caches in front of Herald: Varnish servers that purge by surrogate key
# (xkey; deploy/varnish/herald.vcl), and Wagtail's frontend-cache backends for CDNs, given as
# the JSON of WAGTAILFRONTENDCACHE (docs/deployment.md).
HERALD_VARNISH_URLS = env_list("HERALD_VARNISH_URLS")
HERALD_PURGE_TIMEOUT = env_int("HERALD_PURGE_TIMEOUT", 2)
# A purge that missed a cache (Redis, Varnish, a CDN's API) is tried again after 1 s, then every
# this many seconds while a page could still be cached fresh (delivery/tasks.py).
HERALD_PURGE_RETRY_SECONDS = env_int("HERALD_PURGE_RETRY_SECONDS", 2)
# A service that stays down (Varnish, the mail server, a CDN's API) is logged once, with what
# to do, then again at most this often while the outage lasts (health/outages.py).
HERALD_OUTAGE_REPEAT_SECONDS = env_int("HERALD_OUTAGE_REPEAT_SECONDS", 300)
WAGTAILFRONTENDCACHE = env_json("WAGTAILFRONTENDCACHE", {})

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("HERALD_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail logs every page action at INFO; the admin's history already records them.
        "wagtail": {"level": "WARNING"},
        # Every task's start and end at INFO: hundreds of lines at a demo's first start.
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        # httpx logs every request Herald makes (each purge, each weather fetch) at INFO; the
        # callers report what failed (external/http.py, health/outages.py).
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}

# How long a task worker (embedded or `herald_worker`) waits between polls for tasks, and how
# often scheduled pages are published (seconds).
HERALD_WORKER_INTERVAL = env_int("HERALD_WORKER_INTERVAL", 1)
HERALD_SCHEDULER_INTERVAL = env_int("HERALD_SCHEDULER_INTERVAL", 60)

# Pictures members upload (avatars, story and gallery pictures): limits checked before the
# pixels are decoded, and the longest side after re-encoding.
HERALD_UPLOAD_MAX_BYTES = env_int("HERALD_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
HERALD_UPLOAD_MAX_PIXELS = env_int("HERALD_UPLOAD_MAX_PIXELS", 40_000_000)
HERALD_UPLOAD_MAX_SIDE = env_int("HERALD_UPLOAD_MAX_SIDE", 3000)

# Videos editors upload (video/, docs/video.md): wagtailmedia's media items, with Herald's model
# and form, which probe each file with PyAV (MP4 or WebM; H.264, VP8, VP9 or AV1) and refuse it
# past these limits. Keep nginx's client_max_body_size for /admin/ above HERALD_VIDEO_MAX_BYTES.
HERALD_VIDEO_MAX_SECONDS = env_int("HERALD_VIDEO_MAX_SECONDS", 15 * 60)
HERALD_VIDEO_MAX_BYTES = env_int("HERALD_VIDEO_MAX_BYTES", 100 * 1024 * 1024)
HERALD_VIDEO_CAPTIONS_MAX_BYTES = env_int("HERALD_VIDEO_CAPTIONS_MAX_BYTES", 1024 * 1024)
WAGTAILMEDIA = {
    "MEDIA_MODEL": "video.Video",
    "MEDIA_FORM_BASE": "video.forms.VideoForm",
    "VIDEO_EXTENSIONS": ["mp4", "webm"],
}
# One allowance per member for every upload path (avatar, story and gallery pictures): this many
# files in any HERALD_UPLOAD_ALLOWANCE_HOURS hours; past it, 429 with Retry-After (uploads/
# services.py). It replaces HERALD_GALLERY_PICTURES_PER_DAY, whose value is taken when set.
HERALD_UPLOAD_ALLOWANCE = env_int(
    "HERALD_UPLOAD_ALLOWANCE", env_int("HERALD_GALLERY_PICTURES_PER_DAY", 30)
)
HERALD_UPLOAD_ALLOWANCE_HOURS = env_int("HERALD_UPLOAD_ALLOWANCE_HOURS", 24)
# Django's own handlers, with long file names shortened first (uploads/multipart.py).
FILE_UPLOAD_HANDLERS = [
    "uploads.multipart.MemoryFileUploadHandler",
    "uploads.multipart.TemporaryFileUploadHandler",
]
# Seconds import_wire waits for a picture a wire item points to.
HERALD_WIRE_PICTURE_TIMEOUT = env_int("HERALD_WIRE_PICTURE_TIMEOUT", 10)

# Accounts (django-allauth): e-mail and password, verified e-mail required, social sign-in.
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None  # the public username is chosen on "Create profile"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Herald] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_str("HERALD_HTTP_PROTOCOL", "http")
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's own rate limits (per IP, per key, per user), on top of its defaults.
ACCOUNT_RATE_LIMITS = {
    "login": env_str("HERALD_RATE_LOGIN", "30/m/ip"),
    "login_failed": env_str("HERALD_RATE_LOGIN_FAILED", "10/m/ip,5/5m/key"),
    "signup": env_str("HERALD_RATE_SIGNUP", "20/m/ip,100/h/ip"),
    "reset_password": env_str("HERALD_RATE_RESET_PASSWORD", "20/m/ip,5/m/key"),
}
# Never attach a social login to an existing account because the e-mail matches; members
# connect providers from their settings after signing in (see docs/accounts.md).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
# A member signing in with Facebook or OIDC gets straight in; their address is marked verified
# only when the provider says so (OIDC's email_verified claim). Because social logins never
# attach to existing accounts by e-mail, an unverified address cannot take anything over.
SOCIALACCOUNT_EMAIL_VERIFICATION = "optional"
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = social_providers()
# OpenID Connect through Herald's subclass of allauth's provider (same id, URLs and settings):
# it sends a nonce and checks every ID token (signature against the provider's JWKS, algorithm,
# iss, aud, azp, exp, iat, nonce). See docs/accounts.md.
SOCIALACCOUNT_PROVIDERS["openid_connect"]["provider_class"] = (
    "accounts.oidc.provider.HeraldOpenIDConnectProvider"
)
HERALD_OIDC_ALGORITHMS = env_list(
    "HERALD_OIDC_ALGORITHMS", "RS256,RS384,RS512,PS256,PS384,PS512,ES256,ES384,ES512,EdDSA"
)
HERALD_OIDC_LEEWAY = env_int("HERALD_OIDC_LEEWAY", 60)  # seconds of clock skew allowed
HERALD_OIDC_MAX_AGE = env_int("HERALD_OIDC_MAX_AGE", 600)  # oldest ID token accepted (iat)
HERALD_OIDC_JWKS_CACHE_SECONDS = env_int("HERALD_OIDC_JWKS_CACHE_SECONDS", 600)
# Sign-in forms post to Herald, which redirects to the provider; browsers apply the CSP's
# form-action to that redirect, so sign-in pages also allow HTTPS and the configured providers.
HERALD_SIGNIN_FORM_ACTION = [
    CSP.SELF,
    "https:",
    *sorted(
        {
            "/".join(app["settings"]["server_url"].split("/")[:3])
            for app in SOCIALACCOUNT_PROVIDERS["openid_connect"].get("APPS", [])
        }
    ),
]
# One sign-in across sites that share a parent domain (e.g. ".example.org"); empty = per host.
SESSION_COOKIE_DOMAIN = env_str("HERALD_COOKIE_DOMAIN") or None
CSRF_COOKIE_DOMAIN = SESSION_COOKIE_DOMAIN
# One sign-in for every site of the network on any domain (docs/accounts.md): sites that do
# not share the account home's cookie sign in by single-use tickets from it.
HERALD_NETWORK_SIGNIN = env_bool("HERALD_NETWORK_SIGNIN", True)
HERALD_ACCOUNT_HOME = env_str("HERALD_ACCOUNT_HOME")  # a site's hostname; default: the default site
HERALD_NETWORK_TICKET_SECONDS = env_int("HERALD_NETWORK_TICKET_SECONDS", 60)
HERALD_SESSION_SEEN_SECONDS = env_int("HERALD_SESSION_SEEN_SECONDS", 300)

# Live new-story notices: events kept for reconnecting clients, replay limit, heartbeat and
# retry hint of the stream, the poll's max-age, each stream's inbox size, and the Redis channel.
HERALD_LIVE_RETENTION_HOURS = env_int("HERALD_LIVE_RETENTION_HOURS", 24)
HERALD_LIVE_REPLAY_LIMIT = env_int("HERALD_LIVE_REPLAY_LIMIT", 100)
HERALD_LIVE_HEARTBEAT = env_int("HERALD_LIVE_HEARTBEAT", 15)
HERALD_LIVE_RETRY_MS = env_int("HERALD_LIVE_RETRY_MS", 3000)
HERALD_LIVE_MAX_STREAM_SECONDS = env_int("HERALD_LIVE_MAX_STREAM_SECONDS", 300)
HERALD_LIVE_POLL_MAX_AGE = env_int("HERALD_LIVE_POLL_MAX_AGE", 5)
HERALD_LIVE_CLIENT_QUEUE = env_int("HERALD_LIVE_CLIENT_QUEUE", 64)
# The Redis that carries live events between processes; REDIS_URL unless given its own.
HERALD_LIVE_REDIS_URL = env_str("HERALD_LIVE_REDIS_URL") or REDIS_URL
# Pub/sub channels are shared by every database number of a Redis server, so the channel is
# named by the install's cache prefix and database: two installs never hear each other.
HERALD_LIVE_CHANNEL = env_str(
    "HERALD_LIVE_CHANNEL", live_channel_default(HERALD_CACHE_PREFIX, HERALD_LIVE_REDIS_URL)
)
# Only for bench/live_bench.py: enables a token-guarded endpoint that publishes test events.
HERALD_LIVE_BENCH_TOKEN = env_str("HERALD_LIVE_BENCH_TOKEN")

# Public read API: renders per IP (django-ninja's throttle syntax; answers from the page cache
# are not counted).
HERALD_API_RATE = env_str("HERALD_API_RATE", "120/m")
# API lists count matches up to this many (count_exact says whether there were more).
HERALD_API_COUNT_LIMIT = env_int("HERALD_API_COUNT_LIMIT", 10_000)
# How many trusted proxies append to X-Forwarded-For; 0 trusts none (clients could forge it).
NINJA_NUM_PROXIES = env_int("HERALD_NUM_PROXIES", 0)
# allauth's per-address sign-in limits read the reader's address the same way: behind a proxy,
# without this every reader would share the proxy's address and one bucket.
ALLAUTH_TRUSTED_PROXY_COUNT = NINJA_NUM_PROXIES
# How long browsers and API clients may keep an API response (no purge reaches them); the page
# cache, Varnish and CDNs keep it as they keep pages, until a purge (docs/api.md, "Caching").
HERALD_API_MAX_AGE = env_int("HERALD_API_MAX_AGE", 60)

# Places and location-aware components (docs/places.md).
# Countries whose towns `manage.py load_places` loads from the offline GeoNames data.
HERALD_PLACES_COUNTRIES = env_list("HERALD_PLACES_COUNTRIES", "ZA")
HERALD_PLACES_COOKIE = env_str("HERALD_PLACES_COOKIE", "herald_places")
HERALD_PLACES_COOKIE_AGE = env_int("HERALD_PLACES_COOKIE_AGE", 365 * 24 * 3600)
HERALD_PLACES_SUGGESTIONS = env_int("HERALD_PLACES_SUGGESTIONS", 8)
# Weather: "offline" reads forecasts stored in the database (the demo fills them);
# "open-meteo" asks HERALD_WEATHER_URL, caching each place's answer for HERALD_WEATHER_CACHE_SECONDS
# and a failure for HERALD_WEATHER_FAILURE_SECONDS (so an outage costs one timeout, not one a page).
HERALD_WEATHER_PROVIDER = env_str("HERALD_WEATHER_PROVIDER", "offline")
HERALD_WEATHER_URL = env_str("HERALD_WEATHER_URL", "https://api.open-meteo.com/v1/forecast")
HERALD_WEATHER_TIMEOUT = env_int("HERALD_WEATHER_TIMEOUT_MS", 3000) / 1000
HERALD_WEATHER_CACHE_SECONDS = env_int("HERALD_WEATHER_CACHE_SECONDS", 1800)
HERALD_WEATHER_FAILURE_SECONDS = env_int("HERALD_WEATHER_FAILURE_SECONDS", 60)
# How many items a component fragment lists; local news fills up from the place's region when
# the place itself has fewer than HERALD_LOCAL_NEWS_MIN stories.
HERALD_COMPONENT_ITEMS = env_int("HERALD_COMPONENT_ITEMS", 5)
HERALD_LOCAL_NEWS_MIN = env_int("HERALD_LOCAL_NEWS_MIN", 3)
# Seconds a component fragment may be cached (shorter when an alert or listing ends sooner).
HERALD_COMPONENT_MAX_AGE = env_int("HERALD_COMPONENT_MAX_AGE", 300)
# How many listings a page of /listings/ shows (?page= goes further).
HERALD_LISTINGS_PAGE_SIZE = env_int("HERALD_LISTINGS_PAGE_SIZE", 20)
# How many listings a member may propose in 24 hours.
HERALD_LISTING_PROPOSALS_PER_DAY = env_int("HERALD_LISTING_PROPOSALS_PER_DAY", 5)

# Comments (docs/comments.md). Moderators edit the word lists, the toxicity threshold and the
# network-wide pre-moderation switch in the admin (Settings → Comment policy).
HERALD_COMMENT_MAX_LENGTH = env_int("HERALD_COMMENT_MAX_LENGTH", 3000)
HERALD_COMMENT_EDIT_MINUTES = env_int("HERALD_COMMENT_EDIT_MINUTES", 5)
HERALD_COMMENTS_CLOSE_AFTER_DAYS = env_int("HERALD_COMMENTS_CLOSE_AFTER_DAYS", 30)
HERALD_COMMENTS_PER_PAGE = env_int("HERALD_COMMENTS_PER_PAGE", 20)
HERALD_COMMENT_REPLIES_SHOWN = env_int("HERALD_COMMENT_REPLIES_SHOWN", 3)
HERALD_COMMENT_INTERVAL = env_int("HERALD_COMMENT_INTERVAL", 3)
HERALD_COMMENT_HOURLY = env_int("HERALD_COMMENT_HOURLY", 30)
HERALD_COMMENT_REPEAT_HOURS = env_int("HERALD_COMMENT_REPEAT_HOURS", 24)
HERALD_COMMENT_MAX_LINKS = env_int("HERALD_COMMENT_MAX_LINKS", 2)
HERALD_COMMENT_NEW_MEMBER_HOLDS = env_int("HERALD_COMMENT_NEW_MEMBER_HOLDS", 1)
# Until a member has this many published comments, "@name" tokens count as links.
HERALD_COMMENT_NEW_MEMBER_COMMENTS = env_int("HERALD_COMMENT_NEW_MEMBER_COMMENTS", 5)
HERALD_COMMENT_REPUTATION_WINDOW = env_int("HERALD_COMMENT_REPUTATION_WINDOW", 10)
HERALD_COMMENT_REPUTATION_MINIMUM = env_int("HERALD_COMMENT_REPUTATION_MINIMUM", 4)
HERALD_COMMENT_REPUTATION_RATE = env_int("HERALD_COMMENT_REPUTATION_PERCENT", 50) / 100
HERALD_COMMENT_REPORTS_TO_HIDE = env_int("HERALD_COMMENT_REPORTS_TO_HIDE", 3)
# Hosted scorers, used only when their keys are set (the offline model is always there).
HERALD_PERSPECTIVE_API_KEY = env_str("HERALD_PERSPECTIVE_API_KEY")
HERALD_PERSPECTIVE_URL = env_str(
    "HERALD_PERSPECTIVE_URL",
    "https://commentanalyzer.googleapis.com/v1alpha1/comments:analyze",
)
HERALD_AKISMET_KEY = env_str("HERALD_AKISMET_KEY")
HERALD_AKISMET_SITE = env_str("HERALD_AKISMET_SITE", "http://localhost/")
HERALD_AKISMET_URL = env_str("HERALD_AKISMET_URL", "https://rest.akismet.com/1.1/comment-check")
HERALD_COMMENT_SCORER_TIMEOUT = env_int("HERALD_COMMENT_SCORER_TIMEOUT_MS", 2000) / 1000

# Reader contributions: MyNews stories and User Galleries pictures (docs/community.md).
HERALD_MYNEWS_MIN_WORDS = env_int("HERALD_MYNEWS_MIN_WORDS", 200)
HERALD_MYNEWS_MAX_WORDS = env_int("HERALD_MYNEWS_MAX_WORDS", 3000)
HERALD_MYNEWS_STORIES_PER_DAY = env_int("HERALD_MYNEWS_STORIES_PER_DAY", 5)
HERALD_MYNEWS_STORY_PICTURES = env_int("HERALD_MYNEWS_STORY_PICTURES", 5)
HERALD_MYNEWS_MAX_DRAFTS = env_int("HERALD_MYNEWS_MAX_DRAFTS", 20)
HERALD_MYNEWS_MAX_LINKS = env_int("HERALD_MYNEWS_MAX_LINKS", 5)
HERALD_GALLERY_FILES_PER_SUBMISSION = env_int("HERALD_GALLERY_FILES_PER_SUBMISSION", 10)
# Request bodies (herald/asgi_guard.py): routes that take files may send the most files one
# form allows at the per-file limit, plus 1 MB for the form around them; everything else 1 MB.
# Keep nginx's client_max_body_size in step (deploy/nginx/herald.conf).
HERALD_UPLOAD_BODY_MAX_BYTES = env_int(
    "HERALD_UPLOAD_BODY_MAX_BYTES",
    HERALD_UPLOAD_MAX_BYTES
    * max(HERALD_GALLERY_FILES_PER_SUBMISSION, HERALD_MYNEWS_STORY_PICTURES, 1)
    + 1024 * 1024,
)
HERALD_BODY_MAX_BYTES = env_int("HERALD_BODY_MAX_BYTES", 1024 * 1024)
HERALD_CONTRIBUTION_REFUSAL_REASONS = [
    "Shorter than our minimum or not a story",
    "Already covered, or not news for our readers",
    "Unverified claims or no sources",
    "Breaks the contributions policy",
    "Someone else's work or picture",
    "Poor quality picture",
]
