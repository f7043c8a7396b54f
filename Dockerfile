# Luotsi's image: gunicorn web processes and `luotsi worker` processes both run from it
# (docs/deployment.md). Build: docker build -t luotsi .   Run: see compose.yaml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=luotsi.conf.settings.production \
    LUOTSI_DATA_DIR=/srv/luotsi

# WeasyPrint's Pango libraries, fonts with Finnish and Swedish glyphs, gettext for the
# translations, the PostgreSQL client for backups from the container.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
COPY deploy ./deploy
RUN pip install . \
 && cd src/luotsi && django-admin compilemessages --ignore=.venv -v 0

# Static files collected at build time and served by WhiteNoise (hashed names, compressed).
# The production settings refuse to load without keys; these are build-only and unused.
RUN SECRET_KEY=build-only-$(python -c "import secrets; print(secrets.token_urlsafe(48))") \
    LUOTSI_ENCRYPTION_KEY=$(python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())") \
    LUOTSI_HMAC_KEY=build-only-hmac-key-never-used-at-run-time-00000 \
    luotsi manage collectstatic --noinput -v 0

RUN useradd --system --uid 10001 --home-dir /srv/luotsi luotsi \
 && chown -R luotsi /srv/luotsi
USER luotsi

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["gunicorn", "-c", "/app/deploy/gunicorn.conf.py"]
