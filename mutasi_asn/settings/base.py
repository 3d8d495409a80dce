"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see `.env.example`);
the defaults here are the embedded development set-up: SQLite and Celery in eager mode.
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A developer may keep a private `.env` (never committed); production passes real variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VERSION = "0.1.0"

SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Addresses of the reverse proxy whose X-Forwarded-* headers are believed; none in development.
PROXY_TEPERCAYA: list[str] = []

INSTALLED_APPS = [
    "mutasi_asn.apps.AdminMutasiConfig",  # django.contrib.admin, with our site (mutasi_asn/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from our own static files
    "csp",
    "axes",
    "mutasi_asn.akun",
    "instansi",
    "pegawai",
    "analisis_beban",
    "usulan_mutasi",
]

MIDDLEWARE = [
    "mutasi_asn.middleware.ProxyTepercayaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mutasi_asn.middleware.HtmxMasukMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mutasi_asn.urls"
WSGI_APPLICATION = "mutasi_asn.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mutasi_asn.context_processors.aplikasi",
            ],
            "libraries": {"tampilan": "mutasi_asn.templatetags.tampilan"},
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "akun.Pengguna"
# django-axes first: it refuses a sign-in (form, admin) that is locked out before any password
# is checked. Failures are rows in the database, so every gunicorn worker counts the same ones.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
# One username from one address: a robot is stopped, a colleague behind the same office
# address who typed their own password wrong is not.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "mutasi_asn.akun.views.terkunci"
# The client address is the connection's own; production behind the proxy reads its header.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
# Third-party assets come from npm (package-lock.json), served under static/vendor/.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Proposal documents are never served by URL: they go through a view that checks scope.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Backups (manage.py cadangkan / pulihkan, nightly beat job): where, and how many are kept.
CADANGAN_ROOT = env.path("CADANGAN_ROOT", default=BASE_DIR / "cadangan")
CADANGAN_SIMPAN = env.int("CADANGAN_SIMPAN", default=14)
UNGGAHAN_MAKS_BYTE = env.int("UNGGAHAN_MAKS_BYTE", default=10 * 1024 * 1024)
# LibreOffice for the decree's PDF (Debian: libreoffice-writer-nogui); absent = DOCX only.
SOFFICE_BIN = env("SOFFICE_BIN", default="soffice")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Mutasi ASN <noreply@localhost>")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Where the links in notification emails point (scheme and host, no trailing slash).
URL_SITUS = env("URL_SITUS", default="http://127.0.0.1:8000")

# --- Celery -------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without a broker the tasks run in-process so the embedded set-up still works end to end.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=25 * 60)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE: dict = {}
# A full ABK recalculation of a city with at least this many active jabatan is sent as a
# Celery chord of one task per instansi (analisis_beban.services.perhitungan_bagian).
ABK_PARTISI_MIN_JABATAN = 20_000
# ABK safety nets: what a broker outage left stale, every 5 minutes; the open periods in full,
# nightly (analisis_beban/tasks.py).
CELERY_BEAT_SCHEDULE["abk-hitung-yang-basi"] = {
    "task": "analisis_beban.tasks.abk_hitung_yang_basi",
    "schedule": crontab(minute="*/5"),
}
CELERY_BEAT_SCHEDULE["abk-hitung-ulang-malam"] = {
    "task": "analisis_beban.tasks.abk_hitung_ulang_malam",
    "schedule": crontab(hour=1, minute=30),
}
# The database and every uploaded file into one archive, nightly (mutasi_asn/cadangan.py).
CELERY_BEAT_SCHEDULE["cadangan-malam"] = {
    "task": "mutasi_asn.akun.tasks.cadangkan_malam",
    "schedule": crontab(hour=2, minute=0),
}
# Issued SKs whose TMT has arrived take effect (usulan_mutasi/tasks.py). Hourly, so a worker
# that was down at midnight catches up; applying is idempotent.
CELERY_BEAT_SCHEDULE["usulan-berlakukan-sk-jatuh-tempo"] = {
    "task": "usulan_mutasi.tasks.berlakukan_sk_jatuh_tempo",
    "schedule": crontab(minute=15),
}
# An import whose check or commit task was lost (worker killed, queue emptied) ends as gagal
# (pegawai/tasks.py).
CELERY_BEAT_SCHEDULE["impor-akhiri-yang-macet"] = {
    "task": "pegawai.tasks.impor_akhiri_macet",
    "schedule": crontab(minute="*/10"),
}

# --- Content-Security-Policy (django-csp), enforced -------------------------------------
# Only our own files run or style a page: no inline script, style attribute or eval (the
# templates hold none — tests/keamanan/test_csp.py — and htmx is told so in base.html).
# data: images are Bootstrap's own SVG icons inside its CSS (select arrows, checkboxes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- REST API -----------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "mutasi_asn.autentikasi.TokenAuthenticationBerbatas",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "mutasi_asn.pagination.HalamanBernomor",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "mutasi_asn.api.penanganan_galat",
    # Per signed-in user and per address; wrong tokens have their own, tighter limit
    # (mutasi_asn.autentikasi). Counted in each process's memory: a broker
    # outage must not fail API requests, and sign-in lockout (axes) is in the database anyway.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "1200/min", "token_gagal": "10/min"},
    "NUM_PROXIES": 0,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mutasi ASN API",
    "DESCRIPTION": "API baca register kepegawaian, ABK, dan usulan mutasi.",
    "VERSION": VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    # Schema and docs for signed-in users only; Swagger UI from drf-spectacular-sidecar's files.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No call to swagger.io's online validator (the intranet is often offline).
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
    # Every choice set gets one stable name in the schema, so the generator never guesses.
    "ENUM_NAME_OVERRIDES": {
        "GolonganEnum": "instansi.choices.Golongan",
        "PendidikanEnum": "instansi.choices.Pendidikan",
        "JenisInstansiEnum": "instansi.choices.JenisInstansi",
        "JenisUnitEnum": "instansi.choices.JenisUnit",
        "JenisJabatanEnum": "instansi.choices.JenisJabatan",
        "JenjangEnum": "instansi.choices.Jenjang",
        "EselonEnum": "instansi.choices.Eselon",
        "StatusKepegawaianEnum": "pegawai.choices.StatusKepegawaian",
        "JenisKelaminEnum": "pegawai.choices.JenisKelamin",
        "RatingSKPEnum": "pegawai.choices.RatingSKP",
        "JenisKompetensiEnum": "instansi.choices.JenisKompetensi",
        "JenisPelatihanEnum": "instansi.choices.JenisPelatihan",
        "KeadaanFormasiEnum": "analisis_beban.choices.KeadaanFormasi",
        "PrestasiJabatanEnum": "analisis_beban.choices.PrestasiJabatan",
        "JenisMutasiEnum": "usulan_mutasi.choices.JenisMutasi",
        "AlasanMutasiEnum": "usulan_mutasi.choices.AlasanMutasi",
        "StatusUsulanEnum": "usulan_mutasi.choices.StatusUsulan",
        "StatusSKEnum": "usulan_mutasi.choices.StatusSK",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
