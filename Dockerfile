# Production image for the web server, the Celery worker and Celery beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 1000 lumbung
WORKDIR /app

COPY pyproject.toml README.md ./
COPY marketplace ./marketplace
COPY storefront_api ./storefront_api
COPY coop_reporting ./coop_reporting
COPY web ./web
COPY manage.py ./
RUN pip install . \
    && SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
       CELERY_BROKER_URL=redis://build:6379/0 \
       STATIC_ROOT=/app/static python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown lumbung:lumbung /app/media

USER lumbung
ENV STATIC_ROOT=/app/static MEDIA_ROOT=/app/media
EXPOSE 8000
CMD ["gunicorn", "marketplace.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", \
     "--threads", "2", "--access-logfile", "-"]
