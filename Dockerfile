# RAZEM portal – production image: gunicorn serving razem.wsgi, static files by
# whitenoise, PostgreSQL and (optionally) Redis configured through the environment.
#
# Web:    docker run --env-file .env razem   (behind the TLS proxy, port 8000)
# Worker: docker run --env-file .env razem python manage.py db_worker
#         (the task worker that sends e-mails; run at least one, scale separately)
# Scheduler: docker run --env-file .env razem python manage.py run_scheduler
#         (queues scheduled publishing, closing of opinions, retention, reminders)
# Before the first start and after each upgrade: python manage.py migrate
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=razem.settings.production \
    PORT=8000

# Pango and DejaVu fonts for WeasyPrint (PDFs with Polish glyphs); gettext to compile
# the translation catalogues.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 razem
WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install .

COPY --chown=razem:razem . .

# Catalogues and static files are built into the image with a build-only secret;
# the real secret comes from the environment at run time.
RUN DJANGO_SECRET_KEY=build-only-not-secret python manage.py compilemessages -v 0 \
    && DJANGO_SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput -v 0 \
    && mkdir -p /app/media && chown -R razem:razem /app/media /app/staticfiles

USER razem
EXPOSE 8000

# One check for the three roles of this image (razem/management/commands/
# healthcheck.py): web asks its own /healthz; the worker and the scheduler answer no
# HTTP, so their check is the database plus their own heartbeat file. The role is
# read from the container's main process (or RAZEM_ROLE=web|worker|scheduler).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD python manage.py healthcheck || exit 1

# Behind the TLS proxy (docs/operations.md): the proxy sets X-Forwarded-Proto and
# appends to X-Forwarded-For; RAZEM_PROXY_COUNT=1 tells the app to believe the entry
# it appended. FORWARDED_ALLOW_IPS (gunicorn) is who may set the scheme header.
CMD ["sh", "-c", "exec gunicorn razem.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile - --forwarded-allow-ips=\"${FORWARDED_ALLOW_IPS:-*}\""]
